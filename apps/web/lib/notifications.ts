import type {
  TNotification,
  TNotificationCollection,
  TReminder,
  TReminderSettings,
  TSnoozeChoice,
} from '@todo/contracts';
import { apiFetch } from './api';

const json = (value: unknown) => JSON.stringify(value);

export const notificationsApi = {
  list: () => apiFetch<TNotificationCollection>('/api/v1/notifications?limit=20'),
  markRead: (ids?: number[]) =>
    apiFetch<{ updated: number; unread_count: number }>('/api/v1/notifications/read', {
      method: 'POST',
      body: json(ids ? { ids } : {}),
    }),
  snooze: (id: number, choice: TSnoozeChoice) =>
    apiFetch<TNotification>(`/api/v1/notifications/${id}/snooze`, {
      method: 'POST',
      body: json({ for: choice }),
    }),
};

export const remindersApi = {
  list: (taskId: number) => apiFetch<{ items: TReminder[] }>(`/api/v1/tasks/${taskId}/reminders`),
  add: (taskId: number, input: { offset_minutes: number } | { at: string }) =>
    apiFetch<TReminder>(`/api/v1/tasks/${taskId}/reminders`, {
      method: 'POST',
      body: json(input),
    }),
  remove: (taskId: number, id: number) =>
    apiFetch<void>(`/api/v1/tasks/${taskId}/reminders/${id}`, { method: 'DELETE' }),
  settings: () => apiFetch<TReminderSettings>('/api/v1/me/reminders'),
  saveSettings: (patch: Partial<TReminderSettings>) =>
    apiFetch<TReminderSettings>('/api/v1/me/reminders', { method: 'PATCH', body: json(patch) }),
};
