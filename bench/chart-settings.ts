/**
 * The settings the Helm chart gives the stack (templates/_sizing.tpl), rendered with the real helm
 * for two API and two web replicas: the API's and the web server's NODE_OPTIONS, the API's pool
 * size and PostgreSQL's server args. The bench runs its processes with them, so the memory figures
 * are those of the chart's own configuration.
 */
import { containerEnv, type K8sObject, renderChart } from '../tests/chart/render.ts';

export type ChartSettings = {
  apiEnv: { NODE_OPTIONS: string; DB_POOL_MAX: string };
  webEnv: { NODE_OPTIONS: string };
  /** PostgreSQL settings from the StatefulSet's `-c name=value` args. */
  postgres: Record<string, string>;
};

function postgresSettings(objects: K8sObject[]): Record<string, string> {
  const statefulSet = objects.find((object) => object.kind === 'StatefulSet');
  const args: string[] = statefulSet?.spec.template.spec.containers[0].args ?? [];
  const settings: Record<string, string> = {};
  for (let i = 0; i + 1 < args.length; i += 2) {
    const [name, value] = (args[i + 1] ?? '').split('=');
    if (args[i] === '-c' && name && value) settings[name] = value;
  }
  return settings;
}

export function chartSettings(): ChartSettings {
  const objects = renderChart({ api: { replicaCount: 2 }, web: { replicaCount: 2 } });
  const api = containerEnv(objects, 'api');
  const web = containerEnv(objects, 'web');
  return {
    apiEnv: { NODE_OPTIONS: api.NODE_OPTIONS ?? '', DB_POOL_MAX: api.DB_POOL_MAX ?? '10' },
    webEnv: { NODE_OPTIONS: web.NODE_OPTIONS ?? '' },
    postgres: postgresSettings(objects),
  };
}

/** The chart's NODE_OPTIONS for the API or the web server, or none when the chart did not render. */
export function chartNodeOptions(
  chart: ChartSettings | { missing: string },
  component: 'api' | 'web',
): Record<string, string> {
  if ('missing' in chart) return {};
  return { NODE_OPTIONS: (component === 'api' ? chart.apiEnv : chart.webEnv).NODE_OPTIONS };
}
