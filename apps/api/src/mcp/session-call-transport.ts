import { randomUUID } from 'node:crypto';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type {
  Transport,
  TransportSendOptions,
} from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  ErrorCode,
  isJSONRPCNotification,
  isJSONRPCRequest,
  type JSONRPCMessage,
  type JSONRPCResponse,
  type RequestId,
} from '@modelcontextprotocol/sdk/types.js';
import { type McpSessionRelay, QUESTION_ID_PREFIX } from './session-relay.js';

const endedAnswer = (id: string): JSONRPCResponse => ({
  jsonrpc: '2.0',
  id,
  error: { code: ErrorCode.ConnectionClosed, message: 'The call ended before an answer' },
});

/**
 * The transport of one session request (one POST, served by any replica). What the server asks
 * the client mid-call (elicitation) leaves with a random id instead of the server's counter, and
 * the relay brings the client's answer back by that id from whichever replica received it. A
 * fresh server per request counts from 0 again, so counter ids would collide across requests and
 * replicas, and a late answer to an old question could be taken for the answer to a new one.
 */
export class SessionCallTransport implements Transport {
  onmessage?: Transport['onmessage'];
  onclose?: Transport['onclose'];
  onerror?: Transport['onerror'];
  /** The server's id of each question asked through this transport, by the id sent out. */
  private readonly asked = new Map<string, RequestId>();
  private readonly releases: (() => void)[] = [];
  private ended = false;

  constructor(
    private readonly http: StreamableHTTPServerTransport,
    private readonly relay: McpSessionRelay,
    private readonly session: string,
  ) {
    http.onmessage = (message, extra) => this.onmessage?.(message, extra);
    http.onerror = (error) => this.onerror?.(error);
    http.onclose = () => {
      for (const release of this.releases.splice(0)) release();
      this.onclose?.();
    };
  }

  start(): Promise<void> {
    return this.http.start();
  }

  close(): Promise<void> {
    return this.http.close();
  }

  /**
   * The session ended (DELETE, revocation, expiry) or this process is shutting down: every
   * question still open, and any asked from now on, is answered "ended", so the call finishes
   * at once with nothing changed instead of waiting for an answer that cannot come.
   */
  end() {
    this.ended = true;
    for (const token of [...this.asked.keys()]) this.answered(token, endedAnswer(token));
  }

  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    if (isJSONRPCRequest(message)) {
      const token = `${QUESTION_ID_PREFIX}${randomUUID()}`;
      this.asked.set(token, message.id);
      if (this.ended) {
        queueMicrotask(() => this.answered(token, endedAnswer(token)));
        return Promise.resolve();
      }
      this.releases.push(
        this.relay.expect(token, this.session, (answer) => this.answered(token, answer)),
      );
      return this.http.send({ ...message, id: token }, options);
    }
    // The server cancels a question it stopped waiting for (timeout) by its own id; a late
    // answer to it is dropped.
    if (isJSONRPCNotification(message) && message.method === 'notifications/cancelled') {
      const token = this.tokenOf(message.params?.requestId);
      if (token) {
        this.asked.delete(token);
        const params = { ...message.params, requestId: token };
        return this.http.send({ ...message, params }, options);
      }
    }
    return this.http.send(message, options);
  }

  private answered(token: string, answer: JSONRPCResponse) {
    const id = this.asked.get(token);
    if (id === undefined) return;
    this.asked.delete(token);
    this.onmessage?.({ ...answer, id });
  }

  private tokenOf(id: unknown): string | undefined {
    for (const [token, asked] of this.asked) if (asked === id) return token;
    return undefined;
  }
}
