import {
  ZActivityPage,
  ZActivityQuery,
  ZErrorResponse,
  ZUndoRequest,
  ZUndoResult,
} from '@todo/contracts';
import { userRoutes } from '../auth/user-routes.js';
import { listActivity } from './list-activity.js';
import { undoBatch } from './undo-batch.js';

const errors = {
  400: ZErrorResponse,
  401: ZErrorResponse,
  404: ZErrorResponse,
  409: ZErrorResponse,
};

/** REST transport for the activity log and undo (ADRs 070, 071). */
export const activityRoutes = userRoutes(
  { tag: 'activity', errors },
  (app, { context, schema }) => {
    app.get('/', {
      schema: schema('Your changes, newest first (filter by batch_id, task_id or via)', {
        querystring: ZActivityQuery,
        response: { 200: ZActivityPage },
      }),
      handler: (request) => listActivity(context(request), request.query),
    });

    app.post('/undo', {
      schema: schema(
        'Undo one batch: every row it changed goes back as it was (409 if one changed since)',
        { body: ZUndoRequest, response: { 200: ZUndoResult } },
      ),
      handler: (request) => undoBatch(context(request), request.body.batch_id),
    });
  },
);
