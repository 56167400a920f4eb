import type { TErrorCode } from '@todo/contracts';

/** The one HTTP status for each error code: transports never pick statuses themselves. */
export const STATUS_BY_CODE: Record<TErrorCode, number> = {
  validation_error: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  /** The API's own proxy peer is down (web app only). */
  backend_unavailable: 502,
  /** The database is unreachable or the process is shutting down; retry later. */
  service_unavailable: 503,
};

export class AppError extends Error {
  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly details?: unknown,
    /** For 429 and 503: when the client may try again (sent as Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get statusCode(): number {
    return STATUS_BY_CODE[this.code];
  }
}

export const notFound = (what = 'Resource') => new AppError('not_found', `${what} not found`);

export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new AppError('rate_limited', message, undefined, Math.max(1, Math.ceil(retryAfterSeconds)));
