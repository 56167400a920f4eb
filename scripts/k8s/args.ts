// Command-line flags of the deploy CLI (parsed by flags.mjs, which images:build shares).
import { FlagError, parseFlags } from './flags.mjs';
export type TCommand = 'up' | 'down' | 'status' | 'logs' | 'backup' | 'restore';
const COMMANDS: TCommand[] = ['up', 'down', 'status', 'logs', 'backup', 'restore'];

export interface TOptions {
  command: TCommand;
  namespace: string;
  release: string;
  values: string[];
  set: string[];
  dryRun: boolean;
  minikube: boolean;
  build: boolean;
  purge: boolean;
  follow: boolean;
  component?: string;
  timeout: string;
  /** (restore) a backup file name printed by k8s:backup, or `latest` */
  backupFile?: string;
  /** (restore) consent to overwrite the database */
  yes: boolean;
}

export const USAGE = `Usage: npm run k8s:<up|down|status|logs|backup|restore> -- [flags]

  up       check prerequisites, start Minikube, build images into it, install or upgrade the chart
  down     uninstall the release (--purge also deletes the database and backup volumes and the namespace)
  status   release, pods, services and the URL
  logs     logs of the release's pods (--component api|web|postgresql|migrate|backup, --follow)
  backup   back the database up now (a Job from the backup CronJob) and print the file
  restore  restore <file|latest> from the backup volume: scales the API to 0, pg_restore,
           migrations, scales back, waits for /ready (asks for --yes: it replaces the data)

Flags:
  --namespace <ns>     namespace (default todo-chatbot)
  --release <name>     Helm release name (default todo-chatbot)
  --values, -f <file>  extra values file (repeatable; values-local.yaml is used when present)
  --set <key=value>    extra value (repeatable)
  --no-minikube        use the current kube-context (e.g. a cloud cluster); no Minikube, no image build
  --no-build           do not build the images (they are in Minikube already)
  --dry-run            print the commands that would change something instead of running them
  --purge              (down) also delete the PVCs (database, backups) and the namespace
  --timeout <dur>      how long helm or kubectl waits (default 10m)
  --component <name>   (logs) api, web, postgresql, migrate or backup
  --follow             (logs) keep streaming
  --yes                (restore) replace the database's data with the backup
  --help               this text`;

export class UsageError extends Error {}

/** The one name of each component in the cluster; the chart's older names still select them. */
export const COMPONENTS = ['api', 'web', 'postgresql', 'migrate', 'backup'] as const;
const COMPONENT_ALIASES: Record<string, string> = { backend: 'api', frontend: 'web' };

const FLAGS = {
  namespace: { type: 'string', short: 'n' },
  release: { type: 'string' },
  values: { type: 'string', short: 'f', multiple: true },
  set: { type: 'string', multiple: true },
  timeout: { type: 'string' },
  component: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'no-minikube': { type: 'boolean' },
  'no-build': { type: 'boolean' },
  purge: { type: 'boolean' },
  follow: { type: 'boolean' },
  yes: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseArgs(argv: string[]): TOptions {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h')
    throw new UsageError(USAGE);
  if (!COMMANDS.includes(command as TCommand)) {
    throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
  }
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(rest, FLAGS, { allowPositionals: command === 'restore' });
  } catch (error) {
    if (error instanceof FlagError) throw new UsageError(`${error.message}\n\n${USAGE}`);
    throw error;
  }
  const { values: v, positionals } = parsed;
  if (v.help) throw new UsageError(USAGE);
  if (positionals.length > 1) {
    throw new UsageError(`restore takes one backup, got ${positionals.join(' ')}\n\n${USAGE}`);
  }
  const noMinikube = v['no-minikube'] === true;
  const component = v.component as string | undefined;
  const opts: TOptions = {
    command: command as TCommand,
    namespace: (v.namespace as string | undefined) ?? 'todo-chatbot',
    release: (v.release as string | undefined) ?? 'todo-chatbot',
    values: (v.values as string[] | undefined) ?? [],
    set: (v.set as string[] | undefined) ?? [],
    dryRun: v['dry-run'] === true,
    minikube: !noMinikube,
    build: !noMinikube && v['no-build'] !== true,
    purge: v.purge === true,
    follow: v.follow === true,
    component: component ? (COMPONENT_ALIASES[component] ?? component) : undefined,
    timeout: (v.timeout as string | undefined) ?? '10m',
    backupFile: positionals[0],
    yes: v.yes === true,
  };
  if (opts.component && !(COMPONENTS as readonly string[]).includes(opts.component)) {
    throw new UsageError(
      `--component takes ${COMPONENTS.join(', ')} (or the older frontend, backend), not "${component}"`,
    );
  }
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(opts.namespace)) {
    throw new UsageError(
      `--namespace "${opts.namespace}" is not a valid Kubernetes namespace name`,
    );
  }
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(opts.release)) {
    throw new UsageError(`--release "${opts.release}" is not a valid Helm release name`);
  }
  if (opts.command === 'restore') {
    if (!opts.backupFile) {
      throw new UsageError(
        `restore needs a backup: a file name that k8s:backup printed, or latest\n\n${USAGE}`,
      );
    }
    // A bare file name: the restore Job looks only inside the backup volume.
    if (!/^(latest|[A-Za-z0-9][\w.-]*\.dump)$/.test(opts.backupFile)) {
      throw new UsageError(
        `"${opts.backupFile}" is not a backup file name (todo-<date>.dump, as k8s:backup prints it) or latest`,
      );
    }
  }
  return opts;
}
