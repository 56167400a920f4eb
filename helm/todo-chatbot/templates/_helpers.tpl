{{/* Chart name, truncated to the 63 characters a label allows. */}}
{{- define "todo-chatbot.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: release-chart, or just the release when it already holds the chart name. */}}
{{- define "todo-chatbot.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "todo-chatbot.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Component names: suffix of the full name ("-web", "-api", ...), 63 chars max. */}}
{{- define "todo-chatbot.componentName" -}}
{{- $full := include "todo-chatbot.fullname" .root }}
{{- printf "%s-%s" ($full | trunc (int (sub 62 (len .component)))) .component | replace "--" "-" }}
{{- end }}

{{/* Common labels. Call with (dict "root" $ "component" "api"). */}}
{{- define "todo-chatbot.labels" -}}
helm.sh/chart: {{ include "todo-chatbot.chart" .root }}
{{ include "todo-chatbot.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: todo-chatbot
{{- end }}

{{/* Selector labels: name, instance and the component (web, api, postgresql, migrate, test). */}}
{{- define "todo-chatbot.selectorLabels" -}}
app.kubernetes.io/name: {{ include "todo-chatbot.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- if .component }}
app.kubernetes.io/component: {{ .component }}
{{- end }}
{{- end }}

{{- define "todo-chatbot.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "todo-chatbot.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Image reference of an app component. Call with (dict "root" $ "image" $api.image). */}}
{{- define "todo-chatbot.image" -}}
{{- $tag := .image.tag | default .root.Values.global.imageTag | default .root.Chart.AppVersion | toString }}
{{- if eq $tag "latest" }}
{{- fail (printf "image %s: the tag \"latest\" is not allowed (pin a version; default is the chart appVersion %s)" .image.repository .root.Chart.AppVersion) }}
{{- end }}
{{- printf "%s:%s" .image.repository $tag }}
{{- end }}

{{- define "todo-chatbot.pullPolicy" -}}
{{- .image.pullPolicy | default .root.Values.global.imagePullPolicy }}
{{- end }}

{{/* Name of the Secret the API reads (the user's existingSecret or the chart's own). */}}
{{- define "todo-chatbot.secretName" -}}
{{- if .Values.existingSecret }}
{{- .Values.existingSecret }}
{{- else }}
{{- include "todo-chatbot.componentName" (dict "root" . "component" "api") }}
{{- end }}
{{- end }}

{{/* Where the database runs: embedded (the chart's StatefulSet), external (a URL in the Secret) or
cloudnativepg (a Cluster of the CloudNativePG operator). postgresql.enabled=false, the older
spelling, means external. */}}
{{- define "todo-chatbot.postgresql.mode" -}}
{{- ternary .Values.postgresql.mode "external" .Values.postgresql.enabled }}
{{- end }}

{{- define "todo-chatbot.postgresql.fullname" -}}
{{- include "todo-chatbot.componentName" (dict "root" . "component" "postgresql") }}
{{- end }}

{{/* The values of one app: web (or api) with the keys of its older name frontend (or backend)
merged over them. Helm keeps a null given for a key the chart's defaults lack, so a null nodePort or
HPA target under the older name still clears the default. Call with (dict "root" $ "app" "web"). */}}
{{- define "todo-chatbot.app" -}}
{{- $older := get (dict "web" "frontend" "api" "backend") .app }}
{{- $given := get .root.Values $older | default dict }}
{{- $merged := mergeOverwrite (deepCopy (get .root.Values .app)) (deepCopy $given) }}
{{- if and (hasKey $given "service") (hasKey $given.service "nodePort") (kindIs "invalid" $given.service.nodePort) }}
{{- $_ := set $merged.service "nodePort" nil }}
{{- end }}
{{- toYaml $merged }}
{{- end }}

{{/* autoscaling.web (or .api) with autoscaling.frontend (or .backend) merged over it. */}}
{{- define "todo-chatbot.autoscaling" -}}
{{- $older := get (dict "web" "frontend" "api" "backend") .app }}
{{- $given := get .root.Values.autoscaling $older | default dict }}
{{- $merged := mergeOverwrite (deepCopy (get .root.Values.autoscaling .app)) (deepCopy $given) }}
{{- range $k := list "targetCPUUtilizationPercentage" "targetMemoryUtilizationPercentage" }}
{{- if and (hasKey $given $k) (kindIs "invalid" (get $given $k)) }}{{ $_ := set $merged $k nil }}{{ end }}
{{- end }}
{{- toYaml $merged }}
{{- end }}

{{- define "todo-chatbot.backendUrl" -}}
{{- $api := include "todo-chatbot.app" (dict "root" . "app" "api") | fromYaml }}
{{- printf "http://%s:%v" (include "todo-chatbot.componentName" (dict "root" . "component" "api")) $api.service.port }}
{{- end }}

{{- define "todo-chatbot.frontendUrl" -}}
{{- $web := include "todo-chatbot.app" (dict "root" . "app" "web") | fromYaml }}
{{- printf "http://%s:%v" (include "todo-chatbot.componentName" (dict "root" . "component" "web")) $web.service.port }}
{{- end }}

{{/* Public origin of the web app as the browser sees it (BETTER_AUTH_URL). */}}
{{- define "todo-chatbot.publicUrl" -}}
{{- $web := include "todo-chatbot.app" (dict "root" . "app" "web") | fromYaml }}
{{- if .Values.config.publicUrl }}
{{- .Values.config.publicUrl | trimSuffix "/" }}
{{- else if and .Values.ingress.enabled .Values.ingress.hosts }}
{{- $host := (first .Values.ingress.hosts).host }}
{{- $tls := false }}
{{- range .Values.ingress.tls }}{{ if has $host (.hosts | default list) }}{{ $tls = true }}{{ end }}{{ end }}
{{- printf "%s://%s" (ternary "https" "http" $tls) $host }}
{{- else if and (eq $web.service.type "NodePort") $web.service.nodePort }}
{{- printf "http://localhost:%v" $web.service.nodePort }}
{{- else }}
{{- printf "http://localhost:%v" $web.service.port }}
{{- end }}
{{- end }}

{{- define "todo-chatbot.corsOrigins" -}}
{{- $origins := list (include "todo-chatbot.publicUrl" .) }}
{{- range .Values.config.corsOrigins }}{{ $origins = append $origins (. | trimSuffix "/") }}{{ end }}
{{- $origins | uniq | join "," }}
{{- end }}

{{/* Restricted Pod Security profile: pod level. Call with the UID. */}}
{{- define "todo-chatbot.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ . }}
runAsGroup: {{ . }}
fsGroup: {{ . }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Restricted Pod Security profile: container level. */}}
{{- define "todo-chatbot.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Soft or hard pod anti-affinity on the component's selector labels. */}}
{{- define "todo-chatbot.affinity" -}}
{{- $selector := include "todo-chatbot.selectorLabels" (dict "root" .root "component" .component) | fromYaml }}
{{- if eq .mode "hard" }}
affinity:
  podAntiAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
      - topologyKey: kubernetes.io/hostname
        labelSelector:
          matchLabels: {{- toYaml $selector | nindent 12 }}
{{- else if eq .mode "soft" }}
affinity:
  podAntiAffinity:
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm:
          topologyKey: kubernetes.io/hostname
          labelSelector:
            matchLabels: {{- toYaml $selector | nindent 14 }}
{{- end }}
{{- end }}

{{/* Environment that gives the API (and the migration Job) DATABASE_URL for the in-chart PostgreSQL.
Kubernetes expands $(DATABASE_PASSWORD) from the variable defined just before it, so the password
lives only in the PostgreSQL Secret. */}}
{{- define "todo-chatbot.databaseEnv" -}}
{{- $mode := include "todo-chatbot.postgresql.mode" . }}
{{- if eq $mode "cloudnativepg" }}
{{- /* The operator's generated Secret holds the whole URL to its read-write Service. */}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ printf "%s-app" (include "todo-chatbot.postgresql.fullname" .) }}
      key: uri
{{- else if eq $mode "embedded" }}
- name: DATABASE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "todo-chatbot.postgresql.fullname" . }}
      key: password
- name: DATABASE_URL
  value: {{ printf "postgresql://%s:$(DATABASE_PASSWORD)@%s:5432/%s" .Values.postgresql.auth.username (include "todo-chatbot.postgresql.fullname" .) .Values.postgresql.auth.database | quote }}
{{- end }}
{{- end }}

{{/* Graceful shutdown: keep serving while the endpoint is removed, then SIGTERM.
The images may have no shell or sleep binary, so node waits. */}}
{{- define "todo-chatbot.preStop" -}}
lifecycle:
  preStop:
    exec:
      command: ["node", "-e", "setTimeout(() => {}, {{ mul . 1000 }})"]
{{- end }}

{{/* Probe timings from the healthCheck block. Call with (dict "probe" .Values.healthCheck.liveness). */}}
{{- define "todo-chatbot.probeTimings" -}}
{{- with .probe }}
{{- if hasKey . "initialDelaySeconds" }}
initialDelaySeconds: {{ .initialDelaySeconds }}
{{- end }}
periodSeconds: {{ .periodSeconds }}
timeoutSeconds: {{ .timeoutSeconds }}
failureThreshold: {{ .failureThreshold }}
{{- end }}
{{- end }}

{{/* API versions chosen from the cluster's capabilities (Kubernetes 1.20 through current). The
version check matters for `helm template --kube-version`, whose API list is Helm's built-in one. */}}
{{- define "todo-chatbot.hpa.apiVersion" -}}
{{- if and (.Capabilities.APIVersions.Has "autoscaling/v2") (semverCompare ">=1.23.0-0" .Capabilities.KubeVersion.Version) -}}
autoscaling/v2
{{- else -}}
autoscaling/v2beta2
{{- end }}
{{- end }}

{{- define "todo-chatbot.pdb.apiVersion" -}}
{{- if and (.Capabilities.APIVersions.Has "policy/v1") (semverCompare ">=1.21.0-0" .Capabilities.KubeVersion.Version) -}}
policy/v1
{{- else -}}
policy/v1beta1
{{- end }}
{{- end }}

{{/* Our env name of each key of the API Secret, by its values key (secrets.*, existingSecretKeys.*). */}}
{{- define "todo-chatbot.secretEnvNames" -}}
databaseUrl: DATABASE_URL
betterAuthSecret: BETTER_AUTH_SECRET
openaiApiKey: OPENAI_API_KEY
groqApiKey: GROQ_API_KEY
googleAiApiKey: GOOGLE_AI_API_KEY
cohereApiKey: COHERE_API_KEY
mcpApiKey: MCP_API_KEY
openaiDomainKey: NEXT_PUBLIC_OPENAI_DOMAIN_KEY
vapidPrivateKey: VAPID_PRIVATE_KEY
smtpUrl: SMTP_URL
{{- end }}

{{/* Keys of existingSecret that existingSecretKeys maps to other names: one secretKeyRef each
(env wins over envFrom), so a Secret made with `database-url` or `JWT_SECRET` works unchanged. Not
optional: a mapped key missing from the Secret stops the pod with the key's name in its events. */}}
{{- define "todo-chatbot.existingSecretEnv" -}}
{{- if .Values.existingSecret }}
{{- $names := include "todo-chatbot.secretEnvNames" . | fromYaml }}
{{- range $valuesKey, $secretKey := .Values.existingSecretKeys }}
{{- if $secretKey }}
- name: {{ get $names $valuesKey }}
  valueFrom:
    secretKeyRef:
      name: {{ $.Values.existingSecret }}
      key: {{ $secretKey | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/* The API's own env (not from its ConfigMap): the in-chart database URL and renamed Secret keys. */}}
{{- define "todo-chatbot.apiSecretEnv" -}}
{{- include "todo-chatbot.databaseEnv" . }}
{{- include "todo-chatbot.existingSecretEnv" . }}
{{- end }}

{{/* VAPID_PRIVATE_KEY and SMTP_URL of the API: the chart's Secret keys them vapid-private-key and
smtp-url, which envFrom cannot rename. With existingSecret a mapped key comes from existingSecretEnv;
an unmapped VAPID key is read from vapid-private-key when the Secret has one (optional, so a Secret
made before reminders still starts the pods; the API then says Web Push is off), and SMTP_URL only
when existingSecretKeys.smtpUrl names its key (that also opens the SMTP egress). */}}
{{- define "todo-chatbot.remindersSecretEnv" -}}
{{- $secret := include "todo-chatbot.secretName" . }}
{{- if not .Values.existingSecret }}
- name: VAPID_PRIVATE_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: vapid-private-key
{{- if .Values.reminders.email.smtpUrl }}
- name: SMTP_URL
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: smtp-url
{{- end }}
{{- else if not .Values.existingSecretKeys.vapidPrivateKey }}
- name: VAPID_PRIVATE_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: vapid-private-key
      optional: true
{{- end }}
{{- end }}

{{/* Whether the email channel is configured: an SMTP URL in values, or an existingSecret key mapped
to SMTP_URL. Prints "true" or nothing. */}}
{{- define "todo-chatbot.reminders.email" -}}
{{- if .Values.existingSecret }}
{{- if .Values.existingSecretKeys.smtpUrl }}true{{ end }}
{{- else if .Values.reminders.email.smtpUrl }}true
{{- end }}
{{- end }}

{{/* TCP ports of the reminders' egress rule, as a JSON list: 443 (Web Push services, webhooks),
plus the SMTP relay's when email is on: the port of reminders.email.smtpUrl (nodemailer's default,
465 for smtps and 587 for smtp, when it names none), or both 587 and 465 when the URL is in an
existingSecret the chart cannot read. */}}
{{- define "todo-chatbot.reminders.egressPorts" -}}
{{- $ports := list 443 }}
{{- if include "todo-chatbot.reminders.email" . }}
{{- if .Values.existingSecret }}
{{- $ports = concat $ports (list 587 465) }}
{{- else }}
{{- $ports = append $ports (include "todo-chatbot.reminders.smtpPort" . | int) }}
{{- end }}
{{- end }}
{{- toJson (uniq $ports) }}
{{- end }}

{{/* The port reminders.email.smtpUrl names, else nodemailer's default: 465 for smtps, 587 for smtp.
Regexes rather than urlParse, whose error would print the URL with its password. */}}
{{- define "todo-chatbot.reminders.smtpPort" -}}
{{- $url := .Values.reminders.email.smtpUrl }}
{{- $hostPort := regexReplaceAll `^.*@` (regexReplaceAll `^[a-z]+://([^/?#]*).*$` $url "${1}") "" }}
{{- trimPrefix ":" (regexFind `:[0-9]+$` $hostPort) | default (ternary "465" "587" (hasPrefix "smtps:" $url)) }}
{{- end }}

{{/* Where the reminders' egress rule leads: anywhere, minus the private (RFC 1918, carrier-grade
NAT, IPv6 unique-local), loopback and link-local (cloud metadata) ranges and IPv4-mapped IPv6,
unless reminders.webhook.allowPrivate lets webhooks reach the cluster or the LAN. */}}
{{- define "todo-chatbot.reminders.egressBlocks" -}}
{{- $blocks := list (dict "cidr" "0.0.0.0/0" "except" (list "10.0.0.0/8" "172.16.0.0/12" "192.168.0.0/16" "100.64.0.0/10" "127.0.0.0/8" "169.254.0.0/16")) (dict "cidr" "::/0" "except" (list "fc00::/7" "::1/128" "fe80::/10" "::ffff:0:0/96")) }}
{{- range $blocks }}
- ipBlock:
    cidr: {{ .cidr | quote }}
    {{- if not $.Values.reminders.webhook.allowPrivate }}
    except:
      {{- range .except }}
      - {{ . | quote }}
      {{- end }}
    {{- end }}
{{- end }}
{{- end }}

{{/* TRUST_PROXY_HOPS: how many proxies append to X-Forwarded-For before the API. Browsers reach the
API only through the web pods (one hop); with the Ingress the controller comes first (two). */}}
{{- define "todo-chatbot.trustProxyHops" -}}
{{- if not (kindIs "invalid" .Values.config.trustProxyHops) }}
{{- .Values.config.trustProxyHops | int }}
{{- else if .Values.ingress.enabled }}2
{{- else }}1
{{- end }}
{{- end }}

{{- define "todo-chatbot.cronjob.apiVersion" -}}
{{- if and (.Capabilities.APIVersions.Has "batch/v1") (semverCompare ">=1.21.0-0" .Capabilities.KubeVersion.Version) -}}
batch/v1
{{- else -}}
batch/v1beta1
{{- end }}
{{- end }}

{{/* Backups run when asked, or by default with the in-cluster PostgreSQL. Prints "true" or nothing. */}}
{{- define "todo-chatbot.backup.enabled" -}}
{{- if kindIs "invalid" .Values.backup.enabled }}
{{- if eq (include "todo-chatbot.postgresql.mode" .) "embedded" }}true{{ end }}
{{- else if .Values.backup.enabled }}true
{{- end }}
{{- end }}

{{- define "todo-chatbot.backup.claimName" -}}
{{- .Values.backup.persistence.existingClaim | default (include "todo-chatbot.componentName" (dict "root" . "component" "backup")) }}
{{- end }}

{{/* DATABASE_URL for a pod that reads no envFrom (backups): built for the in-chart PostgreSQL, else
the API Secret's key (existingSecretKeys.databaseUrl or DATABASE_URL). */}}
{{- define "todo-chatbot.databaseUrlEnv" -}}
{{- if ne (include "todo-chatbot.postgresql.mode" .) "external" }}
{{- include "todo-chatbot.databaseEnv" . }}
{{- else }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "todo-chatbot.secretName" . }}
      key: {{ (and .Values.existingSecret .Values.existingSecretKeys.databaseUrl) | default "DATABASE_URL" | quote }}
{{- end }}
{{- end }}

{{/* The command of every backup run. Sortable UTC names (todo-YYYYMMDDTHHMMSSZ.dump), written to
a .partial file first so a failed dump never counts as a backup, then all but the newest
BACKUP_KEEP removed. npm run k8s:backup runs a Job made from this CronJob. */}}
{{- define "todo-chatbot.backup.script" -}}
set -eu
umask 077
rm -f "$BACKUP_DIR"/*.partial
file="$BACKUP_DIR/todo-$(date -u +%Y%m%dT%H%M%SZ).dump"
echo "backup: pg_dump --format=custom into $file"
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$file.partial"
mv "$file.partial" "$file"
echo "backup written: $file ($(wc -c < "$file") bytes)"
ls -1 "$BACKUP_DIR"/todo-*.dump | sort -r | tail -n +"$((BACKUP_KEEP + 1))" | while read -r old; do
  rm -f -- "$old"
  echo "backup removed: $old"
done
{{- end }}

{{/* Alerting rules of the API (the PrometheusRule's spec; the chart suite checks them with promtool).
Prometheus names the scrape job after the Service, so job="<api Service>" selects this release. */}}
{{- define "todo-chatbot.prometheusRules" -}}
{{- $job := printf "job=%q" (include "todo-chatbot.componentName" (dict "root" . "component" "api")) }}
{{- $r := .Values.monitoring.rules }}
groups:
  - name: todo-chatbot-api
    rules:
      - alert: TodoChatbotApiDown
        expr: sum(up{ {{- $job -}} }) == 0 or absent(up{ {{- $job -}} })
        for: 5m
        labels:
          severity: critical
        annotations:
          summary: No API pod of {{ .Release.Name }} answers /metrics
          description: Every API pod is down or unreachable for 5 minutes; `npm run k8s:logs -- --component api`.
      - alert: TodoChatbotApiErrorRatio
        expr: sum(rate(http_request_duration_seconds_count{ {{- $job -}} ,status_code=~"5.."}[5m])) / sum(rate(http_request_duration_seconds_count{ {{- $job -}} }[5m])) > {{ $r.errorRatio }}
        for: 10m
        labels:
          severity: warning
        annotations:
          summary: More than {{ mulf $r.errorRatio 100 }} % of API requests fail with 5xx
          description: The 5xx share is {{ "{{ $value | humanizePercentage }}" }} over 10 minutes.
      - alert: TodoChatbotApiLatencyP99
        expr: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{ {{- $job -}} ,route!~"/api/v1/chat/?|/mcp/?"}[5m]))) > {{ $r.latencyP99Seconds }}
        for: 10m
        labels:
          severity: warning
        annotations:
          summary: API p99 latency above {{ $r.latencyP99Seconds }} s
          description: Streamed chat turns and MCP calls are left out; p99 is {{ "{{ $value | humanizeDuration }}" }}.
      - alert: TodoChatbotApiReadinessFlapping
        expr: sum(increase(http_request_duration_seconds_count{ {{- $job -}} ,route="/ready",status_code="503"}[15m])) > 2 and sum(increase(http_request_duration_seconds_count{ {{- $job -}} ,route="/ready",status_code="200"}[15m])) > 2
        for: 15m
        labels:
          severity: warning
        annotations:
          summary: API pods keep going unready and ready again
          description: /ready answered both 503 and 200 repeatedly for 15 minutes; the database or its connections are unstable.
      - alert: TodoChatbotApiDatabaseUnavailable
        expr: sum(rate(http_request_duration_seconds_count{ {{- $job -}} ,status_code="503",route!="/ready"}[5m])) > 0
        for: 5m
        labels:
          severity: critical
        annotations:
          summary: The API answers 503 to users
          description: Requests fail with 503 for 5 minutes, which the API answers when the database is unreachable or its connection pool is exhausted.
      - alert: TodoChatbotApiDatabasePoolExhausted
        expr: max(db_pool_connections{ {{- $job -}} ,state="waiting"}) > 0
        for: 5m
        labels:
          severity: warning
        annotations:
          summary: Requests wait for a database connection
          description: An API replica has had requests waiting for a pooled PostgreSQL connection for 5 minutes; raise the pool size (DB_POOL_MAX) with PostgreSQL's max_connections, or add replicas.
      {{- if include "todo-chatbot.backup.enabled" . }}
      {{- /* kube-state-metrics: never succeeded counts from the CronJob's creation. */}}
      {{- $cron := printf "namespace=%q,cronjob=%q" .Release.Namespace (include "todo-chatbot.componentName" (dict "root" . "component" "backup")) }}
      {{- $maxAge := mulf $r.backupMaxAgeHours 3600 }}
      - alert: TodoChatbotBackupTooOld
        expr: (time() - max(kube_cronjob_status_last_successful_time{ {{- $cron -}} })) > {{ $maxAge }} or (absent(kube_cronjob_status_last_successful_time{ {{- $cron -}} }) and on() (time() - max(kube_cronjob_created{ {{- $cron -}} })) > {{ $maxAge }})
        for: 1h
        labels:
          severity: warning
        annotations:
          summary: No successful backup for {{ $r.backupMaxAgeHours }} hours
          description: The backup CronJob has not succeeded recently (kube-state-metrics); `kubectl get jobs -n {{ .Release.Namespace }}` and `npm run k8s:backup`.
      {{- end }}
{{- end }}
