import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { inject } from 'vitest';
import { secretHits } from './secrets.js';

declare module 'vitest' {
  export interface ProvidedContext {
    artifactsDir: string;
  }
}

/** Where this run's API logs and response-scan results go (made by the global setup). */
export function artifactsDir(): string {
  const dir = inject('artifactsDir');
  mkdirSync(join(dir, 'logs'), { recursive: true });
  mkdirSync(join(dir, 'responses'), { recursive: true });
  return dir;
}

export function saveLog(name: string, text: string): void {
  writeFileSync(join(artifactsDir(), 'logs', `${basename(name)}.log`), text);
}

type Scan = { scanned: number; hits: { where: string; secrets: string[] }[] };
const scan: Scan = { scanned: 0, hits: [] };

/** Checks one HTTP response (status line, headers, body) for the fake secrets. */
export function scanResponse(where: string, headers: Headers, body: string): void {
  scan.scanned++;
  let text = body;
  headers.forEach((value, name) => {
    text += `\n${name}: ${value}`;
  });
  const secrets = secretHits(text);
  if (secrets.length > 0) scan.hits.push({ where, secrets });
}

/** Writes this file's response-scan tally for the secrets test to add up. */
export function flushResponseScan(file: string): void {
  const path = join(artifactsDir(), 'responses', `${basename(file)}.json`);
  writeFileSync(path, JSON.stringify(scan));
  appendFileSync(join(artifactsDir(), 'files.txt'), `${basename(file)}\n`);
}
