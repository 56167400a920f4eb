/** Sums a V8 heap snapshot's live objects by kind (string, code, array, closure, ...). */
import { readFileSync } from 'node:fs';

type Snapshot = {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
};

export function summariseHeapSnapshot(file: string) {
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const typeIndex = fields.indexOf('type');
  const sizeIndex = fields.indexOf('self_size');
  const nameIndex = fields.indexOf('name');
  const byKind = new Map<string, number>();
  let total = 0;
  let largestString = { size: 0, start: '' };
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    // Each node is `fields.length` numbers; the loop bound keeps every index inside the array.
    const kind = types[snapshot.nodes[i + typeIndex] ?? -1] ?? 'unknown';
    const size = snapshot.nodes[i + sizeIndex] ?? 0;
    total += size;
    byKind.set(kind, (byKind.get(kind) ?? 0) + size);
    if (kind === 'string' && size > largestString.size) {
      const text = snapshot.strings[snapshot.nodes[i + nameIndex] ?? -1] ?? '';
      largestString = { size, start: text.slice(0, 60) };
    }
  }
  return {
    totalMiB: total / 2 ** 20,
    byKind: [...byKind]
      .sort((a, b) => b[1] - a[1])
      .map(([kind, size]) => ({ kind, mib: size / 2 ** 20 })),
    largestString: { mib: largestString.size / 2 ** 20, start: largestString.start },
  };
}
