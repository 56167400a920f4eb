import type { TMcpScope } from '@todo/contracts';
import { useTranslations } from 'use-intl';

/** What each /mcp scope lets an app do: its words in the consent page and settings (`scopes`). */
const SCOPE_KEYS = {
  'tasks:read': 'tasksRead',
  'tasks:write': 'tasksWrite',
  'tasks:delete': 'tasksDelete',
  'reminders:write': 'remindersWrite',
  offline_access: 'offlineAccess',
} as const satisfies Record<TMcpScope | 'offline_access', string>;

/** Describes a scope in the user's language; an unknown one is shown as it is. */
export function useDescribeScope() {
  const t = useTranslations('scopes');
  return (scope: string) =>
    scope in SCOPE_KEYS ? t(SCOPE_KEYS[scope as keyof typeof SCOPE_KEYS]) : scope;
}
