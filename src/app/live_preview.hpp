// The Editor's live before/after (issue 15): a debounced Monte Carlo of 1,000 (or, chosen in
// the panel, 10,000) citizens of
// `before` (the first variant) and of the chosen variant, run in slices on a CompareState
// of its own (compare_run.hpp's start_runs / step_runs, as the Library's scenario card),
// with the KPI deltas `peizou compare --json` would print for the same seed and citizens.
// A newer version of the scenario cancels the run under way; the last figures stay shown
// (marked as of their version) until the new ones are ready. A version that simulates the
// same as the one before it (same scenario::simulation_key: a step renamed, a caption
// typed) keeps the run under way, or the figures shown, as its own.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app_state.hpp"
#include "scenario/live_debounce.hpp"

namespace peizou::app {

// The KPIs, in this order: calendar days, working days, trips, submissions (means),
// one-trip share, legal limits met (rates 0 … 1).
constexpr int kLiveKpis = 6;
using LiveKpis = std::array<double, kLiveKpis>;

enum class LivePhase { waiting_valid, waiting, computing, shown };

struct LivePreview {
    int citizens = 1000;                     // the panel's 预览人数 Preview citizens: 1,000 or 10,000
    int shown_citizens = 0;                  // of the figures shown
    std::int64_t seed = 42;
    double debounce_ms = 200;
    scenario::Debounce debounce;             // versions seen / started / shown
    bool valid = false;                      // the last version given was valid
    std::string message;                     // why there are no figures (variant missing …)
    // the run under way (of version debounce.running)
    std::unique_ptr<CompareState> run;
    std::string run_variant;
    double run_started = 0;                  // steady seconds
    // shown: the last complete run
    int shown_version = -1;
    std::string shown_variant, shown_before;  // variant ids
    LiveKpis before{}, after{};
    std::vector<std::string> critical_steps;  // of the variant's median citizen
    double wall_ms = 0;                      // last run: from the edit to its figures shown
    double work_ms_max = 0;                  // its longest slice of work in a frame
};

// Call every frame with the current (valid) scenario, its version number (bump on each edit)
// and its scenario::simulation_key.
void live_preview_update(LivePreview& p, const Scenario& s, const std::string& variant_id, int version,
                         std::uint64_t key, double budget_ms);
// Call instead of live_preview_update while the draft has errors: the run under way is
// dropped and the panel says it waits for a valid model.
void live_preview_invalid(LivePreview& p, int version);
// The KPI delta table, "waiting" states, and the 预览人数 choice (1,000 / 10,000 citizens).
void draw_live_preview(LivePreview& p, const AppState& state);
// A new number of citizens: the run under way is dropped and the current version runs again.
void live_preview_set_citizens(LivePreview& p, int citizens);

LivePhase live_preview_phase(const LivePreview& p);
// For the test API: {"phase","version" (of the figures shown, -1 none),"latest" (last
// version given),"variant","before","after":{calendar_days,…},"delta":{…},"critical":[…],
// "wall_ms","work_ms_max","citizens" (chosen),"shown_citizens" (of the figures),"seed"}.
nlohmann::ordered_json live_preview_json(const LivePreview& p);

}  // namespace peizou::app
