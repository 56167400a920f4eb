import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/** The official MCP client over Streamable HTTP, authenticated with a bearer key. */
export async function connectMcp(url: string, key: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { authorization: `Bearer ${key}` } },
  });
  const client = new Client({ name: 'todo-test-client', version: '1.0.0' });
  await client.connect(transport);
  return client;
}
