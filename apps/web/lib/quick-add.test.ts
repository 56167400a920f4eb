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

  it('labels each kind, with dues in the user’s zone', () => {
    const now = new Date('2026-11-24T15:00:00Z');
    expect(partLabel({ kind: 'tag', text: '#home', value: 'home' }, 'UTC', now)).toBe('Tag: #home');
    expect(partLabel({ kind: 'priority', text: '!high', value: 'high' }, 'UTC', now)).toBe(
      'Priority: high',
    );
    const due = { kind: 'due' as const, text: 'tomorrow 5pm', value: '2026-11-25T17:00:00.000Z' };
    expect(partLabel(due, 'UTC', now)).toMatch(/^Due: .*25.*(5:00|17:00)/);
    expect(partLabel(due, 'Asia/Tokyo', now)).toMatch(/^Due: .*26.*(2:00|02:00)/);
    expect(partLabel({ kind: 'due', text: 'Dec 24', value: '2026-12-24' }, 'UTC', now)).toMatch(
      /^Due: .*24/,
    );
  });
});
