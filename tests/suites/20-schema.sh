#!/usr/bin/env bash
# Every built-in scenario (and the valid test examples) matches docs/scenario.schema.json
# (ajv); a few bad files that the schema can express must be rejected by it.
# Last line: "N passed, N failed".
set -uo pipefail
ROOT=${PEIZOU_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$ROOT"
if [ ! -d node_modules/ajv ]; then
  echo "ajv is not installed (npm ci via scripts/setup)"
  echo "0 passed, 1 failed"
  exit 1
fi
shopt -s nullglob
valid=(scenarios/*.json tests/fuzz/corpus/valid-*.json)
reject=()
for name in format-version wrong-type unknown-field unknown-enum missing-field \
            negative-duration negative-sd rework-certain office-hours-format \
            derived-with-steps missing-before; do
  reject+=("tests/bad/$name.json")
done
node tests/schema/check.mjs "${valid[@]}" --reject "${reject[@]}"
