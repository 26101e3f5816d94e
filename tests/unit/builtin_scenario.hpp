// A built-in scenario (scenarios/ID.json) read as the app reads it; the test stops when
// it does not load.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "scenario/scenario_io.hpp"
#include "test_files.hpp"

namespace peizou::test {

inline Scenario load_builtin(const std::string& id) {
    const std::filesystem::path path = std::filesystem::path(PEIZOU_SOURCE_DIR) / "scenarios" / (id + ".json");
    scenario::LoadResult r = scenario::load_scenario(read_text(path), path.filename().string());
    INFO(id);
    REQUIRE(r.ok);
    return r.scenario;
}

}  // namespace peizou::test
