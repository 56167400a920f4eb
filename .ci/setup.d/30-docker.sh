# Docker engine for the containers suite (sourced by .ci/run under `set -euo pipefail`, as root).
# Installs Debian's docker.io (20.10 engine with BuildKit in /usr/bin/docker), debootstrap, zstd and
# binutils (local base images, see scripts/images/base-images.sh) and Compose v1, then starts containerd and
# dockerd in the background. Idempotent: an engine that already answers is left alone.
# Why each step is as it is: docs/decisions/032 (local base images) and 033 (containers suite).
docker_missing=()
for pair in dockerd:docker.io debootstrap:debootstrap zstd:zstd docker-compose:docker-compose \
  strip:binutils; do
  if ! command -v "${pair%%:*}" >/dev/null 2>&1 && [ ! -x "/usr/sbin/${pair%%:*}" ]; then
    docker_missing+=("${pair#*:}")
  fi
done
if [ "${#docker_missing[@]}" -gt 0 ]; then
  apt-get install -y -qq --no-install-recommends "${docker_missing[@]}" >/dev/null
fi
unset docker_missing pair

# Debian's 20.10 CLI has BuildKit built in; a newer /usr/local/bin/docker may lack buildx.
export TODO_DOCKER_CLI=/usr/bin/docker

if ! /usr/bin/docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then
  docker_run_dir=/run/todo-docker
  mkdir -p "$docker_run_dir" /var/lib/todo-containerd /var/log
  # Its own containerd (own root, state and socket, no CRI plugin) pinned with --containerd, so
  # dockerd never adopts another containerd socket it finds on the machine.
  cat >"$docker_run_dir/containerd.toml" <<EOF
version = 2
root = "/var/lib/todo-containerd"
state = "$docker_run_dir/containerd-state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$docker_run_dir/containerd.sock"
EOF
  if [ ! -S "$docker_run_dir/containerd.sock" ] ||
    ! ctr --address "$docker_run_dir/containerd.sock" version >/dev/null 2>&1; then
    rm -f "$docker_run_dir/containerd.sock"
    nohup containerd --config "$docker_run_dir/containerd.toml" \
      >/var/log/todo-containerd.log 2>&1 </dev/null &
    for _ in $(seq 1 100); do
      [ -S "$docker_run_dir/containerd.sock" ] && break
      sleep 0.1
    done
  fi
  # Forwarding on before dockerd starts keeps the FORWARD chain's policy ACCEPT.
  sysctl -qw net.ipv4.ip_forward=1 || true
  rm -f /var/run/docker.pid
  nohup dockerd --containerd="$docker_run_dir/containerd.sock" \
    >/var/log/todo-dockerd.log 2>&1 </dev/null &
  docker_ready=false
  for _ in $(seq 1 300); do
    if /usr/bin/docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then
      docker_ready=true
      break
    fi
    sleep 0.2
  done
  if [ "$docker_ready" != true ]; then
    echo "dockerd did not become ready in 60 s; last lines of /var/log/todo-dockerd.log:" >&2
    tail -n 30 /var/log/todo-dockerd.log >&2 || true
    false
  fi
  unset docker_run_dir docker_ready
fi
echo "docker engine $(/usr/bin/docker version --format '{{.Server.Version}}') ready"
