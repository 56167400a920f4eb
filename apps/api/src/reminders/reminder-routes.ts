import {
  ZCreateReminderRequest,
  ZErrorResponse,
  ZReminder,
  ZReminderCollection,
  ZReminderParams,
  ZReminderSettings,
  ZTaskParams,
  ZUpdateReminderSettingsRequest,
} from '@todo/contracts';
import { z } from 'zod';
import { userRoutes } from '../auth/user-routes.js';
import { getReminderSettings, updateReminderSettings } from './reminder-settings.js';
import { addReminder, deleteReminder, listReminders } from './task-reminders.js';

const errors = { 400: ZErrorResponse, 401: ZErrorResponse, 404: ZErrorResponse };

/** REST for a task's reminders, under /api/v1/tasks/:id/reminders. */
export const taskReminderRoutes = userRoutes(
  { tag: 'reminders', errors },
  (app, { context, schema }) => {
    app.get('/:id/reminders', {
      schema: schema('The task’s reminders (at most 10), oldest first', {
        params: ZTaskParams,
        response: { 200: ZReminderCollection },
      }),
      handler: async (request) => ({
        items: await listReminders(context(request), request.params.id),
      }),
    });

    app.post('/:id/reminders', {
      schema: schema(
        'Add a reminder: { offset_minutes } before the due (all-day tasks: from 09:00 or the user’s all-day time; -1440 = the day before) or { at } an instant. Past times, a task without a due and an 11th reminder are 400',
        { params: ZTaskParams, body: ZCreateReminderRequest, response: { 201: ZReminder } },
      ),
      handler: async (request, reply) =>
        reply
          .status(201)
          .send(await addReminder(context(request), request.params.id, request.body)),
    });

    app.delete('/:id/reminders/:reminderId', {
      schema: schema('Remove a reminder', {
        params: ZReminderParams,
        response: { 204: z.null().describe('Removed') },
      }),
      handler: async (request, reply) => {
        await deleteReminder(context(request), request.params.id, request.params.reminderId);
        return reply.status(204).send(null);
      },
    });
  },
);

/** The signed-in user's reminder defaults, quiet hours and digest time: /api/v1/me/reminders. */
export const reminderSettingsRoutes = userRoutes(
  { tag: 'reminders', errors },
  (app, { context, schema }) => {
    app.get('/', {
      schema: schema('Reminder defaults, quiet hours and the daily digest time', {
        response: { 200: ZReminderSettings },
      }),
      handler: (request) => getReminderSettings(context(request)),
    });
    app.patch('/', {
      schema: schema(
        'Change reminder defaults (applied to new tasks), quiet hours (both ends in your zone) or the digest time (null: off)',
        { body: ZUpdateReminderSettingsRequest, response: { 200: ZReminderSettings } },
      ),
      handler: (request) => updateReminderSettings(context(request), request.body),
    });
  },
);
