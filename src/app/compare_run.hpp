// The Compare screen's commands: start a comparison, advance it a slice per frame,
// cancel, what-if updates, exports. Shared by the buttons and the test API, so a click
// and act() do exactly the same thing. No ImGui here except the PNG export's
// off-screen draw list.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app_state.hpp"

namespace peizou::app::compare {

// The library entry the screen shows (its own choice, else the library's selection).
int selected_entry(const AppState& state);
// Starts the runs of state.compare's setup on library entry `entry`; false (message set)
// if the scenario or a variant is missing.
bool start(AppState& state, int entry);
// Advances the runs for about `budget_ms` of work; true while there is more to do.
bool step(AppState& state, double budget_ms);
// The same on any CompareState (the Library's scenario card runs its own): start_runs
// sets up the runs of variants `ids` of `s` with c's seed and citizens (ids checked by
// the caller), step_runs advances them in slices as step() does.
void start_runs(CompareState& c, const Scenario& s, const std::string& file, const std::vector<std::string>& ids);
bool step_runs(CompareState& c, double budget_ms);
void cancel(AppState& state);
// The pass of run `index` is complete (next_ fields): its results replace the shown ones.
void commit_pass(CompareState& c, std::size_t index);
double progress(const CompareState& c);  // 0 … 1 over every pass and the Shapley runs
bool tables_ready(const CompareState& c);  // every variant has results to show
bool recomputing(const CompareState& c);   // … and a new pass of one is under way (what-if)

// Applies the what-if knobs to variant `index` and restarts its run (in slices).
void whatif_reset(AppState& state, int index);  // the knobs back to the variant as written
void whatif_apply(AppState& state);

// The numbers as `peizou compare --json [--shapley]` prints them.
nlohmann::ordered_json table_json(const CompareState& c);
std::string table_csv(const CompareState& c);
// Export `kind` (csv, json, cases, cases_json, events, xes, png) through the platform (a
// download in the browser); returns false with the message set when there is nothing to
// export yet. `events` (event-log CSV) and `xes` run every variant again with a log, in
// slices: they start a job that export_step() advances; the download comes at its end.
bool export_file(AppState& state, const std::string& kind);
bool export_step(AppState& state, double budget_ms);  // true while the export job has more to do
double export_progress(const CompareState& c);       // 0 … 1 of the export job

std::string variant_title(const AppState& state, const std::string& id);
double now_seconds();

}  // namespace peizou::app::compare
