import { LIST_COLORS } from '@todo/contracts';
import { describe, expect, it } from 'vitest';
import { LIST_COLOR_CHOICES, LIST_SWATCH } from './list-colors';

describe('list palette', () => {
  it('offers exactly the contract’s colours, in its order, each with a swatch', () => {
    expect(LIST_COLOR_CHOICES).toEqual([...LIST_COLORS]);
    for (const color of LIST_COLORS) expect(LIST_SWATCH[color]).toMatch(/^bg-/);
  });
});
