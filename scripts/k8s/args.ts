// Command-line flags of the deploy CLI.
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
  down     uninstall the release (--purge also deletes its database volume and the namespace)
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
  --purge              (down) also delete the PVC and the namespace
  --timeout <dur>      how long helm or kubectl waits (default 10m)
  --yes                (restore) replace the database's data with the backup
  --help               this text`;

export class UsageError extends Error {}

export function parseArgs(argv: string[]): TOptions {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h')
    throw new UsageError(USAGE);
  if (!COMMANDS.includes(command as TCommand)) {
    throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
  }
  const opts: TOptions = {
    command: command as TCommand,
    namespace: 'todo-chatbot',
    release: 'todo-chatbot',
    values: [],
    set: [],
    dryRun: false,
    minikube: true,
    build: true,
    purge: false,
    follow: false,
    timeout: '10m',
    yes: false,
  };
  for (let i = 0; i < rest.length; i++) {
    const raw = rest[i] as string;
    const [flag, inline] =
      raw.startsWith('--') && raw.includes('=')
        ? [raw.slice(0, raw.indexOf('=')), raw.slice(raw.indexOf('=') + 1)]
        : [raw, undefined];
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value\n\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case '--namespace':
      case '-n':
        opts.namespace = value();
        break;
      case '--release':
        opts.release = value();
        break;
      case '--values':
      case '-f':
        opts.values.push(value());
        break;
      case '--set':
        opts.set.push(value());
        break;
      case '--timeout':
        opts.timeout = value();
        break;
      case '--component':
        opts.component = value();
        break;
      case '--dry-run':
        opts.dryRun = true;
        break;
      case '--no-minikube':
        opts.minikube = false;
        opts.build = false;
        break;
      case '--no-build':
        opts.build = false;
        break;
      case '--purge':
        opts.purge = true;
        break;
      case '--follow':
        opts.follow = true;
        break;
      case '--yes':
        opts.yes = true;
        break;
      case '--help':
      case '-h':
        throw new UsageError(USAGE);
      default:
        if (opts.command === 'restore' && !raw.startsWith('-') && opts.backupFile === undefined) {
          opts.backupFile = raw;
          break;
        }
        throw new UsageError(`unknown flag "${raw}"\n\n${USAGE}`);
    }
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
