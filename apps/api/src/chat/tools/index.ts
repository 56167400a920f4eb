import { addTaskTool } from './add-task.js';
import { completeTaskTool } from './complete-task.js';
import { deleteTaskTool } from './delete-task.js';
import { listTasksTool } from './list-tasks.js';
import type { TaskTool } from './task-tool.js';
import { updateTaskTool } from './update-task.js';

/** The five task tools, shared by the chat agent, the offline assistant and the MCP server. */
export const TASK_TOOLS = [
  addTaskTool,
  listTasksTool,
  completeTaskTool,
  deleteTaskTool,
  updateTaskTool,
] as unknown as TaskTool[];

export { addTaskTool, completeTaskTool, deleteTaskTool, listTasksTool, updateTaskTool };
