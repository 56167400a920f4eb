import { z } from 'zod';

/**
 * Runs in the browser before the app (Next's client instrumentation hook). zod compiles object
 * parsers with `new Function` when it may; under our CSP (no 'unsafe-eval', proxy.ts) even its
 * probe is a reported violation, so the browser build parses without code generation.
 */
z.config({ jitless: true });
