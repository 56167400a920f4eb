import { AppError } from '../errors/app-error.js';

/** PostgreSQL's unique_violation, from node-postgres or PGlite (possibly wrapped by Drizzle). */
export function isUniqueViolation(error: unknown): boolean {
  for (let current = error; current && typeof current === 'object'; ) {
    if ((current as { code?: unknown }).code === '23505') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export const nameTaken = (name: string) =>
  new AppError('conflict', `You already have a list called "${name}"`);
