// biome-ignore-all lint/suspicious/noExplicitAny: Kubernetes objects and JSON schemas are free-form JSON.
/**
 * Checks run on every render: cross-references between objects and the policy every pod must
 * meet (Pod Security Standards "restricted", resources, probes, pinned images, no SA token).
 * Each returns a list of problems; an empty list means the render passes.
 */
import type { K8sObject } from './render.ts';

const label = (o: K8sObject) => `${o.kind}/${o.metadata?.name}`;

type PodSpec = any;

/** Every object that carries a pod template (or is a Pod), with its pod spec and labels. */
export function podsOf(
  objects: K8sObject[],
): { owner: K8sObject; spec: PodSpec; labels: Record<string, string> }[] {
  const out: { owner: K8sObject; spec: PodSpec; labels: Record<string, string> }[] = [];
  for (const o of objects) {
    if (o.kind === 'Pod') out.push({ owner: o, spec: o.spec, labels: o.metadata.labels ?? {} });
    else if (o.kind === 'CronJob') {
      const template = o.spec.jobTemplate.spec.template;
      out.push({ owner: o, spec: template.spec, labels: template.metadata?.labels ?? {} });
    } else if (o.spec?.template?.spec) {
      out.push({
        owner: o,
        spec: o.spec.template.spec,
        labels: o.spec.template.metadata?.labels ?? {},
      });
    }
  }
  return out;
}

const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

function allContainers(spec: PodSpec): PodSpec[] {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
}

function portMatches(port: unknown, containers: PodSpec[]): boolean {
  return containers.some((c: PodSpec) =>
    (c.ports ?? []).some((p: PodSpec) =>
      typeof port === 'string' ? p.name === port : p.containerPort === port,
    ),
  );
}

