import type { TListColor } from '@todo/contracts';

/**
 * The lists' fixed palette (the contract's LIST_COLORS, checked equal by a unit test) with the
 * swatch class of each. A plain object rather than the zod enum keeps zod off the first load
 * (ADR 012); full class names so Tailwind finds them.
 */
export const LIST_SWATCH: Record<TListColor, string> = {
  grey: 'bg-slate-500',
  red: 'bg-red-600',
  orange: 'bg-orange-500',
  yellow: 'bg-yellow-400',
  green: 'bg-green-600',
  teal: 'bg-teal-600',
  blue: 'bg-blue-600',
  purple: 'bg-purple-600',
  pink: 'bg-pink-500',
};

export const LIST_COLOR_CHOICES = Object.keys(LIST_SWATCH) as TListColor[];
