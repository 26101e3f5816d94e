# Sourced by the suites (not a suite: scripts/test runs only *.sh): where the builds are,
# where a suite writes, its pass/fail counters and check().
#   . "$(dirname "$0")/common.bash" NAME     → $ROOT (cwd), $NATIVE, $NODE, $OUT = test-output/NAME
ROOT=${PEIZOU_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
NATIVE=${PEIZOU_NATIVE:-$ROOT/build/native}
NODE=${PEIZOU_NODE:-$ROOT/build/node}
cd "$ROOT"
OUT=${PEIZOU_TEST_OUTPUT:-$ROOT/test-output}/$1
mkdir -p "$OUT"
pass=0; fail=0; node_checks=0
check() { # description, then a command that succeeds when the check passes
  local what=$1; shift
  if "$@"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL: $what"; fi
}
# Stops the suite as one failed check when the native CLI is not built.
need_native() {
  if [ ! -x "$NATIVE/peizou" ]; then echo "no $NATIVE/peizou (build the native flavour first)"; echo "0 passed, 1 failed"; exit 1; fi
}
# The suite's last line, which scripts/test reads, and its exit status.
summary() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; }
