#!/usr/bin/env bash
# Prints the bin folder of a Node that meets the project's `engines` (Node 24 LTS or newer).
# When the Node on PATH is older, it fetches the version pinned in .node-version from the npm
# registry (the official binary, published as the package node-<os>-<arch>) into
# .cache/node/<version> once, with the npm already on the machine. Nothing else is downloaded.
#
#   export PATH="$(scripts/node-lts.sh):$PATH"   # then node, npm, npx run on Node 24
#
# Progress and errors go to stderr, so the command substitution above only sees the folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(tr -d '[:space:]' <"$root/.node-version")"
required_major="${version%%.*}"

if command -v node >/dev/null 2>&1; then
  current_major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$current_major" -ge "$required_major" ]; then
    dirname "$(command -v node)"
    exit 0
  fi
fi

dir="$root/.cache/node/$version"
if [ ! -x "$dir/bin/node" ]; then
  case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *)
    echo "node-lts: no Node binary package for $(uname -s); install Node $required_major yourself" >&2
    exit 1
    ;;
  esac
  case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *)
    echo "node-lts: no Node binary package for $(uname -m); install Node $required_major yourself" >&2
    exit 1
    ;;
  esac
  if ! command -v npm >/dev/null 2>&1; then
    echo "node-lts: npm is needed to fetch node-$os-$arch@$version; install Node $required_major yourself" >&2
    exit 1
  fi
  echo "node-lts: fetching node-$os-$arch@$version from the npm registry into ${dir#"$root"/}" >&2
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  # npm pack checks the tarball against the registry's integrity hash.
  (cd "$work" && npm pack --silent "node-$os-$arch@$version" >/dev/null)
  mkdir -p "$work/out"
  tar -xzf "$work/node-$os-$arch-$version.tgz" -C "$work/out" package/bin/node package/LICENSE
  mkdir -p "$(dirname "$dir")"
  rm -rf "$dir"
  mv "$work/out/package" "$dir"
fi
"$dir/bin/node" -e 0 || {
  echo "node-lts: $dir/bin/node does not run on this machine" >&2
  exit 1
}
echo "$dir/bin"
