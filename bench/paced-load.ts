/**
 * Open-loop load at a fixed rate, evenly paced (what wrk2 does): request i is due at
 * start + i / rate whatever happened to earlier ones, and its latency counts from when it was
 * due, so a stalled server shows up in the percentiles instead of slowing the generator down
 * (no coordinated omission). autocannon's `-R` is closed-loop and sends each second's quota as
 * fast as it can, which measures saturation rather than the given rate.
 *
 *   node --import tsx bench/paced-load.ts '{"url":…,"rate":100,"seconds":5,"headers":{}}'
 *
 * A warm-up at the same rate (a fifth of the duration, at most 1 s) comes first and is not counted.
 * Prints one JSON line: { rps, p50, p99, errors, requests } (milliseconds).
 */
import http from 'node:http';

type Options = {
  url: string;
  rate: number;
  seconds: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  connections?: number;
};

const options = JSON.parse(process.argv[2] ?? '{}') as Options;
const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections ?? 64 });
const target = new URL(options.url);
const total = Math.max(1, Math.round(options.rate * options.seconds));
const intervalMs = 1000 / options.rate;
const latencies: number[] = [];
let errors = 0;
let finished = 0;

function send(dueAt: number): Promise<void> {
  // Timers fire in whole milliseconds, so a request may leave slightly before it is due.
  const from = Math.min(dueAt, performance.now());
  return new Promise((resolve) => {
    const request = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? 'GET',
        headers: {
          ...options.headers,
          ...(options.body && { 'content-length': Buffer.byteLength(options.body) }),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          latencies.push(performance.now() - from);
          if ((response.statusCode ?? 500) >= 400) errors++;
          resolve();
        });
      },
    );
    request.on('error', () => {
      errors++;
      resolve();
    });
    request.end(options.body);
  });
}

/** Sends `count` requests evenly paced at the rate; returns when all have answered. */
async function paced(count: number) {
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const dueAt = started + i * intervalMs;
    const wait = dueAt - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(dueAt).then(() => void finished++));
  }
  await Promise.all(inFlight);
  return (performance.now() - started) / 1000;
}

// Warm-up (not recorded): opens the sockets and warms both JITs, so the first, slow connection
// set-ups do not land in the percentiles.
await paced(Math.max(1, Math.round(options.rate * Math.min(1, options.seconds / 5))));
latencies.length = 0;
errors = 0;
finished = 0;
const elapsedSeconds = await paced(total);
agent.destroy();

latencies.sort((a, b) => a - b);
const at = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
console.log(
  JSON.stringify({
    rps: finished / elapsedSeconds,
    p50: at(0.5),
    p99: at(0.99),
    errors,
    requests: finished,
  }),
);
