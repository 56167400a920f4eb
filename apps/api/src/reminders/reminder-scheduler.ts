import { sql } from 'drizzle-orm';
import { fromDrizzle, fromPglite, type Job, type JobResult, PgBoss } from 'pg-boss';
import { schedulePurge } from '../activity/purge-deleted.js';
import type { DatabaseHandle } from '../db/client.js';
import { queryRows } from '../db/client.js';
import type { Logger } from '../logger.js';
import { claimDueOccurrences, type Occurrence, occurrenceKey, whenDue } from './occurrences.js';
import { deliverableAt } from './quiet-hours.js';
import {
  type ChannelName,
  PermanentChannelError,
  type ReminderChannel,
  type ReminderMessage,
} from './reminder-channel.js';
import {
  reminderDeliveries,
  reminderDeliveryFailures,
  reminderDeliveryLag,
  reminderLateDeliveries,
  reminderQueueJobs,
} from './reminder-metrics.js';
import { type DigestWriter, resolveOccurrence } from './resolve-occurrence.js';

/** One job per occurrence (reminder, snooze, digest): resolved and fanned out to the channels. */
export const DUE_QUEUE = 'reminder-due';
/** One job per (occurrence, channel): a failing channel retries alone. */
export const DELIVER_QUEUE = 'reminder-deliver';

/** How far ahead the sweep queues occurrences (with startAfter = when they are due). */
const HORIZON_SECONDS = 30;
const SWEEP_BATCH = 500;
/** A delivery later than this is logged as a warning and counted as late. */
export const LATE_SECONDS = 60;
/** An active job whose replica died is retried after this (and the supervisor's next pass). */
const EXPIRE_SECONDS = 30;
/**
 * Send records older than this are dropped: pg-boss deletes a job that waited 14 days
 * (retentionSeconds), so no job can still redeliver an occurrence this old.
 */
const SENDS_KEPT_DAYS = 30;
const PRUNE_EVERY_MS = 10 * 60_000;

type DeliverJob = { channel: ChannelName; message: ReminderMessage };

export type SchedulerOptions = {
  database: DatabaseHandle;
  channels: ReminderChannel[];
  concurrency: number;
  logger: Logger;
  writeDigest: DigestWriter | null;
  sweepIntervalMs?: number;
  /** Days a deleted task or list is kept before the nightly purge (same queue, ADR 072). */
  deletedRetentionDays?: number;
};

/**
 * The reminder scheduler of one replica (any number may run): a sweep claims what falls due in
 * the next 30 s and queues it in pg-boss in the same transaction; workers resolve each
 * occurrence into a message, defer it past quiet hours and fan it out into one job per enabled
 * channel; the deliver worker sends each once, recorded in `reminder_sends`. See ADR 050/051.
 */
export class ReminderScheduler {
  private readonly boss: PgBoss;
  private readonly log: Logger;
  private sweepTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private started: Promise<void> | null = null;
  private prunedAt = 0;

  constructor(private readonly options: SchedulerOptions) {
    const store = options.database.jobStore;
    this.log = options.logger.child({ component: 'reminders' }) as Logger;
    this.boss = new PgBoss({
      ...('pglite' in store
        ? { db: fromPglite(store.pglite), backend: 'pglite' as const }
        : { connectionString: store.url, max: 3, application_name: 'todo-api-reminders' }),
      schema: 'pgboss',
      // Cron on: the nightly purge of deleted rows is a pg-boss schedule (one send per slot).
      schedule: true,
      superviseIntervalSeconds: 5,
      monitorIntervalSeconds: 10,
    });
    // pg-boss reports lost connections (a database restart) here; it keeps retrying by itself.
    this.boss.on('error', (error) => this.log.warn({ err: error }, 'reminder queue error'));
  }

  /** Starts in the background: a database that is not up yet delays reminders, not the API. */
  start(): void {
    this.started = this.startWithRetry();
  }

