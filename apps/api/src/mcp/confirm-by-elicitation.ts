import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  ElicitResultSchema,
  ErrorCode,
  McpError,
  type ServerNotification,
  type ServerRequest,
} from '@modelcontextprotocol/sdk/types.js';

/** How the user answered the question before a destructive call. */
export type ConfirmAnswer = 'confirmed' | 'declined' | 'cancelled' | 'timed out' | 'ended';

/**
 * Asks the user through the client (MCP elicitation, a form with one yes/no) whether to do what
 * `summary` names, on the stream of the call being answered. Only an accept with `confirm: true`
 * confirms; a decline, a cancel, a timeout or a call that ends first (the client went away, the
 * session ended) leaves everything as it is.
 */
export async function confirmByElicitation(
  extra: RequestHandlerExtra<ServerRequest, ServerNotification>,
  summary: string,
  timeoutMs: number,
): Promise<ConfirmAnswer> {
  try {
    const result = await extra.sendRequest(
      {
        method: 'elicitation/create',
        params: {
          mode: 'form',
          message: `${summary}?`,
          requestedSchema: {
            type: 'object',
            properties: {
              confirm: {
                type: 'boolean',
                title: 'Do it',
                description: `${summary}`,
                default: false,
              },
            },
            required: ['confirm'],
          },
        },
      },
      ElicitResultSchema,
      { timeout: timeoutMs, signal: extra.signal },
    );
    if (result.action === 'accept')
      return result.content?.confirm === true ? 'confirmed' : 'declined';
    return result.action === 'decline' ? 'declined' : 'cancelled';
  } catch (error) {
    if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) return 'timed out';
    // The session ended, the client went away or the process is stopping.
    return 'ended';
  }
}
