#!/usr/bin/env bash
# Installs the real servers and tools the integration tests use (Alertmanager, Prometheus, Tomcat, Chromium)
# from Debian's packages. Idempotent and quiet: does nothing when both binaries are present; never fails the build
# when not root (the tests that need a missing binary then fail with a message naming it).
set -euo pipefail

# The schema checks' npm packages (src/test/node/package.json: @grafana/schema, kubernetes-models,
# TypeScript), into src/test/node/node_modules; the Debian nodejs/npm packages when missing.
node_dir="$(cd "$(dirname "$0")/../node" && pwd)"
install_node_checks() {
  if [ ! -d "$node_dir/node_modules/@grafana/schema" ] || [ ! -d "$node_dir/node_modules/kubernetes-models" ]; then
    (cd "$node_dir" && npm install --no-audit --no-fund --no-package-lock --silent) \
      || echo "install-test-deps: npm install in $node_dir failed; the schema checks will fail naming it" >&2
  fi
}

need=()
command -v prometheus-alertmanager >/dev/null 2>&1 || need+=(prometheus-alertmanager)
command -v prometheus >/dev/null 2>&1 || need+=(prometheus)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
# Tomcat 10 for the redeploy-leak IT, started by the test from /usr/share/tomcat10 with its own base
[ -x /usr/share/tomcat10/bin/catalina.sh ] || need+=(tomcat10)
# Headless Chromium for the IT that renders a capture's HTML report (chromium --headless=new --dump-dom)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -eq 0 ]; then
  install_node_checks
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-deps: missing ${need[*]} and not root; install them with apt-get" >&2
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
# Other processes may hold the dpkg lock for a while; wait for it rather than fail.
apt_opts=(-qq -o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0)
apt-get "${apt_opts[@]}" update >/dev/null
apt-get "${apt_opts[@]}" install -y --no-install-recommends "${need[@]}" >/dev/null
# Debian's packages start their services; the tests start their own instances on free ports.
for svc in prometheus-alertmanager prometheus tomcat10; do
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$svc" 2>/dev/null; then
    systemctl stop "$svc" >/dev/null 2>&1 || true
  fi
done
echo "install-test-deps: installed ${need[*]}"
install_node_checks
