import { Counter } from 'prom-client';

/**
 * Chat spend, with labels that name no user (bounded cardinality, nothing personal in metrics).
 * Registered into the app's registry by metrics.ts.
 */
export const chatModelTokens = new Counter({
  name: 'chat_model_tokens_total',
  help: 'Model tokens spent by chat turns, by direction (input or output)',
  labelNames: ['direction'],
  registers: [],
});

export const chatQuotaRefusals = new Counter({
  name: 'chat_quota_refusals_total',
  help: 'Chat turns refused by a per-user quota, by quota (messages per day or tokens per month)',
  labelNames: ['quota'],
  registers: [],
});
