import { ZErrorResponse, ZOccurrenceList, ZOccurrencesQuery } from '@todo/contracts';
import { userRoutes } from '../auth/user-routes.js';
import { listOccurrences } from './list-occurrences.js';

const errors = { 400: ZErrorResponse, 401: ZErrorResponse };

/** The calendar view's read: dated tasks and repeating occurrences in a bounded range of days. */
export const occurrenceRoutes = userRoutes(
  { tag: 'calendar', errors },
  (app, { context, schema }) => {
    app.get('/', {
      schema: schema(
        'Tasks due on the days from..to (inclusive, ≤ 62 days, in my zone) and the later occurrences of repeating ones',
        { querystring: ZOccurrencesQuery, response: { 200: ZOccurrenceList } },
      ),
      handler: (request) => listOccurrences(context(request), request.query),
    });
  },
);
