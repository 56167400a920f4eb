import {
  ZCreateTaskRequest,
  ZErrorResponse,
  ZListTasksQuery,
  ZQuickAddRequest,
  ZQuickAddResult,
  ZRescheduleRequest,
  ZTask,
  ZTaskBatchRequest,
  ZTaskBatchResult,
  ZTaskDetail,
  ZTaskList,
  ZTaskParams,
  ZUpdatedTask,
  ZUpdateTaskRequest,
} from '@todo/contracts';
import { userRoutes } from '../auth/user-routes.js';
import { parseTasks } from '../quick-add/parse-tasks.js';
import { batchTasks } from './batch-tasks.js';
import { createTask } from './create-task.js';
import { deleteTask } from './delete-task.js';
import { getTask } from './get-task.js';
import { listTasks } from './list-tasks.js';
import { rescheduleTask } from './reschedule-task.js';
import { updateTask } from './update-task.js';

const errors = { 400: ZErrorResponse, 401: ZErrorResponse, 404: ZErrorResponse };

/** REST transport only: validate, resolve the user, call the domain function. */
export const taskRoutes = userRoutes({ tag: 'tasks', errors }, (app, { context, schema }) => {
  app.get('/', {
    schema: schema('List tasks', {
      querystring: ZListTasksQuery,
      response: { 200: ZTaskList },
    }),
    handler: (request) => listTasks(context(request), request.query),
  });

  app.post('/', {
    schema: schema('Create a task', {
      body: ZCreateTaskRequest,
      response: { 201: ZTask },
    }),
    handler: async (request, reply) =>
      reply.status(201).send(await createTask(context(request), request.body)),
  });

  app.post('/parse', {
    schema: schema(
      'Read a quick-add line ("pay rent every month on the 1st #home !high @bills") into task drafts; creates nothing',
      {
        body: ZQuickAddRequest,
        response: { 200: ZQuickAddResult },
      },
    ),
    handler: (request) => parseTasks(context(request), request.body.text),
  });

  app.post('/batch', {
    schema: schema(
      'Complete, reopen, move or delete up to 100 tasks at once, all or nothing (one unknown id ' +
        'changes nothing); deleting a task deletes its subtasks',
      {
        body: ZTaskBatchRequest,
        response: { 200: ZTaskBatchResult },
      },
    ),
    handler: (request) => batchTasks(context(request), request.body),
  });

  app.get('/:id', {
    schema: schema('Get a task with its subtasks in order', {
      params: ZTaskParams,
      response: { 200: ZTaskDetail },
    }),
    handler: (request) => getTask(context(request), request.params.id),
  });

  app.patch('/:id', {
    schema: schema(
      'Update a task (completing sets completed_at, reopening clears it; completing a ' +
        'repeating task creates the next occurrence, returned as next_task)',
      {
        params: ZTaskParams,
        body: ZUpdateTaskRequest,
        response: { 200: ZUpdatedTask },
      },
    ),
    handler: (request) => updateTask(context(request), request.params.id, request.body),
  });

  app.post('/:id/reschedule', {
    schema: schema(
      'Move a task to another day in my zone, keeping its time of day and its recurrence',
      {
        params: ZTaskParams,
        body: ZRescheduleRequest,
        response: { 200: ZUpdatedTask },
      },
    ),
    handler: (request) =>
      rescheduleTask(context(request), request.params.id, { date: request.body.date }),
  });

  app.delete('/:id', {
    schema: schema('Delete a task and its subtasks; returns the task', {
      params: ZTaskParams,
      response: { 200: ZTask },
    }),
    handler: (request) => deleteTask(context(request), request.params.id),
  });
});
