import { createHash } from 'node:crypto';
import { cimd } from '@better-auth/cimd';
import { type ClientMetadataResourceFetch, oauthProvider } from '@better-auth/oauth-provider';
import { MCP_SCOPES } from '@todo/contracts';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { bearer } from 'better-auth/plugins';
import { eq } from 'drizzle-orm';
import { type Env, trustedOrigins } from '../config/env.js';
import type { Database } from '../db/client.js';
import * as schema from '../db/schema/index.js';
import { taskCounts } from '../db/schema/tasks.js';
import { createClientMetadataFetch } from '../oauth/client-metadata-fetch.js';
import { oauthUrls } from '../oauth/oauth-urls.js';
import { publicClientsOnly } from '../oauth/public-clients-only.js';

/** Opaque OAuth tokens are stored as this digest; /mcp looks a presented token up by it. */
export const oauthTokenDigest = (token: string) =>
  createHash('sha256').update(token).digest('base64url');

/** The protected resource /mcp is, as the authorization server stores it. */
export const mcpResourceRow = (env: Env) => ({
  identifier: oauthUrls(env).mcpResource,
  name: 'Todo Chatbot MCP',
  allowedScopes: [...MCP_SCOPES, 'offline_access'],
});

export function createAuth(options: {
  env: Env;
  db: Database;
  secret: string;
  /** How client metadata documents are fetched: the SSRF-guarded transport unless given. */
  fetchClientMetadata?: ClientMetadataResourceFetch | undefined;
}) {
  const { env, db, secret, fetchClientMetadata = createClientMetadataFetch() } = options;
  const { mcpResource } = oauthUrls(env);
  return betterAuth({
    appName: 'Todo Chatbot',
    // The public origin of the web app: the browser only ever talks to it (one origin).
    baseURL: env.BETTER_AUTH_URL,
    basePath: '/api/auth',
    secret,
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: {
        user: schema.user,
        session: schema.session,
        account: schema.account,
        verification: schema.verification,
        rateLimit: schema.rateLimit,
        oauthClient: schema.oauthClient,
        oauthResource: schema.oauthResource,
        oauthClientResource: schema.oauthClientResource,
        oauthRefreshToken: schema.oauthRefreshToken,
        oauthAccessToken: schema.oauthAccessToken,
        oauthConsent: schema.oauthConsent,
        oauthClientAssertion: schema.oauthClientAssertion,
      },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      autoSignIn: true,
    },
    user: {
      // The language is part of the session's user, so the web app renders each page in it
      // without asking again; only PATCH /api/v1/me changes it (input: false).
      additionalFields: {
        locale: { type: 'string', required: false, input: false, defaultValue: 'en' },
      },
      deleteUser: {
        enabled: true,
        // Every row of the user goes with the user row (ON DELETE CASCADE), except the kept
        // counters, which the cascade's own trigger writes to as it deletes the tasks.
        afterDelete: async (deleted) => {
          await db.delete(taskCounts).where(eq(taskCounts.userId, deleted.id));
        },
      },
    },
    plugins: [
      bearer(),
      // The authorization server for /mcp (ADR 066): code + PKCE, open dynamic registration for
      // public clients, opaque tokens bound to our one resource, looked up on every request.
      oauthProvider({
        loginPage: '/sign-in',
        consentPage: '/oauth/consent',
        scopes: [...MCP_SCOPES, 'offline_access'],
        grantTypes: ['authorization_code', 'refresh_token'],
        // Written by seedMcpResource before start (insertOnly: the plugin then finds it).
        resources: [mcpResourceRow(env)],
        resourceSeedMode: 'insertOnly',
        clientRegistrationDefaultResources: [mcpResource],
        allowDynamicClientRegistration: true,
        allowUnauthenticatedClientRegistration: true,
        // Clients come only from registration (RFC 7591); users manage their grants in Connected
        // apps, not clients through the plugin's session-backed client CRUD.
        clientPrivileges: () => false,
        // Opaque tokens (a row each): revoking one holds on every replica at the next request,
        // which a self-contained JWT could not do before it expires.
        disableJwtPlugin: true,
        storeClientSecret: 'encrypted',
        storeTokens: { hash: oauthTokenDigest },
        accessTokenExpiresIn: 3600,
        refreshTokenExpiresIn: 30 * 86_400,
      }),
      // Client ID Metadata Documents (ADR 076): an https client_id names the client's metadata,
      // fetched through the SSRF guard, validated as MCP requires (a name and redirect URIs) and
      // cached as its HTTP headers allow, at most an hour and 1000 documents. Public clients only.
      cimd({
        fetchClientMetadataResource: publicClientsOnly(fetchClientMetadata),
        metadataProfile: 'mcp-2026-07-28',
        metadataRevalidationInterval: '60m',
        maxCacheEntries: 1000,
        // No per-client pause: one authorization reads an uncacheable document at each step
        // (authorize, consent page, approval, token), within a second. The per-origin (30) and
        // overall (120) fetches a minute still bound what a caller can make us fetch.
        metadataFetchPolicy: { minimumFetchInterval: 0 },
      }),
    ],
    // The configured origins plus the one this request was addressed to (the bridge in
    // auth-routes.ts builds the request URL from it), so any address of one install works.
    trustedOrigins: (request) => [
      ...trustedOrigins(env),
      ...(request ? [new URL(request.url).origin] : []),
    ],
    hooks: {
      // A password change ends every other session, whatever the client asked for: whoever
      // knew the old password is signed out.
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === '/change-password') {
          return { context: { body: { ...ctx.body, revokeOtherSessions: true } } };
        }
        // Deleting the account always takes the password again (a left-open browser is not
        // enough), and only that way: no e-mailed deletion tokens exist here.
        if (ctx.path === '/delete-user' && (!ctx.body?.password || ctx.body.token)) {
          throw new APIError('BAD_REQUEST', {
            message: 'Enter your password to delete your account',
          });
        }
      }),
    },
    rateLimit: {
      enabled: true,
      // In the database so every replica enforces one shared limit.
      storage: 'database',
      window: 60,
      max: 300,
      customRules: {
        '/sign-in/email': { window: 60, max: env.AUTH_RATE_LIMIT_MAX },
        '/sign-up/email': { window: 60, max: env.AUTH_RATE_LIMIT_MAX },
        // A read every page render makes: two rate-limit queries per call and 429s behind a
        // shared address would cost more than they protect (the API-wide limiter still applies).
        '/get-session': false,
      },
    },
    advanced: {
      // A Secure cookie over a plain-http NodePort would silently break every session.
      // Better Auth skips the Origin check when NODE_ENV=test; we want the same rules everywhere.
      disableOriginCheck: false,
      useSecureCookies: env.BETTER_AUTH_URL.startsWith('https://'),
      ipAddress: { ipAddressHeaders: ['x-forwarded-for'] },
    },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;
