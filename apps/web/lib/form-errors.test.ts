import { ZCreateTaskRequest } from '@todo/contracts';
import { describe, expect, it } from 'vitest';
import { apiFieldErrors, parseTags, zodFieldErrors } from './form-errors';

describe('form errors', () => {
  it('shows the shared schema messages per field', () => {
    const result = ZCreateTaskRequest.safeParse({ title: ' ', tags: ['ok', 'not ok!'] });
    expect(result.success).toBe(false);
    expect(zodFieldErrors(result.error?.issues ?? [])).toEqual({
      title: 'Title is required',
      tags: 'Tags may contain letters, digits, "-" and "_"',
    });
  });

  it('maps the API details onto the same fields', () => {
    expect(apiFieldErrors([{ path: 'body.due_date', message: 'bad date' }])).toEqual({
      due_date: 'bad date',
    });
  });

  it('reads tags separated by commas, spaces or #', () => {
    expect(parseTags(' #home, errands  work,,')).toEqual(['home', 'errands', 'work']);
  });
});
