import { Readable } from 'node:stream';
import {
  IMPORT_BODY_MAX_BYTES,
  ZErrorResponse,
  ZExportQuery,
  ZImportReport,
  ZImportRequest,
} from '@todo/contracts';
import { userRoutes } from '../auth/user-routes.js';
import { exportCsv, exportJson } from './export-data.js';
import { importData } from './import-data.js';

const errors = { 400: ZErrorResponse, 401: ZErrorResponse, 413: ZErrorResponse };

/** GET /api/v1/export and POST /api/v1/import (docs/export-format.md). */
export const transferRoutes = userRoutes(
  { tag: 'import and export', errors },
  (app, { context, schema }) => {
    app.get('/export', {
      schema: schema(
        'Everything: lists, tasks and conversations as JSON (versioned), or tasks as CSV',
        {
          querystring: ZExportQuery,
        },
      ),
      handler: (request, reply) => {
        const csv = request.query.format === 'csv';
        const stamp = new Date().toISOString().slice(0, 10);
        return reply
          .type(csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="todo-export-${stamp}.${csv ? 'csv' : 'json'}"`,
          )
          .send(Readable.from((csv ? exportCsv : exportJson)(context(request))));
      },
    });

    app.post('/import', {
      bodyLimit: IMPORT_BODY_MAX_BYTES,
      schema: schema(
        'Import our export document or a Todoist CSV export: all checked first, then all written or nothing',
        {
          body: ZImportRequest,
          response: { 201: ZImportReport },
        },
      ),
      handler: async (request, reply) =>
        reply.status(201).send(await importData(context(request), request.body)),
    });
  },
);
