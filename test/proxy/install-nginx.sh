#!/usr/bin/env bash
# Installs the nginx the reverse-proxy tests run (test/setup/reverse-proxy.ts): Debian's `nginx`
# package, /usr/sbin/nginx (or the binary named by NGINX_PATH). Idempotent; as root or through
# sudo; the package's own service is not started. See install-debian-package.sh.
set -euo pipefail
exec bash "$(dirname "$0")/install-debian-package.sh" nginx /usr/sbin/nginx NGINX_PATH
