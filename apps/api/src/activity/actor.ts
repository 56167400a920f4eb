import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import type { Actor, TaskContext } from '../tasks/task-context.js';

/**
 * The statement that names the actor for the rest of the transaction: the activity trigger
 * (migration 0007) reads it for every row the transaction changes. Transaction-local, so a
 * pooled connection never carries it into someone else's statement.
 */
export const actorSetting = (actor: Actor) =>
  sql`set_config('app.activity', ${JSON.stringify({
    via: actor.via,
    client_id: actor.clientId ?? null,
    conversation_id: actor.conversationId ?? null,
    batch_id: actor.batchId,
  })}, true)`;

export const setActor = (actor: Actor) => sql`SELECT ${actorSetting(actor)}`;

/**
 * Runs a change in one transaction recorded as the context's actor: every row it changes gets its
 * activity row in that same transaction. Nested in another (a batch), it becomes a savepoint.
 */
export function asActor<T>(context: TaskContext, change: (tx: Database) => Promise<T>): Promise<T> {
  return context.db.transaction(async (tx) => {
    await tx.execute(setActor(context.actor));
    return change(tx);
  });
}
