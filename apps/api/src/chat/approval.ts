import type { TToolPreview } from '@todo/contracts';
import type { UIMessageChunk } from 'ai';
import type { TaskContext } from '../tasks/task-context.js';
import type { AnsweredApproval } from './conversation-store.js';
import type { ReplyProducer } from './reply-producer.js';
import { mapTaskTools } from './tools/index.js';
import { expectingFailures, runTaskTool, type ToolOutcome } from './tools/run-task-tool.js';
import type { ToolData } from './tools/task-tool.js';

/**
 * The tools that wait for the user's approval, by name, taking input as stored (JSON): each
 * checks it against its own schema again, since a stored call is data, not a typed value.
 */
type ConfirmableTool = {
  preview(context: TaskContext, input: unknown): Promise<ToolOutcome<TToolPreview>>;
  run(context: TaskContext, input: unknown): Promise<ToolOutcome<ToolData>>;
};

const CONFIRMABLE = new Map(
  mapTaskTools((tool): [string, ConfirmableTool] | undefined => {
    const { confirmation } = tool;
    if (!confirmation) return undefined;
    return [
      tool.name,
      {
        preview: (context, input) =>
          expectingFailures(() => confirmation.preview(context, tool.inputSchema.parse(input))),
        run: (context, input) => runTaskTool(tool, context, tool.inputSchema.parse(input)),
      },
    ];
  }).filter((entry) => entry !== undefined),
);

/** What a call that waits would change, for the approval card (null: the tool needs no yes). */
export async function previewCall(
  context: TaskContext,
  toolName: string,
  input: unknown,
): Promise<ToolOutcome<TToolPreview> | null> {
  const tool = CONFIRMABLE.get(toolName);
  return tool ? tool.preview(context, input) : null;
}

/**
 * The offline assistant's continuation once the user answered: an approved call runs now (the
 * task may have changed meanwhile: the tool checks again), a declined one changes nothing.
 */
export function resumeOffline(
  context: TaskContext,
  answered: AnsweredApproval,
  approved: boolean,
): ReplyProducer {
  let failure: unknown;
  const { call } = answered;
  const chunks = new ReadableStream<UIMessageChunk>({
    async start(controller) {
      try {
        const id = `text_${call.tool_call_id}`;
        let text = 'OK, I left everything as it was.';
        controller.enqueue({ type: 'start-step' });
        if (!approved) {
          controller.enqueue({ type: 'tool-output-denied', toolCallId: call.tool_call_id });
        } else {
          const tool = CONFIRMABLE.get(call.tool);
          if (!tool) throw new Error(`no confirmable tool ${call.tool}`);
          const outcome = await tool.run(context, call.arguments);
          controller.enqueue({
            type: 'tool-output-available',
            toolCallId: call.tool_call_id,
            output: outcome.result,
          });
          const summary = call.approval?.preview?.summary;
          text = outcome.ok
            ? `Done: ${summary ?? call.tool}.`
            : `That did not work: ${outcome.result.error}`;
        }
        controller.enqueue({ type: 'text-start', id });
        controller.enqueue({ type: 'text-delta', id, delta: text });
        controller.enqueue({ type: 'text-end', id });
        controller.enqueue({ type: 'finish-step' });
      } catch (error) {
        failure = error;
      }
      controller.close();
    },
  });
  return { chunks, error: () => failure };
}
