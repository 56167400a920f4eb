// apps/api/src/reminders/reminder-channel.ts
/** What every channel delivers: already in the user's language and time zone. */
export interface ReminderMessage {
  /** Unique per reminder occurrence and kind, e.g. `reminder:42:2026-12-24T09:00:00.000Z`; the same key is never delivered twice to a channel. */
  occurrenceKey: string;
  kind: 'reminder' | 'digest' | 'test';
  userId: string;
  taskId: number | null;
  title: string;
  body: string;
  /** Path in the web app to open, e.g. `/?task=42`. */
  url: string;
  /** When it was meant to arrive (ISO); lag = now − this. */
  scheduledFor: string;
}
export type ChannelName = 'in_app' | 'push' | 'webhook' | 'email';
export interface ReminderChannel {
  readonly name: ChannelName;
  /** Whether this user has this channel on (and, for push, has a subscription). */
  enabledFor(userId: string): Promise<boolean>;
  /** Throws to have the job retried with backoff; throw `PermanentChannelError` to give up. */
  send(message: ReminderMessage): Promise<void>;
}
export class PermanentChannelError extends Error {}
