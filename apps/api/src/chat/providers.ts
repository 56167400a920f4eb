import type { LanguageModel } from 'ai';
import type { Env } from '../config/env.js';

export type ProviderName = 'openai' | 'groq' | 'google' | 'cohere';

/** Per-provider default models; LLM_MODEL overrides them. Chosen for tool use at low cost. */
export const DEFAULT_MODELS: Record<ProviderName, string> = {
  openai: 'gpt-4o-mini',
  groq: 'llama-3.3-70b-versatile',
  google: 'gemini-2.5-flash',
  cohere: 'command-r-plus',
};

export type ChatModel =
  | { kind: 'offline' }
  | { kind: 'llm'; provider: ProviderName; modelId: string; model: LanguageModel };

export type ModelSettings = {
  provider: ProviderName;
  apiKey?: string;
  modelId?: string;
  /** OpenAI-compatible servers (Ollama, vLLM, LM Studio) and test doubles. */
  baseURL?: string;
};

/**
 * The provider's client library is imported only when that provider is chosen: a process loads
 * one of the four (or none, offline), which keeps every replica's memory smaller.
 */
export async function createLanguageModel(settings: ModelSettings): Promise<LanguageModel> {
  const modelId = settings.modelId ?? DEFAULT_MODELS[settings.provider];
  switch (settings.provider) {
    case 'openai': {
      const { createOpenAI } = await import('@ai-sdk/openai');
      // .chat(): the chat-completions API, which every OpenAI-compatible server speaks
      // (the default `openai(model)` calls the newer Responses API).
      return createOpenAI({
        // Local servers such as Ollama need no key, but the client insists on one.
        apiKey: settings.apiKey ?? 'not-needed',
        baseURL: settings.baseURL,
      }).chat(modelId);
    }
    case 'groq': {
      const { createGroq } = await import('@ai-sdk/groq');
      return createGroq({ apiKey: settings.apiKey, baseURL: settings.baseURL })(modelId);
    }
    case 'google': {
      const { createGoogle } = await import('@ai-sdk/google');
      return createGoogle({ apiKey: settings.apiKey, baseURL: settings.baseURL })(modelId);
    }
    case 'cohere': {
      const { createCohere } = await import('@ai-sdk/cohere');
      return createCohere({ apiKey: settings.apiKey, baseURL: settings.baseURL })(modelId);
    }
  }
}

const KEY_OF: Record<ProviderName, keyof Env> = {
  openai: 'OPENAI_API_KEY',
  groq: 'GROQ_API_KEY',
  google: 'GOOGLE_AI_API_KEY',
  cohere: 'COHERE_API_KEY',
};

/** `auto` picks the first provider with a key (an OPENAI_BASE_URL counts for openai), else offline. */
export function pickProvider(env: Env): ProviderName | 'offline' {
  if (env.LLM_PROVIDER !== 'auto') return env.LLM_PROVIDER;
  if (env.OPENAI_API_KEY || env.OPENAI_BASE_URL) return 'openai';
  if (env.GROQ_API_KEY) return 'groq';
  if (env.GOOGLE_AI_API_KEY) return 'google';
  if (env.COHERE_API_KEY) return 'cohere';
  return 'offline';
}

export async function resolveChatModel(env: Env): Promise<ChatModel> {
  const provider = pickProvider(env);
  if (provider === 'offline') return { kind: 'offline' };
  const modelId = env.LLM_MODEL ?? DEFAULT_MODELS[provider];
  const apiKey = env[KEY_OF[provider]] as string | undefined;
  const model = await createLanguageModel({
    provider,
    apiKey,
    modelId,
    baseURL: provider === 'openai' ? env.OPENAI_BASE_URL : undefined,
  });
  return { kind: 'llm', provider, modelId, model };
}
