#!/usr/bin/env bash
# build-aux/dev.sh — set up, build, run and test Plenary on Debian 12 / Ubuntu.
#
#   build-aux/dev.sh run    install what is missing, build, open the app on the demo project
#   build-aux/dev.sh test   install what is missing, build, run every test headless (and again
#                           under AddressSanitizer + UBSan), ending with "N passed, N failed"
#   build-aux/dev.sh build  install what is missing and build
#
# Environment: PLENARY_BUILD_DIR (default _build), PLENARY_SKIP_SANITIZERS=1 to skip the
# sanitizer pass of `test`, PLENARY_FUZZ_SECONDS=N to also run each fuzz target N seconds
# (build-aux/fuzz.sh; CI sets 60).
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PLENARY_BUILD_DIR:-$top/_build}
asan_build=$top/_build-sanitize

packages=(
  build-essential meson ninja-build pkg-config gettext python3
  libglib2.0-dev-bin libgtk-4-dev libgtk-4-bin libadwaita-1-dev
  libsqlite3-dev libjson-glib-dev libxml2-dev libxml2-utils libarchive-dev libpoppler-glib-dev
  librsvg2-common desktop-file-utils appstream flatpak-builder
  xvfb xauth dbus-daemon at-spi2-core
)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0

  say "Installing ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "dev.sh: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
    install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

setup_build() {  # DIR [meson options…]
  local dir=$1; shift
  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$top" "$@" >/dev/null
  else
    meson setup "$dir" "$top" "$@" >/dev/null
  fi
  say "Building in ${dir#"$top"/}"
  meson compile -C "$dir"
}

headless() {  # run a command under a virtual X display and a private D-Bus session
  xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" dbus-run-session -- "$@"
}

run_suite() {  # DIR PROCESSES TIMEOUT-MULTIPLIER
  local dir=$1 processes=$2 multiplier=$3
  say "Testing ${dir#"$top"/}"
  # Each test states its own timeout for an idle machine; CI machines may be busy, and
  # sanitizers slow everything several times, so the multiplier leaves room for both.
  headless meson test -C "$dir" --print-errorlogs --num-processes "$processes" \
    --timeout-multiplier "$multiplier" || true
}

case "${1:-}" in
  build)
    install_missing
    setup_build "$build"
    ;;

  run)
    install_missing
    setup_build "$build"
    shift
    # Run uninstalled: schemas and icons from the tree.
    export GSETTINGS_SCHEMA_DIR="$build/data"
    export XDG_DATA_DIRS="$top/data:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
    if [ $# -eq 0 ]; then
      set -- --demo
    fi
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
      echo "dev.sh: no display; run this from a desktop session." >&2
      exit 1
    fi
    exec "$build/src/app/plenary" "$@"
    ;;

  test)
    install_missing
    setup_build "$build" -Dperf=true   # the benchmarks are built (not run) so they cannot rot
    run_suite "$build" 2 3
    logs=("$build/meson-logs/testlog.json")
    if [ "${PLENARY_SKIP_SANITIZERS:-0}" != 1 ]; then
      setup_build "$asan_build" -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
      ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0 \
      LSAN_OPTIONS="suppressions=$top/build-aux/lsan.supp:print_suppressions=0" \
      UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
      G_SLICE=always-malloc \
        run_suite "$asan_build" 1 8   # one at a time: GTK 4.8's list views leak list items
                                    # when a window closes mid-frame under CPU contention
      logs+=("$asan_build/meson-logs/testlog.json")
    fi
    if [ "${PLENARY_FUZZ_SECONDS:-0}" -gt 0 ]; then
      "$top/build-aux/fuzz.sh" "$PLENARY_FUZZ_SECONDS" || true
      logs+=("$top/_build-fuzz/fuzz-log.json")
    fi
    exec python3 "$top/build-aux/count-tests.py" "${logs[@]}"
    ;;

  *)
    sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
