import { Counter, Gauge, Histogram, type Metric } from 'prom-client';

/** Reminder delivery metrics (no user in any label); registered by metrics/metrics.ts. */
export const reminderDeliveryLag = new Histogram({
  name: 'reminder_delivery_lag_seconds',
  help: 'Time from when a reminder was meant to arrive to when a channel delivered it, by channel',
  labelNames: ['channel'],
  buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600],
  registers: [],
});

export const reminderDeliveries = new Counter({
  name: 'reminder_deliveries_total',
  help: 'Messages delivered, by channel and kind (reminder, digest)',
  labelNames: ['channel', 'kind'],
  registers: [],
});

export const reminderDeliveryFailures = new Counter({
  name: 'reminder_delivery_failures_total',
  help: 'Failed delivery attempts by channel; permanent = given up, otherwise retried with backoff',
  labelNames: ['channel', 'permanent'],
  registers: [],
});

export const reminderLateDeliveries = new Counter({
  name: 'reminder_late_deliveries_total',
  help: 'Deliveries more than REMINDER_LATE_SECONDS (60 s) after they were meant to arrive, by channel',
  labelNames: ['channel'],
  registers: [],
});

export const reminderQueueJobs = new Gauge({
  name: 'reminder_queue_jobs',
  help: 'Jobs in the reminder queues as last counted by this replica, by queue and state',
  labelNames: ['queue', 'state'],
  registers: [],
});

export const REMINDER_METRICS: Metric<string>[] = [
  reminderDeliveryLag,
  reminderDeliveries,
  reminderDeliveryFailures,
  reminderLateDeliveries,
  reminderQueueJobs,
];
