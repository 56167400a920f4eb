// Preloaded into the API by the bench's profile section (`node --import`): prints the process's
// memory and V8's heap spaces as one JSON line on stderr every 250 ms.
import v8 from 'node:v8';

const MiB = 2 ** 20;
setInterval(() => {
  const usage = process.memoryUsage();
  const spaces = Object.fromEntries(
    v8.getHeapSpaceStatistics().map((space) => [space.space_name, space.space_size / MiB]),
  );
  process.stderr.write(
    `MEMORY ${JSON.stringify({
      rss: usage.rss / MiB,
      heapTotal: usage.heapTotal / MiB,
      heapUsed: usage.heapUsed / MiB,
      external: usage.external / MiB,
      spaces,
    })}\n`,
  );
}, 250).unref();
