import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { ZChatRequest, ZChatResponse, ZErrorResponse } from '@todo/contracts';
import { createUIMessageStreamResponse } from 'ai';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { type UserRouteOptions, userRoutes } from '../auth/user-routes.js';
import type { Logger } from '../logger.js';
import { type ChatQuota, takeChatMessage } from './chat-quota.js';
import type { ChatModel } from './providers.js';
import { type ChatTurnInput, startChatTurn } from './start-chat-turn.js';

/** JSON only when asked for it and not also for a stream; `useChat` gets the UI message stream. */
function wantsJson(accept: string | undefined): boolean {
  return !!accept && accept.includes('application/json') && !accept.includes('text/event-stream');
}

/** The body as a turn: a message, or an approval answer (the contract allows only these two). */
function turnInput(
  userId: string,
  body: TChatRequestBody,
  abortSignal: AbortSignal,
): ChatTurnInput {
  if (body.approval && body.conversation_id) {
    return { userId, abortSignal, conversationId: body.conversation_id, approval: body.approval };
  }
  if (body.message === undefined)
    throw new Error('chat: the contract let a body without message through');
  return { userId, abortSignal, conversationId: body.conversation_id, message: body.message };
}

type TChatRequestBody = z.output<typeof ZChatRequest>;

export const chatRoutes = userRoutes(
  {
    tag: 'chat',
    errors: {
      400: ZErrorResponse,
      401: ZErrorResponse,
      404: ZErrorResponse,
      409: ZErrorResponse,
      429: ZErrorResponse,
    },
  },
  (
    app,
    { context: scope, schema },
    {
      userAuth,
      db,
      chatModel,
      timeoutMs,
      quota,
    }: UserRouteOptions & { chatModel: ChatModel; timeoutMs: number; quota: ChatQuota },
  ) => {
    app.post('/', {
      schema: schema(
        'One user turn. Streams the AI SDK UI message stream (SSE); with Accept: application/json returns the whole reply',
        { body: ZChatRequest, response: { 200: ZChatResponse } },
      ),
      handler: async (request, reply) => {
        const { userId } = scope(request);
        // A model call costs money: a per-user burst limit, then the stored daily/monthly quota.
        await userAuth.limits.chatTurn(request, userId);
        await takeChatMessage(db, userId, quota);
        const abort = new AbortController();
        // The client went away (stop button, closed tab): stop the model, keep what we have.
        reply.raw.on('close', () => {
          if (!reply.raw.writableFinished) abort.abort();
        });
        const turn = await startChatTurn(
          { db, chatModel, logger: request.log as Logger, timeoutMs },
          turnInput(userId, request.body, abort.signal),
        );
        reply.header('x-conversation-id', turn.conversationId);
        if (wantsJson(request.headers.accept)) {
          for await (const _chunk of turn.stream) {
            // drain: the stream drives the turn; `done` carries its result
          }
          return turn.done;
        }
        const response = createUIMessageStreamResponse({ stream: turn.stream });
        response.headers.forEach((value, name) => {
          reply.header(name, value);
        });
        reply.header('access-control-expose-headers', 'x-conversation-id');
        // The body is a stream, so the JSON response schema does not apply to it.
        return (reply as unknown as FastifyReply).send(
          Readable.fromWeb(response.body as unknown as NodeReadableStream),
        );
      },
    });
  },
);