export function crossReferenceIssues(
  objects: K8sObject[],
  opts: { existingSecret?: string; existingClaim?: string } = {},
): string[] {
  const issues: string[] = [];
  const pods = podsOf(objects);
  const has = (kind: string, name: string) =>
    objects.some((o) => o.kind === kind && o.metadata?.name === name);

  for (const o of objects) {
    // Workload selectors select their own pod template.
    if (o.spec?.selector?.matchLabels && o.spec?.template) {
      if (!matches(o.spec.selector.matchLabels, o.spec.template.metadata?.labels ?? {})) {
        issues.push(`${label(o)}: selector does not match its pod labels`);
      }
    }
    // Services select pods, and their targetPort names or numbers a container port of those pods.
    if (o.kind === 'Service') {
      const selected = pods.filter(
        (p) =>
          matches(o.spec.selector ?? {}, p.labels) &&
          p.owner.kind !== 'Pod' &&
          p.owner.kind !== 'Job' &&
          p.owner.kind !== 'CronJob',
      );
      if (selected.length === 0) issues.push(`${label(o)}: selects no pods`);
      for (const port of o.spec.ports ?? []) {
        if (port.protocol !== 'TCP')
          issues.push(`${label(o)}: port ${port.name} lacks protocol TCP`);
        for (const p of selected) {
          if (!portMatches(port.targetPort ?? port.port, allContainers(p.spec))) {
            issues.push(
              `${label(o)}: targetPort ${port.targetPort} is not a port of ${label(p.owner)}`,
            );
          }
        }
      }
    }
    if (o.kind === 'Ingress') {
      for (const rule of o.spec.rules ?? []) {
        for (const path of rule.http?.paths ?? []) {
          const svc = objects.find(
            (s) => s.kind === 'Service' && s.metadata.name === path.backend.service.name,
          );
          if (!svc)
            issues.push(
              `${label(o)}: backend Service ${path.backend.service.name} is not rendered`,
            );
          else if (
            !svc.spec.ports.some(
              (p: PodSpec) =>
                p.name === path.backend.service.port.name ||
                p.port === path.backend.service.port.number,
            )
          ) {
            issues.push(
              `${label(o)}: Service ${svc.metadata.name} has no port ${JSON.stringify(path.backend.service.port)}`,
            );
          }
        }
      }
    }
    if (
      o.kind === 'HorizontalPodAutoscaler' ||
      (o.kind === 'PodDisruptionBudget' && o.spec.selector)
    ) {
      if (
        o.kind === 'HorizontalPodAutoscaler' &&
        !has(o.spec.scaleTargetRef.kind, o.spec.scaleTargetRef.name)
      ) {
        issues.push(`${label(o)}: scale target ${o.spec.scaleTargetRef.name} is not rendered`);
      }
      if (
        o.kind === 'PodDisruptionBudget' &&
        !pods.some((p) => matches(o.spec.selector.matchLabels, p.labels))
      ) {
        issues.push(`${label(o)}: selects no pods`);
      }
    }
    if (o.kind === 'NetworkPolicy') {
      const selectors = [o.spec.podSelector.matchLabels ?? {}];
      for (const rule of [...(o.spec.ingress ?? []), ...(o.spec.egress ?? [])]) {
        for (const peer of [...(rule.from ?? []), ...(rule.to ?? [])]) {
          // A peer with a namespaceSelector selects pods of other namespaces (Prometheus).
          // cnpg.io/cluster selects the pods the CloudNativePG operator makes, not the chart.
          const operatorPods = 'cnpg.io/cluster' in (peer.podSelector?.matchLabels ?? {});
          if (peer.podSelector && !peer.namespaceSelector && !operatorPods)
            selectors.push(peer.podSelector.matchLabels ?? {});
        }
      }
      for (const sel of selectors) {
        if (!pods.some((p) => matches(sel, p.labels))) {
          issues.push(`${label(o)}: selector ${JSON.stringify(sel)} selects no pod of the render`);
        }
      }
    }
  }

  for (const { owner, spec, labels } of pods) {
    const component = labels['app.kubernetes.io/component'];
    const where = label(owner);
    if (
      spec.serviceAccountName &&
      spec.serviceAccountName !== 'default' &&
      !has('ServiceAccount', spec.serviceAccountName)
    ) {
      issues.push(`${where}: ServiceAccount ${spec.serviceAccountName} is not rendered`);
    }
    for (const c of allContainers(spec)) {
      for (const probeName of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        const port = c[probeName]?.httpGet?.port ?? c[probeName]?.tcpSocket?.port;
        if (port !== undefined && !portMatches(port, [c])) {
          issues.push(`${where}/${c.name}: ${probeName} port ${port} is not a container port`);
        }
      }
      const secretRefs: string[] = [];
      for (const src of c.envFrom ?? []) {
        if (src.configMapRef && !has('ConfigMap', src.configMapRef.name)) {
          issues.push(`${where}/${c.name}: ConfigMap ${src.configMapRef.name} is not rendered`);
        }
        if (src.secretRef) secretRefs.push(src.secretRef.name);
      }
      for (const e of c.env ?? []) {
        if (e.valueFrom?.secretKeyRef) {
          const ref = e.valueFrom.secretKeyRef;
          secretRefs.push(ref.name);
          const secret = objects.find((s) => s.kind === 'Secret' && s.metadata.name === ref.name);
          // An optional key may be missing (the kubelet then leaves the variable unset).
          if (secret && !ref.optional && !(ref.key in (secret.data ?? {}))) {
            issues.push(`${where}/${c.name}: Secret ${ref.name} has no key ${ref.key}`);
          }
        }
        if (e.valueFrom?.configMapKeyRef && !has('ConfigMap', e.valueFrom.configMapKeyRef.name)) {
          issues.push(
            `${where}/${c.name}: ConfigMap ${e.valueFrom.configMapKeyRef.name} is not rendered`,
          );
        }
      }
      for (const name of secretRefs) {
        if (!has('Secret', name) && name !== opts.existingSecret) {
          issues.push(
            `${where}/${c.name}: Secret ${name} is neither rendered nor the existingSecret`,
          );
        }
      }
      if (component === 'web' && secretRefs.length > 0) {
        issues.push(
          `${where}/${c.name}: web pods must get no Secret (got ${secretRefs.join(', ')})`,
        );
      }
      // Hook Job and helm test: every Service URL they use exists in the render.
      const text = JSON.stringify([c.env ?? [], c.args ?? [], c.command ?? []]);
      for (const m of text.matchAll(/https?:\/\/([a-z0-9-]+):(\d+)/g)) {
        const svc = objects.find((s) => s.kind === 'Service' && s.metadata.name === m[1]);
        if (!svc)
          issues.push(`${where}/${c.name}: URL names Service ${m[1]}, which is not rendered`);
        else if (!svc.spec.ports.some((p: PodSpec) => p.port === Number(m[2]))) {
          issues.push(`${where}/${c.name}: Service ${m[1]} has no port ${m[2]}`);
        }
      }
    }
    for (const v of spec.volumes ?? []) {
      const claim = v.persistentVolumeClaim?.claimName;
      if (claim && !has('PersistentVolumeClaim', claim) && claim !== opts.existingClaim)
        issues.push(`${where}: volume PersistentVolumeClaim ${claim} is not rendered`);
      if (v.secret && !has('Secret', v.secret.secretName))
        issues.push(`${where}: volume Secret ${v.secret.secretName} is not rendered`);
      if (v.configMap && !has('ConfigMap', v.configMap.name))
        issues.push(`${where}: volume ConfigMap ${v.configMap.name} is not rendered`);
    }
  }
  // ConfigMap values a pod reads: URLs that name an in-release Service must name a rendered one.
  for (const cm of objects.filter((o) => o.kind === 'ConfigMap')) {
    for (const [key, value] of Object.entries(cm.data ?? {})) {
      for (const m of String(value).matchAll(/^https?:\/\/([a-z0-9-]+):(\d+)$/g)) {
        if (m[1] === 'localhost') continue;
        const svc = objects.find((s) => s.kind === 'Service' && s.metadata.name === m[1]);
        if (!svc?.spec.ports.some((p: PodSpec) => p.port === Number(m[2]))) {
          issues.push(`${label(cm)}: ${key}=${value} names no rendered Service port`);
        }
      }
    }
  }
  return issues;
}

