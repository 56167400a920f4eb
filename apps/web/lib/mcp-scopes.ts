import type { TMcpScope } from '@todo/contracts';

/** What each /mcp scope lets an app do, in the words the consent page and settings show. */
export const SCOPE_DESCRIPTIONS: Record<TMcpScope | 'offline_access', string> = {
  'tasks:read': 'See your tasks and lists',
  'tasks:write': 'Add, change, complete and reschedule tasks and add lists',
  'tasks:delete': 'Delete tasks',
  'reminders:write': 'Set reminders on your tasks',
  offline_access: 'Stay connected until you disconnect it (no sign-in every hour)',
};

export const describeScope = (scope: string) =>
  SCOPE_DESCRIPTIONS[scope as keyof typeof SCOPE_DESCRIPTIONS] ?? scope;
