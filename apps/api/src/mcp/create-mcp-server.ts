import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { mapTaskTools, type TaskToolVisitor } from '../chat/tools/index.js';
import { expectingFailures, runTaskTool } from '../chat/tools/run-task-tool.js';
import type { ToolData } from '../chat/tools/task-tool.js';
import type { TaskContext } from '../tasks/task-context.js';
import { type ConfirmAnswer, confirmByElicitation } from './confirm-by-elicitation.js';

const ZConfirm = z.object({
  confirm: z
    .boolean()
    .optional()
    .describe('true to do it; without it nothing changes and the result is a preview'),
});

/** Why a destructive call asked over elicitation did not run. */
const UNCONFIRMED: Record<Exclude<ConfirmAnswer, 'confirmed'>, string> = {
  declined: 'the user declined',
  cancelled: 'the user cancelled',
  'timed out': 'no answer in time to',
  ended: 'the call ended before an answer to',
};

const notDone = (text: string): CallToolResult => ({
  isError: true,
  content: [{ type: 'text', text }],
});

/**
 * A fresh MCP server for one request and one authenticated user (any replica can serve any call).
 * The tools are the chat agent's tools; the user comes from the bearer credential.
 *
 * A tool that asks first (delete, many tasks at once) takes `confirm: true`. Without it, in a
 * session whose client can be asked (`elicitationTimeoutMs` set, ADR 077), the server asks the
 * user through the client with the preview and does it only on a yes; otherwise the call changes
 * nothing and returns the preview (ADR 075).
 */
export function createMcpServer(
  context: TaskContext,
  { elicitationTimeoutMs }: { elicitationTimeoutMs?: number } = {},
): McpServer {
  const server = new McpServer(
    { name: 'todo-chatbot', version: process.env.npm_package_version ?? '0.1.0' },
    { capabilities: { tools: {} } },
  );
  const register: TaskToolVisitor<void> = (taskTool) => {
    const { confirmation } = taskTool;
    const inputSchema: z.ZodType<ToolData> =
      confirmation && taskTool.inputSchema instanceof z.ZodObject
        ? taskTool.inputSchema.extend(ZConfirm.shape)
        : taskTool.inputSchema;
    server.registerTool(
      taskTool.name,
      {
        title: taskTool.title,
        description: confirmation
          ? `${taskTool.description} Pass confirm: true once the user agreed; without it you get a preview.`
          : taskTool.description,
        annotations: { title: taskTool.title, ...taskTool.annotations },
        inputSchema,
        outputSchema: taskTool.outputSchema,
      },
      async (args, extra): Promise<CallToolResult> => {
        // One activity batch per tools/call: what undo_last_change reverses as one.
        const call = { ...context, actor: { ...context.actor, batchId: randomUUID() } };
        // The SDK checked `args` against the widened schema; the tool's own schema drops `confirm`.
        const input = taskTool.inputSchema.parse(args);
        if (confirmation && ZConfirm.parse(args).confirm !== true) {
          const outcome = await expectingFailures(() => confirmation.preview(call, input));
          // Error results, so the model reads them as "not done" (and the SDK checks
          // structuredContent against outputSchema only on success: a preview is not an output).
          if (!outcome.ok) return notDone(outcome.result.error);
          const { summary } = outcome.result;
          if (elicitationTimeoutMs === undefined) {
            return notDone(
              `Not done yet: ${summary}? Call again with confirm: true once the user agrees.`,
            );
          }
          const answer = await confirmByElicitation(extra, summary, elicitationTimeoutMs);
          if (answer !== 'confirmed')
            return notDone(`Not done: ${UNCONFIRMED[answer]} «${summary}»; nothing changed.`);
        }
        const outcome = await runTaskTool(taskTool, call, input);
        if (!outcome.ok) return notDone(outcome.result.error);
        return {
          content: [{ type: 'text', text: JSON.stringify(outcome.result) }],
          structuredContent: outcome.result,
        };
      },
    );
  };
  mapTaskTools(register);
  return server;
}
