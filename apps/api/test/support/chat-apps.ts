import { afterAll, beforeAll } from 'vitest';
import { type FakeOpenAI, startFakeOpenAI } from '../../../../tests/support/fake-openai.js';
import { fakeModelEnv } from './fake-model-env.js';
import { createTestApp, type TestApp } from './test-app.js';

export type ChatApps = { fake: FakeOpenAI; withModel: TestApp; offline: TestApp };

/**
 * For a file that asks the same of both assistants: the fake model server, an app whose assistant
 * is the real OpenAI client against it, and an offline one. Started before the file's tests and
 * closed after; read the fields inside tests.
 */
export function useChatApps(): ChatApps {
  const apps = {} as ChatApps;
  beforeAll(async () => {
    apps.fake = await startFakeOpenAI();
    [apps.withModel, apps.offline] = await Promise.all([
      createTestApp(fakeModelEnv(apps.fake)),
      createTestApp({ LLM_PROVIDER: 'offline' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([apps.withModel?.close(), apps.offline?.close()]);
    await apps.fake?.close();
  });
  return apps;
}
