#!/usr/bin/env bash
# The built-in scenarios' outputs byte for byte against tests/golden/ (run --json
# --events, the csv/xes/cases exports, compare --shapley --json; every scenario ×
# variant × 3 seeds), native. A file that differs is named with its first differing
# lines. Regenerate on purpose with `scripts/golden` and commit the diff.
# Builds nothing. Last line: "N passed, N failed".
set -uo pipefail
ROOT=${PEIZOU_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$ROOT"
exec bash scripts/golden --check
