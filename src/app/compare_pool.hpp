// Compare's runs on the page's worker pool (issue 17): when workers are ready (or about
// to be: web/pool.js queues the tasks until they are), each variant's pass (its Monte
// Carlo and median citizen, pool_task.hpp) and every Shapley subset run of every setup
// are posted at the start as tasks, and the main thread only collects the outcomes; a
// what-if change posts that variant's new pass. The values are those of the main
// thread's slices, byte for byte: each task is the same run, recorded in the same order.
// Without workers (native app, an old browser, a CSP without worker-src) none of this
// starts and compare_run.cpp slices everything as before; a task that fails on a worker
// is run on the main thread instead.
#pragma once
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "compare_state.hpp"

namespace peizou::app::compare {

struct PooledShapley {
    struct Setup {
        std::unique_ptr<ShapleyJob> job;                 // null when the setup is not ok
        std::vector<ShapleyJob::PendingRun> pending;     // the subsets that need a run
        std::vector<ShapleyJob::RunOutcome> outcomes;    // aligned with pending
        std::size_t left = 0;                            // outcomes still to come
        bool finished = false;
    };
    std::string scenario_json;                           // the compared scenario, as posted
    bool shapley = false;                                // the subsets are on the pool
    std::vector<Setup> setups;                           // aligned with CompareState::setups
    std::map<int, std::pair<std::size_t, std::size_t>> out;  // task id → (setup, pending run)
    std::vector<int> run_task;                           // per variant run: its pass's task id, 0 none
};

// Posts every variant's pass, and the subsets of c's setups when it runs Shapley, to the
// pool; null when no worker is ready or starting.
std::shared_ptr<PooledShapley> pool_start(const CompareState& c);
// Takes the outcomes that came back: commits the passes (commit_pass), sets
// c.attributions and c.setup_next as setups finish. True while some are still out.
bool pool_step(CompareState& c);
// Variant run `index` has a pass out on the pool (the main thread leaves it alone).
bool pool_holds(const CompareState& c, std::size_t index);
// Posts run `index`'s new pass (prepared with c's what-if knobs); false when no pool
// takes it (then the main thread slices it).
bool pool_repost(CompareState& c, std::size_t index);
double pool_share(const CompareState& c, std::size_t setup);  // 0 … 1 of that setup's runs
void pool_cancel(CompareState& c);  // stops every task of c on the workers; c.pooled is reset

}  // namespace peizou::app::compare
