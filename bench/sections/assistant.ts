/**
 * 5. Assistant: the offline assistant's turn, and the API's own time per chat turn against a
 * local OpenAI-compatible server that answers after a fixed delay (turn time − model time).
 */
import { startFakeOpenAI } from '../../tests/support/fake-openai.js';
import type { BenchContext } from '../context.js';
import { percentile } from '../lib.js';
import { ms, record } from '../report.js';
import { startApi, stopServer } from '../servers.js';

const SECTION = '5. Assistant';
// Below the API's fixed 30 chat turns per user and minute; each half uses its own user.
const TURNS = 25;
const WARM_UP_TURNS = 5;
const MODEL_DELAY_MS = 50;

async function chatTurns(apiUrl: string, token: string, message: (i: number) => string) {
  const times: number[] = [];
  for (let i = 0; i < TURNS; i++) {
    const started = performance.now();
    const response = await fetch(`${apiUrl}/api/v1/chat`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ message: message(i) }),
    });
    const body = await response.text();
    if (!response.ok) throw new Error(`chat: ${response.status} ${body.slice(0, 300)}`);
    times.push(performance.now() - started);
  }
  return times.slice(WARM_UP_TURNS);
}

export async function assistant(context: BenchContext) {
  const offline = await chatTurns(context.api.url, context.lister.token, (i) =>
    i % 2 ? "what's left?" : `add bench chat task ${i} tomorrow`,
  );
  const offlineP50 = percentile(offline, 50);
  record({
    section: SECTION,
    name: 'offline assistant turn p50',
    value: ms(offlineP50),
    goal: '≤ 20 ms',
    ok: offlineP50 <= 20,
  });

  const fake = await startFakeOpenAI({ delayMs: MODEL_DELAY_MS });
  fake.fallback = { kind: 'text', text: 'Done: nothing to change.' };
  const llmApi = await startApi(context.databaseUrl, 'api-llm', {
    LLM_PROVIDER: 'openai',
    OPENAI_BASE_URL: fake.baseURL,
    OPENAI_API_KEY: 'sk-bench-fake',
    LLM_MODEL: 'fake-model',
  });
  try {
    const turns = await chatTurns(llmApi.url, context.creator.token, () => 'hello there');
    const callsPerTurn = fake.requests.length / TURNS;
    const turnP50 = percentile(turns, 50);
    const overhead = turnP50 - MODEL_DELAY_MS * callsPerTurn;
    record({
      section: SECTION,
      name: `chat turn against a fake model with ${MODEL_DELAY_MS} ms delay: server time − model time, p50`,
      value: `${ms(overhead)} (turn p50 ${ms(turnP50)}, ${callsPerTurn.toFixed(1)} model call(s)/turn)`,
      goal: '≤ 8 ms',
      ok: overhead <= 8,
      headline: true,
    });
  } finally {
    await stopServer(llmApi);
    await fake.close();
  }
}
