import { describe, expect, it } from 'vitest';
import { partLabel, withoutPart } from './quick-add';

describe('quick-add chips', () => {
  const line = 'pay rent every month on the 1st #home !high';

  it('undoing a part takes its words out of the line, and nothing else', () => {
    expect(withoutPart(line, { text: '!high' })).toBe('pay rent every month on the 1st #home');
    expect(withoutPart(line, { text: 'every month on the 1st' })).toBe('pay rent #home !high');
    expect(withoutPart('Call Mom TOMORROW 5pm', { text: 'tomorrow 5pm' })).toBe('Call Mom');
  });

  it('a part that is no longer in the line leaves it as it is', () => {
    expect(withoutPart(line, { text: '#work' })).toBe(line);
    expect(withoutPart(line, { text: '' })).toBe(line);
  });

  const kinds = {
    due: 'Due',
    recurrence: 'Repeats',
    list: 'List',
    tag: 'Tag',
    priority: 'Priority',
  };
  const label = (part: Parameters<typeof partLabel>[0], zone: string, now: Date) =>
    partLabel(part, zone, now, 'en', kinds);

  it('labels each kind, with dues in the user’s zone', () => {
    const now = new Date('2026-11-24T15:00:00Z');
    expect(label({ kind: 'tag', text: '#home', value: 'home' }, 'UTC', now)).toBe('Tag: #home');
    expect(label({ kind: 'priority', text: '!high', value: 'high' }, 'UTC', now)).toBe(
      'Priority: high',
    );
    const due = { kind: 'due' as const, text: 'tomorrow 5pm', value: '2026-11-25T17:00:00.000Z' };
    expect(label(due, 'UTC', now)).toMatch(/^Due: .*25.*(5:00|17:00)/);
    expect(label(due, 'Asia/Tokyo', now)).toMatch(/^Due: .*26.*(2:00|02:00)/);
    expect(label({ kind: 'due', text: 'Dec 24', value: '2026-12-24' }, 'UTC', now)).toMatch(
      /^Due: .*24/,
    );
  });

  it('writes a due in the user’s language', () => {
    const now = new Date('2026-11-24T15:00:00Z');
    const due = { kind: 'due' as const, text: 'Dec 24', value: '2026-12-24' };
    expect(partLabel(due, 'UTC', now, 'ur', { ...kinds, due: 'مقررہ' })).toMatch(/^مقررہ: .*دسمبر/);
  });
});
