// One Shapley subset run as a task for a worker of the page's pool (issue 17): the task
// travels as JSON text (the scenario saved whole, the setup's variant ids, seed,
// citizens, the subset's mask), the worker rebuilds the ShapleyJob from it and runs that
// one subset with ShapleyJob::run_one; the outcome comes back as text that keeps every
// double's bits. Pure: core and scenario only (the worker module links no UI).
#pragma once
#include <cstdint>
#include <string>

#include "core/shapley.hpp"

namespace peizou::app::pool {

struct SubsetTask {
    std::string scenario_json;    // scenario::save_scenario of the compared scenario
    std::string target, base;     // the ShapleySetup's variant ids
    std::uint64_t seed = 0;
    std::int32_t citizens = 0;
    std::uint32_t mask = 0;
};

std::string task_json(const SubsetTask& t);
// Runs the task (JSON text from task_json): the encoded outcome, or "error: …" when the
// task cannot run (the scenario does not load, no such pending subset).
std::string run_task(const std::string& json);

std::string encode(const ShapleyJob::RunOutcome& o);
bool decode(const std::string& text, ShapleyJob::RunOutcome& o);

}  // namespace peizou::app::pool
