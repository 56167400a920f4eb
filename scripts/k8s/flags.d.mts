import type { ParseArgsConfig } from 'node:util';

/** A flag the user got wrong; the message names it. */
export class FlagError extends Error {}

/** node:util parseArgs (strict) with one plain sentence per mistake. */
export function parseFlags(
  argv: string[],
  options: ParseArgsConfig['options'],
  config?: { allowPositionals?: boolean },
): { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] };
