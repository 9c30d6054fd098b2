#!/usr/bin/env bash
# Installs a Synapse that the real-Synapse tests (test/synapse/) start beside mas-ts, with pip into
# a Python venv (git-ignored). Two pins, one venv each:
#
#   install-synapse.sh          the current Synapse (`matrix_authentication_service` mode): the
#                               version in test/synapse/synapse-version, in .cache/synapse-venv
#   install-synapse.sh legacy   the last Synapse with the older `experimental_features.msc3861`
#                               mode: test/synapse/synapse-legacy-version, in
#                               .cache/synapse-legacy-venv
#
# Idempotent: does nothing when the venv already holds its pinned version. When pip fails for the
# current pin it falls back to Debian's matrix-synapse package (a venv over the system Python
# with its site packages) and says so; the legacy pin has no fallback (whatever Debian ships is
# not that old version), its tests are skipped without it (failed in CI).
#
# Environment: SYNAPSE_VENV / SYNAPSE_LEGACY_VENV (the venvs' folders), SYNAPSE_PYTHON (the
# Python that creates them, default python3; Synapse needs >= 3.10).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
flavour="${1:-current}"
case "$flavour" in
  current)
    pin_file="test/synapse/synapse-version"
    venv="${SYNAPSE_VENV:-$root/.cache/synapse-venv}"
    extras=""
    ;;
  legacy)
    pin_file="test/synapse/synapse-legacy-version"
    venv="${SYNAPSE_LEGACY_VENV:-$root/.cache/synapse-legacy-venv}"
    # `experimental_features.msc3861` needs authlib (Synapse refuses to start without it).
    extras="[oidc]"
    ;;
  *)
    echo "install-synapse: unknown argument '$flavour' (none, or 'legacy')" >&2
    exit 2
    ;;
esac
version="$(tr -d '[:space:]' <"$root/$pin_file")"
python="${SYNAPSE_PYTHON:-python3}"
# Written last, only after a successful install; the test harness (test/setup/synapse.ts)
# reads it to know that the venv is complete and which version it holds.
marker="$venv/.installed-synapse-version"

say() { echo "install-synapse: $*"; }
fail() {
  echo "install-synapse: $*" >&2
  exit 1
}

if [ -z "$version" ]; then fail "no version in $pin_file"; fi

installed_version() {
  # The distribution's version: synapse.__version__ appends `git describe` of the folder around
  # the venv, which is this repository.
  local imports="synapse"
  if [ -n "$extras" ]; then imports="synapse, authlib"; fi
  "$venv/bin/python" -c "import $imports, importlib.metadata as m; print(m.version('matrix-synapse'))" \
    2>/dev/null || true
}

if [ -f "$marker" ] && [ "$(cat "$marker")" = "$version" ] && [ "$(installed_version)" = "$version" ]; then
  say "matrix-synapse $version is already installed in $venv"
  exit 0
fi

started=$SECONDS

install_with_pip() {
  if ! command -v "$python" >/dev/null 2>&1; then
    echo "install-synapse: no $python on PATH (set SYNAPSE_PYTHON)" >&2
    return 1
  fi
  if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)'; then
    echo "install-synapse: $("$python" --version 2>&1) is too old; Synapse needs Python >= 3.10" >&2
    return 1
  fi
  say "creating a venv in $venv with $("$python" --version 2>&1)"
  rm -rf "$venv"
  "$python" -m venv "$venv" || return 1
  say "pip install matrix-synapse$extras==$version"
  "$venv/bin/python" -m pip install --quiet --no-input "matrix-synapse$extras==$version" || return 1
}

install_with_debian() {
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-synapse: apt-get not found" >&2
    return 1
  fi
  local as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "install-synapse: not root and no sudo" >&2
      return 1
    fi
    if [ -t 0 ]; then as_root=(sudo); else as_root=(sudo -n); fi
  fi
  local apt=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300)
  "${apt[@]}" update || return 1
  "${apt[@]}" install -y --no-install-recommends matrix-synapse || return 1
  rm -rf "$venv"
  /usr/bin/python3 -m venv --system-site-packages --without-pip "$venv" || return 1
}

if install_with_pip; then
  how="pip"
elif [ "$flavour" = "legacy" ]; then
  rm -rf "$venv"
  fail "could not install matrix-synapse==$version with pip (see above); the tests of the" \
    "older msc3861 mode need it: fix the cause and run test/synapse/install-synapse.sh legacy again"
else
  say "pip could not install matrix-synapse==$version (see above);" \
    "FALLING BACK to Debian's matrix-synapse package, whose version may differ from the pin"
  if ! install_with_debian; then
    rm -rf "$venv"
    fail "could not install Synapse with pip nor with apt-get (see above); the real-Synapse" \
      "tests (test/synapse/) need it: fix the cause and run test/synapse/install-synapse.sh again"
  fi
  how="Debian's package"
fi

got="$(installed_version)"
if [ -z "$got" ]; then
  rm -rf "$venv"
  fail "the install finished but '$venv/bin/python -c \"import synapse\"' fails"
fi
if [ "$how" = "pip" ] && [ "$got" != "$version" ]; then
  fail "pip installed matrix-synapse $got, not the pinned $version"
fi
# The harness compares the marker with the pin; a Debian fallback records the pin it stands in
# for, since its version is whatever Debian ships (printed here).
echo "$version" >"$marker"
say "installed matrix-synapse $got with $how in $venv in $((SECONDS - started)) s"
