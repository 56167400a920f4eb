// Deploy CLI: npm run k8s:up | k8s:down | k8s:status | k8s:logs | k8s:backup | k8s:restore
// (see args.ts for the flags).
import { parseArgs, UsageError } from './args.ts';
import { backup, restore } from './backup.ts';
import { down, logs, status, up } from './commands.ts';
import { StepError } from './run.ts';

export async function main(argv: string[]): Promise<number> {
  try {
    const opts = parseArgs(argv);
    const commands = { up, down, status, logs, backup, restore };
    await commands[opts.command](opts);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    if (err instanceof StepError) {
      process.stderr.write(`\n✖ Failed: ${err.step}\n  ${err.detail}\n`);
      if (err.lastLines.length > 0) {
        process.stderr.write(
          `  ${err.linesLabel}:\n${err.lastLines.map((l) => `    │ ${l}`).join('\n')}\n`,
        );
      }
      process.stderr.write(`  Hint: ${err.hint}\n`);
      return 1;
    }
    process.stderr.write(`\n✖ ${(err as Error).stack ?? err}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
