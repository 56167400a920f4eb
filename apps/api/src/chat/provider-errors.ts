import { APICallError } from 'ai';

/**
 * One clear sentence for the person in the chat. Details (status, provider message) go to the
 * log only: they can contain account or quota information.
 */
export function describeProviderError(error: unknown): { message: string; reason: string } {
  const cause = unwrap(error);
  if (APICallError.isInstance(cause)) {
    const status = cause.statusCode;
    if (status === 401 || status === 403) {
      return {
        reason: `auth_${status}`,
        message:
          'The AI provider rejected our credentials, so I could not answer. Please ask the administrator to check the API key.',
      };
    }
    if (status === 429) {
      return {
        reason: 'rate_limited',
        message:
          'The AI provider is busy or our quota is used up (rate limited). Please try again in a minute.',
      };
    }
    if (status === 404) {
      return {
        reason: 'model_not_found',
        message: 'The configured AI model was not found by the provider. Please check LLM_MODEL.',
      };
    }
    if (status && status >= 500) {
      return {
        reason: `provider_${status}`,
        message: 'The AI provider had an internal error. Please try again shortly.',
      };
    }
    if (!status) {
      return {
        reason: 'unreachable',
        message: 'I could not reach the AI provider. Please try again shortly.',
      };
    }
  }
  if (isTimeout(cause)) {
    return {
      reason: 'timeout',
      message: 'The AI provider took too long to answer (timeout). Please try again.',
    };
  }
  return {
    reason: 'malformed',
    message: 'The AI provider sent a reply I could not understand. Please try again.',
  };
}

function unwrap(error: unknown): unknown {
  // RetryError keeps the last attempt's error.
  const last = (error as { lastError?: unknown })?.lastError;
  return last ?? error;
}

export function isTimeout(error: unknown): boolean {
  for (let current = error as { name?: string; cause?: unknown } | undefined; current; ) {
    if (current.name === 'TimeoutError' || current.name === 'AbortError') return true;
    current = current.cause as typeof current;
  }
  return false;
}
