# Node 24 LTS (the project's `engines`): when the machine's Node is older, scripts/node-lts.sh
# fetches the pinned official binary from the npm registry into .cache/node/<version>; its bin
# goes first on PATH for every later step (npm ci, lint, tests, the bench). Sourced by .ci/run.
node_bin="$(scripts/node-lts.sh)"
export PATH="$node_bin:$PATH"
unset node_bin
echo "node $(node --version) ($(command -v node)), npm $(npm --version)"
