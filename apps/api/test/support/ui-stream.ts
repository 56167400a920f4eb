import { readUIMessageStream, type UIMessageChunk } from 'ai';

/** Parses an SSE body of the AI SDK UI message stream into its chunks. */
export function parseUiStream(body: string): UIMessageChunk[] {
  return body
    .split('\n\n')
    .map((event) => event.replace(/^data: /, '').trim())
    .filter((data) => data && data !== '[DONE]')
    .map((data) => JSON.parse(data) as UIMessageChunk);
}

/** Replays chunks through the SDK's own reader: what `useChat` would show. */
export async function toUiMessage(chunks: UIMessageChunk[]) {
  const stream = new ReadableStream<UIMessageChunk>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  let last:
    | (Awaited<ReturnType<typeof readUIMessageStream>> extends AsyncIterable<infer M> ? M : never)
    | undefined;
  for await (const message of readUIMessageStream({ stream })) last = message;
  if (!last) throw new Error('the stream held no UI message');
  return last;
}
