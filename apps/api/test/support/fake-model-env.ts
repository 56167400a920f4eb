import type { FakeOpenAI } from '../../../../tests/support/fake-openai.js';

export const FAKE_MODEL_KEY = 'sk-test-key-0123456789';

/** The API's settings for its real OpenAI client talking to the fake model server. */
export const fakeModelEnv = (fake: FakeOpenAI) => ({
  OPENAI_BASE_URL: fake.baseURL,
  OPENAI_API_KEY: FAKE_MODEL_KEY,
  LLM_MODEL: 'fake-model',
});

/** Every tool the assistant offers, by chat and by MCP alike (sorted). */
export const TOOL_NAMES = [
  'add_list',
  'add_task',
  'add_tasks',
  'complete_task',
  'delete_task',
  'find_activity',
  'list_lists',
  'list_tasks',
  'reschedule_task',
  'set_reminder',
  'undo_last_change',
  'update_task',
];
