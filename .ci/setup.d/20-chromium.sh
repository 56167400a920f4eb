# Debian's Chromium for browser tests (driven by playwright-core; no browser download).
if [ ! -x /usr/bin/chromium ]; then
  apt-get install -y -qq chromium fonts-liberation >/dev/null
fi
