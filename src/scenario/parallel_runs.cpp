#include "parallel_runs.hpp"

#include <atomic>
#include <memory>
#include <thread>

namespace peizou::scenario {

#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
constexpr bool kThreads = false;
#else
constexpr bool kThreads = true;
#endif

int default_jobs() {
    if (!kThreads) return 1;
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : static_cast<int>(n);
}

void for_each_parallel(std::size_t count, int jobs, const std::function<void(std::size_t)>& task) {
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < count; i = next++) task(i);
    };
    std::size_t threads = kThreads && jobs > 1 ? static_cast<std::size_t>(jobs) : 1;
    if (threads > count) threads = count == 0 ? 1 : count;
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
}

ParallelCompare run_compare(const Scenario& scenario, const Calendar& calendar,
                            const std::vector<const Variant*>& variants,
                            const std::vector<ShapleySetup>& setups, std::uint64_t seed,
                            std::int32_t citizens, int jobs) {
    // One task list: the variants' runs, then every setup's subsets that need a run.
    std::vector<std::unique_ptr<ShapleyJob>> shapley;
    struct Task {
        std::size_t job;  // index into shapley, or SIZE_MAX for a variant run
        std::size_t at;   // the variant, or the pending run of that job
    };
    std::vector<Task> tasks;
    for (std::size_t i = 0; i < variants.size(); ++i) tasks.push_back({SIZE_MAX, i});
    std::vector<std::vector<ShapleyJob::PendingRun>> pending(setups.size());
    std::vector<std::vector<ShapleyJob::RunOutcome>> outcomes(setups.size());
    for (std::size_t j = 0; j < setups.size(); ++j) {
        shapley.push_back(std::make_unique<ShapleyJob>(scenario, calendar, setups[j], seed, citizens));
        pending[j] = shapley[j]->take_runs();
        outcomes[j].resize(pending[j].size());
        for (std::size_t r = 0; r < pending[j].size(); ++r) tasks.push_back({j, r});
    }
    ParallelCompare out;
    out.runs.resize(variants.size());
    EngineOptions o;
    o.seed = seed;
    o.citizens = citizens;
    for_each_parallel(tasks.size(), jobs, [&](std::size_t i) {
        const Task& t = tasks[i];
        if (t.job == SIZE_MAX) out.runs[t.at] = run_monte_carlo(scenario, *variants[t.at], calendar, o);
        else outcomes[t.job][t.at] = shapley[t.job]->run_one(pending[t.job][t.at]);
    });
    for (std::size_t j = 0; j < setups.size(); ++j) {
        for (std::size_t r = 0; r < pending[j].size(); ++r) shapley[j]->record(pending[j][r].mask, outcomes[j][r]);
        shapley[j]->finish();
        out.shapley.push_back(shapley[j]->result());
    }
    return out;
}

}  // namespace peizou::scenario
