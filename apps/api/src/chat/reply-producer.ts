import type { UIMessageChunk } from 'ai';

/** A reply being made, by the AI agent or the offline assistant, as AI SDK UI message chunks. */
export type ReplyProducer = {
  chunks: ReadableStream<UIMessageChunk>;
  /** The failure that ended the reply, if any (read after the stream ends). */
  error(): unknown;
  /** Model tokens the reply spent, input + output over every step (absent: no model). */
  tokens?(): number;
};
