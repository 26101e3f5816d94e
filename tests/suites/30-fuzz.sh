#!/usr/bin/env bash
# libFuzzer over the scenario loader, validator and writer (tests/fuzz/fuzz_scenario.cpp),
# built with Debian's clang++-14 (-fsanitize=fuzzer,address,undefined) into build/fuzz and
# run for a bounded time over the committed seed corpus (tests/fuzz/corpus, tests/bad,
# scenarios). New inputs go to build/fuzz/work, crashes to build/fuzz/artifacts.
# PEIZOU_FUZZ_SECONDS sets the time (default 60). Last line: "1 passed, 0 failed" or
# "0 passed, 1 failed".
set -uo pipefail
ROOT=${PEIZOU_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$ROOT"
SECONDS_TO_RUN=${PEIZOU_FUZZ_SECONDS:-60}
OUT=build/fuzz

fail() { echo "$1"; echo "0 passed, 1 failed"; exit 1; }

command -v clang++-14 >/dev/null || fail "clang++-14 is missing (scripts/setup installs clang-14 and libclang-rt-14-dev)"
mkdir -p "$OUT/work" "$OUT/artifacts"
cmake -S tests/fuzz -B "$OUT" -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 >"$OUT/configure.log" 2>&1 ||
  { cat "$OUT/configure.log"; fail "fuzz: configure failed"; }
ninja -C "$OUT" fuzz_scenario >"$OUT/build.log" 2>&1 ||
  { tail -n 40 "$OUT/build.log"; fail "fuzz: build failed"; }

seeds=(tests/fuzz/corpus tests/bad)
[ -d scenarios ] && seeds+=(scenarios)
echo "fuzzing for ${SECONDS_TO_RUN}s over ${seeds[*]}"
"$OUT/fuzz_scenario" -max_total_time="$SECONDS_TO_RUN" -rss_limit_mb=2048 -max_len=65536 \
  -timeout=10 -print_final_stats=1 -dict=tests/fuzz/scenario.dict \
  -artifact_prefix="$OUT/artifacts/" "$OUT/work" "${seeds[@]}" 2>&1 | tail -n 40
rc=${PIPESTATUS[0]}
if [ "$rc" -ne 0 ]; then
  echo "fuzz: libFuzzer exited with $rc; reproduce with $OUT/fuzz_scenario $OUT/artifacts/<file>"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "1 passed, 0 failed"
