#!/usr/bin/env bash
# Installs one Debian package that a reverse-proxy test (test/proxy/, test/synapse/) runs:
#
#   install-debian-package.sh <package> <binary> <path variable>
#
# Used by install-nginx.sh and install-caddy.sh. Idempotent: does nothing when the binary is
# already there (the path variable, else <binary>). Runs apt-get as root or through sudo; runs
# `apt-get update` first only when apt knows no candidate for the package, and once more when the
# install fails on stale lists. The package's service is never started: while apt installs, a
# policy-rc.d that forbids service starts is put in place when none exists (Debian's postinst
# would otherwise start a daemon on port 80); the tests start their own process on 127.0.0.1.
set -euo pipefail

if [ "$#" -ne 3 ]; then
  echo "usage: $0 <package> <binary> <path variable>" >&2
  exit 2
fi
package="$1"
binary="$2"
variable="$3"
tag="install-$package"

say() { echo "$tag: $*"; }
fail() {
  echo "$tag: $*" >&2
  exit 1
}

configured="${!variable:-}"
if [ -n "$configured" ]; then
  if [ -x "$configured" ]; then
    say "using $variable=$configured"
    exit 0
  fi
  fail "$variable=$configured is not an executable file; fix it, or unset it to install" \
    "Debian's $package at $binary"
fi

if [ -x "$binary" ]; then
  say "$binary is already installed"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  fail "apt-get not found; install $package yourself and point $variable at its binary"
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    fail "not root and no sudo; run as root: apt-get install --no-install-recommends $package"
  fi
  # Without a terminal sudo must not wait for a password that nobody can type.
  if [ -t 0 ]; then as_root=(sudo); else as_root=(sudo -n); fi
fi

apt=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300)

policy=/usr/sbin/policy-rc.d
placed_policy=0
remove_policy() {
  if [ "$placed_policy" = "1" ]; then "${as_root[@]}" rm -f "$policy"; fi
}
trap remove_policy EXIT
if [ ! -e "$policy" ]; then
  # invoke-rc.d and deb-systemd-invoke skip a service start when this exits 101.
  printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee "$policy" >/dev/null
  "${as_root[@]}" chmod 755 "$policy"
  placed_policy=1
fi

has_candidate() {
  local candidate
  candidate="$(apt-cache policy "$package" 2>/dev/null | awk '/Candidate:/ { print $2 }')"
  [ -n "$candidate" ] && [ "$candidate" != "(none)" ]
}

install() { "${apt[@]}" install -y --no-install-recommends "$package"; }
install_failed() {
  fail "could not install $package with apt-get (see above); the reverse-proxy tests need it:" \
    "install the $package package or set $variable"
}

updated=0
if ! has_candidate; then
  say "apt knows no $package yet: apt-get update"
  "${apt[@]}" update || fail "apt-get update failed (see above)"
  updated=1
fi
has_candidate || fail "Debian's package lists have no $package; install it another way and" \
  "point $variable at its binary"

say "installing Debian's $package"
if ! install; then
  if [ "$updated" = "1" ]; then install_failed; fi
  say "retrying after apt-get update"
  if ! "${apt[@]}" update || ! install; then install_failed; fi
fi

if [ ! -x "$binary" ]; then
  fail "the $package package did not provide $binary"
fi
say "installed $package $(dpkg-query -W -f='${Version}' "$package" 2>/dev/null) at $binary"
