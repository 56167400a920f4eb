import { type TTask, ZErrorResponse, ZTask, ZTaskList } from '@todo/contracts';
import { describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { createResponseSerializerCompiler } from '../src/http/response-serializer.js';

const compile = createResponseSerializerCompiler();
const serializerFor = (schema: ZodType) =>
  compile({ schema, method: 'GET', url: '/test', httpStatus: '200' });

const task: TTask = {
  id: 7,
  list_id: 1,
  parent_id: null,
  title: 'Pay "rent" \u2028 ünïcode',
  description: null,
  completed: false,
  priority: 'high',
  due_date: '2026-12-24',
  due_at: null,
  recurrence: 'FREQ=MONTHLY',
  recurrence_from: 'due',
  recurrence_text: 'every month',
  tags: ['home', 'money'],
  subtask_count: 2,
  subtasks_done: 1,
  kanban_column: null,
  created_at: '2026-12-01T10:00:00.000Z',
  updated_at: '2026-12-01T10:00:00.000Z',
  completed_at: null,
};

describe('response serializer compiled from the contract', () => {
  it('writes what zod validates, byte for byte the same JSON as JSON.stringify', () => {
    const list = {
      items: [task, { ...task, id: 8, description: 'x', tags: [] }],
      total: 2,
      counts: { all: 2, pending: 2, completed: 0 },
      next_cursor: null,
    };
    const body = serializerFor(ZTaskList)(list);
    expect(JSON.parse(body)).toEqual(ZTaskList.parse(list));
    expect(body).toBe(JSON.stringify(list));
  });

  it('keeps only the declared properties, as zod output does', () => {
    const body = serializerFor(ZTask)({ ...task, user_id: 'someone-else', secret: 'x' });
    expect(JSON.parse(body)).toEqual(task);
  });

  it('fails on a missing required property instead of sending an incomplete body', () => {
    const { title: _title, ...withoutTitle } = task;
    expect(() => serializerFor(ZTask)(withoutTitle)).toThrow(/title/);
  });

  it('passes free-form details through (z.unknown) and omits absent optional ones', () => {
    const error = { error: { code: 'validation_error', message: 'bad', details: [{ path: 'q' }] } };
    expect(JSON.parse(serializerFor(ZErrorResponse)(error))).toEqual(error);
    const plain = { error: { code: 'not_found', message: 'gone' } };
    expect(serializerFor(ZErrorResponse)(plain)).toBe(JSON.stringify(plain));
  });
});
