// Command-line flags for the repository's scripts (the deploy CLI and images:build): node:util's
// parseArgs in strict mode, with its errors turned into one plain sentence each, so every script
// refuses a typo or a missing value the same way.
import { parseArgs } from 'node:util';

/** A flag the user got wrong; the message names it. */
export class FlagError extends Error {}

/**
 * @param {string[]} argv
 * @param {import('node:util').ParseArgsConfig['options']} options
 * @param {{ allowPositionals?: boolean }} [config]
 * @returns {{ values: Record<string, string | boolean | string[] | undefined>, positionals: string[] }}
 */
export function parseFlags(argv, options, config = {}) {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinDashValues(argv, options ?? {}),
      options,
      strict: true,
      allowPositionals: config.allowPositionals ?? false,
    });
  } catch (error) {
    throw toFlagError(/** @type {NodeJS.ErrnoException} */ (error));
  }
  for (const [name, spec] of Object.entries(options ?? {})) {
    const value = parsed.values[name];
    const list = Array.isArray(value) ? value : [value];
    if (spec.type === 'string' && list.includes('')) throw new FlagError(`--${name} needs a value`);
  }
  return parsed;
}

/**
 * parseArgs refuses `--tag-suffix -debian` (a value that looks like a flag). A value after a string
 * flag that is not itself one of the flags is that flag's value, as users expect.
 * @param {string[]} argv
 * @param {NonNullable<import('node:util').ParseArgsConfig['options']>} options
 */
function joinDashValues(argv, options) {
  const known = new Set(
    Object.entries(options).flatMap(([name, spec]) => [
      `--${name}`,
      ...(spec.short ? [`-${spec.short}`] : []),
    ]),
  );
  const takesValue = (arg) => {
    const name = arg.startsWith('--')
      ? arg.slice(2)
      : Object.keys(options).find((n) => `-${options[n]?.short}` === arg);
    return name !== undefined && options[name]?.type === 'string';
  };
  const out = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = /** @type {string} */ (argv[i]);
    const next = argv[i + 1];
    if (
      !arg.includes('=') &&
      takesValue(arg) &&
      next?.startsWith('-') &&
      next !== '-' &&
      !known.has(next.split('=')[0] ?? '')
    ) {
      out.push(
        arg.startsWith('--') ? `${arg}=${next}` : arg,
        ...(arg.startsWith('--') ? [] : [next]),
      );
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** @param {NodeJS.ErrnoException} error */
function toFlagError(error) {
  const quoted = error.message.match(/'([^']+)'/)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const flag = quoted.match(/--[\w-]+/)?.[0] ?? quoted;
      return new FlagError(`${flag} needs a value`);
    }
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new FlagError(`unknown flag "${quoted}"`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new FlagError(`unexpected argument "${quoted}"`);
    default:
      return error;
  }
}
