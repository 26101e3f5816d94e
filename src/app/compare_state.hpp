// State of the 对比 Compare screen (issue 6): one plain struct held by AppState.
// The runs themselves are core Engines and a core ShapleyJob, advanced a slice per
// frame (compare_run.cpp); this holds the choices, the jobs and their results.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "core/engine.hpp"
#include "core/shapley.hpp"

namespace peizou::app {

enum class ComparePhase { setup, running, done, cancelled };
enum class CompareChart { gantt, histogram, waterfall };

// The what-if knobs for one variant: applied to a copy of the scenario and variant.
struct WhatIf {
    std::vector<std::string> department_ids;  // the departments the variant runs with
    std::vector<int> windows;                 // per department (as written: the default)
    std::vector<int> windows_written;
    float background = 1.0f;                  // × background arrivals
    float review = 1.0f;                      // × back-office times
    float rework = 1.0f;                      // × rework probabilities (capped at 1)
    bool active() const {
        return background != 1.0f || review != 1.0f || rework != 1.0f || windows != windows_written;
    }
};

// The median citizen's events, for the swimlane Gantt.
struct MedianTrace {
    std::int32_t citizen = -1;
    std::vector<LogEvent> events;
    bool complete = false;
};

// One variant: its run in slices, then a second pass that keeps the median citizen.
struct CompareVariantRun {
    std::string id;
    std::unique_ptr<Scenario> scenario;  // a copy (what-if edits departments here)
    std::unique_ptr<Variant> variant;
    std::unique_ptr<Engine> engine;      // the pass under way
    bool main_done = false;
    RunResult result;                    // when main_done
    MedianTrace median;                  // filled by the second pass
    std::vector<Step> steps;             // the variant's steps (names for the Gantt)
    std::vector<Department> departments; // Engine::departments()
};

struct CompareState {
    // setup
    int scenario_index = -1;          // library entry; -1: follow the library selection
    std::vector<std::string> variants; // ids; the first is the reference ("before")
    int citizens = 1000;
    std::int64_t seed = 42;
    bool with_shapley = true;

    // the run
    ComparePhase phase = ComparePhase::setup;
    std::string file;                 // library file the run came from
    std::unique_ptr<Scenario> scenario;
    std::unique_ptr<Calendar> calendar;
    std::vector<CompareVariantRun> runs;
    std::size_t current = 0;          // the run being advanced
    // Shapley attribution of every variant after the first (its levers vs the first)
    std::vector<ShapleySetup> setups;          // one per variant after the first
    std::vector<ShapleyResult> attributions;   // aligned with setups (empty until run)
    std::size_t setup_next = 0;
    std::unique_ptr<ShapleyJob> shapley;       // the job under way
    std::int64_t events = 0;          // simulation events so far
    double started_at = 0, finished_at = 0;  // seconds (steady clock)
    std::vector<float> frame_ms;      // frame times while running (responsiveness)
    float work_ms_max = 0;            // the longest slice of simulation work in a frame

    // what-if on one variant (index into runs); recomputes in slices as sliders move
    int whatif_variant = -1;
    WhatIf whatif;
    bool whatif_dirty = false;
    double whatif_ms = 0;             // compute time of the last what-if update (main run)
    double whatif_work_ms = 0;        // … accumulating while it runs

    // view
    CompareChart chart = CompareChart::gantt;
    int shapley_measure = 0;          // ShapleyMeasure
    std::string exported;             // last export: file name / path
    std::string exported_kind;
    std::size_t exported_bytes = 0;
    std::string message;              // last notice or error (already translated)
};

}  // namespace peizou::app
