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

{{/* Component names: suffix of the full name ("-frontend", "-backend", ...), 63 chars max. */}}
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

{{/* Image reference of an app component. Call with (dict "root" $ "image" .Values.backend.image). */}}
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
{{- include "todo-chatbot.componentName" (dict "root" . "component" "backend") }}
{{- end }}
{{- end }}

{{- define "todo-chatbot.postgresql.fullname" -}}
{{- include "todo-chatbot.componentName" (dict "root" . "component" "postgresql") }}
{{- end }}

{{- define "todo-chatbot.backendUrl" -}}
{{- printf "http://%s:%v" (include "todo-chatbot.componentName" (dict "root" . "component" "backend")) .Values.backend.service.port }}
{{- end }}

{{- define "todo-chatbot.frontendUrl" -}}
{{- printf "http://%s:%v" (include "todo-chatbot.componentName" (dict "root" . "component" "frontend")) .Values.frontend.service.port }}
{{- end }}

{{/* Public origin of the web app as the browser sees it (BETTER_AUTH_URL). */}}
{{- define "todo-chatbot.publicUrl" -}}
{{- if .Values.config.publicUrl }}
{{- .Values.config.publicUrl | trimSuffix "/" }}
{{- else if and .Values.ingress.enabled .Values.ingress.hosts }}
{{- $host := (first .Values.ingress.hosts).host }}
{{- $tls := false }}
{{- range .Values.ingress.tls }}{{ if has $host (.hosts | default list) }}{{ $tls = true }}{{ end }}{{ end }}
{{- printf "%s://%s" (ternary "https" "http" $tls) $host }}
{{- else if and (eq .Values.frontend.service.type "NodePort") .Values.frontend.service.nodePort }}
{{- printf "http://localhost:%v" .Values.frontend.service.nodePort }}
{{- else }}
{{- printf "http://localhost:%v" .Values.frontend.service.port }}
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
{{- if .Values.postgresql.enabled }}
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

{{/* Cross-value rules the schema cannot express: collected, then one fail naming each value. */}}
{{- define "todo-chatbot.validateValues" -}}
{{- $errors := list }}
{{- $v := .Values }}
{{- if and (not $v.postgresql.enabled) (not $v.secrets.databaseUrl) (not $v.existingSecret) }}
{{- $errors = append $errors "postgresql.enabled is false but no database is configured: set secrets.databaseUrl (e.g. a Neon URL), existingSecret (a Secret holding DATABASE_URL), or postgresql.enabled=true" }}
{{- end }}
{{- if and $v.postgresql.enabled $v.secrets.databaseUrl }}
{{- $errors = append $errors "secrets.databaseUrl is set while postgresql.enabled is true: set postgresql.enabled=false to use the external database, or leave secrets.databaseUrl empty" }}
{{- end }}
{{- if and $v.existingSecret (or $v.secrets.databaseUrl $v.secrets.betterAuthSecret $v.secrets.openaiApiKey $v.secrets.groqApiKey $v.secrets.googleAiApiKey $v.secrets.cohereApiKey $v.secrets.mcpApiKey) }}
{{- $errors = append $errors "existingSecret is set, so secrets.* would be ignored: put those keys into the existing Secret, or unset existingSecret" }}
{{- end }}
{{- range $c := list "frontend" "backend" }}
{{- $svc := (get $v $c).service }}
{{- if and (eq $svc.type "ClusterIP") (not (kindIs "invalid" $svc.nodePort)) }}
{{- $errors = append $errors (printf "%s.service.nodePort is %v but %s.service.type is ClusterIP: use type NodePort or LoadBalancer, or set nodePort to null" $c $svc.nodePort $c) }}
{{- end }}
{{- end }}
{{- if and (eq $v.frontend.service.type "NodePort") (eq $v.backend.service.type "NodePort") (not (kindIs "invalid" $v.frontend.service.nodePort)) (eq (toString $v.frontend.service.nodePort) (toString $v.backend.service.nodePort)) }}
{{- $errors = append $errors "frontend.service.nodePort and backend.service.nodePort are the same port" }}
{{- end }}
{{- if and (eq $v.global.environment "production") $v.secrets.betterAuthSecret (lt (len $v.secrets.betterAuthSecret) 32) }}
{{- $errors = append $errors "secrets.betterAuthSecret must be at least 32 characters" }}
{{- end }}
{{- range $c := list "frontend" "backend" }}
{{- $a := get $v.autoscaling $c }}
{{- if and $v.autoscaling.enabled (gt (int $a.minReplicas) (int $a.maxReplicas)) }}
{{- $errors = append $errors (printf "autoscaling.%s.minReplicas (%v) is greater than autoscaling.%s.maxReplicas (%v)" $c $a.minReplicas $c $a.maxReplicas) }}
{{- end }}
{{- if and $v.autoscaling.enabled (kindIs "invalid" $a.targetCPUUtilizationPercentage) (kindIs "invalid" $a.targetMemoryUtilizationPercentage) }}
{{- $errors = append $errors (printf "autoscaling.%s needs targetCPUUtilizationPercentage or targetMemoryUtilizationPercentage" $c) }}
{{- end }}
{{- end }}
{{- if and $v.ingress.enabled (not $v.ingress.hosts) }}
{{- $errors = append $errors "ingress.enabled is true but ingress.hosts is empty" }}
{{- end }}
{{- $termB := int $v.backend.terminationGracePeriodSeconds }}
{{- if le $termB (int $v.backend.preStopSeconds) }}
{{- $errors = append $errors "backend.terminationGracePeriodSeconds must be greater than backend.preStopSeconds" }}
{{- end }}
{{- if le (int $v.frontend.terminationGracePeriodSeconds) (int $v.frontend.preStopSeconds) }}
{{- $errors = append $errors "frontend.terminationGracePeriodSeconds must be greater than frontend.preStopSeconds" }}
{{- end }}
{{- if $errors }}
{{- fail (printf "\n\nVALUES VALIDATION:\n  - %s\n" (join "\n  - " $errors)) }}
{{- end }}
{{- end }}
