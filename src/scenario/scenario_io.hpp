// Scenario files (JSON, "format": "peizou-scenario/1") <-> the model in src/core.
// Parsing never throws to the caller and never crashes on any input; every problem
// is reported at once with its JSON path, line and column, in Chinese and English.
#pragma once
#include <string>
#include <vector>

#include "core/model.hpp"

namespace peizou::scenario {

struct Issue {
    std::string path;          // JSON pointer, e.g. "/variants/before/steps/3/needs/1"
    int line = 0, column = 0;  // 1-based position in the file text (0 when unknown)
    std::string message_zh, message_en;
    bool warning = false;      // warnings do not stop loading
};

struct LoadResult {
    bool ok = false;           // no errors (warnings allowed)
    Scenario scenario;         // with every derived variant resolved (levers applied)
    std::vector<Issue> issues; // at most Limits::max_issues, then one "N more" line
    int errors = 0, warnings = 0;  // every problem found, listed or not
};

// Limits for untrusted input (bytes, steps, variants, nesting depth).
struct Limits {
    std::size_t max_bytes = 4u << 20;
    int max_steps = 500, max_variants = 32, max_depth = 32, max_levers = 16;
    int max_issues = 500;      // issues listed; the rest are counted in one last issue
    std::size_t max_object_members = 1000;  // fields in one JSON object
};

LoadResult load_scenario(const std::string& text, const std::string& file_name,
                         const Limits& limits = {});
// Writes the scenario (derived variants as `from` + `levers`, not their expanded steps).
std::string save_scenario(const Scenario& s);
// "file:line:column: path: message_zh / message_en" — one line, for CLI and logs.
// Warnings read "file:line:column: path: 警告：message_zh / warning: message_en".
std::string format_issue(const std::string& file_name, const Issue& issue);

// Text from a file made safe to print: control characters (C0, DEL, C1), line and
// paragraph separators and bidirectional overrides become \n, \t, \r or \uXXXX, so no
// name can break a line, fake a message or drive a terminal. Valid UTF-8 otherwise kept.
// `keep_lines` keeps \n and \t as they are (for multi-line reports printed whole).
std::string printable(const std::string& text, bool keep_lines = false);
// printable(text) cut to at most `max_bytes` (then ending in "..."), at a character boundary.
std::string short_text(const std::string& text, std::size_t max_bytes = 60);

// The format version this code reads and writes.
inline constexpr const char* kScenarioFormat = "peizou-scenario/1";

// The holiday data in assets/calendar/cn-holidays.json (compiled into the binary).
const HolidayData& china_holidays();
// The calendar a scenario runs on.
Calendar scenario_calendar(const Scenario& s);

}  // namespace peizou::scenario
