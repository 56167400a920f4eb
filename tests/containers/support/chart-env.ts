/**
 * The env and writable mounts the Helm chart gives each container, resolved from a real
 * `helm template` (tests/chart/render.ts), so the containers suite runs the images exactly as the
 * cluster would. Only Service host names are swapped for container names on the test network.
 */
import { containerEnv, deploymentOf, type K8sObject, renderChart } from '../../chart/render.js';

export interface ChartContainer {
  env: Record<string, string>;
  command?: string[];
  /** docker flags for the pod's emptyDir mounts (tmpfs owned by the pod's fsGroup/user) */
  tmpfs: string[];
}

// biome-ignore lint/suspicious/noExplicitAny: pod specs are free-form JSON here.
function tmpfsFlags(podSpec: any, container: any): string[] {
  const uid = container.securityContext?.runAsUser ?? podSpec.securityContext?.runAsUser ?? 1001;
  const gid = podSpec.securityContext?.fsGroup ?? podSpec.securityContext?.runAsGroup ?? uid;
  const emptyDirs = new Set(
    // biome-ignore lint/suspicious/noExplicitAny: see above
    (podSpec.volumes ?? []).filter((v: any) => v.emptyDir).map((v: any) => v.name as string),
  );
  return (
    (container.volumeMounts ?? [])
      // biome-ignore lint/suspicious/noExplicitAny: see above
      .filter((m: any) => emptyDirs.has(m.name))
      // biome-ignore lint/suspicious/noExplicitAny: see above
      .flatMap((m: any) => [
        '--tmpfs',
        `${m.mountPath}:rw,nosuid,nodev,uid=${uid},gid=${gid},mode=0770`,
      ])
  );
}

function fromPodTemplate(
  objects: K8sObject[],
  // biome-ignore lint/suspicious/noExplicitAny: see above
  template: any,
  component: string,
): ChartContainer {
  const container = template.spec.containers[0];
  return {
    env: containerEnv(objects, component),
    command: container.command,
    tmpfs: tmpfsFlags(template.spec, container),
  };
}

export interface ChartRender {
  objects: K8sObject[];
  api: ChartContainer;
  web: ChartContainer;
  migrate: ChartContainer;
}

/** Renders the chart with `values` and resolves the API, web and migration Job containers. */
export function chartContainers(values: object = {}): ChartRender {
  const objects = renderChart(values);
  const api = fromPodTemplate(objects, deploymentOf(objects, 'api').spec.template, 'api');
  const web = fromPodTemplate(objects, deploymentOf(objects, 'web').spec.template, 'web');
  const job = objects.find((o) => o.kind === 'Job' && /migrat/.test(o.metadata.name));
  if (!job) throw new Error('the chart rendered no migration Job (backend.runMigrations?)');
  // containerEnv resolves Deployments; hand it the Job's pod template as one.
  const asDeployment: K8sObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `${job.metadata.name}-as-deployment` },
    spec: {
      template: {
        ...job.spec.template,
        metadata: { labels: { 'app.kubernetes.io/component': 'containers-suite-migrate-job' } },
      },
    },
  };
  const migrate = fromPodTemplate(
    [...objects, asDeployment],
    job.spec.template,
    'containers-suite-migrate-job',
  );
  return { objects, api, web, migrate };
}

/** `url` with its host name replaced (a Service name becomes a container name). */
export function withHost(url: string, host: string): string {
  const parsed = new URL(url);
  parsed.hostname = host;
  return parsed.toString().replace(/\/$/, url.endsWith('/') ? '/' : '');
}

/**
 * The env the kubelet would give the first container of any pod template of the render (a
 * CronJob's or a Job's, or one the deploy CLI builds), resolved like a Deployment's.
 */
// biome-ignore lint/suspicious/noExplicitAny: pod templates are free-form JSON here.
export function podTemplateEnv(objects: K8sObject[], template: any): Record<string, string> {
  const component = 'containers-suite-pod-template';
  const asDeployment: K8sObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `${component}-as-deployment` },
    spec: {
      template: { ...template, metadata: { labels: { 'app.kubernetes.io/component': component } } },
    },
  };
  return containerEnv([...objects, asDeployment], component);
}
