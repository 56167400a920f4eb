// biome-ignore-all lint/suspicious/noExplicitAny: Kubernetes objects and JSON schemas are free-form JSON.
/**
 * Validates rendered objects against the Kubernetes OpenAPI schema of a target version, offline.
 *
 * - Kubernetes 1.20: the schemas of `kubernetes-models@1.7.1` (installed as kubernetes-models-v1-19),
 *   generated from the v1.19.2 OpenAPI spec. The chart's 1.20 render uses only group/versions
 *   that 1.20 still serves, and every field of those 1.19 types exists in 1.20, so an object
 *   valid here is valid on 1.20. Validation is strict: unknown fields are errors (like
 *   `kubeconform -strict`), which catches a misspelt key that the API server would drop.
 * - Current: `kubernetes-models@5.1.0` (current upstream spec) through its compiled validators.
 * The API versions a 1.20 cluster serves are checked separately (SERVED_1_20).
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { type K8sObject, repoRoot } from './render.ts';

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS; its function is also exported as .default.
const addFormats = ajvFormats.default;

/** group/version → kinds this chart may use, as served by Kubernetes 1.20. */
export const SERVED_1_20: Record<string, string[]> = {
  v1: ['ConfigMap', 'Secret', 'Service', 'ServiceAccount', 'Pod', 'PersistentVolumeClaim'],
  'apps/v1': ['Deployment', 'StatefulSet'],
  'batch/v1': ['Job'],
  'batch/v1beta1': ['CronJob'],
  'networking.k8s.io/v1': ['Ingress', 'NetworkPolicy'],
  'policy/v1beta1': ['PodDisruptionBudget'],
  'autoscaling/v2beta2': ['HorizontalPodAutoscaler'],
  'autoscaling/v1': ['HorizontalPodAutoscaler'],
};

function definitionId(obj: K8sObject): string {
  const [groupOrVersion, maybeVersion] = obj.apiVersion.split('/');
  const group = maybeVersion ? (groupOrVersion as string).split('.')[0] : 'core';
  const version = maybeVersion ?? groupOrVersion;
  return `io.k8s.api.${group}.${version}.${obj.kind}`;
}

function strict(node: any): any {
  if (Array.isArray(node)) return node.map(strict);
  if (node === null || typeof node !== 'object') return node;
  const out: any = {};
  for (const [k, v] of Object.entries(node))
    out[k] = k === 'enum' || k === 'required' ? v : strict(v);
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

let ajv119: Ajv | undefined;
function validator119(id: string): ValidateFunction | undefined {
  if (!ajv119) {
    const pkg = join(repoRoot, 'node_modules', 'kubernetes-models-v1-19');
    const modelsAjv = require(
      join(pkg, 'node_modules', '@kubernetes-models', 'validate', 'dist', 'ajv.js'),
    ).ajv;
    for (const file of readdirSync(join(pkg, '_schemas'))) {
      if (file.endsWith('.js')) require(join(pkg, '_schemas', file)).addSchema();
    }
    ajv119 = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv119);
    ajv119.addFormat('int32', true).addFormat('int64', true).addFormat('double', true);
    ajv119.addFormat('byte', /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
    ajv119.addFormat(
      'quantity',
      /^[+-]?(\d+|\d+\.\d+|\d+\.|\.\d+)([KMGTPE]i|[mkMGTPE]|[eE][+-]?\d+)?$/,
    );
    for (const id of Object.keys(modelsAjv.schemas).filter((k) => k.startsWith('io.k8s.'))) {
      ajv119.addSchema(strict(modelsAjv.getSchema(id).schema), id);
    }
  }
  return ajv119.getSchema(id);
}

export interface ValidationIssue {
  object: string;
  message: string;
}

const label = (o: K8sObject) => `${o.apiVersion} ${o.kind} ${o.metadata?.name}`;

/** Errors of the objects against Kubernetes 1.20 (served versions + strict 1.19/1.20 schema). */
export function validate120(objects: K8sObject[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const obj of objects) {
    if (!SERVED_1_20[obj.apiVersion]?.includes(obj.kind)) {
      issues.push({ object: label(obj), message: 'not served by Kubernetes 1.20' });
      continue;
    }
    const validate = validator119(definitionId(obj));
    if (!validate) {
      issues.push({ object: label(obj), message: `no schema ${definitionId(obj)}` });
      continue;
    }
    if (!validate(obj)) {
      // oneOf [$ref, null] reports each branch; keep the useful ones.
      const errs = (validate.errors ?? []).filter(
        (e) => e.keyword !== 'oneOf' && !(e.keyword === 'type' && e.params.type === 'null'),
      );
      for (const e of errs.length > 0 ? errs : (validate.errors ?? [])) {
        const extra =
          e.keyword === 'additionalProperties' ? ` (${e.params.additionalProperty})` : '';
        issues.push({
          object: label(obj),
          message: `${e.instancePath || '/'} ${e.message}${extra}`,
        });
      }
    }
  }
  return issues;
}

/** Errors of the objects against the current Kubernetes schema (kubernetes-models 5). */
export async function validateCurrent(objects: K8sObject[]): Promise<ValidationIssue[]> {
  const issues: ValidationIssue[] = [];
  for (const obj of objects) {
    let Model: new (data: object) => { validate(): void };
    try {
      const file = join(
        repoRoot,
        'node_modules',
        'kubernetes-models',
        obj.apiVersion,
        `${obj.kind}.js`,
      );
      const mod = await import(pathToFileURL(file).href);
      Model = mod[obj.kind];
    } catch {
      issues.push({
        object: label(obj),
        message: 'unknown apiVersion/kind in the current Kubernetes API',
      });
      continue;
    }
    try {
      new Model(obj).validate();
    } catch (err) {
      issues.push({ object: label(obj), message: (err as Error).message });
    }
  }
  return issues;
}
