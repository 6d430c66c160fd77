#!/usr/bin/env bash
# build-aux/fuzz.sh — build the libFuzzer targets (clang, ASan + UBSan) and run them.
#
#   build-aux/fuzz.sh [SECONDS] [TARGET…]   run each target SECONDS (default 60), two at a
#                                          time; all targets when none is named
#
# The corpus of each target grows in _build-fuzz/corpus/TARGET (seeded from
# tests/fuzz/seeds/TARGET); a crash is written to _build-fuzz/crashes/ — add it to
# tests/fuzz/regressions/TARGET/ with the fix.  Prints one line per target (runs, executions,
# new corpus entries, crashes) and writes _build-fuzz/fuzz-log.json in the form of meson's
# testlog.json, so that build-aux/count-tests.py counts each target as a test.
# Exit status 1 when a target crashed, leaked, timed out or ran out of memory.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$top/_build-fuzz
seconds=${1:-60}
shift || true

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

if ! command -v clang >/dev/null || ! compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null; then
  say "Installing clang and its libFuzzer runtime"
  sudo=(); [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends clang libclang-rt-dev >/dev/null 2>&1 ||
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends clang "libclang-rt-$(clang --version | sed -n 's/.*version \([0-9]*\).*/\1/p')-dev" >/dev/null
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(sed -n "s/^fuzz_targets = \[\(.*\)\]/\1/p" "$top/tests/fuzz/meson.build" | tr -d "' " | tr ',' '\n')
fi

options=(-Dfuzzing=true -Dgui=disabled -Db_sanitize=address,undefined -Db_lundef=false
         -Dbuildtype=debugoptimized)
if [ -f "$build/build.ninja" ]; then
  meson setup --reconfigure "$build" "$top" "${options[@]}" >/dev/null
else
  CC=clang meson setup "$build" "$top" "${options[@]}" >/dev/null
fi
say "Building the fuzz targets in ${build#"$top"/}"
if ! log=$(meson compile -C "$build" "${targets[@]/#/fuzz-}" 2>&1); then
  printf '%s\n' "$log" | tail -n 30 >&2
  exit 1
fi

mkdir -p "$build/crashes" "$build/logs"
: > "$build/fuzz-log.json"

run_one() {  # TARGET
  local target=$1 corpus=$build/corpus/$1 log=$build/logs/$1.log
  mkdir -p "$corpus"
  cp -n "$top/tests/fuzz/seeds/$target"/* "$corpus"/ 2>/dev/null || true
  local started=$SECONDS status=0
  # The scratch projects of the REFI and codebook targets commit often: in memory, fsync
  # costs nothing.
  TMPDIR=$( [ -d /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}" ) \
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  LSAN_OPTIONS="suppressions=$top/build-aux/lsan.supp:print_suppressions=0" \
    "$build/tests/fuzz/fuzz-$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=1048576 -print_final_stats=1 -artifact_prefix="$build/crashes/$target-" \
      "$corpus" >"$log" 2>&1 || status=$?
  local execs units
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  units=$(ls "$corpus" | wc -l)
  local result=OK
  [ "$status" -ne 0 ] && result=FAIL
  printf '%-10s %s  %8s executions in %ss, corpus %s files\n' "$target" "$result" "${execs:-0}" \
    "$((SECONDS - started))" "$units"
  python3 - "$build/fuzz-log.json" "$target" "$result" "$log" <<'PY'
import json, sys
path, target, result, log = sys.argv[1:]
tail = open(log, errors="replace").read()[-4000:]
with open(path, "a") as f:
    f.write(json.dumps({"name": "fuzz / " + target, "result": result, "stdout": "" if result == "OK" else tail}) + "\n")
PY
  [ "$result" = OK ]
}

say "Fuzzing ${targets[*]} for ${seconds} s each, two at a time"
failed=0
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  pids=()
  for target in "${targets[@]:i:2}"; do
    run_one "$target" & pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
done
exit $failed
