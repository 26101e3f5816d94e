// Independent Monte Carlo runs on a pool of threads (peizou compare, export --format
// table). Every run's random numbers are keyed by citizen and step, not drawn from a
// shared stream, and each result goes to its own slot: the output does not depend on
// the number of threads. Built for wasm without pthreads, everything runs on the
// calling thread.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "core/calendar.hpp"
#include "core/engine.hpp"
#include "core/model.hpp"
#include "core/shapley.hpp"

namespace peizou::scenario {

// The number of cores (at least 1); 1 where threads are not available.
int default_jobs();

// Calls task(0) … task(count − 1), each once, on `jobs` threads (the caller is one of
// them). Tasks are taken in index order as threads come free.
void for_each_parallel(std::size_t count, int jobs, const std::function<void(std::size_t)>& task);

struct ParallelCompare {
    std::vector<RunResult> runs;          // one per variant, in order
    std::vector<ShapleyResult> shapley;   // one per setup (empty and incomplete when not ok)
};

// Runs every variant and every subset of every setup on one pool: the same numbers as
// run_monte_carlo() and shapley_values() one after the other.
ParallelCompare run_compare(const Scenario& scenario, const Calendar& calendar,
                            const std::vector<const Variant*>& variants,
                            const std::vector<ShapleySetup>& setups, std::uint64_t seed,
                            std::int32_t citizens, int jobs);

}  // namespace peizou::scenario
