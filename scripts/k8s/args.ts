// Command-line flags of the deploy CLI.
export type TCommand = 'up' | 'down' | 'status' | 'logs';

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
}

export const USAGE = `Usage: npm run k8s:<up|down|status|logs> -- [flags]

  up       check prerequisites, start Minikube, build images into it, install or upgrade the chart
  down     uninstall the release (--purge also deletes its database volume and the namespace)
  status   release, pods, services and the URL
  logs     logs of the release's pods (--component api|web|postgresql|migrate, --follow)

Flags:
  --namespace <ns>     namespace (default todo-chatbot)
  --release <name>     Helm release name (default todo-chatbot)
  --values, -f <file>  extra values file (repeatable; values-local.yaml is used when present)
  --set <key=value>    extra value (repeatable)
  --no-minikube        use the current kube-context (e.g. a cloud cluster); no Minikube, no image build
  --no-build           do not build the images (they are in Minikube already)
  --dry-run            print the commands that would change something instead of running them
  --purge              (down) also delete the PVC and the namespace
  --timeout <dur>      how long helm waits for the pods (default 10m)
  --help               this text`;

export class UsageError extends Error {}

export function parseArgs(argv: string[]): TOptions {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h')
    throw new UsageError(USAGE);
  if (!['up', 'down', 'status', 'logs'].includes(command)) {
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
      case '--help':
      case '-h':
        throw new UsageError(USAGE);
      default:
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
  return opts;
}
