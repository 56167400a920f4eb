import { addTaskTool } from './add-task.js';
import { completeTaskTool } from './complete-task.js';
import { deleteTaskTool } from './delete-task.js';
import { listTasksTool } from './list-tasks.js';
import type { TaskTool, ToolData } from './task-tool.js';
import { updateTaskTool } from './update-task.js';

/** Something done with any one task tool, whatever its input and output. */
export type TaskToolVisitor<TResult> = <TInput extends ToolData, TOutput extends ToolData>(
  tool: TaskTool<TInput, TOutput>,
) => TResult;

/**
 * The five task tools, shared by the chat agent, the offline assistant and the MCP server, each
 * handed to `visit` with its own types (a plain array would have to forget them).
 */
export const mapTaskTools = <TResult>(visit: TaskToolVisitor<TResult>): TResult[] => [
  visit(addTaskTool),
  visit(listTasksTool),
  visit(completeTaskTool),
  visit(deleteTaskTool),
  visit(updateTaskTool),
];

export { addTaskTool, completeTaskTool, deleteTaskTool, listTasksTool, updateTaskTool };
