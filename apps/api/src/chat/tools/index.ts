import { addListTool } from './add-list.js';
import { addTaskTool } from './add-task.js';
import { addTasksTool } from './add-tasks.js';
import { completeTaskTool } from './complete-task.js';
import { deleteTaskTool } from './delete-task.js';
import { findActivityTool } from './find-activity.js';
import { listListsTool } from './list-lists.js';
import { listTasksTool } from './list-tasks.js';
import { rescheduleTaskTool } from './reschedule-task.js';
import { setReminderTool } from './set-reminder.js';
import type { TaskTool, ToolData } from './task-tool.js';
import { undoLastChangeTool } from './undo-last-change.js';
import { updateTaskTool } from './update-task.js';

/** Something done with any one task tool, whatever its input and output. */
export type TaskToolVisitor<TResult> = <TInput extends ToolData, TOutput extends ToolData>(
  tool: TaskTool<TInput, TOutput>,
) => TResult;

/**
 * The task and list tools, shared by the chat agent, the offline assistant and the MCP server, each
 * handed to `visit` with its own types (a plain array would have to forget them).
 */
export const mapTaskTools = <TResult>(visit: TaskToolVisitor<TResult>): TResult[] => [
  visit(addTaskTool),
  visit(listTasksTool),
  visit(completeTaskTool),
  visit(deleteTaskTool),
  visit(updateTaskTool),
  visit(rescheduleTaskTool),
  visit(addTasksTool),
  visit(listListsTool),
  visit(addListTool),
  visit(setReminderTool),
  visit(findActivityTool),
  visit(undoLastChangeTool),
];

export {
  addListTool,
  addTasksTool,
  addTaskTool,
  completeTaskTool,
  deleteTaskTool,
  findActivityTool,
  listListsTool,
  listTasksTool,
  rescheduleTaskTool,
  setReminderTool,
  undoLastChangeTool,
  updateTaskTool,
};
