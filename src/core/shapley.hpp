// How much of a reform's saving each lever contributes, by Shapley values.
//
// The after variant is `base` + levers L1…Lk (k ≤ 8). Every one of the 2^k subsets of
// the levers is applied to the base in the declared order and run as a Monte Carlo with
// the same seed and citizens (common random numbers), so two subsets that produce the
// same process produce the same numbers. The value of a subset is the mean calendar
// days, working days and trips of its finished cases; a lever's Shapley value is its
// marginal contribution averaged over the orders in which the levers can be added.
//
// A subset whose levers cannot apply (one lever refers to a step another creates) has
// no value. The average is then taken over the orders whose every prefix applies; each
// order still telescopes to v(all) − v(none), so the values keep summing to the total
// (efficiency). Which subsets failed, why, and which levers' attributions that touches
// are all in the result.
//
// ShapleyJob runs in slices (`step`) for the UI; shapley_values() is the one-shot form.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "calendar.hpp"
#include "engine.hpp"
#include "model.hpp"

namespace peizou {

constexpr int kMaxShapleyLevers = 8;

enum class ShapleyMeasure { calendar_days, working_days, trips };
constexpr int kShapleyMeasureCount = 3;
const char* shapley_measure_key(ShapleyMeasure m);  // "calendar_days", "working_days", "trips"
using ShapleyValues = std::array<double, kShapleyMeasureCount>;  // indexed by ShapleyMeasure

// What to attribute: `levers` applied in order to `base`.
struct ShapleySetup {
    bool ok = false;
    std::string error_zh, error_en;  // when not ok
    std::string base_id, target_id;  // variant ids
    Variant base;                    // resolved (steps filled in)
    std::vector<Lever> levers;
};

// The setup for `target`: its levers applied to its `from` variant. When `base_id` is
// an ancestor further up the `from` chain (before ← green ← helper), the chain is
// flattened: the ancestors' levers first, so the values add up to target − base_id.
// An empty base_id means target's own `from`.
ShapleySetup shapley_setup(const Scenario& scenario, const std::string& target_id,
                           const std::string& base_id = {});

struct ShapleySubset {
    std::uint32_t mask = 0;          // bit i set = lever i applied
    bool ok = false;                 // the levers applied and the run finished
    bool ran = false;                // false: not reached yet, failed, or reused
    std::int32_t same_as = -1;       // reused the run of this earlier mask (same process)
    std::int32_t failed_lever = -1;  // index of the lever that could not apply
    std::string error_zh, error_en;  // why it could not apply
    ShapleyValues value{};           // means over finished cases
    std::int32_t finished = 0, stuck = 0;
    std::int64_t events = 0;
};

struct ShapleyLever {
    std::string kind;        // to_string(LeverKind)
    std::string label_zh, label_en;  // "1 一网通办", "1 online"
    std::string note;        // the lever's note, if any
    ShapleyValues value{};   // Shapley value: change of the mean this lever accounts for
    bool affected = false;   // a failed subset involves this lever (see `affected_why`)
    std::string affected_why_zh, affected_why_en;
};

struct ShapleyResult {
    std::string scenario, base_id, target_id;
    std::uint64_t seed = 0;
    std::int32_t citizens = 0;
    bool complete = false;   // every subset ran (not cancelled)
    bool cancelled = false;
    std::vector<ShapleySubset> subsets;   // index = mask, 2^k entries
    std::vector<ShapleyLever> levers;
    ShapleyValues none{}, all{};          // v(∅) and v(all levers)
    ShapleyValues total{};                // v(all) − v(∅) = Σ lever values
    std::int32_t failed_subsets = 0;
    std::int32_t runs = 0;                // Monte Carlo runs actually made (reuse skips some)
    std::int64_t events = 0;              // simulation events over all runs
    // Orders (of k!) whose every prefix applies; the values average over these.
    double feasible_orders = 0, all_orders = 0;
};

class ShapleyJob {
public:
    // Copies what it needs: the scenario, calendar and setup may go away afterwards.
    ShapleyJob(const Scenario& scenario, const Calendar& calendar, const ShapleySetup& setup,
               std::uint64_t seed, std::int32_t citizens);
    ~ShapleyJob();
    ShapleyJob(const ShapleyJob&) = delete;
    ShapleyJob& operator=(const ShapleyJob&) = delete;

    // Runs about `budget_events` simulation events (at least one subset's preparation)
    // and returns true when the job is done (finished or cancelled).
    bool step(std::int64_t budget_events);
    bool done() const;
    double progress() const;  // 0 … 1
    void cancel();            // the result then has complete = false, cancelled = true
    // Valid once done(); partial (values zero) before.
    const ShapleyResult& result() const;

    // The same job on a pool of threads (scenario/parallel_runs), instead of step():
    // take_runs() settles, in mask order as step() does, which subsets fail and which
    // reuse an earlier run, and returns the ones that need a run of their own; run_one()
    // runs one (const: any thread), record() keeps its outcome, finish() computes the
    // values. The result is the one step() gives, byte for byte.
    struct PendingRun {
        std::uint32_t mask = 0;
        Variant variant;
    };
    struct RunOutcome {
        ShapleyValues value{};
        std::int32_t finished = 0, stuck = 0;
        std::int64_t events = 0;
    };
    std::vector<PendingRun> take_runs();
    RunOutcome run_one(const PendingRun& run) const;
    void record(std::uint32_t mask, const RunOutcome& outcome);
    void finish();

private:
    bool prepare_subset();  // true: variant_ holds the subset's process to run
    void start_subset();
    void finish_subset();
    void compute_values();

    std::unique_ptr<const Scenario> scenario_;  // stable address: the engine keeps a reference
    Calendar calendar_;
    ShapleySetup setup_;
    std::uint64_t seed_;
    std::int32_t citizens_;
    std::uint32_t next_mask_ = 0;
    std::unique_ptr<Variant> variant_;  // the subset's process under way
    std::unique_ptr<Engine> engine_;
    std::vector<Variant> processes_;    // normalised process per mask (for reuse)
    bool done_ = false;
    ShapleyResult result_;
};

// One shot: runs every subset and returns the values. An invalid setup (not ok, or
// more than kMaxShapleyLevers levers) gives an empty, incomplete result.
ShapleyResult shapley_values(const Scenario& scenario, const Calendar& calendar,
                             const ShapleySetup& setup, std::uint64_t seed,
                             std::int32_t citizens);

// The Shapley value of each of k players from the value of every subset of them
// (`value[mask]`, bit i set = player i in; 2^k entries). A subset with feasible[mask] == 0
// has no value: the average is then over the orders whose every prefix is feasible.
// All zero when the sizes do not match or no order is feasible. (What the job uses.)
std::vector<double> shapley_from_subsets(const std::vector<double>& value, const std::vector<char>& feasible);

// The mean calendar days, working days and trips of the finished cases (one pass).
ShapleyValues shapley_measures(const std::vector<CaseMeasures>& cases);

}  // namespace peizou
