import { describe, expect, it } from 'vitest';
import {
  apiListSearch,
  boardSearch,
  DEFAULT_QUERY,
  parseBoardQuery,
  withChange,
} from './task-query';

describe('board query in the URL', () => {
  it('round-trips every filter and leaves defaults out', () => {
    const query = withChange(DEFAULT_QUERY, {
      status: 'pending',
      priority: 'high',
      tag: 'home',
      q: 'milk',
      sort: 'due',
      order: 'asc',
    });
    const search = boardSearch(query);
    expect(search).toBe('?status=pending&priority=high&tag=home&q=milk&sort=due&order=asc');
    expect(parseBoardQuery(new URLSearchParams(search))).toEqual(query);
    expect(boardSearch(DEFAULT_QUERY)).toBe('');
  });

  it('falls back to defaults for hand-edited nonsense', () => {
    const query = parseBoardQuery(
      new URLSearchParams('status=maybe&priority=urgent&sort=colour&order=up&tag=a b&q=%20'),
    );
    expect(query).toEqual({
      ...DEFAULT_QUERY,
      priority: undefined,
      tag: undefined,
      q: undefined,
      cursor: undefined,
    });
  });

  it('a new filter starts again at the first page; paging keeps the filters', () => {
    const paged = withChange({ ...DEFAULT_QUERY, priority: 'low' }, { cursor: 'abc' });
    expect(paged.cursor).toBe('abc');
    expect(withChange(paged, { tag: 'x' }).cursor).toBeUndefined();
    expect(withChange(paged, { priority: undefined })).toEqual(DEFAULT_QUERY);
  });

  it('builds the API query with the page size and overrides', () => {
    expect(apiListSearch({ ...DEFAULT_QUERY, q: 'a&b' }, { status: 'completed', limit: '1' })).toBe(
      '?status=completed&sort=created&order=desc&limit=1&q=a%26b',
    );
  });
});
