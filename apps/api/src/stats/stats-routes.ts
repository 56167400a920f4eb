import { ZErrorResponse, ZStats } from '@todo/contracts';
import { userRoutes } from '../auth/user-routes.js';
import { getStats } from './get-stats.js';

const errors = { 401: ZErrorResponse };

/** The stats view's one read. */
export const statsRoutes = userRoutes({ tag: 'stats', errors }, (app, { context, schema }) => {
  app.get('/', {
    schema: schema(
      'Completed per day (30 days) and week (12 weeks), open by list and priority, overdue trend; in my zone',
      { response: { 200: ZStats } },
    ),
    handler: (request) => getStats(context(request)),
  });
});
