// Prerequisite tools: found on PATH? new enough? Each missing or old tool gets its install hint.
import { query } from './run.ts';

export interface TTool {
  name: string;
  versionArgs: string[];
  min: string;
  hints: Partial<Record<NodeJS.Platform, string>> & { default: string };
}

export const TOOLS: Record<string, TTool> = {
  docker: {
    name: 'docker',
    versionArgs: ['--version'],
    min: '20.10.0',
    hints: {
      darwin: 'brew install --cask docker   (then start Docker Desktop)',
      win32: 'winget install Docker.DockerDesktop   (then start Docker Desktop)',
      linux: 'sudo apt-get install docker.io   (or see https://docs.docker.com/engine/install/)',
      default: 'see https://docs.docker.com/get-docker/',
    },
  },
  minikube: {
    name: 'minikube',
    versionArgs: ['version', '--short'],
    min: '1.30.0',
    hints: {
      darwin: 'brew install minikube',
      win32: 'winget install Kubernetes.minikube',
      default: 'see https://minikube.sigs.k8s.io/docs/start/',
    },
  },
  kubectl: {
    name: 'kubectl',
    versionArgs: ['version', '--client'],
    min: '1.20.0',
    hints: {
      darwin: 'brew install kubectl',
      win32: 'winget install Kubernetes.kubectl',
      default: 'see https://kubernetes.io/docs/tasks/tools/   (or use `minikube kubectl --`)',
    },
  },
  helm: {
    name: 'helm',
    versionArgs: ['version', '--short'],
    min: '3.8.0',
    hints: {
      darwin: 'brew install helm',
      win32: 'winget install Helm.Helm',
      default: 'see https://helm.sh/docs/intro/install/',
    },
  },
};

export function parseVersion(text: string): string | undefined {
  return text.match(/v?(\d+\.\d+(?:\.\d+)?)/)?.[1];
}

export function versionAtLeast(version: string, min: string): boolean {
  const a = version.split('.').map(Number);
  const b = min.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}

export interface TToolStatus {
  tool: TTool;
  version?: string;
  problem?: string;
}

export function checkTool(tool: TTool): TToolStatus {
  const res = query(tool.name, tool.versionArgs);
  if (
    res.code === 127 ||
    /ENOENT|not found|not recognized/i.test(res.code !== 0 ? res.output : '')
  ) {
    return { tool, problem: 'not found on PATH' };
  }
  const version = parseVersion(res.output);
  if (res.code !== 0 || !version)
    return {
      tool,
      problem: `\`${tool.name} ${tool.versionArgs.join(' ')}\` failed: ${res.output.trim().split('\n')[0] ?? ''}`,
    };
  if (!versionAtLeast(version, tool.min))
    return { tool, version, problem: `version ${version} is older than ${tool.min}` };
  return { tool, version };
}

export const installHint = (tool: TTool) => tool.hints[process.platform] ?? tool.hints.default;
