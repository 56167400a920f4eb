import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for an OpenAI-compatible chat-completions server (OpenAI, Groq, Ollama, vLLM) on
 * 127.0.0.1. It speaks the real wire protocol, JSON and streaming SSE, including tool calls, so
 * the real AI SDK provider clients run against it. Each request takes the next scripted plan
 * (or `fallback`), after `delayMs` when a benchmark wants a model's think time. Shared by the API,
 * web and reliability suites and the bench.
 */

export type Plan =
  | { kind: 'text'; text: string }
  | { kind: 'tools'; calls: { name: string; arguments: Record<string, unknown> | string }[] }
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'hang' }
  | { kind: 'garbage' }
  /** A model that tells everything it was told: the reply is the request's messages, verbatim. */
  | { kind: 'echo' };

export type RecordedRequest = {
  path: string;
  headers: IncomingMessage['headers'];
  body: {
    model: string;
    stream?: boolean;
    messages: { role: string; content: unknown; tool_calls?: unknown; tool_call_id?: string }[];
    tools?: { type: string; function: { name: string; parameters: unknown } }[];
  };
};

export type FakeOpenAI = {
  baseURL: string;
  requests: RecordedRequest[];
  enqueue(...plans: Plan[]): void;
  /** Used when the queue is empty. */
  fallback: Plan;
  close(): Promise<void>;
};

const OPENAI_ERRORS: Record<number, unknown> = {
  401: {
    error: {
      message: 'Incorrect API key provided: sk-wrong.',
      type: 'invalid_request_error',
      code: 'invalid_api_key',
    },
  },
  429: {
    error: {
      message: 'Rate limit reached for requests',
      type: 'requests',
      code: 'rate_limit_exceeded',
    },
  },
};

export async function startFakeOpenAI(options: { delayMs?: number } = {}): Promise<FakeOpenAI> {
  const queue: Plan[] = [];
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  let counter = 0;

  const fake: FakeOpenAI = {
    baseURL: '',
    requests,
    enqueue: (...plans) => queue.push(...plans),
    fallback: { kind: 'text', text: 'OK.' },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server: Server = createServer(async (request, response) => {
    let raw = '';
    for await (const chunk of request) raw += chunk;
    const path = request.url ?? '';
    if (request.method !== 'POST' || !path.endsWith('/chat/completions')) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: `no route ${path}` } }));
      return;
    }
    const body = JSON.parse(raw) as RecordedRequest['body'];
    requests.push({ path, headers: request.headers, body });
    const next = queue.shift() ?? fake.fallback;
    const plan: Exclude<Plan, { kind: 'echo' }> =
      next.kind === 'echo' ? { kind: 'text', text: JSON.stringify(body.messages) } : next;
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    const id = `chatcmpl-${++counter}`;
    const created = Math.floor(Date.now() / 1000);
    const base = { id, created, model: body.model };

    switch (plan.kind) {
      case 'status':
        response.writeHead(plan.status, { 'content-type': 'application/json', ...plan.headers });
        response.end(JSON.stringify(plan.body ?? OPENAI_ERRORS[plan.status] ?? { error: {} }));
        return;
      case 'hang':
        hanging.add(response);
        response.on('close', () => hanging.delete(response));
        return;
      case 'garbage':
        if (body.stream) {
          response.writeHead(200, { 'content-type': 'text/event-stream' });
          response.end('data: {"this is": not json at all\n\ndata: <html>oops</html>\n\n');
        } else {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end('<html>502 Bad Gateway</html>');
        }
        return;
    }

    const toolCalls =
      plan.kind === 'tools'
        ? plan.calls.map((call, index) => ({
            index,
            id: `call_${counter}_${index}`,
            type: 'function' as const,
            function: {
              name: call.name,
              arguments:
                typeof call.arguments === 'string'
                  ? call.arguments
                  : JSON.stringify(call.arguments),
            },
          }))
        : undefined;
    const finishReason = plan.kind === 'tools' ? 'tool_calls' : 'stop';
    const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };

    if (!body.stream) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          ...base,
          object: 'chat.completion',
          choices: [
            {
              index: 0,
              message: {
                role: 'assistant',
                content: plan.kind === 'text' ? plan.text : null,
                ...(toolCalls && { tool_calls: toolCalls.map(({ index: _i, ...call }) => call) }),
              },
              finish_reason: finishReason,
            },
          ],
          usage,
        }),
      );
      return;
    }

    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (delta: unknown, finish: string | null = null) =>
      response.write(
        `data: ${JSON.stringify({
          ...base,
          object: 'chat.completion.chunk',
          choices: [{ index: 0, delta, finish_reason: finish }],
        })}\n\n`,
      );
    send({ role: 'assistant', content: '' });
    if (plan.kind === 'text') {
      // Several deltas, as a real model streams.
      for (const piece of plan.text.match(/.{1,8}/gs) ?? []) send({ content: piece });
    } else {
      for (const call of toolCalls ?? []) {
        const args = call.function.arguments;
        const half = Math.ceil(args.length / 2);
        send({
          tool_calls: [
            {
              index: call.index,
              id: call.id,
              type: 'function',
              function: { name: call.function.name, arguments: args.slice(0, half) },
            },
          ],
        });
        send({ tool_calls: [{ index: call.index, function: { arguments: args.slice(half) } }] });
      }
    }
    send({}, finishReason);
    response.write(
      `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [], usage })}\n\n`,
    );
    response.end('data: [DONE]\n\n');
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return fake;
}
