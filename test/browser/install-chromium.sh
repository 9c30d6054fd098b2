#!/usr/bin/env bash
# Installs the browser the browser tests (test/browser/) drive: Debian's `chromium` package.
# Idempotent: does nothing when a chromium binary is already there (CHROMIUM_PATH, else
# /usr/bin/chromium). Never downloads a browser any other way.
set -euo pipefail

if [ -n "${CHROMIUM_PATH:-}" ]; then
  if [ -x "$CHROMIUM_PATH" ]; then
    echo "install-chromium: using CHROMIUM_PATH=$CHROMIUM_PATH"
    exit 0
  fi
  echo "install-chromium: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file;" \
    "fix it, or unset it to install Debian's chromium at /usr/bin/chromium" >&2
  exit 1
fi

if [ -x /usr/bin/chromium ]; then
  echo "install-chromium: /usr/bin/chromium is already installed"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: apt-get not found; install a chromium yourself and point" \
    "CHROMIUM_PATH at it (the browser tests need it)" >&2
  exit 1
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-chromium: not root and no sudo; run as root:" \
      "apt-get install --no-install-recommends chromium" >&2
    exit 1
  fi
  # Without a terminal sudo must not wait for a password that nobody can type.
  if [ -t 0 ]; then as_root=(sudo); else as_root=(sudo -n); fi
fi

apt=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300)
echo "install-chromium: installing Debian's chromium (apt-get update, then install)"
if ! "${apt[@]}" update || ! "${apt[@]}" install -y --no-install-recommends chromium; then
  echo "install-chromium: could not install chromium with apt-get (see above); the browser" \
    "tests need it: install the chromium package or set CHROMIUM_PATH" >&2
  exit 1
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "install-chromium: the chromium package did not provide /usr/bin/chromium" >&2
  exit 1
fi
echo "install-chromium: installed $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
