#!/usr/bin/env node
// `npm run start -w apps/web`: the web server alone (PORT, HOSTNAME, BACKEND_URL as configured),
// building it first when it is missing or older than its sources.
import { spawn } from 'node:child_process';
import { ensureWebBuild, standaloneServer } from './ensure-build.mjs';

if (!ensureWebBuild()) process.exit(1);

const child = spawn(process.execPath, [standaloneServer], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: process.env.PORT ?? '3000',
    HOSTNAME: process.env.HOSTNAME ?? '0.0.0.0',
    NEXT_TELEMETRY_DISABLED: '1',
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
