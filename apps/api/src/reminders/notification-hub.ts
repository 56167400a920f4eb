import { type ChannelListener, listenToChannel } from '../db/channel-listener.js';
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
  private listener: ChannelListener | null = null;

  constructor(
    private readonly store: DatabaseHandle['jobStore'],
    private readonly logger: Logger,
  ) {}

  subscribe(userId: string, listener: Listener): () => void {
    const own = this.listeners.get(userId) ?? new Set();
    own.add(listener);
    this.listeners.set(userId, own);
    this.listener ??= listenToChannel(this.store, NOTIFY_CHANNEL, {
      name: 'todo-api-listen',
      logger: this.logger,
      onPayload: (userId) => this.wake(userId),
      // After a lost connection every stream is woken once, to catch up.
      onConnected: () => this.wakeAll(),
    });
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

  async stop() {
    await this.listener?.stop();
  }
}
