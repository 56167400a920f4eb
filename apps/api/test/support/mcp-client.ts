import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  type CallToolResult,
  type ElicitRequest,
  ElicitRequestSchema,
  type ElicitResult,
} from '@modelcontextprotocol/sdk/types.js';
import { expect } from 'vitest';
import type { TestApp } from './test-app.js';
import { asUser, type TestUser } from './users.js';

/** A personal API key of `owner`, made through the real endpoint (it asks for the password). */
export async function createApiKey(app: TestApp, owner: TestUser, name: string): Promise<string> {
  const response = await app.app.inject({
    method: 'POST',
    url: '/api/v1/api-keys',
    headers: asUser(owner),
    payload: { name, password: owner.password },
  });
  expect(response.statusCode).toBe(201);
  return response.json().key;
}

/** One tool call, answered as the SDK gives it. */
export const callTool = async (client: Client, name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args })) as CallToolResult;

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
