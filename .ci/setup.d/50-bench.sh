# `npm run bench` prerequisites from Debian: wrk (maximum-throughput load) and the peer baseline,
# FastAPI under uvicorn with SQLAlchemy and psycopg2 (bench/peer/app.py), the stack the public
# implementations of this project's brief use. The bench runs this file itself when one is
# missing. Idempotent; sourced by .ci/run.
bench_missing=()
command -v wrk >/dev/null 2>&1 || bench_missing+=(wrk)
for bench_module in fastapi:python3-fastapi uvicorn:python3-uvicorn sqlalchemy:python3-sqlalchemy \
  psycopg2:python3-psycopg2 uvloop:python3-uvloop httptools:python3-httptools; do
  /usr/bin/python3 -c "import ${bench_module%%:*}" >/dev/null 2>&1 || bench_missing+=("${bench_module#*:}")
done
if [ "${#bench_missing[@]}" -gt 0 ]; then
  apt-get install -y -qq --no-install-recommends "${bench_missing[@]}" >/dev/null
fi
unset bench_missing bench_module
