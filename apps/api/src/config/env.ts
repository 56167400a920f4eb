import { z } from 'zod';
import { withoutBlankValues } from './drop-empty-env.js';

/**
 * The API's whole configuration, validated once at start. A blank key counts as unset (a Helm
 * ConfigMap or a .env file may leave one empty): `loadEnv` drops blanks first, the same way the
 * entry points do for process.env. Defaults suit a laptop: `npm start` needs no variable at all.
 */
const optionalString = z.string().optional();
const origins = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim().replace(/\/$/, ''))
      .filter(Boolean),
  )
  .pipe(
    z.array(z.url({ protocol: /^https?$/, message: 'must be comma-separated http(s) origins' })),
  );
const booleanFlag = z.enum(['true', 'false']).transform((value) => value === 'true');

/**
 * Secrets that were published (the repository's examples): a deployment that kept one is as open
 * as one with no secret at all, so start-up refuses them.
 */
export const PUBLISHED_PLACEHOLDER_SECRETS = new Set([
  'change-me-to-a-random-string-of-32-chars-or-more',
]);
const notPlaceholder = (value: string | undefined) =>
  !value || !PUBLISHED_PLACEHOLDER_SECRETS.has(value);

export const ZEnv = z
  .object({
    ENVIRONMENT: z.enum(['development', 'production', 'test']).default('development'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    HOST: z.string().default('0.0.0.0'),
    PORT: z.coerce.number().int().min(1).max(65535).default(8000),
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, message: 'must be a postgres:// or postgresql:// URL' })
      .optional(),
    DATA_DIR: z.string().default('./.data'),
    MIGRATE_ON_START: booleanFlag.default(true),
    DB_CONNECT_TIMEOUT_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
    // Connections per replica; replicas × this must fit the server's max_connections.
    DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    BETTER_AUTH_SECRET: z
      .string()
      .min(32, 'must be at least 32 characters')
      .optional()
      .refine(notPlaceholder, 'is the published example value: generate a random one'),
    BETTER_AUTH_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:3000'),
    CORS_ORIGINS: origins.optional(),
    AUTH_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(10),
    RATE_LIMIT_PER_MINUTE: z.coerce
      .number()
      .int()
      .min(0)
      .default(1200)
      .describe(
        'Requests per minute per signed-in user, and per client address before sign-in; 0 = off',
      ),
    MCP_CALLS_PER_MINUTE: z.coerce
      .number()
      .int()
      .min(0)
      .default(120)
      .describe('MCP tools/call requests per minute per client (API key), else per user; 0 = off'),
    DELETED_RETENTION_DAYS: z.coerce
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(30)
      .describe(
        'Days a deleted task or list (and an activity row) is kept for undo before the purge',
      ),
    TRUST_PROXY_HOPS: z.coerce
      .number()
      .int()
      .min(0)
      .max(10)
      .default(1)
      .describe(
        'How many reverse proxies in front of the API append to X-Forwarded-For (1: the web server; 2: an ingress and the web server; 0: clients connect directly)',
      ),
    SIGN_IN_MAX_FAILURES: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(10)
      .describe('Failed sign-ins per account in 15 minutes before that account is throttled'),
    CHAT_MAX_MESSAGES_PER_DAY: z.coerce
      .number()
      .int()
      .min(0)
      .default(200)
      .describe('Chat messages per user per UTC day; 0 = unlimited'),
    CHAT_MAX_TOKENS_PER_MONTH: z.coerce
      .number()
      .int()
      .min(0)
      .default(2_000_000)
      .describe('Model tokens (input + output) per user per UTC month; 0 = unlimited'),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
    SHUTDOWN_DRAIN_MS: z.coerce
      .number()
      .int()
      .min(0)
      .max(60_000)
      .default(2_000)
      .describe(
        'How long SIGTERM keeps serving (unready) before closing; capped at half of SHUTDOWN_TIMEOUT_MS',
      ),
    LLM_PROVIDER: z.enum(['auto', 'openai', 'groq', 'google', 'cohere', 'offline']).default('auto'),
    LLM_MODEL: optionalString,
    OPENAI_BASE_URL: z.url().optional(),
    OPENAI_API_KEY: optionalString,
    GROQ_API_KEY: optionalString,
    GOOGLE_AI_API_KEY: optionalString,
    COHERE_API_KEY: optionalString,
    MCP_API_KEY: z
      .string()
      .min(32, 'must be at least 32 characters')
      .optional()
      .refine(notPlaceholder, 'is the published example value: generate a random one'),
    MCP_DEFAULT_USER_ID: optionalString,
    MCP_ALLOWED_HOSTS: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((host) => host.trim().toLowerCase())
          .filter(Boolean),
      )
      .optional()
      .describe(
        'Extra Host names /mcp answers (e.g. the in-cluster service name); localhost and the hosts of BETTER_AUTH_URL and CORS_ORIGINS are always allowed',
      ),
    MCP_SESSION_IDLE_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .max(86_400)
      .default(1800)
      .describe('Seconds an MCP session may stay unused before it ends (ADR 077)'),
    MCP_SESSIONS_PER_USER: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(10)
      .describe('Open MCP sessions per user; one more initialize is refused with 429'),
    MCP_SESSIONS_PER_PROCESS: z.coerce
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(200)
      .describe(
        'MCP sessions one API process serves at once (an open call stream, e.g. one waiting for a confirmation); beyond it 429',
      ),
    MCP_ELICITATION_TIMEOUT_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .max(3600)
      .default(120)
      .describe(
        'Seconds a destructive MCP call waits for the user to confirm; then nothing changes',
      ),
    SESSION_CACHE_TTL_MS: z.coerce
      .number()
      .int()
      .min(0)
      .max(30_000)
      .default(5_000)
      .describe(
        'How long a replica reuses a verified session before asking the database again; 0 = never (see ADR 006)',
      ),
    LLM_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(100)
      .max(600_000)
      .default(60_000)
      .describe('How long one chat reply may take before the assistant gives up'),
    VAPID_PRIVATE_KEY: z
      .string()
      .optional()
      .describe(
        'Web Push VAPID private key: a PEM EC P-256 key or its base64url form; unset: generated into DATA_DIR (off in production)',
      ),
    VAPID_SUBJECT: z
      .string()
      .regex(/^(mailto:|https:\/\/)\S+$/, 'must be a mailto: or https:// contact')
      .default('mailto:admin@localhost'),
    WEBHOOK_ALLOW_PRIVATE: booleanFlag
      .default(false)
      .describe(
        'Allow webhook and push URLs that resolve to private, loopback or link-local addresses (and any port)',
      ),
    SMTP_URL: z
      .url({ protocol: /^smtps?$/, message: 'must be an smtp:// or smtps:// URL' })
      .optional()
      .describe('The email channel exists only when set (a secret: it may carry a password)'),
    SMTP_FROM: z.string().min(3).default('Todo Chatbot <no-reply@localhost>'),
    REMINDERS_ENABLED: booleanFlag
      .default(true)
      .describe('Run the reminder scheduler and delivery workers in this process'),
    REMINDERS_CONCURRENCY: z.coerce
      .number()
      .int()
      .min(1)
      .max(50)
      .default(5)
      .describe('Reminder deliveries this process works on at once'),
  })
  .superRefine((env, ctx) => {
    if (env.ENVIRONMENT === 'production' && !env.BETTER_AUTH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['BETTER_AUTH_SECRET'],
        message: 'is required when ENVIRONMENT=production (at least 32 characters)',
      });
    }
    if (env.MCP_API_KEY && !env.MCP_DEFAULT_USER_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['MCP_DEFAULT_USER_ID'],
        message: 'is required when MCP_API_KEY is set (the user the key acts as)',
      });
    }
  });

export type Env = z.output<typeof ZEnv>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws one ConfigError naming every bad key (never its value). */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = ZEnv.safeParse(withoutBlankValues(source));
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? 'environment');
    return `${key}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}

/** The origins the browser may call us from: the web app's public URL plus CORS_ORIGINS. */
export function trustedOrigins(env: Env): string[] {
  const publicOrigin = new URL(env.BETTER_AUTH_URL).origin;
  return [...new Set([publicOrigin, ...(env.CORS_ORIGINS ?? [])])];
}
