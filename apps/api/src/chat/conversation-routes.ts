import {
  ZConversationList,
  ZConversationParams,
  ZErrorResponse,
  ZMessageList,
  ZMessagesQuery,
} from '@todo/contracts';
import { z } from 'zod';
import { userRoutes } from '../auth/user-routes.js';
import { deleteConversation, listConversations, listMessages } from './conversation-store.js';

const errors = { 400: ZErrorResponse, 401: ZErrorResponse, 404: ZErrorResponse };

export const conversationRoutes = userRoutes(
  { tag: 'conversations', errors },
  (app, { context: scope, schema }) => {
    app.get('/', {
      schema: schema('List conversations, most recently active first', {
        response: { 200: ZConversationList },
      }),
      handler: async (request) => ({ items: await listConversations(scope(request)) }),
    });

    app.get('/:id/messages', {
      schema: schema(
        'Messages of one conversation with their tool calls: the newest page (limit ≤ 200, default 100), oldest first; next_before pages back',
        {
          params: ZConversationParams,
          querystring: ZMessagesQuery,
          response: { 200: ZMessageList },
        },
      ),
      handler: async (request) => listMessages(scope(request), request.params.id, request.query),
    });

    app.delete('/:id', {
      schema: schema('Delete a conversation and its messages', {
        params: ZConversationParams,
        response: { 204: z.null() },
      }),
      handler: async (request, reply) => {
        await deleteConversation(scope(request), request.params.id);
        return reply.status(204).send(null);
      },
    });
  },
);
