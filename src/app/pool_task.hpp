// Tasks for a worker of the page's pool (issue 17), as JSON text. A Shapley subset: the
// scenario saved whole, the setup's variant ids, seed, citizens, the subset's mask; the
// worker rebuilds the ShapleyJob and runs that one subset with ShapleyJob::run_one. A
// variant's pass (Compare's variant runs and what-if passes): the scenario, the variant
// id, seed, citizens and the what-if knobs; the worker runs the same pass as the main
// thread's slices (prepare_pass, main_chunk, median_chunk below, which both use). The
// outcomes come back as text that keeps every double's bits. Pure: core and scenario
// only (the worker module links no UI).
#pragma once
#include <cstdint>
#include <string>

#include "compare_state.hpp"
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

struct PassTask {
    std::string scenario_json;    // scenario::save_scenario of the compared scenario
    std::string variant;
    std::uint64_t seed = 0;
    std::int32_t citizens = 0;
    const WhatIf* whatif = nullptr;  // the knobs, when what-if is active
};
std::string task_json(const PassTask& t);
// Runs the task (JSON text from task_json): the encoded outcome, or "error: …" when the
// task cannot run (the scenario does not load, no such variant or pending subset).
std::string run_task(const std::string& json);

std::string encode(const ShapleyJob::RunOutcome& o);
bool decode(const std::string& text, ShapleyJob::RunOutcome& o);

// ---- a variant's pass, shared by the main thread's slices and the workers
// Events between clock checks. The cost of an event varies fivefold (a queue of many
// background citizens): 5,000 events measured up to 16 ms of CPU natively on the largest
// built-in scenario (company-deregistration, 1,000 citizens; ≈ 2× that in wasm), so a
// slice overshot its budget by that much; 1,000 events keep the overshoot to a few ms.
constexpr std::int64_t kChunkEvents = 1000;
// Starts a new pass of run `r`: the variant as written, with the what-if knobs `w`
// applied. What the run shows (result, median, steps, departments) stays until the
// pass is complete.
void prepare_pass(CompareVariantRun& r, const Scenario& original, const WhatIf* w);
// One chunk of r's Monte Carlo (adds its events to `events`). True when the whole pass
// is complete (the median citizen came from the Monte Carlo's log): commit it.
bool main_chunk(CompareVariantRun& r, const Calendar& calendar, const EngineOptions& base, std::int64_t& events);
// One chunk of the second pass that re-traces the median citizen (large runs); true
// when the pass is complete.
bool median_chunk(CompareVariantRun& r, const Calendar& calendar, const EngineOptions& base, std::int64_t& events);
// A complete pass's next_result, next_median and times, with the events it simulated;
// decode also sets next_departments and main_done (the pass is then ready to commit).
std::string encode_pass(const CompareVariantRun& r, std::int64_t events);
bool decode_pass(const std::string& text, CompareVariantRun& r, std::int64_t& events);

}  // namespace peizou::app::pool
