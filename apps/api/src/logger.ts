import pino from 'pino';
import type { Env } from './config/env.js';

/** JSON logs; credentials never reach them, whatever the log level. */
export function createLogger(env: Pick<Env, 'LOG_LEVEL'>, destination?: pino.DestinationStream) {
  return pino(
    {
      level: env.LOG_LEVEL,
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'req.headers["x-api-key"]',
          'res.headers["set-cookie"]',
          '*.password',
          '*.newPassword',
          '*.token',
          '*.secret',
          '*.apiKey',
          '*.DATABASE_URL',
        ],
        censor: '[redacted]',
      },
    },
    destination ?? pino.destination(1),
  );
}

export type Logger = ReturnType<typeof createLogger>;