  private async startWithRetry(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.boss.start();
        await this.ensureQueues();
        await this.work();
        await schedulePurge(
          this.boss,
          this.options.database.db,
          this.options.deletedRetentionDays ?? 30,
          this.log,
        );
        this.scheduleSweep(0);
        this.log.info({ concurrency: this.options.concurrency }, 'reminder workers started');
        return;
      } catch (error) {
        this.log.warn({ err: error }, 'reminder workers cannot start yet; retrying');
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
  }

  private async ensureQueues() {
    const retry = { retryLimit: 20, retryDelay: 2, retryBackoff: true, retryDelayMax: 600 };
    for (const name of [DUE_QUEUE, DELIVER_QUEUE]) {
      if (await this.boss.getQueue(name)) continue;
      // Exclusive: one queued-or-active job per singleton key, so a second sweep or fan-out of
      // the same occurrence adds nothing while the first is pending.
      await this.boss
        .createQueue(name, { policy: 'exclusive', expireInSeconds: EXPIRE_SECONDS, ...retry })
        .catch(async (error) => {
          if (!(await this.boss.getQueue(name))) throw error; // another replica made it first
        });
    }
  }

  private async work() {
    // Batches, each job settled on its own (a failing one retries alone), fetched back to back
    // while they come full: at 100 reminders a second a 0.5 s poll per job would fall behind.
    await this.boss.work(
      DUE_QUEUE,
      { batchSize: 50, pollingIntervalSeconds: 0.5, burstWhenBatchFull: true, perJobResults: true },
      (jobs: Job<Occurrence>[]) => settleEach(jobs, (job) => this.fanOut(job.data), this.log),
    );
    await this.boss.work(
      DELIVER_QUEUE,
      {
        batchSize: this.options.concurrency,
        pollingIntervalSeconds: 0.5,
        burstWhenBatchFull: true,
        perJobResults: true,
      },
      (jobs: Job<DeliverJob>[]) => settleEach(jobs, (job) => this.deliver(job), this.log),
    );
  }

  private scheduleSweep(delay = this.options.sweepIntervalMs ?? 1_000) {
    if (this.stopped) return;
    this.sweepTimer = setTimeout(() => void this.sweep(), delay);
  }

  private async sweep() {
    try {
      let claimed = 0;
      do {
        claimed = await this.options.database.db.transaction(async (tx) => {
          const due = await claimDueOccurrences(tx, HORIZON_SECONDS, SWEEP_BATCH);
          if (due.length === 0) return 0;
          await this.boss.insert(
            DUE_QUEUE,
            due.map((occurrence) => ({
              data: occurrence,
              singletonKey: occurrenceKey(occurrence),
              startAfter: new Date(whenDue(occurrence)),
            })),
            { db: fromDrizzle(tx as never, sql as never) },
          );
          return due.length;
        });
      } while (claimed >= SWEEP_BATCH && !this.stopped);
      await this.countQueues();
      if (Date.now() - this.prunedAt > PRUNE_EVERY_MS) {
        this.prunedAt = Date.now();
        await this.options.database.db.execute(sql`DELETE FROM reminder_sends
          WHERE sent_at < now() - ${SENDS_KEPT_DAYS} * interval '1 day'`);
      }
    } catch (error) {
      // A database outage: nothing was claimed (the transaction rolled back); try again later.
      this.log.warn({ err: error }, 'reminder sweep failed; retrying');
    }
    this.scheduleSweep();
  }

  private async countQueues() {
    for (const name of [DUE_QUEUE, DELIVER_QUEUE]) {
      const queue = await this.boss.getQueue(name);
      if (!queue) continue;
      reminderQueueJobs.set({ queue: name, state: 'queued' }, queue.queuedCount);
      reminderQueueJobs.set({ queue: name, state: 'active' }, queue.activeCount);
      reminderQueueJobs.set({ queue: name, state: 'failed' }, queue.failedCount);
    }
  }

