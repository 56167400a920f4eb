/** 6. Image sizes against the Node runtime base they are built on (needs a docker engine). */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { record, skipped } from '../report.js';
import { root } from '../servers.js';

const SECTION = '6. Images';

function imageSize(image: string) {
  const result = spawnSync('docker', ['image', 'inspect', image, '--format', '{{.Size}}'], {
    encoding: 'utf8',
  });
  return result.status === 0 ? Number(result.stdout.trim()) / 1e6 : undefined;
}

export function images() {
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;
  const docker = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], {
    encoding: 'utf8',
  });
  if (docker.status !== 0) {
    skipped(SECTION, 'todo-backend / todo-frontend size', 'vs the Node base', 'no docker engine');
    return;
  }
  const runtimeArg = /ARG RUNTIME_IMAGE=(\S+)/.exec(
    readFileSync(join(root, 'apps', 'api', 'Dockerfile'), 'utf8'),
  )?.[1];
  const bases = [
    runtimeArg,
    `localhost/${runtimeArg}`,
    'node:24-bookworm-slim',
    'localhost/node:24-bookworm-slim',
  ].filter((image): image is string => Boolean(image));
  const baseImage = bases.find((image) => imageSize(image) !== undefined);
  const baseMb = baseImage ? imageSize(baseImage) : undefined;
  // The default image runs on the distroless Node base when one was built alongside.
  const distroless =
    imageSize('localhost/node:24-distroless') ?? imageSize('gcr.io/distroless/nodejs24-debian12');
  for (const name of ['todo-backend', 'todo-frontend']) {
    const image = `${name}:${version}`;
    const mb = imageSize(image);
    if (mb === undefined) {
      skipped(SECTION, `${image} size`, 'vs the Node base', `no ${image} (npm run images:build)`);
      continue;
    }
    const reference = distroless && mb < (baseMb ?? Number.POSITIVE_INFINITY) ? distroless : baseMb;
    const referenceName = reference === distroless ? 'node:24 distroless' : baseImage;
    record({
      section: SECTION,
      name: `${image} size`,
      value: `${mb.toFixed(0)} MB`,
      goal: 'reported vs the Node runtime base',
      ratio: reference
        ? `+${(mb - reference).toFixed(0)} MB over ${referenceName} (${reference.toFixed(0)} MB)`
        : undefined,
    });
  }
}
