#!/usr/bin/env bash
# Compare-screen performance bars, under the Node (wasm) build:
#   1. Shapley attribution of an 8-lever variant: all 2^8 = 256 lever subsets, each a
#      Monte Carlo of 1,000 citizens (bar: < 10 s).
#   2. A what-if update: one Monte Carlo of 1,000 citizens of a variant (bar: < 100 ms),
#      measured as (11 runs − 1 run) / 10 in one process, so start-up is not counted.
# Prints a Markdown section with the machine and the date (bench/shapley_bench.md keeps
# the last one). Usage: bench/shapley_bench.sh [BUILD_DIR]   (default build/cmp-node)
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs   # Debian's acorn for emcc's JS optimizer
B=${1:-build/cmp-node}
if [ ! -f "$B/build.ninja" ]; then emcmake cmake -S . -B "$B" -G Ninja >/dev/null; fi
ninja -C "$B" peizou >/dev/null
# The repository's package.json says "type": "module"; the Emscripten output is CommonJS.
echo '{"type":"commonjs"}' >"$B/package.json"
PEIZOU="node $B/peizou.js"
S=bench/shapley-8-levers.json

timed() { # command... ; prints "wall cpu" seconds, output to $TMP_OUT
  /usr/bin/time -f "%e %U" -o "$TMP_TIME" "$@" >"$TMP_OUT" 2>/dev/null
  cat "$TMP_TIME"
}
TMP_TIME=$(mktemp); TMP_OUT=$(mktemp)
trap 'rm -f "$TMP_TIME" "$TMP_OUT"' EXIT

read -r wall cpu < <(timed $PEIZOU compare "$S" --variants before,eight --citizens 1000 --seed 1 --shapley --json)
events=$(node -e 'const j=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));const s=j.shapley.eight;console.log(s.events, s.runs, s.subsets, s.total.calendar_days)' "$TMP_OUT")
read -r ev runs subsets total <<<"$events"

whatif_variant=eight
read -r w1 c1 < <(timed $PEIZOU compare "$S" --variants $whatif_variant --citizens 1000 --seed 1 --json)
many=$(printf "$whatif_variant,%.0s" $(seq 11)); many=${many%,}
read -r w11 c11 < <(timed $PEIZOU compare "$S" --variants "$many" --citizens 1000 --seed 1 --json)
run_events=$(node -e 'const j=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(j.variants[0].events)' "$TMP_OUT")

awk -v wall="$wall" -v cpu="$cpu" -v ev="$ev" -v runs="$runs" -v subsets="$subsets" -v total="$total" \
    -v w1="$w1" -v w11="$w11" -v c1="$c1" -v c11="$c11" -v rev="$run_events" \
    -v date="$(date -u '+%Y-%m-%d %H:%M UTC')" -v cpuinfo="$(lscpu | sed -n 's/^Model name: *//p' | head -n1)" \
    -v ncpu="$(nproc)" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" -v node="$(node --version)" \
    -v emcc="$(em++ --version 2>/dev/null | head -n1 | grep -o '[0-9]*\.[0-9]*\.[0-9]*' | head -n1)" 'BEGIN {
  printf "## Compare bench, %s\n\n", date
  printf "Machine: %s, %d vCPU, load average %s while measuring; Node %s; em++ %s (-O3).\n\n", cpuinfo, ncpu, load, node, emcc
  printf "| what | wall | CPU (user) | events | events/s (wall) | events/s (CPU) | bar |\n|---|---|---|---|---|---|---|\n"
  printf "| Shapley, 8 levers: %d subsets, %d runs × 1,000 citizens | %.2f s | %.2f s | %d | %.2f M | %.2f M | < 10 s: %s |\n", \
         subsets, runs, wall, cpu, ev, ev / wall / 1e6, ev / cpu / 1e6, (wall < 10 ? "met" : "NOT met (wall)")
  ww = (w11 - w1) / 10; wc = (c11 - c1) / 10
  printf "| what-if update: 1 run × 1,000 citizens | %.0f ms | %.0f ms | %d | %.2f M | %.2f M | < 100 ms: %s |\n\n", \
         ww * 1000, wc * 1000, rev, rev / ww / 1e6, rev / wc / 1e6, (ww < 0.1 ? "met" : "NOT met (wall)")
  printf "Total change attributed (mean calendar days): %s. What-if time = (11 runs − 1 run) / 10 in one process.\n", total
}'
