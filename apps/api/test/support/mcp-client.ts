import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  type ElicitRequest,
  ElicitRequestSchema,
  type ElicitResult,
} from '@modelcontextprotocol/sdk/types.js';

/** The official MCP client over Streamable HTTP, authenticated with a bearer key. */
export async function connectMcp(url: string, key: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { authorization: `Bearer ${key}` } },
  });
  const client = new Client({ name: 'todo-test-client', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

export type ElicitingClient = {
  client: Client;
  transport: StreamableHTTPClientTransport;
  /** Every question the server asked, in order. */
  asked: ElicitRequest['params'][];
  /** Ends the session (DELETE /mcp) when it still has one, then closes the client. */
  close(): Promise<void>;
};

/**
 * The official client declaring the elicitation capability, answering each question with
 * `answer` (as a user would in the client's dialog). `fetch` may route its requests.
 */
export async function connectEliciting(
  url: string,
  key: string,
  answer: (
    question: ElicitRequest['params'],
    /** The JSON-RPC id the question came with. */
    id: string | number,
  ) => ElicitResult | Promise<ElicitResult>,
  fetch?: FetchLike,
): Promise<ElicitingClient> {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { authorization: `Bearer ${key}` } },
    ...(fetch && { fetch }),
  });
  const client = new Client(
    { name: 'todo-eliciting-client', version: '1.0.0' },
    { capabilities: { elicitation: {} } },
  );
  const asked: ElicitRequest['params'][] = [];
  client.setRequestHandler(ElicitRequestSchema, (request, extra) => {
    asked.push(request.params);
    return answer(request.params, extra.requestId);
  });
  await client.connect(transport);
  const close = async () => {
    if (transport.sessionId) await transport.terminateSession();
    await client.close();
  };
  return { client, transport, asked, close };
}
