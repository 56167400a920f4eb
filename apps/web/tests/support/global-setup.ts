// Builds the web app once before any browser test (the same staleness rule as `npm start`).
// @ts-expect-error: a plain .mjs script without type declarations
import { ensureWebBuild } from '../../scripts/ensure-build.mjs';

export default function setup() {
  if (!ensureWebBuild()) throw new Error('next build failed');
}
