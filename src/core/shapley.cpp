// [SECTION] labels and setup
// [SECTION] the job: one subset at a time, in slices of events
// [SECTION] values over the feasible orders
#include "shapley.hpp"
#include "diagnostics.hpp"

#include <algorithm>

#include "lever_spec.hpp"
#include "levers.hpp"

namespace peizou {

// ---------------------------------------------------------------- [SECTION] labels and setup
namespace {

std::string label_zh(const std::vector<Lever>& levers, std::size_t i) {
    return std::to_string(i + 1) + " " + lever_spec(levers[i].kind).name_zh;
}

std::string label_en(const std::vector<Lever>& levers, std::size_t i) {
    return std::to_string(i + 1) + " " + lever_spec(levers[i].kind).key;
}

// The process a variant describes, without its name, recipe and change list: two
// subsets with equal processes run identically, so the second reuses the first's run.
Variant process_of(Variant v) {
    v.id.clear();
    v.title.clear();
    v.title_en.clear();
    v.from.clear();
    v.levers.clear();
    v.changes.clear();
    v.changes_en.clear();
    return v;
}

}  // namespace

const char* shapley_measure_key(ShapleyMeasure m) {
    switch (m) {
    case ShapleyMeasure::calendar_days: return "calendar_days";
    case ShapleyMeasure::working_days: return "working_days";
    case ShapleyMeasure::trips: return "trips";
    }
    return "?";
}

ShapleyValues shapley_measures(const std::vector<CaseMeasures>& cases) {
    ShapleyValues sum{};
    for (const auto& c : cases) {  // summed in finish order, like summarise(): same digits
        sum[0] += c.calendar_days();
        sum[1] += c.working_days;
        sum[2] += c.trips;
    }
    if (cases.empty()) return sum;
    const double n = static_cast<double>(cases.size());
    for (double& x : sum) x /= n;
    return sum;
}

ShapleySetup shapley_setup(const Scenario& scenario, const std::string& target_id,
                           const std::string& base_id) {
    ShapleySetup s;
    s.target_id = target_id;
    const Variant* target = scenario.variant(target_id);
    if (!target) {
        set_error(s, render_text(Diag::shapley_no_variant, {target_id}));
        return s;
    }
    if (target->from.empty()) {
        set_error(s, render_text(Diag::shapley_written_out, {target_id}));
        return s;
    }
    // Flatten the `from` chain up to base_id when base_id is an ancestor.
    std::vector<Lever> levers = target->levers;
    std::string base = target->from;
    if (!base_id.empty() && base_id != base) {
        std::vector<Lever> chain = levers;
        std::string at = base;
        for (int hops = 0; hops < 64 && at != base_id; ++hops) {
            const Variant* v = scenario.variant(at);
            if (!v || v->from.empty()) break;
            chain.insert(chain.begin(), v->levers.begin(), v->levers.end());
            at = v->from;
        }
        if (at == base_id) {
            levers = chain;
            base = base_id;
        }
    }
    const Variant* b = scenario.variant(base);
    if (!b) {
        set_error(s, render_text(Diag::shapley_no_base, {base}));
        return s;
    }
    if (levers.size() > static_cast<std::size_t>(kMaxShapleyLevers)) {
        set_error(s, render_text(Diag::shapley_too_many_levers,
                                 {std::to_string(levers.size()), std::to_string(kMaxShapleyLevers)}));
        return s;
    }
    s.ok = true;
    s.base_id = base;
    s.base = *b;
    s.levers = std::move(levers);
    return s;
}

// ---------------------------------------------------------------- [SECTION] the job
ShapleyJob::ShapleyJob(const Scenario& scenario, const Calendar& calendar, const ShapleySetup& setup,
                       std::uint64_t seed, std::int32_t citizens)
    : scenario_(std::make_unique<const Scenario>(scenario)), calendar_(calendar), setup_(setup),
      seed_(seed), citizens_(citizens) {
    result_.scenario = scenario.id;
    result_.base_id = setup.base_id;
    result_.target_id = setup.target_id;
    result_.seed = seed;
    result_.citizens = citizens;
    if (!setup.ok || setup.levers.size() > static_cast<std::size_t>(kMaxShapleyLevers)) {
        done_ = true;
        return;
    }
    const std::size_t k = setup.levers.size();
    result_.subsets.resize(std::size_t{1} << k);
    processes_.resize(result_.subsets.size());
    for (std::size_t i = 0; i < k; ++i) {
        ShapleyLever l;
        l.kind = to_string(setup.levers[i].kind);
        l.label_zh = label_zh(setup.levers, i);
        l.label_en = label_en(setup.levers, i);
        l.note = setup.levers[i].note;
        result_.levers.push_back(l);
    }
}

ShapleyJob::~ShapleyJob() = default;

bool ShapleyJob::done() const { return done_; }
const ShapleyResult& ShapleyJob::result() const { return result_; }

void ShapleyJob::cancel() {
    if (done_) return;
    engine_.reset();
    variant_.reset();
    result_.cancelled = true;
    done_ = true;
}

double ShapleyJob::progress() const {
    if (done_) return 1;
    const double total = static_cast<double>(result_.subsets.size());
    double at = static_cast<double>(next_mask_);
    if (engine_) at += engine_->progress();
    return total > 0 ? at / total : 1;
}

// Applies the subset's levers one at a time (to know which one fails), reuses an
// earlier run of the same process, or leaves the process to run in variant_.
bool ShapleyJob::prepare_subset() {
    const std::uint32_t mask = next_mask_;
    ShapleySubset& sub = result_.subsets[mask];
    sub.mask = mask;
    Variant v = setup_.base;
    for (std::size_t i = 0; i < setup_.levers.size(); ++i) {
        if (!(mask & (1u << i))) continue;
        LeverResult r = apply_lever(*scenario_, v, setup_.levers[i]);
        if (!r.ok) {
            sub.failed_lever = static_cast<std::int32_t>(i);
            sub.error_zh = result_.levers[i].label_zh + "：" + r.error_zh;
            sub.error_en = result_.levers[i].label_en + ": " + r.error_en;
            result_.failed_subsets++;
            next_mask_++;
            return false;
        }
        v = std::move(r.variant);
    }
    processes_[mask] = process_of(v);
    for (std::uint32_t earlier = 0; earlier < mask; ++earlier) {
        const ShapleySubset& e = result_.subsets[earlier];
        if (!e.ok || processes_[earlier] != processes_[mask]) continue;
        sub.ok = true;
        sub.same_as = e.same_as >= 0 ? e.same_as : static_cast<std::int32_t>(earlier);
        sub.value = e.value;
        sub.finished = e.finished;
        sub.stuck = e.stuck;
        next_mask_++;
        return false;
    }
    v.id = setup_.target_id + "#" + std::to_string(mask);
    variant_ = std::make_unique<Variant>(std::move(v));
    return true;
}

void ShapleyJob::start_subset() {
    if (!prepare_subset()) return;
    EngineOptions o;
    o.seed = seed_;
    o.citizens = citizens_;
    engine_ = std::make_unique<Engine>(*scenario_, *variant_, calendar_, o);
}

void ShapleyJob::record(std::uint32_t mask, const RunOutcome& outcome) {
    ShapleySubset& sub = result_.subsets[mask];
    sub.ok = true;
    sub.ran = true;
    sub.value = outcome.value;
    sub.finished = outcome.finished;
    sub.stuck = outcome.stuck;
    sub.events = outcome.events;
    result_.runs++;
    result_.events += sub.events;
}

namespace {
ShapleyJob::RunOutcome outcome_of(const Engine& engine) {
    ShapleyJob::RunOutcome o;
    o.value = shapley_measures(engine.cases());
    o.finished = static_cast<std::int32_t>(engine.cases().size());
    o.stuck = static_cast<std::int32_t>(engine.stuck_reasons().size());
    o.events = engine.events();
    return o;
}
}  // namespace

void ShapleyJob::finish_subset() {
    record(next_mask_, outcome_of(*engine_));
    engine_.reset();
    variant_.reset();
    next_mask_++;
}

std::vector<ShapleyJob::PendingRun> ShapleyJob::take_runs() {
    std::vector<PendingRun> runs;
    if (done_) return runs;
    // A subset is ok as soon as its levers apply, so reuse is settled before any run.
    const std::uint32_t count = static_cast<std::uint32_t>(result_.subsets.size());
    while (next_mask_ < count) {
        if (!prepare_subset()) continue;
        result_.subsets[next_mask_].ok = true;
        runs.push_back(PendingRun{next_mask_, std::move(*variant_)});
        variant_.reset();
        next_mask_++;
    }
    return runs;
}

ShapleyJob::RunOutcome ShapleyJob::run_one(const PendingRun& run) const {
    EngineOptions o;
    o.seed = seed_;
    o.citizens = citizens_;
    Engine engine(*scenario_, run.variant, calendar_, o);
    while (engine.run() == Engine::Status::running) {}
    return outcome_of(engine);
}

void ShapleyJob::finish() {
    if (done_) return;
    // Reused subsets copy the run they share, now that it has run.
    for (auto& sub : result_.subsets) {
        if (sub.same_as < 0) continue;
        const ShapleySubset& from = result_.subsets[static_cast<std::size_t>(sub.same_as)];
        sub.value = from.value;
        sub.finished = from.finished;
        sub.stuck = from.stuck;
    }
    compute_values();
    done_ = true;
}

bool ShapleyJob::step(std::int64_t budget_events) {
    if (done_) return true;
    std::int64_t budget = std::max<std::int64_t>(budget_events, 1);
    const std::uint32_t count = static_cast<std::uint32_t>(result_.subsets.size());
    while (budget > 0 && next_mask_ < count) {
        if (!engine_) {
            start_subset();
            continue;
        }
        const std::int64_t before = engine_->events();
        const Engine::Status st = engine_->run(budget);
        budget -= std::max<std::int64_t>(engine_->events() - before, 1);
        if (st != Engine::Status::running) finish_subset();
    }
    if (next_mask_ >= count && !engine_) {
        compute_values();
        done_ = true;
    }
    return done_;
}

// ---------------------------------------------------------------- [SECTION] values
namespace {
// forward[S]: orders reaching S through subsets that all apply; backward[S]: orders
// completing S to all levers likewise.
void count_orders(const std::vector<char>& feasible, std::size_t k, std::vector<double>& forward,
                  std::vector<double>& backward) {
    const std::uint32_t count = static_cast<std::uint32_t>(feasible.size());
    const std::uint32_t all = count - 1;
    forward.assign(count, 0);
    backward.assign(count, 0);
    for (std::uint32_t s = 0; s < count; ++s) {
        if (!feasible[s]) continue;
        if (s == 0) { forward[s] = 1; continue; }
        for (std::size_t i = 0; i < k; ++i)
            if ((s & (1u << i)) && feasible[s ^ (1u << i)]) forward[s] += forward[s ^ (1u << i)];
    }
    for (std::uint32_t s = count; s-- > 0;) {
        if (!feasible[s]) continue;
        if (s == all) { backward[s] = 1; continue; }
        for (std::size_t i = 0; i < k; ++i)
            if (!(s & (1u << i)) && feasible[s | (1u << i)]) backward[s] += backward[s | (1u << i)];
    }
}
}  // namespace

// Lever i's value is its marginal contribution v(S∪i) − v(S) weighted by the feasible
// orders that add i right after S. With every subset feasible this is the classic
// |S|!(k−|S|−1)!/k! weighting.
std::vector<double> shapley_from_subsets(const std::vector<double>& value, const std::vector<char>& feasible) {
    std::size_t k = 0;
    while ((std::size_t{1} << k) < value.size()) ++k;
    std::vector<double> phi(k, 0);
    if (value.size() != (std::size_t{1} << k) || feasible.size() != value.size()) return phi;
    std::vector<double> forward, backward;
    count_orders(feasible, k, forward, backward);
    const std::uint32_t count = static_cast<std::uint32_t>(value.size());
    const double orders = forward[count - 1];
    if (orders <= 0) return phi;
    for (std::size_t i = 0; i < k; ++i) {
        const std::uint32_t bit = 1u << i;
        double sum = 0;
        for (std::uint32_t s = 0; s < count; ++s) {
            if ((s & bit) || !feasible[s] || !feasible[s | bit]) continue;
            const double w = forward[s] * backward[s | bit];
            if (w == 0) continue;
            sum += w * (value[s | bit] - value[s]);
        }
        phi[i] = sum / orders;
    }
    return phi;
}

void ShapleyJob::compute_values() {
    const std::size_t k = setup_.levers.size();
    const std::uint32_t count = static_cast<std::uint32_t>(result_.subsets.size());
    const std::uint32_t all = count - 1;
    auto& subs = result_.subsets;
    std::vector<char> feasible(count);
    for (std::uint32_t s = 0; s < count; ++s) feasible[s] = subs[s].ok ? 1 : 0;
    std::vector<double> forward, backward;
    count_orders(feasible, k, forward, backward);
    double orders = 1;
    for (std::size_t i = 2; i <= k; ++i) orders *= static_cast<double>(i);
    result_.all_orders = orders;
    result_.feasible_orders = forward[all];
    result_.none = subs[0].value;
    result_.all = subs[all].ok ? subs[all].value : ShapleyValues{};
    for (int m = 0; m < kShapleyMeasureCount; ++m) result_.total[m] = result_.all[m] - result_.none[m];
    for (int m = 0; m < kShapleyMeasureCount; ++m) {
        std::vector<double> value(count);
        for (std::uint32_t s = 0; s < count; ++s) value[s] = subs[s].value[m];
        const std::vector<double> phi = shapley_from_subsets(value, feasible);
        for (std::size_t i = 0; i < k; ++i) result_.levers[i].value[m] = phi[i];
    }
    // Which attributions a failure touches: the lever that could not apply, and the
    // levers whose presence would have let it apply (its prerequisites).
    std::vector<std::vector<std::size_t>> needs(k), needed_by(k);
    for (std::uint32_t s = 0; s < count; ++s) {
        const std::int32_t b = subs[s].failed_lever;
        if (b < 0) continue;
        for (std::size_t i = 0; i < k; ++i) {
            if (s & (1u << i)) continue;
            if (subs[s | (1u << i)].failed_lever == b) continue;
            const auto bi = static_cast<std::size_t>(b);
            if (std::find(needs[bi].begin(), needs[bi].end(), i) == needs[bi].end()) needs[bi].push_back(i);
            if (std::find(needed_by[i].begin(), needed_by[i].end(), bi) == needed_by[i].end())
                needed_by[i].push_back(bi);
        }
        auto& l = result_.levers[static_cast<std::size_t>(b)];
        l.affected = true;
    }
    auto names = [&](std::vector<std::size_t> ids, bool zh) {
        std::sort(ids.begin(), ids.end());
        std::string out;
        for (std::size_t j = 0; j < ids.size(); ++j) {
            if (j) out += zh ? "、" : ", ";
            out += zh ? "「" + result_.levers[ids[j]].label_zh + "」" : "\"" + result_.levers[ids[j]].label_en + "\"";
        }
        return out;
    };
    for (std::size_t i = 0; i < k; ++i) {
        auto& l = result_.levers[i];
        if (!needs[i].empty()) {
            l.affected = true;
            l.affected_why_zh = "缺少" + names(needs[i], true) + "时无法实施，只在其之后计入";
            l.affected_why_en = "cannot apply without " + names(needs[i], false) + "; counted only after it";
        } else if (l.affected) {
            l.affected_why_zh = "部分组合中无法实施";
            l.affected_why_en = "cannot apply in some subsets";
        }
        if (!needed_by[i].empty()) {
            l.affected = true;
            if (!l.affected_why_zh.empty()) { l.affected_why_zh += "；"; l.affected_why_en += "; "; }
            l.affected_why_zh += names(needed_by[i], true) + "依赖它，只在其之前计入";
            l.affected_why_en += names(needed_by[i], false) + " depends on it; counted only before them";
        }
    }
    result_.complete = true;
}

ShapleyResult shapley_values(const Scenario& scenario, const Calendar& calendar, const ShapleySetup& setup,
                             std::uint64_t seed, std::int32_t citizens) {
    ShapleyJob job(scenario, calendar, setup, seed, citizens);
    while (!job.step(INT64_MAX / 4)) {}
    return job.result();
}

}  // namespace peizou
