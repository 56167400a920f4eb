import pg from 'pg';
import type { DatabaseHandle } from '../db/client.js';
import type { Logger } from '../logger.js';

/** The channel the in-app channel NOTIFYs (payload: the user id) after it stores a row. */
export const NOTIFY_CHANNEL = 'todo_notifications';

type Listener = () => void;

/**
 * Live updates for open notification streams on this replica. A notification may be stored by
 * any replica, so this one LISTENs on PostgreSQL (one connection per replica, opened when the
 * first stream opens) and wakes the streams of the user named in the payload. After a lost
 * connection every stream is woken once, to catch up on what it may have missed.
 */
export class NotificationHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private connecting: Promise<void> | null = null;
  private stopListening: (() => Promise<void>) | null = null;
  private stopped = false;

  constructor(
    private readonly store: DatabaseHandle['jobStore'],
    private readonly logger: Logger,
  ) {}

  subscribe(userId: string, listener: Listener): () => void {
    const own = this.listeners.get(userId) ?? new Set();
    own.add(listener);
    this.listeners.set(userId, own);
    this.connecting ??= this.listen();
    return () => {
      own.delete(listener);
      if (own.size === 0) this.listeners.delete(userId);
    };
  }

  private wake(userId: string) {
    for (const listener of this.listeners.get(userId) ?? []) listener();
  }

  private wakeAll() {
    for (const own of this.listeners.values()) for (const listener of own) listener();
  }

  private async listen(): Promise<void> {
    if ('pglite' in this.store) {
      this.stopListening = await this.store.pglite.listen(NOTIFY_CHANNEL, (userId) =>
        this.wake(userId),
      );
      return;
    }
    const url = this.store.url;
    const connect = async (): Promise<void> => {
      if (this.stopped) return;
      const client = new pg.Client({ connectionString: url, application_name: 'todo-api-listen' });
      const retry = () => {
        client.removeAllListeners();
        client.end().catch(() => {});
        if (!this.stopped) setTimeout(() => void connect(), 1_000).unref();
      };
      client.on('error', (error) => {
        this.logger.warn({ err: error }, 'notification listener lost its connection; retrying');
        retry();
      });
      client.on('notification', (message) => {
        if (message.payload) this.wake(message.payload);
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
        this.stopListening = () => client.end();
        this.wakeAll();
      } catch (error) {
        this.logger.warn({ err: error }, 'notification listener cannot connect yet; retrying');
        retry();
      }
    };
    await connect();
  }

  async stop() {
    this.stopped = true;
    await this.connecting?.catch(() => {});
    await this.stopListening?.().catch(() => {});
  }
}
