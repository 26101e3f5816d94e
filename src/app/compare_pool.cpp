#include "compare_pool.hpp"

#include "platform/backend.hpp"
#include "pool_task.hpp"
#include "scenario/scenario_io.hpp"

namespace peizou::app::compare {

namespace {
int next_task = 0;
}

std::shared_ptr<PooledShapley> pool_start(const CompareState& c) {
    if (!c.scenario || !c.calendar || platform::pool_workers() <= 0) return nullptr;
    platform::pool_cancel();  // whatever an earlier comparison left running
    auto p = std::make_shared<PooledShapley>();
    pool::SubsetTask task;
    task.scenario_json = scenario::save_scenario(*c.scenario);
    task.seed = static_cast<std::uint64_t>(c.seed);
    task.citizens = c.citizens;
    p->setups.resize(c.setups.size());
    for (std::size_t i = 0; i < c.setups.size(); ++i) {
        const ShapleySetup& setup = c.setups[i];
        if (!setup.ok) continue;
        PooledShapley::Setup& s = p->setups[i];
        s.job = std::make_unique<ShapleyJob>(*c.scenario, *c.calendar, setup, task.seed, c.citizens);
        s.pending = s.job->take_runs();
        s.outcomes.resize(s.pending.size());
        s.left = s.pending.size();
        task.target = setup.target_id;
        task.base = setup.base_id;
        for (std::size_t r = 0; r < s.pending.size(); ++r) {
            task.mask = s.pending[r].mask;
            const int id = ++next_task;
            p->out[id] = {i, r};
            platform::pool_post(id, pool::task_json(task));
        }
    }
    return p;
}

bool pool_step(CompareState& c) {
    if (!c.pooled) return false;
    PooledShapley& p = *c.pooled;
    for (const auto& [id, text] : platform::pool_take_results()) {
        const auto it = p.out.find(id);
        if (it == p.out.end()) continue;  // an earlier comparison's
        PooledShapley::Setup& s = p.setups[it->second.first];
        const std::size_t r = it->second.second;
        p.out.erase(it);
        // A worker that failed (it stopped, or the task did not run there): the same run here.
        if (!pool::decode(text, s.outcomes[r])) s.outcomes[r] = s.job->run_one(s.pending[r]);
        c.events += s.outcomes[r].events;
        s.left--;
    }
    bool waiting = false;
    for (std::size_t i = 0; i < p.setups.size(); ++i) {
        PooledShapley::Setup& s = p.setups[i];
        if (!s.job || s.finished) continue;
        if (s.left > 0) {
            waiting = true;
            continue;
        }
        // Recorded in mask order, as ShapleyJob::step() records them.
        for (std::size_t r = 0; r < s.pending.size(); ++r) s.job->record(s.pending[r].mask, s.outcomes[r]);
        s.job->finish();
        c.attributions[i] = s.job->result();
        s.finished = true;
    }
    if (!waiting) c.setup_next = c.setups.size();
    return waiting;
}

double pool_share(const CompareState& c, std::size_t setup) {
    if (!c.pooled || setup >= c.pooled->setups.size()) return 0;
    const PooledShapley::Setup& s = c.pooled->setups[setup];
    if (s.pending.empty()) return s.finished ? 1 : 0;
    return static_cast<double>(s.pending.size() - s.left) / static_cast<double>(s.pending.size());
}

void pool_cancel(CompareState& c) {
    if (c.pooled && !c.pooled->out.empty()) platform::pool_cancel();
    c.pooled.reset();
}

}  // namespace peizou::app::compare
