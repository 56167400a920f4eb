#!/usr/bin/env node
// Bundles the API into dist/server.mjs and dist/migrate.mjs (one file each) and copies the SQL
// migrations beside them. PGlite stays external: it loads its WebAssembly and data files from
// its own package folder at run time.
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist');
rmSync(outdir, { recursive: true, force: true });

const started = Date.now();
await build({
  entryPoints: {
    server: join(root, 'src/server.ts'),
    migrate: join(root, 'src/db/migrate-cli.ts'),
  },
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: process.env.SOURCEMAP === 'true',
  // Whitespace and syntax only: identifiers stay readable in stack traces.
  minifySyntax: true,
  minifyWhitespace: true,
  keepNames: true,
  legalComments: 'none',
  external: ['@electric-sql/pglite', 'pg-native'],
  // Some dependencies still call require(); give the ESM bundle a real one.
  banner: {
    js: [
      "import { createRequire as __createRequire } from 'node:module';",
      "import { fileURLToPath as __fileURLToPath } from 'node:url';",
      'const require = __createRequire(import.meta.url);',
      'const __filename = __fileURLToPath(import.meta.url);',
      "const __dirname = __fileURLToPath(new URL('.', import.meta.url));",
    ].join(' '),
  },
  logLevel: 'warning',
});
cpSync(join(root, 'drizzle'), join(outdir, 'drizzle'), { recursive: true });
// The /docs UI's static files (Swagger UI reads them from disk; see swagger-ui-dir.ts).
const require = createRequire(import.meta.url);
const swaggerUiDir = dirname(require.resolve('@fastify/swagger-ui/package.json'));
cpSync(join(swaggerUiDir, 'static'), join(outdir, 'static'), { recursive: true });
console.log(`api: bundled into ${outdir} in ${Date.now() - started} ms`);
