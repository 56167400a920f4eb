# promtool (Debian's prometheus package) for the chart suite: it parses the chart's alerting
# rules with Prometheus' own PromQL parser. The package also ships the server; a policy-rc.d that
# refuses every service start keeps its post-install script from starting it. Idempotent; sourced
# by .ci/run.
if ! command -v promtool >/dev/null 2>&1; then
  promtool_policy_made=false
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    promtool_policy_made=true
  fi
  apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  if [ "$promtool_policy_made" = true ]; then rm -f /usr/sbin/policy-rc.d; fi
  unset promtool_policy_made
fi
