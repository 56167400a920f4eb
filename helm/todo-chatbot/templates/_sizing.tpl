{{/*
Sizing derived from the resources values, so that changing a memory limit or a replica count
keeps the processes inside it (docs/decisions/027-memory-and-connection-sizing.md).
*/}}

{{/* A Kubernetes memory quantity ("512Mi", "1Gi", "500M", "268435456") in whole MiB; 0 when unset. */}}
{{- define "todo-chatbot.memoryMi" -}}
{{- $q := toString (default "" .) }}
{{- $n := float64 (default "0" (regexFind "^[0-9.]+" $q)) }}
{{- $unit := trimPrefix (regexFind "^[0-9.]+" $q) $q }}
{{- $factors := dict "" (divf 1 1048576) "Ki" (divf 1 1024) "Mi" 1 "Gi" 1024 "Ti" 1048576 "k" (divf 1000 1048576) "K" (divf 1000 1048576) "M" (divf 1000000 1048576) "G" (divf 1000000000 1048576) }}
{{- floor (mulf $n (get $factors $unit | default 0)) | int }}
{{- end }}

{{/*
NODE_OPTIONS for a Node container with memory limit `.`: V8's old generation gets half of the
limit and the young generation small semi-spaces (8 MiB; 4 MiB under 256 MiB). V8's defaults
are sized from the node's memory, not the container's, and let the young generation alone grow
past 100 MiB under load. Empty without a limit.
*/}}
{{- define "todo-chatbot.nodeOptions" -}}
{{- $limit := include "todo-chatbot.memoryMi" . | int }}
{{- if gt $limit 0 }}
{{- printf "--max-old-space-size=%d --max-semi-space-size=%d" (div $limit 2) (ternary 8 4 (ge $limit 256)) }}
{{- end }}
{{- end }}

{{/* PostgreSQL connections each API replica may open (DB_POOL_MAX). */}}
{{- define "todo-chatbot.databasePoolSize" -}}5{{- end }}

{{/* Reminder connections of each API replica: pg-boss's own pool of 3 (with or without workers,
since requests enqueue reminders too) and the notification hub's one LISTEN connection
(docs/decisions/059). */}}
{{- define "todo-chatbot.reminderQueuePoolSize" -}}4{{- end }}

{{/*
PostgreSQL server settings for the in-release StatefulSet: shared_buffers a quarter of its memory
limit and effective_cache_size a half (at least 16 MiB / 32 MiB), max_connections the API pools
(requests and the reminder queue) at the most replicas there can be (autoscaling's maximum or
replicaCount, plus the rolling update's surge pod) plus the migration Job and 10 for superuser and
operator sessions.
*/}}
{{- define "todo-chatbot.postgresql.args" -}}
{{- $limit := include "todo-chatbot.memoryMi" .Values.postgresql.resources.limits.memory | int }}
{{- $api := include "todo-chatbot.app" (dict "root" . "app" "api") | fromYaml }}
{{- $autoscaling := include "todo-chatbot.autoscaling" (dict "root" . "app" "api") | fromYaml }}
{{- $replicas := ternary $autoscaling.maxReplicas $api.replicaCount .Values.autoscaling.enabled | int }}
{{- $pool := add (include "todo-chatbot.databasePoolSize" . | int) (include "todo-chatbot.reminderQueuePoolSize" . | int) }}
{{- $args := list "-c" (printf "max_connections=%d" (add (mul $pool (add $replicas 1)) 1 10)) }}
{{- if gt $limit 0 }}
{{- $args = concat $args (list "-c" (printf "shared_buffers=%dMB" (max 16 (div $limit 4))) "-c" (printf "effective_cache_size=%dMB" (max 32 (div $limit 2)))) }}
{{- end }}
{{- toJson $args }}
{{- end }}
