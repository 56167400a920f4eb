import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { mapTaskTools, type TaskToolVisitor } from '../chat/tools/index.js';
import { expectingFailures, runTaskTool } from '../chat/tools/run-task-tool.js';
import type { ToolData } from '../chat/tools/task-tool.js';
import type { TaskContext } from '../tasks/task-context.js';

const ZConfirm = z.object({
  confirm: z
    .boolean()
    .optional()
    .describe('true to do it; without it nothing changes and the result is a preview'),
});

/**
 * A fresh MCP server for one request and one authenticated user (stateless: any replica can
 * serve any call). The tools are the chat agent's tools; the user comes from the bearer key.
 *
 * A tool that asks first (delete, many tasks at once) takes `confirm: true`; without it the call
 * changes nothing and returns a preview of what it would change. Elicitation would need the
 * server to ask the client mid-call, which a stateless JSON-response server cannot (ADR 075).
 */
export function createMcpServer(context: TaskContext): McpServer {
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
      async (args): Promise<CallToolResult> => {
        // One activity batch per tools/call: what undo_last_change reverses as one.
        const call = { ...context, actor: { ...context.actor, batchId: randomUUID() } };
        // The SDK checked `args` against the widened schema; the tool's own schema drops `confirm`.
        const input = taskTool.inputSchema.parse(args);
        if (confirmation && ZConfirm.parse(args).confirm !== true) {
          const outcome = await expectingFailures(() => confirmation.preview(call, input));
          const text = outcome.ok
            ? `Not done yet: ${outcome.result.summary}? Call again with confirm: true once the user agrees.`
            : outcome.result.error;
          // An error result, so the model reads it as "not done" (and the SDK checks
          // structuredContent against outputSchema only on success: a preview is not an output).
          return { isError: true, content: [{ type: 'text', text }] };
        }
        const outcome = await runTaskTool(taskTool, call, input);
        if (!outcome.ok) {
          return { isError: true, content: [{ type: 'text', text: outcome.result.error }] };
        }
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