  /** Resolves an occurrence and queues one delivery per channel the user has on. */
  private async fanOut(occurrence: Occurrence) {
    const resolved = await resolveOccurrence(
      this.options.database.db,
      occurrence,
      this.options.writeDigest,
    );
    if (!resolved) return; // deleted, moved or completed since it was queued
    const { message, quiet, zone } = resolved;
    const due = new Date(Math.max(Date.now(), new Date(message.scheduledFor).getTime()));
    const at = deliverableAt(due, quiet, zone);
    // Deferred past quiet hours, a message is meant to arrive when they end: lag counts from then.
    const deferred = at.getTime() !== due.getTime();
    const toSend = deferred ? { ...message, scheduledFor: at.toISOString() } : message;
    const jobs = [];
    for (const channel of this.options.channels) {
      if (!(await channel.enabledFor(message.userId))) continue;
      jobs.push({
        data: { channel: channel.name, message: toSend } satisfies DeliverJob,
        singletonKey: `${message.occurrenceKey}:${channel.name}`,
        startAfter: at,
      });
    }
    if (jobs.length > 0) await this.boss.insert(DELIVER_QUEUE, jobs);
  }

  /** Sends one message on one channel, once: a redelivered job finds its send recorded. */
  private async deliver(job: Job<DeliverJob>) {
    const { channel: name, message } = job.data;
    const db = this.options.database.db;
    const [state] = await queryRows<{ owner: boolean; sent: boolean }>(
      db,
      sql`SELECT EXISTS (SELECT 1 FROM "user" WHERE id = ${message.userId}) AS owner,
        EXISTS (SELECT 1 FROM reminder_sends WHERE occurrence_key = ${message.occurrenceKey}
          AND channel = ${name}) AS sent`,
    );
    if (!state?.owner || state.sent) return; // account deleted, or already sent
    const channel = this.options.channels.find((candidate) => candidate.name === name);
    if (!channel) {
      this.log.warn(
        { channel: name },
        'reminder for a channel this replica does not have; dropped',
      );
      return;
    }
    try {
      await channel.send(message);
    } catch (error) {
      const permanent = error instanceof PermanentChannelError;
      reminderDeliveryFailures.inc({ channel: name, permanent: String(permanent) });
      this.log.warn(
        { err: error, channel: name, occurrence: message.occurrenceKey, attempt: job.retryCount },
        permanent ? 'reminder delivery failed for good' : 'reminder delivery failed; will retry',
      );
      if (permanent) return;
      throw error;
    }
    await db.execute(sql`INSERT INTO reminder_sends (occurrence_key, channel, user_id)
      VALUES (${message.occurrenceKey}, ${name}, ${message.userId}) ON CONFLICT DO NOTHING`);
    const lagSeconds = Math.max(0, (Date.now() - new Date(message.scheduledFor).getTime()) / 1000);
    reminderDeliveryLag.observe({ channel: name }, lagSeconds);
    reminderDeliveries.inc({ channel: name, kind: message.kind });
    if (lagSeconds > LATE_SECONDS) {
      reminderLateDeliveries.inc({ channel: name });
      this.log.warn(
        { channel: name, occurrence: message.occurrenceKey, lagSeconds },
        'reminder delivered late',
      );
    } else {
      this.log.debug(
        { channel: name, occurrence: message.occurrenceKey, lagSeconds },
        'reminder delivered',
      );
    }
  }

  /** Stops sweeping and lets jobs in hand finish (SIGTERM); what is left is picked up elsewhere. */
  async stop(timeoutMs = 5_000) {
    this.stopped = true;
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    await this.started;
    await this.boss.stop({ graceful: true, timeout: timeoutMs }).catch(() => {});
  }
}

/** Runs a batch's jobs at once and reports each one's outcome (failed ones are retried). */
async function settleEach<T>(
  jobs: Job<T>[],
  run: (job: Job<T>) => Promise<void>,
  log: Logger,
): Promise<JobResult[]> {
  return Promise.all(
    jobs.map(async (job): Promise<JobResult> => {
      try {
        await run(job);
        return { id: job.id, status: 'completed' };
      } catch (error) {
        log.debug({ err: error, job: job.id }, 'reminder job failed; pg-boss retries it');
        return {
          id: job.id,
          status: 'failed',
          output: { message: error instanceof Error ? error.message : String(error) },
        };
      }
    }),
  );
}
