import { describe, expect, it } from 'vitest';
import {
  apiListSearch,
  boardSearch,
  DEFAULT_QUERY,
  hasContentFilters,
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
      list: 7,
      due: 'today',
      sort: 'due',
      order: 'asc',
    });
    const search = boardSearch(query);
    expect(search).toBe(
      '?status=pending&priority=high&tag=home&q=milk&list=7&due=today&sort=due&order=asc',
    );
    expect(parseBoardQuery(new URLSearchParams(search))).toEqual(query);
    expect(boardSearch(DEFAULT_QUERY)).toBe('');
  });

  it('falls back to defaults for hand-edited nonsense', () => {
    const query = parseBoardQuery(
      new URLSearchParams(
        'status=maybe&priority=urgent&sort=colour&order=up&tag=%20&q=%20&list=1e3&due=someday',
      ),
    );
    expect(query).toEqual({
      ...DEFAULT_QUERY,
      priority: undefined,
      tag: undefined,
      q: undefined,
      list: undefined,
      due: undefined,
      cursor: undefined,
    });
  });

  it('passes a tag on as typed: the server normalises and validates it', () => {
    expect(parseBoardQuery(new URLSearchParams('tag=Home')).tag).toBe('Home');
  });

  it('a new filter starts again at the first page; paging keeps the filters', () => {
    const paged = withChange({ ...DEFAULT_QUERY, priority: 'low' }, { cursor: 'abc' });
    expect(paged.cursor).toBe('abc');
    expect(withChange(paged, { tag: 'x' }).cursor).toBeUndefined();
    expect(withChange(paged, { priority: undefined })).toEqual(DEFAULT_QUERY);
  });

  it('builds the API query: top-level tasks, the page size, list and due window, overrides', () => {
    expect(apiListSearch({ ...DEFAULT_QUERY, q: 'a&b' }, { status: 'completed', limit: '1' })).toBe(
      '?top_level=true&status=completed&sort=created&order=desc&limit=1&q=a%26b',
    );
    expect(apiListSearch({ ...DEFAULT_QUERY, list: 3, due: 'overdue' })).toBe(
      '?top_level=true&status=all&sort=created&order=desc&limit=20&list_id=3&due=overdue',
    );
  });

  it('knows which filters only the server can apply', () => {
    expect(hasContentFilters({ ...DEFAULT_QUERY, status: 'pending' })).toBe(false);
    for (const change of [{ tag: 'x' }, { q: 'x' }, { list: 1 }, { due: 'today' as const }]) {
      expect(hasContentFilters({ ...DEFAULT_QUERY, ...change })).toBe(true);
    }
  });
});
