// Internal to src/scenario: the steps of load_scenario.
#pragma once
#include <nlohmann/json.hpp>

#include "report.hpp"

namespace peizou::scenario {

constexpr const char* kFormatVersion = kScenarioFormat;

// JSON -> model, reporting types, unknown fields, missing fields, value ranges,
// durations, dates and office hours. Fills in whatever it can read.
void read_scenario(const nlohmann::ordered_json& root, const Limits& limits, Report& report,
                   Scenario& out);

// Model checks: ids, references, dependency cycles, branches, materials, channels;
// then resolves derived variants (levers) and checks them too.
void check_scenario(Scenario& scenario, Report& report);

std::string variant_path(const std::string& variant_id);  // "/variants/<id>"

// "HH:MM" (00:00 … 24:00) -> seconds of the day; false if malformed.
bool parse_clock(const std::string& text, Seconds& out);
std::string format_clock(Seconds seconds_of_day);
// "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS" (China local time).
bool parse_start(const std::string& text, Seconds& out);
std::string format_start(Seconds t);

// Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(const std::string& a, const std::string& b);
// The closest of `options` to `word` if close enough, else "".
std::string closest(const std::string& word, const std::vector<std::string>& options);

}  // namespace peizou::scenario
