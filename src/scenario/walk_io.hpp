// Walk records (JSON, "format": "peizou-walk/1"): what a trainee chose, replayable in
// the CLI (`peizou replay`) and importable into the page; a trainer can collect them.
#pragma once
#include <string>
#include <vector>

#include "core/walk.hpp"
#include "scenario_io.hpp"

namespace peizou::scenario {

std::string save_walk(const WalkRecord& record);
// Every problem at once, with JSON paths (line/column as in scenario files).
struct WalkLoad {
    bool ok = false;
    WalkRecord record;
    std::vector<Issue> issues;
};
WalkLoad load_walk(const std::string& text);

}  // namespace peizou::scenario
