import type { TTask } from '@todo/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './support/api.js';
import { dataChecksum } from './support/checksum.js';
import { useTestApp } from './support/use-test-app.js';
import { asUser } from './support/users.js';

let task: TTask;

const {
  t,
  users: { bad: user },
} = useTestApp({ users: ['bad'] });
beforeAll(async () => {
  task = (await apiAs(t, user).call('POST', '/api/v1/tasks', { title: 'Keep me' })).json();
});

type Case = {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  url: string | (() => string);
  body?: unknown;
  raw?: string;
  contentType?: string;
  status: number;
  code: string;
};

const long = (n: number) => 'x'.repeat(n);
const taskUrl = () => `/api/v1/tasks/${task.id}`;

const cases: Case[] = [
  // create: types, missing and unknown fields, lengths
  {
    name: 'create without title',
    method: 'POST',
    url: '/api/v1/tasks',
    body: {},
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'create with empty title',
    method: 'POST',
    url: '/api/v1/tasks',
    body: { title: '' },
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'create with blank title',
    method: 'POST',
    url: '/api/v1/tasks',
    body: { title: '   ' },
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'create with 201-char title',
    method: 'POST',
    url: '/api/v1/tasks',
    body: { title: long(201) },
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'create with numeric title',
    method: 'POST',
    url: '/api/v1/tasks',
    body: { title: 42 },
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'create with null title',
    method: 'POST',
    url: '/api/v1/tasks',
    body: { title: null },
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'create with 2001-char description',
    method: 'POST',
    url: '/api/v1/tasks',
    body: { title: 'x', description: long(2001) },
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'create with unknown priority',
    method: 'POST',
    url: '/api/v1/tasks',
    body: { title: 'x', priority: 'urgent' },
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'create with priority as number',
    method: 'POST',
    url: '/api/v1/tasks',
    body: { title: 'x', priority: 3 },
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'create with unknown field',
    method: 'POST',
    url: '/api/v1/tasks',
    body: { title: 'x', colour: 'red' },
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'create with completed flag',
    method: 'POST',
    url: '/api/v1/tasks',
    body: { title: 'x', completed: true },
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'create with id',
    method: 'POST',
    url: '/api/v1/tasks',
    body: { title: 'x', id: 1 },
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'create with invalid date',
    method: 'POST',
    url: '/api/v1/tasks',
    body: { title: 'x', due_date: '2026-02-30' },
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'create with date words',
    method: 'POST',
    url: '/api/v1/tasks',
    body: { title: 'x', due_date: 'tomorrow' },
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'create with date as number',
    method: 'POST',
    url: '/api/v1/tasks',
    body: { title: 'x', due_date: 1764547200000 },
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'create with date without offset',
    method: 'POST',
    url: '/api/v1/tasks',
    body: { title: 'x', due_date: '2026-12-01T10:00:00' },
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'create with tags as string',
    method: 'POST',
    url: '/api/v1/tasks',
    body: { title: 'x', tags: 'home' },
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'create with 11 tags',
    method: 'POST',
    url: '/api/v1/tasks',
    body: { title: 'x', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) },
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'create with a tag containing spaces',
    method: 'POST',
    url: '/api/v1/tasks',
    body: { title: 'x', tags: ['a b'] },
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'create with a 33-char tag',
    method: 'POST',
    url: '/api/v1/tasks',
    body: { title: 'x', tags: [long(33)] },
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'create with an array body',
    method: 'POST',
    url: '/api/v1/tasks',
    body: [{ title: 'x' }],
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'create with a string body',
    method: 'POST',
    url: '/api/v1/tasks',
    raw: '"just a string"',
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'create with malformed JSON',
    method: 'POST',
    url: '/api/v1/tasks',
    raw: '{"title": "x",',
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'create with empty JSON body',
    method: 'POST',
    url: '/api/v1/tasks',
    raw: '',
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'create with text/plain',
    method: 'POST',
    url: '/api/v1/tasks',
    raw: 'title=x',
    contentType: 'text/plain',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'create with a form body',
    method: 'POST',
    url: '/api/v1/tasks',
    raw: 'title=x',
    contentType: 'application/x-www-form-urlencoded',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'create with a 70 KiB body',
    method: 'POST',
    url: '/api/v1/tasks',
    raw: JSON.stringify({ title: 'x', description: long(70 * 1024) }),
    status: 413,
    code: 'payload_too_large',
  },
  {
    name: 'create with __proto__',
    method: 'POST',
    url: '/api/v1/tasks',
    raw: '{"title":"x","__proto__":{"admin":true}}',
    status: 400,
    code: 'validation_error',
  },
  // ids
  {
    name: 'get id -1',
    method: 'GET',
    url: '/api/v1/tasks/-1',
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'get id 0',
    method: 'GET',
    url: '/api/v1/tasks/0',
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'get id abc',
    method: 'GET',
    url: '/api/v1/tasks/abc',
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'get id 1e309',
    method: 'GET',
    url: '/api/v1/tasks/1e309',
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'get id 1.5',
    method: 'GET',
    url: '/api/v1/tasks/1.5',
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'get id 99999999999999999999',
    method: 'GET',
    url: '/api/v1/tasks/99999999999999999999',
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'get id 2147483648',
    method: 'GET',
    url: '/api/v1/tasks/2147483648',
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'patch id abc',
    method: 'PATCH',
    url: '/api/v1/tasks/abc',
    body: { title: 'y' },
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'delete id -1',
    method: 'DELETE',
    url: '/api/v1/tasks/-1',
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'get a missing task',
    method: 'GET',
    url: '/api/v1/tasks/2147483647',
    status: 404,
    code: 'not_found',
  },
  // updates
  {
    name: 'patch with empty body object',
    method: 'PATCH',
    url: taskUrl,
    body: {},
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'patch with completed as string',
    method: 'PATCH',
    url: taskUrl,
    body: { completed: 'yes' },
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'patch with empty title',
    method: 'PATCH',
    url: taskUrl,
    body: { title: '' },
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'patch with unknown field',
    method: 'PATCH',
    url: taskUrl,
    body: { done: true },
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'patch with a bad date',
    method: 'PATCH',
    url: taskUrl,
    body: { due_date: '31/12/2026' },
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'patch with null title',
    method: 'PATCH',
    url: taskUrl,
    body: { title: null },
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'put is not a route',
    method: 'PUT',
    url: taskUrl,
    body: { title: 'y' },
    status: 404,
    code: 'not_found',
  },
  // query parameters
  {
    name: 'list with limit 0',
    method: 'GET',
    url: '/api/v1/tasks?limit=0',
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'list with limit 101',
    method: 'GET',
    url: '/api/v1/tasks?limit=101',
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'list with limit abc',
    method: 'GET',
    url: '/api/v1/tasks?limit=abc',
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'list with limit -5',
    method: 'GET',
    url: '/api/v1/tasks?limit=-5',
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'list with unknown status',
    method: 'GET',
    url: '/api/v1/tasks?status=done',
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'list with unknown sort',
    method: 'GET',
    url: '/api/v1/tasks?sort=title',
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'list with unknown order',
    method: 'GET',
    url: '/api/v1/tasks?order=up',
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'list with unknown parameter',
    method: 'GET',
    url: '/api/v1/tasks?page_size=5',
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'list with a repeated parameter',
    method: 'GET',
    url: '/api/v1/tasks?status=all&status=pending',
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'list with a bad due_before',
    method: 'GET',
    url: '/api/v1/tasks?due_before=soon',
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'list with a forged cursor',
    method: 'GET',
    url: '/api/v1/tasks?cursor=not-a-cursor',
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'list with a cursor of a wrong key type',
    method: 'GET',
    url: `/api/v1/tasks?cursor=${Buffer.from(JSON.stringify(['garbage', 1])).toString('base64url')}`,
    status: 400,
    code: 'validation_error',
  },
  {
    name: 'list with an overlong q',
    method: 'GET',
    url: `/api/v1/tasks?q=${long(201)}`,
    status: 400,
    code: 'validation_error',
  },
  { name: 'unknown route', method: 'GET', url: '/api/v1/nope', status: 404, code: 'not_found' },
];

describe('bad input', () => {
  it.each(cases)('$name → $status $code, data unchanged', async (testCase) => {
    const before = await dataChecksum(t.database.db);
    const url = typeof testCase.url === 'function' ? testCase.url() : testCase.url;
    const hasBody = testCase.body !== undefined || testCase.raw !== undefined;
    const response = await t.app.inject({
      method: testCase.method,
      url,
      headers: {
        ...asUser(user),
        ...(hasBody && { 'content-type': testCase.contentType ?? 'application/json' }),
      },
      ...(hasBody && { payload: testCase.raw ?? JSON.stringify(testCase.body) }),
    });
    expect(response.statusCode, response.body).toBe(testCase.status);
    const body = response.json();
    expect(body.error.code).toBe(testCase.code);
    expect(typeof body.error.message).toBe('string');
    expect(await dataChecksum(t.database.db)).toBe(before);
  });

  it('names the offending field paths in validation details', async () => {
    const response = await apiAs(t, user).call('POST', '/api/v1/tasks', {
      title: '',
      priority: 'urgent',
    });
    const paths = response.json().error.details.map((detail: { path: string }) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['body.title', 'body.priority']));
  });
});
