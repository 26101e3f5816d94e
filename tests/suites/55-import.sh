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

# walks DRAFT: `validate` exits 0 with no error line, `run --json` exits 0 and accounts for
# every citizen (finished + stuck = citizens = simulated, none stuck: a draft whose citizens
# cannot finish is an importer bug), `compare --json` exits 0 and is JSON.
walks() {
  local d=$1 base; base=$(basename "$d")
  "$P" validate "$d" >"$OUT/$base.validate" 2>&1 || { echo "  draft invalid"; cat "$OUT/$base.validate"; return 1; }
  ! grep -qi "error" "$OUT/$base.validate" || { echo "  validate reports errors"; cat "$OUT/$base.validate"; return 1; }
  "$P" run "$d" --citizens 50 --json >"$OUT/$base.run.json" 2>"$OUT/$base.run.err" || { echo "  draft does not run"; cat "$OUT/$base.run.err"; return 1; }
  node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const ok = r.citizens === 50 && r.simulated === 50 && r.finished + r.stuck === 50 && r.stuck === 0;
    if (!ok) console.log("  run:", JSON.stringify({citizens: r.citizens, simulated: r.simulated, finished: r.finished, stuck: r.stuck, warnings: r.warnings}));
    process.exit(ok ? 0 : 1)' "$OUT/$base.run.json" || return 1
  "$P" compare "$d" --citizens 50 --json >"$OUT/$base.compare.json" 2>"$OUT/$base.compare.err" || { echo "  draft does not compare"; cat "$OUT/$base.compare.err"; return 1; }
  node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$OUT/$base.compare.json" || { echo "  compare --json is not JSON"; return 1; }
}
# imports FILE [--params P]: exit 0, an illustrative draft that walks (above).
imports() {
  local f=$1; shift
  local base; base=$(basename "$f"); local d="$OUT/$base.draft.json"
  "$P" import "$f" "$@" -o "$d" >"$OUT/$base.report" 2>&1 || { echo "  import exit $?"; cat "$OUT/$base.report"; return 1; }
  walks "$d" || return 1
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

# Every fixture that imports (exit 0) walks; the ones that do not are exactly the bad
# inputs expected to fail (checked for their report lines below).
for f in $FIX/*.json $FIX/*.csv $FIX/*.bpmn $FIX/bad/*; do
  case $f in *.prosimos.json) continue ;; esac
  case $(basename "$f") in malformed.bpmn|gbk.bpmn|loop-no-exit.bpmn) continue ;; esac
  check "imports and walks: $f" imports "$f"
done
# With each Prosimos parameter file (the BPMN copied under another name: its own draft).
cp $FIX/permit-lanes.bpmn "$OUT/permit-prosimos.bpmn"
check "with Prosimos parameters" imports "$OUT/permit-prosimos.bpmn" --params $FIX/permit-lanes.prosimos.json
cp $FIX/task-kinds.bpmn "$OUT/task-kinds-prosimos.bpmn"
check "task kinds with Prosimos parameters" imports "$OUT/task-kinds-prosimos.bpmn" --params $FIX/task-kinds.prosimos.json
check "Prosimos gamma reported as approximated" reports "$OUT/permit-prosimos.bpmn" "gamma approximated by a lognormal"
# Prosimos calendars and event distributions, by hand: the arrival calendar MONDAY–FRIDAY
# 08:00:00–16:00:00 → office hours 08:00–16:00 (one arrival every 1800 s: 28800 / 1800 = 16 a
# day); the window's resource calendar c1 → its own hours 08:30–12:00, 13:00–17:30; the event
# wait_5d fix 7200 s → a review wait of 120 minutes.
check "Prosimos arrival calendar mapped" reports "$OUT/permit-prosimos.bpmn" "mapped: arrival_time_calendar: .*office hours MONDAY–FRIDAY 08:00–16:00"
check "Prosimos weekend entry reported" reports "$OUT/permit-prosimos.bpmn" "weekend opening not modelled"
check "Prosimos overnight entry approximated" reports "$OUT/permit-prosimos.bpmn" "approximated: calendar c2: .*the overnight period split at midnight"
check "Prosimos event distribution mapped" reports "$OUT/permit-prosimos.bpmn" "mapped: event wait_5d: .*event duration → a review wait"
check "Prosimos calendars and event in the draft" node -e '
  const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const steps = Object.fromEntries(s.variants.before.steps.map((x) => [x.id, x]));
  const dept = s.departments.find((d) => d.id === steps.accept.department);
  const ok = JSON.stringify(s.calendar.office_hours) === JSON.stringify([["08:00", "16:00"]]) && s.arrivals_per_working_day === 16 &&
    JSON.stringify(dept.office_hours) === JSON.stringify([["08:30", "12:00"], ["13:00", "17:30"]]) &&
    steps.wait_5d.review === 120;
  if (!ok) console.log("  draft:", JSON.stringify({calendar: s.calendar, a: s.arrivals_per_working_day, dept, wait: steps.wait_5d}));
  process.exit(ok ? 0 : 1)' "$OUT/permit-prosimos.bpmn.draft.json"
check "a lone Prosimos file says what it is" fails $FIX/permit-lanes.prosimos.json "this is a Prosimos simulation parameter file" "1:1"

# The drafts (with their bpmndi `diagram` positions, Prosimos department hours) match
# docs/scenario.schema.json (ajv), and a draft's steps carry the positions the file drew.
check "every draft matches the schema" bash -c "node tests/schema/check.mjs $OUT/*.draft.json > $OUT/schema.log || { grep FAIL -A3 $OUT/schema.log; false; }"
check "Camunda invoice: the step at its bpmndi bounds (298, 78)" grep -q '"diagram": {"x": 298, "y": 78}' "$OUT/camunda-invoice-approval.bpmn.draft.json"

# Report contents of the real files.
"$P" import $FIX/simod-LoanApp_simplified.bpmn -o "$OUT/loan.json" >"$OUT/loan.report" 2>&1
check "LoanApp: QBP exponential mean source reported" grep -q "exponential mean from arg1" "$OUT/loan.report"
check "miwg C.1.0: message flows reported" bash -c "'$P' import $FIX/miwg-C.1.0.bpmn -o $OUT/c1.json | grep -q 'message flow not modelled'"
check "invoice payment: boundary events reported" bash -c "'$P' import $FIX/camunda-invoice-payment.bpmn -o $OUT/inv.json | grep -q 'boundary event not modelled'"
check "guide CSV: unknown column located" bash -c "printf '事项名称,颜色\n某事项,红\n' > $OUT/col.csv && '$P' import $OUT/col.csv -o $OUT/col.json | grep -q 'col.csv:1:6: 未使用 / ignored: 颜色'"

# The guides against the published pages they were written from (tests/fixtures/import/NOTICE),
# read by hand: each draft cites its page's URL, and carries the page's figures.
#   passport (ghj.yuantaichina.com …/84.html): 7 个工作日 → promised 7; 护照法 §6 15 days → legal
#     ⌈15 × 5/7⌉ = 11 working days; 护照120元/本 → fee 120; 居民身份证 and 出入境证件申请表 necessary,
#     the photo taken at the office's photo point (not brought).
#   marriage (南部 结婚登记办理指南): 当场予以登记 → no review, collected on the spot; 不收费; 夏季
#     上午8:30-12:00、下午3:00-6:30 → 08:30–12:00, 15:00–18:30; 身份证、户口簿 and the photos
#     necessary, the soldier's and the divorced/widowed party's papers not.
#   individual business (kmcg.gov.cn 呈贡区): 一次办 → promised_trips 1; the materials table: 开业登记
#     申请书, 经营者身份证明, 经营场所使用证明 necessary, the 批准文件 only for some business scopes.
draft_is() { # DRAFT URL JS-CONDITION (s: the draft, steps: its first variant's steps by id, need(m): essential)
  node -e 'const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const steps = Object.fromEntries(s.variants[Object.keys(s.variants)[0]].steps.map((x) => [x.id, x]));
    const mats = Object.fromEntries(s.materials.map((m) => [m.name, m]));
    const need = (n) => mats[n] && mats[n].essential !== false;
    const ok = s.sources[0].citation === process.argv[2] && eval(process.argv[3]);
    if (!ok) console.log("  draft:", JSON.stringify({sources: s.sources, calendar: s.calendar, materials: s.materials, steps}));
    process.exit(ok ? 0 : 1)' "$@"; }
for form in json csv; do
  check "passport ($form): the page's figures" draft_is "$OUT/passport-guide.$form.draft.json" \
    "http://ghj.yuantaichina.com/jdhy/zcwd/list/84.html" \
    'steps.review.promised_limit_days === 7 && steps.review.legal_limit_days === 11 && steps.apply.fee_yuan === 120 &&
     need("中国公民出入境证件申请表") && need("居民身份证（领取、换领、补领期间可交临时居民身份证）") &&
     !need("符合《出入境证件相片照相指引》标准的照片") && s.promised_trips === 1 && Boolean(steps.collect)'
  check "marriage ($form): the page's figures" draft_is "$OUT/marriage-guide.$form.draft.json" \
    "http://ncnbxbjjdrnsq.izhulao.com/bmsc/490.html" \
    '!steps.review && Boolean(steps.collect) && !steps.apply.fee_yuan && JSON.stringify(s.calendar.office_hours) ===
     JSON.stringify([["08:30", "12:00"], ["15:00", "18:30"]]) && need("本人有效的身份证、户口簿") &&
     need("3张大2寸红底双方近期半身免冠合影照片") && !need("现役军人：《军人婚姻登记证明》、军人证件")'
  check "individual business ($form): the page's figures" draft_is "$OUT/individual-business-guide.$form.draft.json" \
    "http://www.kmcg.gov.cn/c/2018-09-26/3040316.shtml" \
    's.promised_trips === 1 && steps.review.legal_limit_days === 3 && steps.review.promised_limit_days === 1 &&
     need("个体工商户开业登记申请书") && need("经营者身份证明") && need("经营场所使用证明") &&
     !need("经营范围中登记前须报经批准项目的有关批准文件") && s.departments[0].name === "昆明市呈贡区市场监督管理局"'
done
check "marriage: the page's winter hours reported as left out" reports $FIX/marriage-guide.json "the first set of working-day hours"

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
# Both byte orders, with their byte-order mark (FF FE little-endian, FE FF big-endian).
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE $FIX/permit-lanes.bpmn; } > "$OUT/permit-le.bpmn"
{ printf '\xfe\xff'; iconv -f UTF-8 -t UTF-16BE $FIX/permit-lanes.bpmn; } > "$OUT/permit-be.bpmn"
check "UTF-16LE: the same draft" bash -c "'$P' import '$OUT/permit-le.bpmn' -o '$OUT/le.json' >/dev/null && cmp -s '$OUT/le.json' '$OUT/permit-lanes.bpmn.draft.json'"
check "UTF-16BE: the same draft" bash -c "'$P' import '$OUT/permit-be.bpmn' -o '$OUT/be.json' >/dev/null && cmp -s '$OUT/be.json' '$OUT/permit-lanes.bpmn.draft.json'"

# Arguments.
"$P" import >/dev/null 2>&1; check "missing FILE: exit 2" test $? -eq 2
"$P" import x --frob >/dev/null 2>&1; check "unknown option: exit 2" test $? -eq 2
"$P" import /nonexistent.bpmn >/dev/null 2>&1; check "unreadable: exit 2" test $? -eq 2
check "--json report" bash -c "'$P' import $FIX/passport-guide.json --json | node -e '
  const r = JSON.parse(require(\"fs\").readFileSync(0, \"utf8\"));
  process.exit(r.ok && r.format === \"guide-json\" && r.draft.format === \"peizou-scenario/1\" && r.counts.mapped > 0 &&
               r.lines.every(l => [\"mapped\",\"approximated\",\"ignored\",\"error\"].includes(l.what)) ? 0 : 1)'"

# 承诺兑现 (promised_trips, from limit_scene_num).
#   By hand: the passport's apply and collect are 2 trips for everyone, promised 1 → 0; its
#   review of 3.5–7 working days against a promise of 7 → all kept (1). The individual
#   business online variant makes no trip, promised 1 (一次办) → 1.
#   Counted from the per-citizen cases (export --format cases, same seed) where citizens
#   differ (some apply online, some forget a paper): the share with trips ≤ the promise.
rate() { # RUNJSON KEY VALUE
  node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).rates;
  process.exit(r[process.argv[2]] === Number(process.argv[3]) ? 0 : (console.log("  rates:", JSON.stringify(r)), 1))' "$@"; }
share() { # DRAFT VARIANT PROMISE: rates.promised_trips = the share of cases with trips ≤ PROMISE
  "$P" run "$1" --variant "$2" --citizens 200 --seed 5 --json > "$OUT/share.json" 2>/dev/null &&
  "$P" export "$1" --variant "$2" --citizens 200 --seed 5 --format cases > "$OUT/share.csv" 2>/dev/null &&
  node -e 'const fs = require("fs");
    const [h, ...rows] = fs.readFileSync(process.argv[2], "utf8").trim().split("\n").map((l) => l.split(","));
    const t = h.indexOf("trips"), within = rows.filter((r) => Number(r[t]) <= Number(process.argv[3])).length;
    const want = Math.round(within / rows.length * 10000) / 10000, got = JSON.parse(fs.readFileSync(process.argv[1], "utf8")).rates.promised_trips;
    if (got !== want || rows.length === 0) console.log("  promised_trips", got, "counted", within, "/", rows.length);
    process.exit(got === want && rows.length > 0 ? 0 : 1)' "$OUT/share.json" "$OUT/share.csv" "$3"; }
"$P" run "$OUT/passport-guide.json.draft.json" --citizens 200 --json > "$OUT/promise-passport.json" 2>/dev/null
check "passport: promised_trips 0 (2 trips > 1)" rate "$OUT/promise-passport.json" promised_trips 0
check "passport: promised limits all kept" rate "$OUT/promise-passport.json" promised_limits_met 1
"$P" run "$OUT/individual-business-guide.csv.draft.json" --variant online --citizens 200 --json > "$OUT/promise-ib-online.json" 2>/dev/null
check "individual business online: promised_trips 1" rate "$OUT/promise-ib-online.json" promised_trips 1
check "individual business: promised_trips = counted share" share "$OUT/individual-business-guide.csv.draft.json" before 1
check "marriage: promised_trips = counted share" share "$OUT/marriage-guide.csv.draft.json" before 1
check "promised_trips written in the draft" grep -q '"promised_trips": 1' "$OUT/passport-guide.json.draft.json"
"$P" run scenarios/company-deregistration.json --citizens 20 --json > "$OUT/promise-builtin.json" 2>/dev/null
check "a scenario without promised_trips: no promise rates" bash -c "! grep -q promised '$OUT/promise-builtin.json'"

# bpmn-moddle (npm, MIT), the model bpmn.io and Camunda Modeler use, as an independent
# reader of every export and writer of a file we import (tests/suites/bpmn_moddle.mjs).
if [ -d node_modules/bpmn-moddle ]; then
  for f in scenarios/*.json; do
    for v in $(node -e 'console.log(Object.keys(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).variants).join(" "))' "$f"); do
      b=$(basename "$f" .json)
      "$P" export "$f" --variant "$v" --format bpmn > "$OUT/moddle-$b-$v.bpmn" 2>/dev/null
      check "bpmn-moddle reads the export of $b $v" bash -c "node tests/suites/bpmn_moddle.mjs read '$f' '$v' '$OUT/moddle-$b-$v.bpmn' > '$OUT/moddle-$b-$v.log' || { cat '$OUT/moddle-$b-$v.log'; false; }"
    done
  done
  node tests/suites/bpmn_moddle.mjs write "$OUT/moddle-written.bpmn" >/dev/null
  check "a BPMN written by bpmn-moddle imports" imports "$OUT/moddle-written.bpmn"
  check "its draft: steps, lanes, after, timer, 补正 loop" node -e '
    const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const steps = s.variants.before.steps, by = Object.fromEntries(steps.map((x) => [x.name, x]));
    const ok = steps.length === 4 && by["窗口受理"] && by["审查"] && by["发证"] &&
      s.departments.map((d) => d.name).sort().join() === ["审批科", "政务服务中心"].sort().join() &&
      by["审查"].kind === "review" && by["窗口受理"].kind === "window" &&
      by["审查"].after.includes(by["窗口受理"].id) && by["发证"].after.length === 1 &&
      by["窗口受理"].rework_probability === 0.2 && /补正/.test(by["窗口受理"].rework_reason || "");
    if (!ok) console.log("  draft:", JSON.stringify(steps));
    process.exit(ok ? 0 : 1)' "$OUT/moddle-written.bpmn.draft.json"
else
  echo "FAIL: node_modules/bpmn-moddle missing (npm ci)"; fail=$((fail+1))
fi

# The node flavour (wasm) writes the same draft bytes.
if [ -f "$NODE/peizou.js" ]; then
  for f in $FIX/*.json $FIX/*.csv $FIX/*.bpmn $FIX/bad/doctype-entities.bpmn $FIX/bad/inclusive-gateway.bpmn; do
    case $f in *.prosimos.json) continue ;; esac
    check "native = wasm draft: $f" bash -c "node '$NODE/peizou.js' import '$f' > '$OUT/node.json' 2>/dev/null && cmp -s '$OUT/node.json' '$OUT/$(basename "$f").draft.json'"
    node_checks=$((node_checks + 1))
  done
  for pair in permit-prosimos.bpmn:permit-lanes task-kinds-prosimos.bpmn:task-kinds; do
    b=${pair%%:*} p=$FIX/${pair#*:}.prosimos.json
    check "native = wasm draft with --params: $b" bash -c "node '$NODE/peizou.js' import '$OUT/$b' --params '$p' > '$OUT/node.json' 2>/dev/null && cmp -s '$OUT/node.json' '$OUT/$b.draft.json'"
    node_checks=$((node_checks + 1))
  done
else
  echo "note: no $NODE/peizou.js, node flavour skipped"
fi
echo "second platform: $node_checks checks (the node flavour repeats the native drafts)"
summary
