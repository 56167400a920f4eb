import type { TaskContext } from '../../tasks/task-context.js';
import { userClock } from '../../time/user-clock.js';

/**
 * The user's IANA zone, stated in every result of the agent-facing tools: a model reading
 * "2026-05-01T07:00:00Z" cannot tell the user "today" or "9 am" without it.
 */
export async function userZone(context: TaskContext): Promise<string> {
  return (await userClock(context.db, context.userId)).zone;
}
