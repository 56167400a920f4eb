import { z } from 'zod';
import { lastBatchOf } from '../../activity/list-activity.js';
import { undoBatch } from '../../activity/undo-batch.js';
import { AppError } from '../../errors/app-error.js';
import { defineTaskTool } from './task-tool.js';

export const undoLastChangeTool = defineTaskTool({
  name: 'undo_last_change',
  scope: 'tasks:write',
  title: 'Undo the last change',
  description:
    'Undo the last change made from here (this conversation, or this MCP client): every task, list and reminder it touched goes back as it was. Fails, changing nothing, if one was changed since.',
  annotations: {
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: false,
    openWorldHint: false,
  },
  inputSchema: z.object({}),
  outputSchema: z.object({ batch_id: z.string(), undone: z.number().int() }),
  run: async (context) => {
    // The caller's own batch (this turn or this call) is not "the last change": it is now.
    const batchId = await lastBatchOf(context, {
      via: context.actor.via,
      clientId: context.actor.clientId,
      conversationId: context.actor.conversationId,
      except: context.actor.batchId,
    });
    if (!batchId) throw new AppError('not_found', 'There is no change from here left to undo');
    return undoBatch(context, batchId);
  },
});
