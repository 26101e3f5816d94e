#!/bin/bash
# A/B: the reference hall, native and wasm, two builds (A, B) taking turns, every process
# pinned to CPU 0, so a change in machine load hits both alike. Prints median CPU times.
export NODE_PATH=/usr/share/nodejs
# Usage: A=DIR_A B=DIR_B bench/ab_hall.sh — each DIR a build root holding bench-native/ and bench-node/
# (as bench/run builds them in two clones at the commits to compare).
A=${A:?build dir of A}; B=${B:?build dir of B}
out=${OUT:-ab_hall.jsonl}; : > $out
for r in 1 2 3 4 5 6 7; do
  seed=$((9*(r-1)+1))
  for side in A B; do
    d=$([ $side = A ] && echo $A || echo $B)
    taskset -c 0 $d/bench-native/bench/peizou_bench hall --citizens 200000 --runs 3 --warmup 6 --seed $seed | sed "s/^{/{\"side\":\"$side\",/" >> $out
    taskset -c 0 node $d/bench-node/bench/peizou_bench.js hall --citizens 200000 --runs 3 --warmup 6 --seed $seed | sed "s/^{/{\"side\":\"$side\",/" >> $out
  done
done
OUT_FILE="$out" python3 - <<'PY'
import json, os, statistics as st
rows = [json.loads(l) for l in open(os.environ["OUT_FILE"])]
res={}
for r in rows:
    res.setdefault((r['side'],r['build']),[]).extend(r['cpu_seconds'])
for side in 'AB':
    n=st.median(res[(side,'native')])*1000; w=st.median(res[(side,'wasm')])*1000
    print(f"{side}: native CPU {n:.1f} ms, wasm CPU {w:.1f} ms, wasm/native {w/n:.3f}  (n={len(res[(side,'native')])})")
PY
