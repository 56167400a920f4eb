import { ZList } from '@todo/contracts';
import { z } from 'zod';
import { listLists } from '../../lists/list-lists.js';
import { defineTaskTool, READ_ONLY } from './task-tool.js';

export const listListsTool = defineTaskTool({
  name: 'list_lists',
  scope: 'tasks:read',
  title: 'List lists',
  description:
    "The user's lists (the Inbox first) with their ids and open-task counts. Use it to find a " +
    'list_id when the user names a list ("add milk to Groceries").',
  annotations: READ_ONLY,
  inputSchema: z.object({}),
  outputSchema: z.object({ lists: z.array(ZList) }),
  run: async (context) => ({ lists: (await listLists(context)).items }),
});
