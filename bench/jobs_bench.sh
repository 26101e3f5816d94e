#!/usr/bin/env bash
# Compare with Shapley on every core (issue 17): bench/shapley-8-levers.json, `peizou
# compare --variants before,eight --shapley --json` (256 lever subsets × 1,000 citizens),
# with --jobs 1 and --jobs 2 (and --jobs 4) taking turns in the same run, so machine load
# hits all alike; median wall time of RUNS (default 3) each. Checks that every --jobs
# gives the same bytes. Natively, and under Node when a threaded node build is given.
# Not a test: prints a Markdown table.
#   bench/jobs_bench.sh [NATIVE_BUILD_DIR] [NODE_MT_BUILD_DIR]  (default build/native, none)
# NODE_MT_BUILD_DIR (e.g. build/bench-node-mt) is configured and built here when missing:
# the CLI for Node with Emscripten pthreads (-pthread, a pool of 4 workers made at start,
# so at most --jobs 4). The repository's node flavour has no threads (--jobs runs inline).
set -euo pipefail
cd "$(dirname "$0")/.."
NATIVE=${1:-build/native}
NODE_MT=${2:-}
RUNS=${RUNS:-3}
S=bench/shapley-8-levers.json
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
if [ -n "$NODE_MT" ] && [ ! -f "$NODE_MT/peizou.js" ]; then
  export NODE_PATH=/usr/share/nodejs   # Debian's acorn for emcc's JS optimizer
  emcmake cmake -S . -B "$NODE_MT" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS=-pthread \
    "-DCMAKE_EXE_LINKER_FLAGS=-pthread -sPTHREAD_POOL_SIZE=4" >/dev/null
  ninja -C "$NODE_MT" peizou >/dev/null
  echo '{"type":"commonjs"}' >"$NODE_MT/package.json"
fi

flavours=("native:$NATIVE/peizou")
[ -n "$NODE_MT" ] && flavours+=("node:node $NODE_MT/peizou.js")
jobs_list=(1 2 4)

for r in $(seq "$RUNS"); do
  for f in "${flavours[@]}"; do
    name=${f%%:*}; cmd=${f#*:}
    for j in "${jobs_list[@]}"; do
      /usr/bin/time -f "%e %U" -o "$T/time" $cmd compare "$S" --variants before,eight --citizens 1000 --seed 1 \
        --shapley --json --jobs "$j" >"$T/$name.j$j.json"
      echo "$name $j $(cat "$T/time")" >>"$T/times"
    done
    for j in "${jobs_list[@]}"; do
      cmp -s "$T/$name.j1.json" "$T/$name.j$j.json" || { echo "jobs_bench: $name --jobs $j output differs from --jobs 1" >&2; exit 1; }
    done
  done
done
events=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).shapley.eight.events)' "$T/native.j1.json")

echo "## Compare --shapley on every core, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -n1), $(nproc) vCPU, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; Node $(node --version)."
echo "shapley-8-levers: 256 subsets × 1,000 citizens, $events events; median wall of $RUNS runs, taking turns. Outputs of every --jobs byte-equal."
echo
echo "Wall time, and in brackets the CPU time of all threads (the work stays the same; the wall time is what the user waits for)."
echo
echo "| flavour | --jobs 1 | --jobs 2 | --jobs 4 | speed-up 2 | speed-up 4 |"
echo "|---|---|---|---|---|---|"
for f in "${flavours[@]}"; do
  name=${f%%:*}
  awk -v n="$name" '
    function median(a, k,   i, j, t) { for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
                                       return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
    $1 == n { c[$2]++; w[$2, c[$2]] = $3; u[$2, c[$2]] = $4 }
    END {
      for (j in c) {
        delete tmp; for (i = 1; i <= c[j]; i++) tmp[i] = w[j, i]; m[j] = median(tmp, c[j])
        delete tmp; for (i = 1; i <= c[j]; i++) tmp[i] = u[j, i]; cpu[j] = median(tmp, c[j])
      }
      printf "| %s | %.2f s (%.2f) | %.2f s (%.2f) | %.2f s (%.2f) | %.2f× | %.2f× |\n", n, m[1], cpu[1], m[2], cpu[2], m[4], cpu[4], m[1] / m[2], m[1] / m[4]
    }' "$T/times"
done
