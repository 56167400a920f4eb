import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { mapTaskTools, type TaskToolVisitor } from '../chat/tools/index.js';
import { runTaskTool } from '../chat/tools/run-task-tool.js';
import type { TaskContext } from '../tasks/task-context.js';

/**
 * A fresh MCP server for one request and one authenticated user (stateless: any replica can
 * serve any call). The tools are the chat agent's tools; the user comes from the bearer key.
 */
export function createMcpServer(context: TaskContext): McpServer {
  const server = new McpServer(
    { name: 'todo-chatbot', version: process.env.npm_package_version ?? '0.1.0' },
    { capabilities: { tools: {} } },
  );
  const register: TaskToolVisitor<void> = (taskTool) => {
    server.registerTool(
      taskTool.name,
      {
        title: taskTool.title,
        description: taskTool.description,
        inputSchema: taskTool.inputSchema,
        outputSchema: taskTool.outputSchema,
      },
      async (args): Promise<CallToolResult> => {
        // One activity batch per tools/call: what undo_last_change reverses as one.
        const call = { ...context, actor: { ...context.actor, batchId: randomUUID() } };
        const outcome = await runTaskTool(taskTool, call, args);
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
