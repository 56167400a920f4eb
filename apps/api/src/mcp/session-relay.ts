import type { JSONRPCResponse } from '@modelcontextprotocol/sdk/types.js';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import { type ChannelListener, listenToChannel } from '../db/channel-listener.js';
import type { Database, DatabaseHandle } from '../db/client.js';

/** The channel of session events: `{ended}` from the mcp_sessions trigger, `{session, answer}`. */
export const MCP_CHANNEL = 'todo_mcp';

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes and more; an answer to a yes/no is tiny. */
const MAX_PAYLOAD_BYTES = 7_900;

/** How the ids of the server's questions begin. */
export const QUESTION_ID_PREFIX = 'q-';

/** An answer too large to relay: the client gets a 400, nothing changes. */
export class AnswerTooLargeError extends Error {}

const Event = z.union([
  z.object({ ended: z.string() }),
  z.object({
    session: z.string(),
    answer: z.looseObject({ jsonrpc: z.literal('2.0'), id: z.union([z.string(), z.number()]) }),
  }),
]);

function parseEvent(payload: string) {
  try {
    return Event.safeParse(JSON.parse(payload)).data;
  } catch {
    return undefined;
  }
}

type Question = { sessionId: string; answer: (message: JSONRPCResponse) => void };

/**
 * What ties a session's requests together across replicas (ADR 077). A session call is served by
 * whichever replica it reaches and stays open there while it waits for the client's answer; the
 * answer arrives as a new POST on any replica, which hands it over here or NOTIFYs it to the
 * others. Each replica LISTENs (one connection, opened with its first session call) and passes an
 * answer to the question it asked, and ends its open calls of a session that ended anywhere.
 */
export class McpSessionRelay {
  /** Open calls in this process, by session: what ends them when their session ends. */
  private readonly calls = new Map<string, Set<() => void>>();
  /** Questions this process is waiting on, by the id they went out with. */
  private readonly questions = new Map<string, Question>();
  private listener: ChannelListener | null = null;

  constructor(
    private readonly store: DatabaseHandle['jobStore'],
    private readonly db: Database,
    private readonly logger: FastifyBaseLogger,
    /** Sessions this process serves at once (MCP_SESSIONS_PER_PROCESS). */
    private readonly maxSessions: number,
  ) {}

  /**
   * Registers an open call of `sessionId` and how to end it; the release to call once it is over.
   * Undefined when this process already serves its maximum of other sessions.
   */
  openCall(sessionId: string, end: () => void): (() => void) | undefined {
    let own = this.calls.get(sessionId);
    if (!own) {
      if (this.calls.size >= this.maxSessions) return undefined;
      own = new Set();
      this.calls.set(sessionId, own);
    }
    const calls = own;
    calls.add(end);
    return () => {
      calls.delete(end);
      if (calls.size === 0 && this.calls.get(sessionId) === calls) this.calls.delete(sessionId);
    };
  }

  /** Waits for the answer to question `id` of `sessionId`; the release to call when done. */
  expect(id: string, sessionId: string, answer: Question['answer']): () => void {
    this.questions.set(id, { sessionId, answer });
    return () => {
      this.questions.delete(id);
    };
  }

  /** The client's answer, to the call that asked: in this process, or NOTIFYed to the others. */
  async deliver(sessionId: string, message: JSONRPCResponse): Promise<void> {
    if (this.answerHere(sessionId, message)) return;
    // Only ids this server hands out (SessionCallTransport) can be waited on anywhere.
    if (typeof message.id !== 'string' || !message.id.startsWith(QUESTION_ID_PREFIX)) return;
    const payload = JSON.stringify({ session: sessionId, answer: message });
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) throw new AnswerTooLargeError();
    await this.db.execute(sql`SELECT pg_notify(${MCP_CHANNEL}, ${payload})`);
  }

  /** Resolves once this process LISTENs (or has started retrying), before a call may ask. */
  ready(): Promise<void> {
    this.listener ??= listenToChannel(this.store, MCP_CHANNEL, {
      name: 'todo-api-mcp',
      logger: this.logger,
      onPayload: (payload) => this.onEvent(payload),
    });
    return this.listener.ready;
  }

  /** Ends every open call here (shutdown: clients call again on another replica). */
  endAll() {
    for (const sessionId of [...this.calls.keys()]) this.end(sessionId);
  }

  async stop() {
    await this.listener?.stop();
  }

  private answerHere(sessionId: string, message: JSONRPCResponse): boolean {
    const question = typeof message.id === 'string' ? this.questions.get(message.id) : undefined;
    // Only the session that was asked may answer: another session's id is ignored.
    if (!question || question.sessionId !== sessionId) return false;
    this.questions.delete(String(message.id));
    question.answer(message);
    return true;
  }

  private end(sessionId: string) {
    for (const end of [...(this.calls.get(sessionId) ?? [])]) end();
  }

  private onEvent(payload: string) {
    const event = parseEvent(payload);
    if (!event) return;
    if ('ended' in event) this.end(event.ended);
    else this.answerHere(event.session, event.answer as JSONRPCResponse);
  }
}
