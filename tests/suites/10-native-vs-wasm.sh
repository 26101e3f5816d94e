#!/usr/bin/env bash
# Native and wasm (Node) builds must be bit-identical: for every built-in scenario ×
# variant × 3 seeds, `peizou run --json --events` (measures and the SHA-256 of the
# event log) must be byte-equal.
set -uo pipefail
ROOT=${PEIZOU_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
NATIVE=${PEIZOU_NATIVE:-$ROOT/build/native}
NODE=${PEIZOU_NODE:-$ROOT/build/node}
cd "$ROOT"
pass=0; fail=0
for f in scenarios/*.json; do
  variants=$(node -e 'const s=require("./"+process.argv[1]);console.log(Object.keys(s.variants).join(" "))' "$f")
  for v in $variants; do
    for seed in 1 42 9007199254740991; do
      a=$("$NATIVE/peizou" run "$f" --variant "$v" --seed "$seed" --citizens 300 --json --events 2>/dev/null)
      b=$(node "$NODE/peizou.js" run "$f" --variant "$v" --seed "$seed" --citizens 300 --json --events 2>/dev/null)
      if [ -n "$a" ] && [ "$a" = "$b" ]; then
        pass=$((pass+1))
      else
        fail=$((fail+1))
        echo "DIFFERENT: $f $v seed $seed"
        diff <(echo "$a" | tr ',' '\n') <(echo "$b" | tr ',' '\n') | head -10
      fi
    done
  done
done
echo "native vs wasm: identical runs for $pass scenario×variant×seed combinations"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
