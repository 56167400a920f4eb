import {
  ZCreateListRequest,
  ZDeletedList,
  ZDeleteListQuery,
  ZErrorResponse,
  ZList,
  ZListCollection,
  ZListParams,
  ZUpdateListRequest,
} from '@todo/contracts';
import { userRoutes } from '../auth/user-routes.js';
import { createList } from './create-list.js';
import { deleteList } from './delete-list.js';
import { listLists } from './list-lists.js';
import { updateList } from './update-list.js';

const errors = {
  400: ZErrorResponse,
  401: ZErrorResponse,
  404: ZErrorResponse,
  409: ZErrorResponse,
};

/** REST transport for lists: validate, resolve the user, call the domain function. */
export const listRoutes = userRoutes({ tag: 'lists', errors }, (app, { context, schema }) => {
  app.get('/', {
    schema: schema('The Inbox, then the lists in order, each with its number of open tasks', {
      response: { 200: ZListCollection },
    }),
    handler: (request) => listLists(context(request)),
  });

  app.post('/', {
    schema: schema('Create a list (names are unique per user, ignoring case)', {
      body: ZCreateListRequest,
      response: { 201: ZList },
    }),
    handler: async (request, reply) =>
      reply.status(201).send(await createList(context(request), request.body)),
  });

  app.patch('/:id', {
    schema: schema('Rename, recolour or move a list (position = index among the other lists)', {
      params: ZListParams,
      body: ZUpdateListRequest,
      response: { 200: ZList },
    }),
    handler: (request) => updateList(context(request), request.params.id, request.body),
  });

  app.delete('/:id', {
    schema: schema(
      'Delete a list. With tasks it needs ?move_to=<list id> or ?delete_tasks=true (409 otherwise)',
      {
        params: ZListParams,
        querystring: ZDeleteListQuery,
        response: { 200: ZDeletedList },
      },
    ),
    handler: (request) => deleteList(context(request), request.params.id, request.query),
  });
});
