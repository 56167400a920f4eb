import { describe, expect, it } from 'vitest';
import { parseCalendarQuery, parseKanbanQuery, searchOf } from './view-query';

const params = (search: string) => new URLSearchParams(search);

describe('view URLs', () => {
  it('reads the Kanban’s list and grouping, ignoring bad values', () => {
    expect(parseKanbanQuery(params('list=12&group=priority'))).toEqual({
      list: 12,
      group: 'priority',
    });
    expect(parseKanbanQuery(params('list=1e3&group=colour'))).toEqual({
      list: undefined,
      group: undefined,
    });
  });

  it('reads the calendar’s mode and a real calendar date only', () => {
    expect(parseCalendarQuery(params('view=week&date=2027-03-10&list=3'))).toEqual({
      list: 3,
      mode: 'week',
      date: '2027-03-10',
    });
    expect(parseCalendarQuery(params('view=year&date=2027-02-30'))).toEqual({
      list: undefined,
      mode: 'month',
      date: undefined,
    });
  });

  it('writes only the values that are set', () => {
    expect(searchOf({ list: 4, group: undefined, view: '' })).toBe('?list=4');
    expect(searchOf({})).toBe('');
  });
});