const RESTRICTED_VOLUME_TYPES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

/** Pod Security Standards "restricted" plus the chart's own rules, for every pod of the render. */
export function policyIssues(objects: K8sObject[]): string[] {
  const issues: string[] = [];
  for (const { owner, spec } of podsOf(objects)) {
    const where = label(owner);
    const podSc = spec.securityContext ?? {};
    if (spec.hostNetwork || spec.hostPID || spec.hostIPC) issues.push(`${where}: host namespaces`);
    if (spec.automountServiceAccountToken !== false)
      issues.push(`${where}: service account token is mounted`);
    for (const v of spec.volumes ?? []) {
      const type = Object.keys(v).find((k) => k !== 'name');
      if (!type || !RESTRICTED_VOLUME_TYPES.has(type))
        issues.push(`${where}: volume type ${type} not allowed`);
    }
    for (const key of ['sysctls']) if (podSc[key]?.length) issues.push(`${where}: ${key} set`);
    if (podSc.runAsUser === 0) issues.push(`${where}: pod runAsUser 0`);
    for (const c of allContainers(spec)) {
      const at = `${where}/${c.name}`;
      const sc = c.securityContext ?? {};
      if (sc.privileged) issues.push(`${at}: privileged`);
      if (sc.allowPrivilegeEscalation !== false)
        issues.push(`${at}: allowPrivilegeEscalation is not false`);
      if (!(sc.runAsNonRoot ?? podSc.runAsNonRoot)) issues.push(`${at}: runAsNonRoot is not true`);
      if (sc.runAsUser === 0) issues.push(`${at}: runAsUser 0`);
      const seccomp = sc.seccompProfile?.type ?? podSc.seccompProfile?.type;
      if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost')
        issues.push(`${at}: seccompProfile is ${seccomp}`);
      const drop: string[] = sc.capabilities?.drop ?? [];
      if (!drop.includes('ALL')) issues.push(`${at}: capabilities do not drop ALL`);
      const add: string[] = sc.capabilities?.add ?? [];
      if (add.some((cap) => cap !== 'NET_BIND_SERVICE'))
        issues.push(`${at}: adds capabilities ${add.join(',')}`);
      if (sc.readOnlyRootFilesystem !== true) issues.push(`${at}: root filesystem is writable`);
      if ((c.ports ?? []).some((p: PodSpec) => p.hostPort)) issues.push(`${at}: hostPort`);
      for (const kind of ['requests', 'limits']) {
        for (const r of ['cpu', 'memory']) {
          if (!c.resources?.[kind]?.[r]) issues.push(`${at}: resources.${kind}.${r} missing`);
        }
      }
      const image: string = c.image ?? '';
      const tag = image.includes(':') ? image.slice(image.lastIndexOf(':') + 1) : '';
      if (!tag || tag === 'latest' || tag.includes('/'))
        issues.push(`${at}: image ${image} has no pinned tag`);
      // Long-running containers need probes; run-to-completion pods (Job, helm test) do not.
      if (!['Job', 'CronJob', 'Pod'].includes(owner.kind)) {
        for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
          if (!c[probe]) issues.push(`${at}: ${probe} missing`);
        }
      }
    }
  }
  for (const sa of objects.filter((o) => o.kind === 'ServiceAccount')) {
    if (sa.automountServiceAccountToken !== false)
      issues.push(`${label(sa)}: automountServiceAccountToken is not false`);
  }
  return issues;
}

