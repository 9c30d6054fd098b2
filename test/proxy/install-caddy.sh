#!/usr/bin/env bash
# Installs the Caddy the reverse-proxy tests run (test/setup/reverse-proxy.ts): Debian's `caddy`
# package, /usr/bin/caddy (or the binary named by CADDY_PATH). Idempotent; as root or through
# sudo; the package's own service is not started. See install-debian-package.sh.
set -euo pipefail
exec bash "$(dirname "$0")/install-debian-package.sh" caddy /usr/bin/caddy CADDY_PATH
