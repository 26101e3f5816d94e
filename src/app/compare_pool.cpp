#include "compare_pool.hpp"

#include "compare_run.hpp"
#include "platform/backend.hpp"
#include "pool_task.hpp"
#include "scenario/scenario_io.hpp"

namespace peizou::app::compare {

namespace {
int next_task = 0;

void post_pass(const CompareState& c, PooledShapley& p, std::size_t index) {
    pool::PassTask task;
    task.scenario_json = p.scenario_json;
    task.variant = c.runs[index].id;
    task.seed = static_cast<std::uint64_t>(c.seed);
    task.citizens = c.citizens;
    if (static_cast<int>(index) == c.whatif_variant && c.whatif.active()) task.whatif = &c.whatif;
    const int id = ++next_task;
    p.run_task[index] = id;
    platform::pool_post(id, pool::task_json(task));
}
}  // namespace

std::shared_ptr<PooledShapley> pool_start(const CompareState& c) {
    if (!c.scenario || !c.calendar || platform::pool_workers() <= 0) return nullptr;
    auto p = std::make_shared<PooledShapley>();
    p->scenario_json = scenario::save_scenario(*c.scenario);
    p->run_task.assign(c.runs.size(), 0);
    for (std::size_t i = 0; i < c.runs.size(); ++i) post_pass(c, *p, i);
    if (!c.with_shapley) return p;
    p->shapley = true;
    pool::SubsetTask task;
    task.scenario_json = p->scenario_json;
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

bool pool_holds(const CompareState& c, std::size_t index) {
    return c.pooled && index < c.pooled->run_task.size() && c.pooled->run_task[index] != 0;
}

bool pool_repost(CompareState& c, std::size_t index) {
    if (pool_holds(c, index)) {
        platform::pool_drop(c.pooled->run_task[index]);  // its outcome, if it still comes, is ignored
        c.pooled->run_task[index] = 0;
    }
    if (!c.scenario || index >= c.runs.size() || platform::pool_workers() <= 0) return false;
    if (!c.pooled) {
        c.pooled = std::make_shared<PooledShapley>();
        c.pooled->scenario_json = scenario::save_scenario(*c.scenario);
    }
    c.pooled->run_task.resize(c.runs.size(), 0);
    post_pass(c, *c.pooled, index);
    return true;
}

bool pool_step(CompareState& c) {
    if (!c.pooled) return false;
    PooledShapley& p = *c.pooled;
    for (const auto& [id, text] : platform::pool_take_results()) {
        for (std::size_t i = 0; i < p.run_task.size(); ++i) {
            if (p.run_task[i] != id) continue;
            p.run_task[i] = 0;
            std::int64_t events = 0;
            // A worker that failed: the main thread's slices run this pass instead.
            if (!pool::decode_pass(text, c.runs[i], events)) break;
            c.events += events;
            commit_pass(c, i);
        }
        const auto it = p.out.find(id);
        if (it == p.out.end()) continue;  // a pass, or an earlier comparison's
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
    if (p.shapley && !waiting) c.setup_next = c.setups.size();
    for (int id : p.run_task) waiting = waiting || id != 0;
    return waiting;
}

double pool_share(const CompareState& c, std::size_t setup) {
    if (!c.pooled || setup >= c.pooled->setups.size()) return 0;
    const PooledShapley::Setup& s = c.pooled->setups[setup];
    if (s.pending.empty()) return s.finished ? 1 : 0;
    return static_cast<double>(s.pending.size() - s.left) / static_cast<double>(s.pending.size());
}

void pool_cancel(CompareState& c) {
    if (!c.pooled) return;
    std::vector<int> ids;
    for (const auto& [id, where] : c.pooled->out) ids.push_back(id);
    for (int id : c.pooled->run_task)
        if (id != 0) ids.push_back(id);
    if (!ids.empty()) platform::pool_cancel(ids);
    c.pooled.reset();
}

}  // namespace peizou::app::compare
