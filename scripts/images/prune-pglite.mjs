#!/usr/bin/env node
// Used by apps/api/Dockerfile: trims the PGlite package copied beside the API bundle to what the
// bundle can load. Keeps the ESM entry points, WebAssembly and data files, and the extensions the
// bundle imports (`@electric-sql/pglite/contrib/<name>`, `@electric-sql/pglite/vector`); drops
// type declarations, CommonJS copies, source maps and every other extension.
//   node prune-pglite.mjs <bundle dir> <pglite package dir>
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

const [bundleDir, pkgDir] = process.argv.slice(2);
if (!bundleDir || !pkgDir) {
  console.error('usage: prune-pglite.mjs <bundle dir> <pglite package dir>');
  process.exit(2);
}

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : files(path);
    return [path];
  });
}

// Every `@electric-sql/pglite/<subpath>` the bundle imports.
const imported = new Set();
for (const file of files(bundleDir).filter((f) => /\.[cm]?js$/.test(f))) {
  for (const m of readFileSync(file, 'utf8').matchAll(/@electric-sql\/pglite\/([\w./-]+)/g)) {
    imported.add(m[1].replace(/\.js$/, ''));
  }
}
const extensions = new Set(
  [...imported]
    .map((subpath) => subpath.split('/').pop())
    .filter((name) => name && name !== 'index'),
);
const optionalDirs = ['contrib', 'vector', 'live', 'worker', 'node-postgres', 'pg_ivm', 'pgtap'];

let removed = 0;
const dist = join(pkgDir, 'dist');
for (const file of files(pkgDir)) {
  const rel = relative(dist, file);
  const name = basename(file);
  const stem = name.replace(/\.(d\.)?[cm]?[jt]s(\.map)?$|\.tar\.gz$/, '');
  const topDir = rel.startsWith('..') ? '' : rel.split('/')[0];
  const wanted = extensions.has(stem) || extensions.has(topDir);
  const drop =
    /\.(map|d\.ts|d\.cts|d\.mts|cjs)$/.test(name) ||
    name === 'README.md' ||
    (name.endsWith('.tar.gz') && !wanted) ||
    (optionalDirs.includes(topDir) && !wanted);
  if (drop) {
    removed += statSync(file).size;
    rmSync(file);
  }
}
console.log(
  `pglite: kept extensions [${[...extensions].join(', ') || 'none'}], removed ${(removed / 1e6).toFixed(1)} MB`,
);
