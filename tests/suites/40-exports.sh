#!/usr/bin/env bash
# Event-log exports of two built-in scenarios (before and after): the XES is valid against
# the XES schema (docs/xes/xes.xsd, written from IEEE 1849-2016; xmllint), read back by
# another project's XES reader (PM4JS) it equals the CSV log event by event, its peizou:
# keys are declared (docs/xes/peizou.xesext), it has one trace per citizen and one event per CSV line, every event carries
# the standard keys; the CSV has its documented header (docs/exports.md).
# Builds nothing: uses $PEIZOU_NATIVE/peizou (scripts/test exports it).
set -uo pipefail
. "$(dirname "$0")/common.bash" exports
PEIZOU="$NATIVE/peizou"
not() { ! "$@" >/dev/null 2>&1; }
eq() { [ "$1" = "$2" ] || { echo "  expected '$2', got '$1'"; return 1; }; }
xcount() { xmllint --xpath "$1" "$2" 2>/dev/null; }

need_native
if ! command -v xmllint >/dev/null; then echo "no xmllint (Debian libxml2-utils)"; echo "0 passed, 1 failed"; exit 1; fi
if [ ! -d node_modules/pm4js ]; then echo "no node_modules/pm4js (npm ci)"; echo "0 passed, 1 failed"; exit 1; fi
XSD=docs/xes/xes.xsd
quiet() { local out; out=$("$@" 2>&1) || { echo "$out" | head -n 5; return 1; }; }  # prints only on failure
xes_read() { quiet node tests/suites/xes_read.mjs "$1" "$2" docs/xes/peizou.xesext; }
xes_valid() { quiet xmllint --noout --schema "$XSD" "$1"; }

# The schemas and the Peizou extension definition themselves, and that each check can fail.
check "peizou.xesext is a valid XESEXT (docs/xes/xesext.xsd)" quiet xmllint --noout --schema docs/xes/xesext.xsd docs/xes/peizou.xesext

scenarios=()
for name in company-deregistration small-catering-opening; do
  [ -f "scenarios/$name.json" ] && scenarios+=("scenarios/$name.json")
