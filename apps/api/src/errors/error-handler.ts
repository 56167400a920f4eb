import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from './app-error.js';

// node-postgres / PostgreSQL failures that mean "the database is not there right now".
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08003',
  '08006',
]);

/** Error codes along the cause chain (Drizzle wraps the driver's error in `cause`). */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (
    let current = error as { code?: unknown; cause?: unknown } | undefined;
    current;
    current = current.cause as typeof current
  ) {
    if (typeof current.code === 'string') codes.push(current.code);
    if (codes.length > 10) break;
  }
  return codes;
}

function isDatabaseUnavailable(error: unknown): boolean {
  if (errorCodes(error).some((code) => UNAVAILABLE_CODES.has(code))) return true;
  for (
    let current = error as { message?: string; cause?: unknown } | undefined;
    current;
    current = current.cause as typeof current
  ) {
    if (
      /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection error/i.test(
        current.message ?? '',
      )
    )
      return true;
  }
  return false;
}

/** Maps every failure to `{error:{code,message,details?}}`; 5xx messages never leak internals. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    return new AppError(
      'validation_error',
      'Request validation failed',
      error.validation.map((issue) => ({
        path: [error.validationContext, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
        message: issue.message,
      })),
    );
  }
  const fastifyError = error as FastifyError;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'Request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'Content-Type must be application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('validation_error', 'Request body is not valid JSON');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('validation_error', 'Content-Length does not match the body');
  }
  if (fastifyError.statusCode === 429) {
    return new AppError('rate_limited', 'Too many requests, slow down');
  }
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return new AppError('validation_error', 'Request body is not valid JSON');
  }
  // PostgreSQL "data exception" (class 22): a value the database cannot read, e.g. a forged cursor.
  if (errorCodes(error).some((code) => /^22[0-9A-Z]{3}$/.test(code))) {
    return new AppError('validation_error', 'A value in the request is malformed or out of range');
  }
  // A foreign key violation: what the change refers to was removed meanwhile (a list deleted in
  // another tab, or an account deleted while another replica still remembered its session).
  if (errorCodes(error).includes('23503')) {
    return new AppError('conflict', 'Something this change refers to no longer exists');
  }
  if (isDatabaseUnavailable(error)) {
    return new AppError('service_unavailable', 'The database is unavailable, try again shortly');
  }
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new AppError('validation_error', fastifyError.message);
  }
  return new AppError('internal_error', 'Something went wrong on our side');
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.statusCode >= 500) {
      request.log.error({ err: error }, 'request failed');
    } else {
      request.log.info({ code: appError.code }, appError.message);
    }
    if (appError.retryAfterSeconds !== undefined) {
      reply.header('retry-after', String(appError.retryAfterSeconds));
    } else if (appError.code === 'service_unavailable') {
      reply.header('retry-after', '5');
    }
    return reply.status(appError.statusCode).send({
      error: { code: appError.code, message: appError.message, details: appError.details },
    });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: {
        code: 'not_found',
        message: `Route ${request.method} ${request.url.split('?')[0]} not found`,
      },
    }),
  );
}
