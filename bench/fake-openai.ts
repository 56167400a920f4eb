/**
 * A local OpenAI-compatible server for the assistant benchmark: /v1/chat/completions answers a
 * fixed short reply after a fixed delay (streamed or not), so the API's own overhead per chat turn
 * is the measured time minus that delay.
 */
import http from 'node:http';

export type FakeOpenAi = { url: string; calls: () => number; close(): Promise<void> };

export async function startFakeOpenAi(delayMs: number): Promise<FakeOpenAi> {
  let calls = 0;
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      if (!request.url?.endsWith('/chat/completions')) {
        response.writeHead(404).end();
        return;
      }
      calls++;
      const stream = (JSON.parse(body || '{}') as { stream?: boolean }).stream === true;
      const id = `chatcmpl-${calls}`;
      const created = Math.floor(Date.now() / 1000);
      const text = 'Done: nothing to change.';
      setTimeout(() => {
        if (!stream) {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(
            JSON.stringify({
              id,
              object: 'chat.completion',
              created,
              model: 'fake',
              choices: [
                { index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' },
              ],
              usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
            }),
          );
          return;
        }
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        const chunk = (delta: object, finish: string | null) =>
          `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: 'fake', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
        response.write(chunk({ role: 'assistant', content: '' }, null));
        response.write(chunk({ content: text }, null));
        response.write(chunk({}, 'stop'));
        response.write(
          `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: 'fake', choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } })}\n\n`,
        );
        response.end('data: [DONE]\n\n');
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    calls: () => calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
