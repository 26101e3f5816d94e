#!/usr/bin/env bash
# --jobs (issue 17): `peizou compare --shapley --json` and `peizou export --format table`
# give the same bytes on 1 thread and on 4, for every built-in scenario (every variant,
# every lever subset), with enough citizens that the threads interleave; --jobs 1 also
# equals the single-threaded golden (tests/golden, 12 citizens). Bad --jobs values are
# refused in both languages. Native only (the node flavour has no threads).
# Builds nothing. Last line: "N passed, N failed".
set -uo pipefail
. "$(dirname "$0")/common.bash" jobs
need_native
P=$NATIVE/peizou

for f in scenarios/*.json; do
  name=$(basename "$f" .json)
  "$P" compare "$f" --citizens 12 --seed 7 --shapley --json --jobs 1 >"$OUT/$name.golden-j1.json"
  check "$name: compare --shapley --json --jobs 1 equals tests/golden (single-threaded reference)" \
    cmp -s "$OUT/$name.golden-j1.json" "tests/golden/$name/compare.s7.json"
  for j in 1 4; do
    "$P" compare "$f" --citizens 150 --seed 3 --shapley --json --jobs $j >"$OUT/$name.compare-j$j.json"
    "$P" export "$f" --citizens 150 --seed 3 --format table --jobs $j >"$OUT/$name.table-j$j.csv"
  done
  check "$name: compare --shapley --json --jobs 1 == --jobs 4" cmp "$OUT/$name.compare-j1.json" "$OUT/$name.compare-j4.json"
  check "$name: compare output is not empty" test -s "$OUT/$name.compare-j1.json"
  check "$name: export --format table --jobs 1 == --jobs 4" cmp "$OUT/$name.table-j1.csv" "$OUT/$name.table-j4.csv"
done

# A single variant's event log is one run: --jobs is accepted and changes nothing.
f=scenarios/company-deregistration.json
"$P" export "$f" --variant before --citizens 3 --format csv --jobs 1 >"$OUT/log-j1.csv"
"$P" export "$f" --variant before --citizens 3 --format csv --jobs 4 >"$OUT/log-j4.csv"
check "export --format csv: --jobs 1 == --jobs 4" cmp "$OUT/log-j1.csv" "$OUT/log-j4.csv"

refused() { # args… : exit 2 and a bilingual message naming --jobs
  local err
  err=$("$P" "$@" 2>&1 >/dev/null); local rc=$?
  [ $rc = 2 ] && [[ $err == *--jobs* ]] && [[ $err == *线程数* ]] || { echo "  rc=$rc: $err"; return 1; }
}
for bad in 0 -1 abc 1025 ""; do
  check "compare --jobs '$bad' refused" refused compare "$f" --jobs "$bad"
done
check "export --jobs 0 refused" refused export "$f" --format table --jobs 0
check "compare --jobs without a value refused" bash -c "'$P' compare '$f' --jobs 2>/dev/null; [ \$? = 2 ]"
check "run does not take --jobs" bash -c "'$P' run '$f' --jobs 2 2>/dev/null; [ \$? = 2 ]"

summary
