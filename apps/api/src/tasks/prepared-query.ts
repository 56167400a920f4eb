import type { Database } from '../db/client.js';

/** Anything Drizzle can run with placeholder values: a built query or a prepared statement. */
export type Executable<T> = { execute(values?: Record<string, unknown>): Promise<T> };

/**
 * A hot query's shapes are few, but the set is not closed (filters combine): past this many per
 * database the rest run unprepared rather than grow every connection's statement cache.
 */
const MAX_STATEMENTS = 128;

const statementsByDatabase = new WeakMap<Database, Map<string, Executable<unknown>>>();

/**
 * The statement for `key` on `db`, built and prepared on first use. Drizzle then builds its SQL
 * text once, and node-postgres sends it as a named statement that PostgreSQL parses once per
 * connection; each call only binds values to the placeholders (`sql.placeholder`). `build` must
 * produce the same SQL for the same key. Kept per database handle, so a transaction's handle
 * (short-lived) gets its own, collected with it.
 */
export function preparedQuery<T>(
  db: Database,
  key: string,
  build: () => { prepare(name: string): Executable<T> } & Executable<T>,
): Executable<T> {
  let statements = statementsByDatabase.get(db);
  if (!statements) {
    statements = new Map();
    statementsByDatabase.set(db, statements);
  }
  const known = statements.get(key) as Executable<T> | undefined;
  if (known) return known;
  if (statements.size >= MAX_STATEMENTS) return build();
  const statement = build().prepare(`todo_${key}`);
  statements.set(key, statement);
  return statement;
}
