// Run results as JSON and text: the contract the CLI prints and the page shows
// (one implementation, so the two can never disagree).
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/engine.hpp"
#include "core/model.hpp"

namespace peizou::scenario {

using ordered_json = nlohmann::ordered_json;

// Rounds to 4 decimals so native and wasm print the same digits.
double rounded(double v);

// {"scenario","variant","citizens","seed","events","stuck","warnings","measures",
//  "rates","departments"} — see `peizou run --help`.
ordered_json run_json(const RunResult& r);
// A human-readable table of the same numbers.
std::string run_text(const RunResult& r, const Scenario& s);

// Before/after: each variant's run plus the change of every measure against the first.
ordered_json compare_json(const std::vector<RunResult>& runs);
std::string compare_text(const std::vector<RunResult>& runs, const Scenario& s);

}  // namespace peizou::scenario
