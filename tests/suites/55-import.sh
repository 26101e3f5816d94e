#!/usr/bin/env bash
# `peizou import` (issue 16): every fixture in tests/fixtures/import imports (exit 0) and
# its draft validates, runs and compares; every bad input fails (exit 1) with the expected
# located report line; bad arguments exit 2; the node flavour (wasm), when built, writes the
# same draft bytes as the native one. Builds nothing. Last line: "N passed, N failed".
set -uo pipefail
. "$(dirname "$0")/common.bash" import
need_native
P=$NATIVE/peizou
FIX=tests/fixtures/import

# imports FILE [--params P]: exit 0, a draft that validates, runs and compares.
imports() {
  local f=$1; shift
  local base; base=$(basename "$f"); local d="$OUT/$base.draft.json"
  "$P" import "$f" "$@" -o "$d" >"$OUT/$base.report" 2>&1 || { echo "  import exit $?"; cat "$OUT/$base.report"; return 1; }
  "$P" validate "$d" >"$OUT/$base.validate" 2>&1 || { echo "  draft invalid"; cat "$OUT/$base.validate"; return 1; }
  "$P" run "$d" --citizens 50 --json >"$OUT/$base.run.json" 2>&1 || { echo "  draft does not run"; return 1; }
  "$P" compare "$d" --citizens 50 >"$OUT/$base.compare" 2>&1 || { echo "  draft does not compare"; return 1; }
  grep -q '"illustrative": true' "$d" || { echo "  draft not illustrative"; return 1; }
}
# fails FILE FRAGMENT [LOCATION]: exit 1 and a report line with FRAGMENT (at LOCATION).
fails() {
  local f=$1 frag=$2 loc=${3:-}
  local base; base=$(basename "$f")
  "$P" import "$f" -o "$OUT/$base.draft.json" >"$OUT/$base.report" 2>&1; local rc=$?
  [ $rc -eq 1 ] || { echo "  exit $rc, expected 1"; cat "$OUT/$base.report"; return 1; }
  grep -q -- "$frag" "$OUT/$base.report" || { echo "  no '$frag' in:"; cat "$OUT/$base.report"; return 1; }
  [ -z "$loc" ] || grep -q -- "$base:$loc: " "$OUT/$base.report" || { echo "  not located at $loc:"; cat "$OUT/$base.report"; return 1; }
}
# reports FILE FRAGMENT: imports and the report has FRAGMENT.
reports() { grep -q -- "$2" "$OUT/$(basename "$1").report" || { echo "  no '$2' in the report of $1"; return 1; }; }

for f in $FIX/*.json $FIX/*.csv $FIX/*.bpmn; do
  case $f in *.prosimos.json) continue ;; esac
  check "imports: $f" imports "$f"
done
cp $FIX/permit-lanes.bpmn "$OUT/permit-prosimos.bpmn"
check "with Prosimos parameters" imports "$OUT/permit-prosimos.bpmn" --params $FIX/permit-lanes.prosimos.json
check "Prosimos gamma reported as approximated" reports "$OUT/permit-prosimos.bpmn" "gamma approximated by a lognormal"

# Report contents of the real files.
"$P" import $FIX/simod-LoanApp_simplified.bpmn -o "$OUT/loan.json" >"$OUT/loan.report" 2>&1
check "LoanApp: QBP exponential mean source reported" grep -q "exponential mean from arg1" "$OUT/loan.report"
check "miwg C.1.0: message flows reported" bash -c "'$P' import $FIX/miwg-C.1.0.bpmn -o $OUT/c1.json | grep -q 'message flow not modelled'"
check "invoice payment: boundary events reported" bash -c "'$P' import $FIX/camunda-invoice-payment.bpmn -o $OUT/inv.json | grep -q 'boundary event not modelled'"
check "guide CSV: unknown column located" bash -c "printf '事项名称,颜色\n某事项,红\n' > $OUT/col.csv && '$P' import $OUT/col.csv -o $OUT/col.json | grep -q 'col.csv:1:6: 未使用 / ignored: 颜色'"

# Bad inputs.
B=$FIX/bad
check "malformed XML located" fails $B/malformed.bpmn "malformed XML" "5:5"
check "DOCTYPE never expanded" bash -c "'$P' import $B/doctype-entities.bpmn -o $OUT/dt.json | grep -q 'never expanded or fetched' && ! grep -q root: $OUT/dt.json"
check "inclusive gateway approximated" bash -c "'$P' import $B/inclusive-gateway.bpmn -o $OUT/or.json | grep -q 'inclusive gateway treated as parallel'"
check "GBK refused clearly" fails $B/gbk.bpmn "save it as UTF-8" "1:1"
check "loop with no exit" fails $B/loop-no-exit.bpmn "a loop with no exit"
head -c $((20 * 1024 * 1024)) /dev/zero | tr '\0' ' ' > "$OUT/big.bpmn"
check "a 20 MB file refused" fails "$OUT/big.bpmn" "limit"
rm -f "$OUT/big.bpmn"
check "a scenario is not imported" fails scenarios/vehicle-annual-review.json "scenario file already"
iconv -f UTF-8 -t UTF-16 $FIX/permit-lanes.bpmn > "$OUT/permit-utf16.bpmn"
check "UTF-16 read" imports "$OUT/permit-utf16.bpmn"
check "UTF-16 gives the same draft" cmp -s "$OUT/permit-utf16.bpmn.draft.json" "$OUT/permit-lanes.bpmn.draft.json"

# Arguments.
"$P" import >/dev/null 2>&1; check "missing FILE: exit 2" test $? -eq 2
"$P" import x --frob >/dev/null 2>&1; check "unknown option: exit 2" test $? -eq 2
"$P" import /nonexistent.bpmn >/dev/null 2>&1; check "unreadable: exit 2" test $? -eq 2
check "--json report" bash -c "'$P' import $FIX/passport-guide.json --json | node -e '
  const r = JSON.parse(require(\"fs\").readFileSync(0, \"utf8\"));
  process.exit(r.ok && r.format === \"guide-json\" && r.draft.format === \"peizou-scenario/1\" && r.counts.mapped > 0 &&
               r.lines.every(l => [\"mapped\",\"approximated\",\"ignored\",\"error\"].includes(l.what)) ? 0 : 1)'"

# The node flavour (wasm) writes the same draft bytes.
if [ -f "$NODE/peizou.js" ]; then
  for f in $FIX/*.json $FIX/*.csv $FIX/*.bpmn; do
    case $f in *.prosimos.json) continue ;; esac
    check "native = wasm draft: $f" bash -c "node '$NODE/peizou.js' import '$f' > '$OUT/node.json' 2>/dev/null && cmp -s '$OUT/node.json' '$OUT/$(basename "$f").draft.json'"
    node_checks=$((node_checks + 1))
  done
else
  echo "note: no $NODE/peizou.js, node flavour skipped"
fi
echo "second platform: $node_checks checks (the node flavour repeats the native drafts)"
summary
