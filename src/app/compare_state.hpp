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
#include "scenario/exports.hpp"

namespace peizou::app {

namespace compare {
struct PooledShapley;  // compare_pool.hpp (issue 17: the Shapley subsets on the page's workers)
}

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

// One variant. A pass (the Monte Carlo, then the median citizen's events) runs in
// slices into the `next_` fields; when it is complete they replace the shown ones at
// once, so a what-if restart keeps the previous results on screen until the new ones
// are ready.
struct CompareVariantRun {
    std::string id;
    std::unique_ptr<Scenario> scenario;  // a copy (what-if edits departments here)
    std::unique_ptr<Variant> variant;
    std::unique_ptr<Engine> engine;      // the pass under way
    // the pass under way
    bool pass_done = true;               // false while a pass is under way
    bool main_done = false;              // its Monte Carlo finished (next_result)
    bool logging = false;                // its Monte Carlo keeps the process citizens' events
    std::vector<LogEvent> log;           // … here, until the median citizen is known
    RunResult next_result;
    MedianTrace next_median;
    std::vector<Department> next_departments;
    double main_ms = 0, median_ms = 0;   // simulation work of this pass (both parts)
    // shown: the last complete pass
    bool shown = false;
    RunResult result;
    MedianTrace median;                  // the median citizen's events
    std::vector<Step> steps;             // the variant's steps (names for the Gantt)
    std::vector<Department> departments; // Engine::departments()
};

// An event-log export (CSV or XES): every variant run again with a log, in slices.
struct CompareExportJob {
    std::string kind;                    // "events" (CSV) or "xes"
    std::size_t next = 0;                // the variant being run
    std::unique_ptr<Engine> engine;
    std::vector<scenario::LoggedRun> runs;  // the finished ones
};

struct CompareState {
    // setup
    std::string scenario_file;        // library entry's key; empty: follow the library selection
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
    std::shared_ptr<compare::PooledShapley> pooled;  // … or every job's subsets on the worker pool
    std::int64_t events = 0;          // simulation events so far
    double started_at = 0, finished_at = 0;  // seconds (steady clock)
    std::vector<float> frame_ms;      // frame times while running (responsiveness)
    float work_ms_max = 0;            // the longest slice of simulation work in a frame

    // what-if on one variant (index into runs); recomputes in slices as sliders move
    int whatif_variant = -1;
    WhatIf whatif;
    bool whatif_dirty = false;
    double whatif_ms = 0;             // simulation time of the last what-if update, both passes
    double whatif_main_ms = 0;        // … its Monte Carlo
    double whatif_median_ms = 0;      // … picking out the median citizen (second pass if any)
    double whatif_started = 0;        // when the update under way was asked for (steady clock)
    double whatif_wall_ms = 0;        // last update: from the change to its results shown
    int whatif_restarts = 0;          // updates asked for (each restarts the run)

    // event-log export under way (sliced like the runs)
    std::unique_ptr<CompareExportJob> export_job;

    // view
    int waterfall_index = -1;         // which attribution the waterfall shows (-1: first done)
    CompareChart chart = CompareChart::gantt;
    int shapley_measure = 0;          // ShapleyMeasure
    std::string exported;             // last export: file name / path
    std::string exported_kind;
    std::size_t exported_bytes = 0;
    std::string message;              // last notice or error (already translated)
};

}  // namespace peizou::app
