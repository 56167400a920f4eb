import type { Database } from '../db/client.js';

/** Who acts and where: the user id always comes from authentication, never from input. */
export type TaskContext = { db: Database; userId: string };
