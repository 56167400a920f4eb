import pg from 'pg';
import type { DatabaseHandle } from './client.js';

export type ChannelListener = {
  /** Settles once the first LISTEN is in place, or once it has started retrying. */
  ready: Promise<void>;
  stop(): Promise<void>;
};

/**
 * A LISTEN on one PostgreSQL channel for the life of the process: PGlite's own, or one pg
 * connection of its own (a pooled one would be handed to other queries) that reconnects every
 * second after a loss until stopped. `onConnected` runs after each connect: what was sent while
 * the connection was down is gone, so a caller may need to catch up.
 */
export function listenToChannel(
  store: DatabaseHandle['jobStore'],
  channel: string,
  options: {
    /** Names the connection in pg_stat_activity and the log lines. */
    name: string;
    logger: { warn(details: object, message: string): void };
    onPayload(payload: string): void;
    onConnected?(): void;
  },
): ChannelListener {
  let stopped = false;
  let stopCurrent: (() => Promise<void>) | null = null;

  const connect = async (url: string): Promise<void> => {
    if (stopped) return;
    const client = new pg.Client({ connectionString: url, application_name: options.name });
    const retry = () => {
      client.removeAllListeners();
      client.end().catch(() => {});
      if (!stopped) setTimeout(() => void connect(url), 1_000).unref();
    };
    client.on('error', (error) => {
      options.logger.warn({ err: error, channel }, `${options.name} lost its connection; retrying`);
      retry();
    });
    client.on('notification', (message) => {
      if (message.payload) options.onPayload(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
      stopCurrent = () => client.end();
      options.onConnected?.();
    } catch (error) {
      options.logger.warn({ err: error, channel }, `${options.name} cannot connect yet; retrying`);
      retry();
    }
  };

  const ready =
    'pglite' in store
      ? store.pglite.listen(channel, options.onPayload).then((unlisten) => {
          stopCurrent = unlisten;
        })
      : connect(store.url);
  return {
    ready,
    async stop() {
      stopped = true;
      await ready.catch(() => {});
      await stopCurrent?.().catch(() => {});
    },
  };
}
