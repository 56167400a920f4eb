import {
  ZCreateTaskRequest,
  ZErrorResponse,
  ZListTasksQuery,
  ZQuickAddRequest,
  ZQuickAddResult,
  ZTask,
  ZTaskDetail,
  ZTaskList,
  ZTaskParams,
  ZUpdatedTask,
  ZUpdateTaskRequest,
} from '@todo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { protectUserRoutes, USER_SECURITY, type UserAuth } from '../auth/user-routes.js';
import type { Database } from '../db/client.js';
import { parseTasks } from '../quick-add/parse-tasks.js';
import { createTask } from './create-task.js';
import { deleteTask } from './delete-task.js';
import { getTask } from './get-task.js';
import { listTasks } from './list-tasks.js';
import { updateTask } from './update-task.js';

const errors = { 400: ZErrorResponse, 401: ZErrorResponse, 404: ZErrorResponse };

/** REST transport only: validate, resolve the user, call the domain function. */
export const taskRoutes: FastifyPluginAsyncZod<{ userAuth: UserAuth; db: Database }> = async (
  app,
  { userAuth, db },
) => {
  const context = protectUserRoutes(app, userAuth, db);
  const tags = ['tasks'];
  const security = USER_SECURITY;

  app.get('/', {
    schema: {
      tags,
      security,
      summary: 'List tasks',
      querystring: ZListTasksQuery,
      response: { 200: ZTaskList, ...errors },
    },
    handler: (request) => listTasks(context(request), request.query),
  });

  app.post('/', {
    schema: {
      tags,
      security,
      summary: 'Create a task',
      body: ZCreateTaskRequest,
      response: { 201: ZTask, ...errors },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createTask(context(request), request.body)),
  });

  app.post('/parse', {
    schema: {
      tags,
      security,
      summary:
        'Read a quick-add line ("pay rent every month on the 1st #home !high @bills") into task drafts; creates nothing',
      body: ZQuickAddRequest,
      response: { 200: ZQuickAddResult, ...errors },
    },
    handler: (request) => parseTasks(context(request), request.body.text),
  });

  app.get('/:id', {
    schema: {
      tags,
      security,
      summary: 'Get a task with its subtasks in order',
      params: ZTaskParams,
      response: { 200: ZTaskDetail, ...errors },
    },
    handler: (request) => getTask(context(request), request.params.id),
  });

  app.patch('/:id', {
    schema: {
      tags,
      security,
      summary:
        'Update a task (completing sets completed_at, reopening clears it; completing a ' +
        'repeating task creates the next occurrence, returned as next_task)',
      params: ZTaskParams,
      body: ZUpdateTaskRequest,
      response: { 200: ZUpdatedTask, ...errors },
    },
    handler: (request) => updateTask(context(request), request.params.id, request.body),
  });

  app.delete('/:id', {
    schema: {
      tags,
      security,
      summary: 'Delete a task and its subtasks; returns the task',
      params: ZTaskParams,
      response: { 200: ZTask, ...errors },
    },
    handler: (request) => deleteTask(context(request), request.params.id),
  });
};
