// Walk records (JSON, "format": "peizou-walk/1"): what a trainee chose, replayable in
// the CLI (`peizou replay`) and importable into the page; a trainer can collect them.
#pragma once
#include <string>
#include <vector>

#include "core/walk.hpp"
#include "scenario_io.hpp"

namespace peizou::scenario {

// "2025-10-09" -> days since 1970-01-01; strict: exactly YYYY-MM-DD, a real date, years
// 1970-2200 (walk records' dates and the walk setup's start-date field).
bool parse_date(const std::string& text, std::int64_t& day);

// `scenario_sha256`: the SHA-256 (hex) of the scenario file's bytes the walk was made
// on, written as "scenario_sha256" so a replay can tell when the file has changed.
std::string save_walk(const WalkRecord& record, const std::string& scenario_sha256 = "");
// Every problem at once, with JSON paths (line/column as in scenario files).
struct WalkLoad {
    bool ok = false;
    WalkRecord record;
    std::string scenario_sha256;  // empty: the record names no file fingerprint (older records)
    std::vector<Issue> issues;
};
// Strict like scenarios: unknown fields, repeated keys, wrong types and impossible dates
// are errors; issues carry line:column.
WalkLoad load_walk(const std::string& text);
// `issue` with the line:column of its path in the record's text (for replay's messages).
Issue locate_walk_issue(const std::string& walk_text, Issue issue);

// The SHA-256 (lower-case hex) of a scenario file's bytes.
std::string scenario_sha256(const std::string& scenario_text);
// A warning (zh + en, path "/scenario_sha256") when the record was made on a scenario
// file other than `scenario_text`; false when they match, differ only in trailing
// whitespace, or the record names no hash.
bool scenario_mismatch(const WalkLoad& load, const std::string& scenario_text, Issue* warning = nullptr);

}  // namespace peizou::scenario
