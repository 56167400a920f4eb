import { createAuthClient } from 'better-auth/react';

/** Better Auth's official client, on the web app's own origin (the proxy forwards /api/auth). */
export const authClient = createAuthClient();