/**
 * No secret material outside Secrets: no ConfigMap value and no plain env value, argument or
 * command of any pod holds a value of a rendered Secret (or one of `known`, e.g. secrets given in
 * values that live in a Secret the chart does not render), a private key, or a URL with a
 * password in it.
 */
export function secretExposureIssues(objects: K8sObject[], known: string[] = []): string[] {
  const issues: string[] = [];
  const secrets = new Set(known.filter((s) => s.length >= 6));
  for (const s of objects.filter((o) => o.kind === 'Secret')) {
    for (const v of Object.values(s.data ?? {})) {
      const decoded = Buffer.from(String(v), 'base64').toString('utf8');
      if (decoded.length >= 6) secrets.add(decoded);
    }
    for (const v of Object.values(s.stringData ?? {}))
      if (String(v).length >= 6) secrets.add(String(v));
  }
  const inspect = (where: string, text: string, strict: boolean) => {
    for (const secret of secrets) {
      if (text.includes(secret)) issues.push(`${where}: holds the value of a Secret key`);
    }
    if (text.includes('PRIVATE KEY')) issues.push(`${where}: holds a private key`);
    // scheme://user:password@ (a $(VAR) password is the kubelet expanding a Secret's key).
    if (strict && /[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:[^\s/@]+@/i.test(text))
      issues.push(`${where}: holds a URL with a password`);
  };
  for (const cm of objects.filter((o) => o.kind === 'ConfigMap')) {
    for (const [key, value] of Object.entries(cm.data ?? {}))
      inspect(`${label(cm)} ${key}`, String(value), true);
  }
  for (const { owner, spec } of podsOf(objects)) {
    for (const c of allContainers(spec)) {
      for (const e of c.env ?? []) {
        if (typeof e.value === 'string')
          inspect(
            `${label(owner)}/${c.name} env ${e.name}`,
            e.value.replace(/\$\([A-Za-z_][A-Za-z0-9_]*\)/g, ''),
            true,
          );
      }
      inspect(
        `${label(owner)}/${c.name} args`,
        JSON.stringify([c.args ?? [], c.command ?? []]),
        false,
      );
    }
  }
  return issues;
}
