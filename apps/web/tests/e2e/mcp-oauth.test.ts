import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ASSISTANT_REDIRECT,
  connectAuthorizing,
  connectWithOAuth,
  TestOAuthProvider,
} from '../../../../tests/support/mcp-oauth';
import { mcpCall } from '../../../../tests/support/oauth-flow';
import { signUpUser } from '../../../../tests/support/sign-up';
import {
  launchBrowser,
  screenshot,
  screenshotOnFailure,
  seriousViolations,
} from '../support/browser';
import { type Running, startApp } from '../support/servers';

/**
 * A hosted assistant adds the app as a connector: the official MCP SDK client, through the web
 * origin only (/mcp and the discovery documents are forwarded to the API), with the user signing
 * in and approving on the real pages in Chromium; then refresh, and Disconnect in Settings.
 */
describe.sequential('connecting an assistant through OAuth, in Chromium', () => {
  let app: Running;
  let browser: Browser;
  let page: Page;
  let mcpUrl: string;
  const provider = new TestOAuthProvider('Chromium Assistant');
  let user: Awaited<ReturnType<typeof signUpUser>>;

  beforeAll(async () => {
    // What a tunnelled local install runs with (README): /mcp on the web origin.
    [app, browser] = await Promise.all([startApp({ MCP_PUBLIC: 'true' }), launchBrowser()]);
    mcpUrl = `${app.url}/mcp`;
    user = await signUpUser(app.url, { name: 'connector', origin: app.url });
    page = await (await browser.newContext()).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** The user's browser: sign in on the way, read the consent page, approve; the code returned. */
  async function approveInChromium(authorizationUrl: URL): Promise<string> {
    let callback: URL | undefined;
    // The assistant's own callback page is not ours: answer it here and keep its URL.
    await page.route(`${new URL(ASSISTANT_REDIRECT).origin}/**`, async (route) => {
      callback = new URL(route.request().url());
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<p>connected</p>' });
    });
    await page.goto(authorizationUrl.href);
    await page.waitForURL(/\/sign-in\?/);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/oauth\/consent\?/);
    await page
      .getByRole('heading', { name: 'Connect Chromium Assistant to your tasks?' })
      .waitFor();
    expect(await page.getByTestId('consent-redirect-host').textContent()).toBe('assistant.example');
    const scopes = await page
      .getByTestId('consent-scopes')
      .locator('li')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-scope')));
    expect(scopes).toEqual([
      'tasks:read',
      'tasks:write',
      'tasks:delete',
      'reminders:write',
      'offline_access',
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'oauth-consent');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL((url) => url.href.startsWith(ASSISTANT_REDIRECT));
    await page.unroute(`${new URL(ASSISTANT_REDIRECT).origin}/**`);
    const code = callback?.searchParams.get('code');
    if (!code) throw new Error(`no code in the callback ${callback}`);
    return code;
  }

  it('discovers from the 401, registers, signs in, approves and calls tools', async () => {
    screenshotOnFailure(() => page, 'oauth-flow');
    const discovery = await fetch(`${app.url}/.well-known/oauth-protected-resource/mcp`);
    expect(await discovery.json()).toMatchObject({
      resource: mcpUrl,
      authorization_servers: [`${app.url}/api/auth`],
    });
    const { client } = await connectAuthorizing(mcpUrl, provider, approveInChromium);
    const added = (await client.callTool({
      name: 'add_task',
      arguments: { title: 'Added by the assistant' },
    })) as CallToolResult;
    expect(added.isError).toBeFalsy();
    const listed = (await client.callTool({ name: 'list_tasks', arguments: {} })) as CallToolResult;
    expect(listed.structuredContent).toMatchObject({ total: 1 });
    await client.close();
  });

  it('refreshes the access token when it stops working', async () => {
    const before = provider.tokens();
    if (!before?.refresh_token) throw new Error('no refresh token');
    provider.saved = { ...before, access_token: 'no-longer-valid' };
    await connectWithOAuth(mcpUrl, provider).then(
      ({ client }) => client.close(),
      () => undefined,
    );
    expect(provider.tokens()?.refresh_token).not.toBe(before.refresh_token);
    const { client } = await connectWithOAuth(mcpUrl, provider);
    expect((await client.listTools()).tools.length).toBeGreaterThan(5);
    await client.close();
  });

  it('Disconnect in Settings → Connected apps ends its access at once', async () => {
    screenshotOnFailure(() => page, 'oauth-disconnect');
    const token = String(provider.tokens()?.access_token);
    expect((await mcpCall(mcpUrl, token, 'tools/list')).status).toBe(200);
    await page.goto(`${app.url}/settings`);
    const item = page.getByTestId('connected-app');
    await item.first().waitFor();
    expect(await item.count()).toBe(1);
    expect(await item.first().textContent()).toContain('Chromium Assistant');
    await screenshot(page, 'settings-connected-apps');
    await page.getByRole('button', { name: 'Disconnect Chromium Assistant' }).click();
    await page.getByTestId('connected-apps-empty').waitFor();
    const refused = await mcpCall(mcpUrl, token, 'tools/list');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('resource_metadata=');
  });
});
