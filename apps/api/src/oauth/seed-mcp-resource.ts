import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { oauthResource } from '../db/schema/oauth.js';

/**
 * Our one protected resource, written before Better Auth starts: replicas starting together would
 * otherwise race the plugin's own insert-if-missing (its duplicate check misses the error as
 * Drizzle wraps it) and one would crash. An upsert is safe from any number of processes at once.
 */
export async function seedMcpResource(
  db: Database,
  resource: { identifier: string; name: string; allowedScopes: string[] },
) {
  await db
    .insert(oauthResource)
    .values({ id: randomUUID(), ...resource, createdAt: new Date(), updatedAt: new Date() })
    .onConflictDoUpdate({
      target: oauthResource.identifier,
      set: { name: resource.name, allowedScopes: resource.allowedScopes, updatedAt: sql`now()` },
    });
}
