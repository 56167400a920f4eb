{{/* Cross-value rules the schema cannot express, one define per rule (the Bitnami pattern): each
prints its messages, one per line, or nothing; validateValues joins them into one fail, so a bad
install names every broken rule at once. */}}
{{- define "todo-chatbot.validateValues" -}}
{{- $messages := list -}}
{{- range $rule := list "database" "databaseUrlTwice" "cloudnativepg" "existingSecretWithSecrets" "existingSecretWithReminderSecrets" "reminderSecrets" "existingSecretKeys" "nodePortWithClusterIP" "nodePortTwice" "authSecretLength" "autoscalingRange" "autoscalingMetric" "ingressHosts" "gracePeriod" -}}
{{- $out := include (printf "todo-chatbot.validateValues.%s" $rule) $ | trim -}}
{{- if $out }}{{ $messages = concat $messages (splitList "\n" $out) }}{{ end -}}
{{- end -}}
{{- if $messages -}}
{{- fail (printf "\n\nVALUES VALIDATION:\n  - %s\n" (join "\n  - " $messages)) -}}
{{- end -}}
{{- end }}

{{- define "todo-chatbot.validateValues.database" -}}
{{- $v := .Values }}
{{- if and (eq (include "todo-chatbot.postgresql.mode" .) "external") (not $v.secrets.databaseUrl) (not $v.existingSecret) }}
postgresql.enabled is false but no database is configured: set secrets.databaseUrl (e.g. a Neon URL), existingSecret (a Secret holding DATABASE_URL), or postgresql.enabled=true
{{- end }}
{{- end }}

{{- define "todo-chatbot.validateValues.databaseUrlTwice" -}}
{{- if and (ne (include "todo-chatbot.postgresql.mode" .) "external") .Values.secrets.databaseUrl }}
secrets.databaseUrl is set while postgresql.enabled is true: set postgresql.enabled=false to use the external database, or leave secrets.databaseUrl empty
{{- end }}
{{- end }}

{{- define "todo-chatbot.validateValues.cloudnativepg" -}}
{{- if and (eq (include "todo-chatbot.postgresql.mode" .) "cloudnativepg") (not (.Capabilities.APIVersions.Has "postgresql.cnpg.io/v1")) }}
postgresql.mode is cloudnativepg but this cluster does not serve postgresql.cnpg.io/v1: install the CloudNativePG operator first (docs/kubernetes.md shows how), or use postgresql.mode=embedded
{{- end }}
{{- end }}

{{- define "todo-chatbot.validateValues.existingSecretWithSecrets" -}}
{{- $s := .Values.secrets }}
{{- if and .Values.existingSecret (or $s.databaseUrl $s.betterAuthSecret $s.openaiApiKey $s.groqApiKey $s.googleAiApiKey $s.cohereApiKey $s.mcpApiKey $s.openaiDomainKey) }}
existingSecret is set, so secrets.* would be ignored: put those keys into the existing Secret, or unset existingSecret
{{- end }}
{{- end }}

{{- define "todo-chatbot.validateValues.existingSecretWithReminderSecrets" -}}
{{- $r := .Values.reminders }}
{{- if and .Values.existingSecret $r.webPush.vapidPrivateKey }}
existingSecret is set, so reminders.webPush.vapidPrivateKey would be ignored: put the key into the existing Secret as vapid-private-key (or map existingSecretKeys.vapidPrivateKey), or unset existingSecret
{{- end }}
{{- if and .Values.existingSecret $r.email.smtpUrl }}
existingSecret is set, so reminders.email.smtpUrl would be ignored: put the URL into the existing Secret and set existingSecretKeys.smtpUrl to its key, or unset existingSecret
{{- end }}
{{- end }}

{{- /* Checked here, not by the schema: a schema error quotes the value, and these are secrets. */}}
{{- define "todo-chatbot.validateValues.reminderSecrets" -}}
{{- $r := .Values.reminders }}
{{- with $r.email.smtpUrl }}
{{- if not (regexMatch `^smtps?://(([A-Za-z0-9._~!$&'()*+,;=:-]|%[0-9A-Fa-f]{2})*@)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~-]+)(:[0-9]{1,5})?([/?]\S*)?$` .) }}
reminders.email.smtpUrl is not an smtp:// or smtps:// URL like smtps://user:password@host:port (percent-encode the password); it is a secret, so it is not shown here
{{- else if not (and (ge (include "todo-chatbot.reminders.smtpPort" $ | int) 1) (le (include "todo-chatbot.reminders.smtpPort" $ | int) 65535)) }}
reminders.email.smtpUrl names a port outside 1-65535
{{- end }}
{{- end }}
{{- with $r.webPush.vapidPrivateKey }}
{{- if not (regexMatch `^(-----BEGIN (EC )?PRIVATE KEY-----\s+[A-Za-z0-9+/=\s]+-----END (EC )?PRIVATE KEY-----\s*|[A-Za-z0-9_-]{43})$` .) }}
reminders.webPush.vapidPrivateKey is neither a PEM EC private key nor the 43-character base64url key `npx web-push generate-vapid-keys` prints; it is a secret, so it is not shown here
{{- end }}
{{- end }}
{{- end }}

