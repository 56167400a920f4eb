// MCP for hosted assistants (docs/decisions/069): `mcp.public` decides whether the web server, the
// one public entry (NodePort or Ingress), forwards /mcp and /.well-known/oauth-* to the API.
import { describe, expect, test } from 'vitest';
import { mustFind, renderChart } from './render.ts';

const webConfig = (values: Record<string, unknown>) =>
  mustFind(renderChart(values), 'ConfigMap', 'todo-chatbot-web').data;

describe('mcp.public', () => {
  test('off by default: the web server forwards only /api/*', () => {
    expect(webConfig({}).MCP_PUBLIC).toBe('false');
  });

  test('on: the web server forwards /mcp and the discovery documents, behind an Ingress with TLS too', () => {
    const values = {
      mcp: { public: true },
      ingress: {
        enabled: true,
        hosts: [{ host: 'todo.example.com', paths: [{ path: '/', service: 'web' }] }],
        tls: [{ secretName: 'todo-tls', hosts: ['todo.example.com'] }],
      },
    };
    const objects = renderChart(values);
    expect(mustFind(objects, 'ConfigMap', 'todo-chatbot-web').data.MCP_PUBLIC).toBe('true');
    // Every public path, /mcp and /.well-known included, reaches the web Service: one proxy hop
    // in front of the API whatever the path, so TRUST_PROXY_HOPS names the client correctly.
    const ingress = mustFind(objects, 'Ingress', 'todo-chatbot');
    const paths = ingress.spec.rules[0].http.paths;
    expect(paths).toEqual([
      expect.objectContaining({
        path: '/',
        backend: { service: { name: 'todo-chatbot-web', port: { name: 'http' } } },
      }),
    ]);
    expect(ingress.spec.tls).toEqual([{ secretName: 'todo-tls', hosts: ['todo.example.com'] }]);
    // The issuer and resource URLs come from the public URL the API is told.
    expect(mustFind(objects, 'ConfigMap', 'todo-chatbot-api').data.BETTER_AUTH_URL).toBe(
      'https://todo.example.com',
    );
  });

  test('the schema refuses anything but a boolean', () => {
    expect(() => renderChart({ mcp: { public: 'yes' } })).toThrow();
  });
});