done
for f in scenarios/*.json; do  # fall back to whatever is built in
  [ ${#scenarios[@]} -ge 2 ] && break
  case " ${scenarios[*]} " in *" $f "*) ;; *) scenarios+=("$f") ;; esac
done
check "two built-in scenarios" eq "${#scenarios[@]}" 2

CITIZENS=40
for f in "${scenarios[@]}"; do
  name=$(basename "$f" .json)
  variants=$(node -e 'const s=require("./"+process.argv[1]);const k=Object.keys(s.variants);console.log([k[0],k[k.length-1]].join(" "))' "$f")
  for v in $variants; do
    xes="$OUT/$name-$v.xes"; csv="$OUT/$name-$v.csv"
    "$PEIZOU" export "$f" --variant "$v" --citizens $CITIZENS --seed 42 --format xes >"$xes" 2>/dev/null
    check "$name/$v: export xes exits 0" eq "$?" 0
    "$PEIZOU" export "$f" --variant "$v" --citizens $CITIZENS --seed 42 --format csv >"$csv" 2>/dev/null
    check "$name/$v: export csv exits 0" eq "$?" 0
    check "$name/$v: XES is well-formed (xmllint)" xmllint --noout "$xes"
    check "$name/$v: XES is valid against the XES schema" xes_valid "$xes"
    check "$name/$v: XES read back (PM4JS) = the CSV, every prefixed key declared" xes_read "$xes" "$csv"
    check "$name/$v: CSV header" eq "$(head -n 1 "$csv")" "case_id,activity,timestamp,resource,department,step,detail,lifecycle,code"

    events=$(( $(wc -l <"$csv") - 1 ))
    cases=$(tail -n +2 "$csv" | cut -d, -f1 | sort -u | wc -l)
    traces=$(xcount "count(/*[local-name()='log']/*[local-name()='trace'])" "$xes")
    xes_events=$(xcount "count(/*[local-name()='log']/*[local-name()='trace']/*[local-name()='event'])" "$xes")
    echo "$name/$v: $traces traces, $xes_events events (CSV: $cases cases, $events events)"
    check "$name/$v: one trace per citizen" eq "$traces" "$CITIZENS"
    check "$name/$v: CSV cases = XES traces" eq "$cases" "$traces"
    check "$name/$v: CSV lines = XES events" eq "$events" "$xes_events"
    check "$name/$v: some events" test "$events" -gt "$CITIZENS"
    check "$name/$v: log xes.version 1.0" eq "$(xcount "string(/*[local-name()='log']/@*[local-name()='xes.version'])" "$xes")" "1.0"
    ext=$(xcount "count(/*[local-name()='log']/*[local-name()='extension'][@prefix='concept' or @prefix='time' or @prefix='lifecycle' or @prefix='org'])" "$xes")
    check "$name/$v: concept/time/lifecycle/org extensions" eq "$ext" 4
    for key in concept:name time:timestamp lifecycle:transition org:resource; do
      missing=$(xcount "count(//*[local-name()='event'][not(*[@key='$key'])])" "$xes")
      check "$name/$v: every event has $key" eq "$missing" 0
    done
    cj="$OUT/$name-$v-cases.json"; cc="$OUT/$name-$v-cases.csv"
    "$PEIZOU" export "$f" --variant "$v" --citizens $CITIZENS --seed 42 --format cases-json >"$cj" 2>/dev/null
    check "$name/$v: export cases-json exits 0" eq "$?" 0
    "$PEIZOU" export "$f" --variant "$v" --citizens $CITIZENS --seed 42 --format cases >"$cc" 2>/dev/null
    # the JSON's cases are the CSV's lines: same ids, same calendar days, in the same order
    same=$(node -e '
      const fs = require("fs");
      const j = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
      const rows = fs.readFileSync(process.argv[2], "utf8").trimEnd().split("\n").slice(1).map((l) => l.split(","));
      const ok = j.variant === process.argv[3] && j.citizens === Number(process.argv[4]) && j.cases.length === rows.length &&
        j.finished === rows.length && j.cases.every((c, i) => c.case_id === rows[i][0] && c.calendar_days === Number(rows[i][3]) &&
        c.trips === Number(rows[i][7]) && c.one_trip === (rows[i][14] === "1"));
      console.log(ok ? "yes" : "no");' "$cj" "$cc" "$v" "$CITIZENS" 2>&1)
    check "$name/$v: cases-json carries the cases CSV's numbers" eq "$same" yes
    untitled=$(xcount "count(//*[local-name()='trace'][not(*[local-name()='string'][@key='concept:name'])])" "$xes")
    check "$name/$v: every trace has concept:name" eq "$untitled" 0
    odd=$(xcount "count(//*[local-name()='event']/*[@key='lifecycle:transition'][@value!='start' and @value!='complete'])" "$xes")
    check "$name/$v: lifecycle is start or complete" eq "$odd" 0
    badtime=$(xcount "count(//*[local-name()='event']/*[local-name()='date'][@key='time:timestamp'][not(contains(@value,'+08:00'))])" "$xes")
    check "$name/$v: timestamps carry +08:00" eq "$badtime" 0
  done
done
# A NUL and an ESC in a step's name (issue 19): nothing is cut. The CSV and cases-json keep
# them (JSON escapes them); XES, where XML 1.0 cannot hold them, drops them — and keeps
# every trace and event.
f=scenarios/company-deregistration.json
node -e 'const fs = require("fs"), s = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  const v = s.variants.before; v.steps[0].name = "前\u0000后\u001b[2J"; fs.writeFileSync(process.argv[2], JSON.stringify(s));' \
  "$f" "$OUT/nul.json"
for fmt in csv xes cases-json; do
  "$PEIZOU" export "$f" --variant before --citizens 20 --seed 42 --format $fmt >"$OUT/plain.$fmt" 2>/dev/null
  "$PEIZOU" export "$OUT/nul.json" --variant before --citizens 20 --seed 42 --format $fmt >"$OUT/nul.$fmt" 2>/dev/null
  check "NUL in a name: export $fmt exits 0" eq "$?" 0
done
check "NUL in a name: the CSV has every line" eq "$(wc -l <"$OUT/nul.csv")" "$(wc -l <"$OUT/plain.csv")"
check "NUL in a name: the CSV holds the NUL" eq "$(tr -cd '\000' <"$OUT/nul.csv" | wc -c | tr -d ' ')" \
  "$(grep -ac '^[^,]*,[^,]*前' "$OUT/nul.csv")"
check "NUL in a name: the XES is well-formed" xmllint --noout "$OUT/nul.xes"
check "NUL in a name: the XES is valid against the XES schema" xes_valid "$OUT/nul.xes"
count_events="count(/*[local-name()='log']/*[local-name()='trace']/*[local-name()='event'])"
check "NUL in a name: the XES has every event" eq "$(xcount "$count_events" "$OUT/nul.xes")" "$(xcount "$count_events" "$OUT/plain.xes")"
check "NUL in a name: cases-json parses, every case there" eq \
  "$(node -e 'const fs = require("fs"); const n = (f) => JSON.stringify(JSON.parse(fs.readFileSync(f, "utf8"))).length;
    console.log(JSON.parse(fs.readFileSync(process.argv[1], "utf8")).cases.length === JSON.parse(fs.readFileSync(process.argv[2], "utf8")).cases.length)' \
    "$OUT/nul.cases-json" "$OUT/plain.cases-json" 2>&1)" true
# Each XES check can fail: a timestamp that is no xs:dateTime, an event without its key,
# a log that does not declare the peizou: prefix, an activity that differs from the CSV.
x=$OUT/company-deregistration-before.xes c=$OUT/company-deregistration-before.csv
sed '0,/T\([0-9][0-9]:\)/s//X\1/' "$x" >"$OUT/bad-time.xes"
check "a timestamp without its T fails the schema" not xes_valid "$OUT/bad-time.xes"
sed '0,/<string key="peizou:code"/s//<string/' "$x" >"$OUT/bad-key.xes"
check "an attribute without a key fails the schema" not xes_valid "$OUT/bad-key.xes"
grep -v 'prefix="peizou"' "$x" >"$OUT/bad-ext.xes"
check "a log without the Peizou extension fails the declarations" not xes_read "$OUT/bad-ext.xes" "$c"
sed '0,/<event>/{n;s/value="[^"]*"/value="别的"/}' "$x" >"$OUT/bad-activity.xes"
check "an activity that differs from the CSV fails the read-back" not xes_read "$OUT/bad-activity.xes" "$c"
summary
