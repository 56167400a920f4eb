import { LIST_COLORS, ZCreateListRequest, ZList } from '@todo/contracts';
import { z } from 'zod';
import { createList } from '../../lists/create-list.js';
import { ADDS, defineTaskTool, invalidInput } from './task-tool.js';

export const addListTool = defineTaskTool({
  name: 'add_list',
  scope: 'tasks:write',
  title: 'Add list',
  description: 'Create a list (a project) for the user. Names are unique per user.',
  annotations: ADDS,
  inputSchema: z.object({
    name: z.string().describe('1-80 characters, e.g. "Groceries"'),
    color: z
      .enum(LIST_COLORS)
      .optional()
      .describe(`One of ${LIST_COLORS.join(', ')}`),
  }),
  outputSchema: ZList,
  async run(context, input) {
    const parsed = ZCreateListRequest.safeParse(input);
    if (!parsed.success) throw invalidInput(parsed.error);
    return createList(context, parsed.data);
  },
});