{{- define "todo-chatbot.validateValues.existingSecretKeys" -}}
{{- $mapped := list }}
{{- range $k, $v := .Values.existingSecretKeys }}{{ if $v }}{{ $mapped = append $mapped $k }}{{ end }}{{ end }}
{{- if and $mapped (not .Values.existingSecret) }}
existingSecretKeys ({{ join ", " $mapped }}) name keys of existingSecret, which is empty: set existingSecret to the Secret's name, or clear existingSecretKeys
{{- end }}
{{- if and .Values.existingSecret (ne (include "todo-chatbot.postgresql.mode" .) "external") .Values.existingSecretKeys.databaseUrl }}
existingSecretKeys.databaseUrl is set while postgresql.enabled is true, which builds DATABASE_URL itself: set postgresql.enabled=false to use the database of the Secret
{{- end }}
{{- end }}

{{- define "todo-chatbot.validateValues.nodePortWithClusterIP" -}}
{{- range $c := list "web" "api" }}
{{- $svc := (include "todo-chatbot.app" (dict "root" $ "app" $c) | fromYaml).service }}
{{- if and (eq $svc.type "ClusterIP") (not (kindIs "invalid" $svc.nodePort)) }}
{{ printf "%s.service.nodePort is %v but %s.service.type is ClusterIP: use type NodePort or LoadBalancer, or set nodePort to null" $c $svc.nodePort $c }}
{{- end }}
{{- end }}
{{- end }}

{{- define "todo-chatbot.validateValues.nodePortTwice" -}}
{{- $web := (include "todo-chatbot.app" (dict "root" . "app" "web") | fromYaml).service }}
{{- $api := (include "todo-chatbot.app" (dict "root" . "app" "api") | fromYaml).service }}
{{- if and (eq $web.type "NodePort") (eq $api.type "NodePort") (not (kindIs "invalid" $web.nodePort)) (eq (toString $web.nodePort) (toString $api.nodePort)) }}
web.service.nodePort and api.service.nodePort are the same port
{{- end }}
{{- end }}

{{- define "todo-chatbot.validateValues.authSecretLength" -}}
{{- $secret := .Values.secrets.betterAuthSecret }}
{{- if and (eq .Values.global.environment "production") $secret (lt (len $secret) 32) }}
secrets.betterAuthSecret must be at least 32 characters
{{- end }}
{{- end }}

{{- define "todo-chatbot.validateValues.autoscalingRange" -}}
{{- if .Values.autoscaling.enabled }}
{{- range $c := list "web" "api" }}
{{- $a := include "todo-chatbot.autoscaling" (dict "root" $ "app" $c) | fromYaml }}
{{- if gt (int $a.minReplicas) (int $a.maxReplicas) }}
{{ printf "autoscaling.%s.minReplicas (%v) is greater than autoscaling.%s.maxReplicas (%v)" $c $a.minReplicas $c $a.maxReplicas }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{- define "todo-chatbot.validateValues.autoscalingMetric" -}}
{{- if .Values.autoscaling.enabled }}
{{- range $c := list "web" "api" }}
{{- $a := include "todo-chatbot.autoscaling" (dict "root" $ "app" $c) | fromYaml }}
{{- if and (kindIs "invalid" $a.targetCPUUtilizationPercentage) (kindIs "invalid" $a.targetMemoryUtilizationPercentage) }}
{{ printf "autoscaling.%s needs targetCPUUtilizationPercentage or targetMemoryUtilizationPercentage" $c }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{- define "todo-chatbot.validateValues.ingressHosts" -}}
{{- if and .Values.ingress.enabled (not .Values.ingress.hosts) }}
ingress.enabled is true but ingress.hosts is empty
{{- end }}
{{- end }}

{{- define "todo-chatbot.validateValues.gracePeriod" -}}
{{- range $c := list "api" "web" }}
{{- $p := include "todo-chatbot.app" (dict "root" $ "app" $c) | fromYaml }}
{{- if le (int $p.terminationGracePeriodSeconds) (int $p.preStopSeconds) }}
{{ printf "%s.terminationGracePeriodSeconds must be greater than %s.preStopSeconds" $c $c }}
{{- end }}
{{- end }}
{{- end }}
