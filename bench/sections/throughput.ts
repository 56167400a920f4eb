/**
 * 1. API throughput and latency against two baselines in the same run, each pinned to the same
 * core: the raw node:http + pg server (bench/baseline-server.ts, the floor of what Node can do
 * with this SQL) and the FastAPI peer (bench/peer/app.py, the stack other implementations use).
 * Maximum throughput is wrk with 32 connections; latency is the p99 of an evenly paced load at
 * half of each server's own maximum.
 */
import type { BenchContext } from '../context.js';
import { atRate, type Load, peakRss, type Target, wrk } from '../lib.js';
import { mib, ms, note, record, skipped } from '../report.js';
import { type Server, startBaseline, startPeer, stopServer } from '../servers.js';

const SECTION = '1. API throughput';

type Measured = { max: Load; half: Load };

async function measure(target: Target, seconds: number): Promise<Measured> {
  await wrk(target, 2); // warm-up: JIT, pools, caches
  const max = await wrk(target, seconds);
  const half = await atRate(target, max.rps / 2, seconds);
  return { max, half };
}

const errors = (load: Load) => (load.errors ? `, ${load.errors} errors` : '');
const clean = (result: Measured) => result.max.errors === 0 && result.half.errors === 0;

export async function throughput(context: BenchContext) {
  const { lister, creator, seconds } = context;
  const cases: {
    name: string;
    rpsGoal: number;
    headlineRps: boolean;
    target: (base: string) => Target;
  }[] = [
    {
      name: 'list tasks (50 of 1,000)',
      rpsGoal: 1,
      headlineRps: true,
      target: (base) => ({
        url: `${base}/api/v1/tasks?limit=50`,
        headers: { Authorization: `Bearer ${lister.token}` },
      }),
    },
    {
      name: 'get-session',
      rpsGoal: 0.8,
      headlineRps: false,
      target: (base) => ({
        url: `${base}/api/auth/get-session`,
        headers: { Authorization: `Bearer ${lister.token}` },
      }),
    },
    {
      name: 'create task',
      rpsGoal: 1,
      headlineRps: true,
      target: (base) => ({
        url: `${base}/api/v1/tasks`,
        method: 'POST',
        headers: { Authorization: `Bearer ${creator.token}`, 'Content-Type': 'application/json' },
        body: '{"title":"benchmark task"}',
      }),
    },
  ];

  const baseline = await startBaseline(context.databaseUrl);
  let peer: Server | undefined;
  let peerMissing = context.peerMissing;
  if (!peerMissing) {
    try {
      peer = await startPeer(context.databaseUrl);
    } catch (error) {
      peerMissing = `the FastAPI peer did not start: ${(error as Error).message.slice(0, 300)}`;
    }
  }
  let peakDuringLoad = context.apiIdleRss;
  for (const testCase of cases) {
    const { result: ours, peak } = await peakRss([context.api.pid], () =>
      measure(testCase.target(context.api.url), seconds),
    );
    const [apiPeak = 0] = peak;
    peakDuringLoad = Math.max(peakDuringLoad, apiPeak);
    note(`API peak RSS during ${testCase.name}: ${mib(apiPeak)}`);
    const raw = await measure(testCase.target(baseline.url), seconds);
    const ratio = ours.max.rps / raw.max.rps;
    record({
      section: SECTION,
      name: `${testCase.name}: requests/s vs the raw node:http + pg baseline (wrk, 32 connections)`,
      value: `${ours.max.rps.toFixed(0)} req/s vs ${raw.max.rps.toFixed(0)}${errors(ours.max)}`,
      goal: `≥ ${testCase.rpsGoal.toFixed(1)}× baseline`,
      ok: ratio >= testCase.rpsGoal && ours.max.errors === 0,
      ratio: `${ratio.toFixed(2)}×`,
      headline: testCase.headlineRps,
    });
    record({
      section: SECTION,
      name: `${testCase.name}: p99 at half of max load (${(ours.max.rps / 2).toFixed(0)} req/s)`,
      value: `${ms(ours.half.p99)} (p50 ${ms(ours.half.p50)}); baseline p99 ${ms(raw.half.p99)} at ${(raw.max.rps / 2).toFixed(0)} req/s${errors(ours.half)}`,
      goal: '≤ 10 ms',
      ok: ours.half.p99 <= 10 && ours.half.errors === 0,
      ratio: raw.half.p99 > 0 ? `${(ours.half.p99 / raw.half.p99).toFixed(2)}× baseline p99` : '',
      headline: true,
    });
    const peerName = `${testCase.name}: vs the FastAPI + SQLAlchemy peer (req/s, p99 at half of each one's max)`;
    const peerGoal = '≥ 3× req/s at ≤ ½ the p99';
    if (!peer) {
      skipped(SECTION, peerName, peerGoal, peerMissing ?? 'no peer', true);
      continue;
    }
    const theirs = await measure(testCase.target(peer.url), seconds);
    const rpsRatio = ours.max.rps / theirs.max.rps;
    const p99Ratio = ours.half.p99 / theirs.half.p99;
    record({
      section: SECTION,
      name: peerName,
      value: `${ours.max.rps.toFixed(0)} vs ${theirs.max.rps.toFixed(0)} req/s; p99 ${ms(ours.half.p99)} vs ${ms(theirs.half.p99)} at ${(theirs.max.rps / 2).toFixed(0)} req/s${errors(theirs.max)}`,
      goal: peerGoal,
      ok: rpsRatio >= 3 && p99Ratio <= 0.5 && clean(ours) && clean(theirs),
      ratio: `${rpsRatio.toFixed(2)}× req/s, ${p99Ratio.toFixed(2)}× p99`,
      headline: true,
    });
  }
  await stopServer(baseline);
  if (peer) await stopServer(peer);
  record({
    section: '3. Memory',
    name: 'API RSS idle → peak under the throughput loads above',
    value: `${mib(context.apiIdleRss)} → ${mib(peakDuringLoad)}`,
    goal: 'idle ≤ 70 MiB, under load ≤ 150 MiB',
    ok: context.apiIdleRss <= 70 && peakDuringLoad <= 150,
    headline: true,
  });
}
