#include "pool_task.hpp"

#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenario/scenario_io.hpp"

namespace peizou::app::pool {

std::string task_json(const SubsetTask& t) {
    nlohmann::ordered_json j = {{"scenario", t.scenario_json}, {"target", t.target}, {"base", t.base},
                                {"seed", std::to_string(t.seed)}, {"citizens", t.citizens}, {"mask", t.mask}};
    return j.dump();
}

namespace {

// The job of the last task's scenario and setup: a worker gets many subsets of one job.
struct Cached {
    std::string key;
    std::unique_ptr<Scenario> scenario;
    std::unique_ptr<Calendar> calendar;
    std::unique_ptr<ShapleyJob> job;
    std::vector<ShapleyJob::PendingRun> pending;
};
Cached cached;

}  // namespace

std::string run_task(const std::string& json) {
    const nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return "error: task is not JSON";
    const std::string text = j.value("scenario", "");
    const std::string target = j.value("target", ""), base = j.value("base", "");
    const std::uint64_t seed = std::strtoull(j.value("seed", "0").c_str(), nullptr, 10);
    const std::int32_t citizens = j.value("citizens", 0);
    const std::uint32_t mask = j.value("mask", 0u);
    const std::string key = text + '\n' + target + '\n' + base + '\n' + std::to_string(seed) + '\n' + std::to_string(citizens);
    if (key != cached.key) {
        cached = Cached{};
        scenario::LoadResult loaded = scenario::load_scenario(text, "pool");
        if (!loaded.ok) return "error: the scenario does not load";
        cached.scenario = std::make_unique<Scenario>(std::move(loaded.scenario));
        cached.calendar = std::make_unique<Calendar>(scenario::scenario_calendar(*cached.scenario));
        const ShapleySetup setup = shapley_setup(*cached.scenario, target, base);
        if (!setup.ok) return "error: no attribution for " + target;
        cached.job = std::make_unique<ShapleyJob>(*cached.scenario, *cached.calendar, setup, seed, citizens);
        cached.pending = cached.job->take_runs();
        cached.key = key;
    }
    for (const auto& p : cached.pending)
        if (p.mask == mask) return encode(cached.job->run_one(p));
    return "error: no such subset";
}

namespace {
std::uint64_t bits(double d) {
    std::uint64_t u;
    std::memcpy(&u, &d, sizeof u);
    return u;
}
}  // namespace

std::string encode(const ShapleyJob::RunOutcome& o) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%016" PRIx64 " %016" PRIx64 " %016" PRIx64 " %" PRId32 " %" PRId32 " %" PRId64,
                  bits(o.value[0]), bits(o.value[1]), bits(o.value[2]), o.finished, o.stuck, o.events);
    return buf;
}

bool decode(const std::string& text, ShapleyJob::RunOutcome& o) {
    std::uint64_t v[3];
    if (std::sscanf(text.c_str(), "%" SCNx64 " %" SCNx64 " %" SCNx64 " %" SCNd32 " %" SCNd32 " %" SCNd64, &v[0], &v[1],
                    &v[2], &o.finished, &o.stuck, &o.events) != 6)
        return false;
    for (int i = 0; i < 3; ++i) std::memcpy(&o.value[static_cast<std::size_t>(i)], &v[i], sizeof(double));
    return true;
}

}  // namespace peizou::app::pool
