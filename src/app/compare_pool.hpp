// Compare's Shapley subsets on the page's worker pool (issue 17): when workers are
// ready, every subset run of every setup is posted at the start as a task
// (pool_task.hpp) and the main thread only collects the outcomes; the variants' own
// runs stay in slices on the main thread meanwhile. The values are those of
// ShapleyJob::step(), byte for byte: each subset is the same run, recorded in the same
// order. Without workers (native app, an old browser, a CSP without worker-src) none of
// this starts and compare_run.cpp slices the subsets as before.
#pragma once
#include <cstddef>
#include <map>
#include <memory>
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
    std::vector<Setup> setups;                           // aligned with CompareState::setups
    std::map<int, std::pair<std::size_t, std::size_t>> out;  // task id → (setup, pending run)
};

// Posts every subset of c's setups to the pool; null when no worker is ready.
std::shared_ptr<PooledShapley> pool_start(const CompareState& c);
// Takes the outcomes that came back; sets c.attributions and c.setup_next as setups
// finish. True while some are still out.
bool pool_step(CompareState& c);
double pool_share(const CompareState& c, std::size_t setup);  // 0 … 1 of that setup's runs
void pool_cancel(CompareState& c);  // stops every worker's task; c.pooled is reset

}  // namespace peizou::app::compare
