#include "pool_task.hpp"

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/levers.hpp"
#include "scenario/scenario_io.hpp"

namespace peizou::app::pool {

// Ordered, like every JSON of the app: one instantiation of the library in the page.
using Json = nlohmann::ordered_json;

std::string task_json(const SubsetTask& t) {
    Json j = {{"scenario", t.scenario_json}, {"target", t.target}, {"base", t.base},
              {"seed", std::to_string(t.seed)}, {"citizens", t.citizens}, {"mask", t.mask}};
    return j.dump();
}

std::string task_json(const PassTask& t) {
    Json j = {{"kind", "pass"}, {"scenario", t.scenario_json}, {"variant", t.variant},
              {"seed", std::to_string(t.seed)}, {"citizens", t.citizens}};
    if (t.whatif)
        j["whatif"] = {{"background", t.whatif->background}, {"review", t.whatif->review}, {"rework", t.whatif->rework},
                       {"department_ids", t.whatif->department_ids}, {"windows", t.whatif->windows}};
    return j.dump();
}

namespace {

// The last pass task's scenario: a worker gets every pass of one comparison.
struct CachedScenario {
    std::string text;
    std::unique_ptr<Scenario> scenario;
    std::unique_ptr<Calendar> calendar;
};
CachedScenario cached_scenario;

std::string run_pass(const Json& j) {
    const std::string text = j.value("scenario", "");
    if (!cached_scenario.scenario || cached_scenario.text != text) {
        cached_scenario = CachedScenario{};
        scenario::LoadResult loaded = scenario::load_scenario(text, "pool");
        if (!loaded.ok) return "error: the scenario does not load";
        cached_scenario.scenario = std::make_unique<Scenario>(std::move(loaded.scenario));
        cached_scenario.calendar = std::make_unique<Calendar>(scenario::scenario_calendar(*cached_scenario.scenario));
        cached_scenario.text = text;
    }
    CompareVariantRun r;
    r.id = j.value("variant", "");
    if (!cached_scenario.scenario->variant(r.id)) return "error: no variant " + r.id;
    WhatIf w;
    const bool knobs = j.contains("whatif");
    if (knobs) {
        const Json& k = j["whatif"];
        w.background = k.value("background", 1.0f);
        w.review = k.value("review", 1.0f);
        w.rework = k.value("rework", 1.0f);
        w.department_ids = k.value("department_ids", std::vector<std::string>{});
        w.windows = k.value("windows", std::vector<int>{});
    }
    prepare_pass(r, *cached_scenario.scenario, knobs ? &w : nullptr);
    EngineOptions base;
    base.seed = std::strtoull(j.value("seed", "0").c_str(), nullptr, 10);
    base.citizens = j.value("citizens", 0);
    std::int64_t events = 0;
    bool complete = false;
    while (!r.main_done) complete = main_chunk(r, *cached_scenario.calendar, base, events);
    while (!complete) complete = median_chunk(r, *cached_scenario.calendar, base, events);
    return encode_pass(r, events);
}

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
    const Json j = Json::parse(json, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return "error: task is not JSON";
    if (j.value("kind", "") == "pass") return run_pass(j);
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

// ---------------------------------------------------------------- a variant's pass
namespace {

// Up to this many citizens the Monte Carlo keeps the process citizens' events, so the
// median citizen is picked out of them and needs no second pass (≈30 events a citizen);
// above it the memory would grow too much, and a second pass re-traces that citizen.
constexpr std::int32_t kLogCitizens = 5000;

double now_ms() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

void scale(ArrivalRate& a, double f) {
    a.per_hour *= f;
    for (auto& x : a.by_hour) x *= f;
}

}  // namespace

void prepare_pass(CompareVariantRun& r, const Scenario& original, const WhatIf* w) {
    r.scenario = std::make_unique<Scenario>(original);
    r.variant = std::make_unique<Variant>(*original.variant(r.id));
    r.engine.reset();
    r.pass_done = false;
    r.main_done = false;
    r.logging = false;
    r.log.clear();
    r.next_result = RunResult{};
    r.next_median = MedianTrace{};
    r.next_departments.clear();
    r.main_ms = r.median_ms = 0;
    if (!w) return;
    auto knob = [&](Department& d) {
        scale(d.background, w->background);
        for (std::size_t i = 0; i < w->department_ids.size(); ++i)
            if (w->department_ids[i] == d.id && i < w->windows.size()) d.windows = w->windows[i];
    };
    for (auto& d : r.scenario->departments) knob(d);
    for (auto& d : r.variant->extra_departments) knob(d);
    for (auto& st : r.variant->steps) {
        scale_duration(st.review, w->review);
        st.rework_probability = std::min(1.0, st.rework_probability * w->rework);
    }
}

bool main_chunk(CompareVariantRun& r, const Calendar& calendar, const EngineOptions& base, std::int64_t& events) {
    const double t0 = now_ms();
    if (!r.engine) {
        EngineOptions o = base;
        r.logging = base.citizens <= kLogCitizens;
        if (r.logging) {
            r.log.reserve(static_cast<std::size_t>(base.citizens) * 32);
            std::vector<LogEvent>* log = &r.log;
            o.sink = [log](const LogEvent& e) { log->push_back(e); };
        }
        r.engine = std::make_unique<Engine>(*r.scenario, *r.variant, calendar, o);
    }
    const std::int64_t before = r.engine->events();
    const Engine::Status st = r.engine->run(kChunkEvents);
    events += r.engine->events() - before;
    if (st == Engine::Status::running) {
        r.main_ms += now_ms() - t0;
        return false;
    }
    r.next_result = result_of(*r.engine, *r.scenario, *r.variant, base.seed, base.citizens);
    r.next_departments = r.engine->departments();
    r.engine.reset();
    r.main_done = true;
    r.main_ms += now_ms() - t0;
    if (!r.logging) return false;
    // The median citizen's events are in the log already.
    const double t1 = now_ms();
    const std::int32_t m = median_case(r.next_result.cases);
    if (m >= 0) {
        const std::int32_t citizen = r.next_result.cases[static_cast<std::size_t>(m)].citizen;
        r.next_median.citizen = citizen;
        for (auto& e : r.log)
            if (e.citizen == citizen) r.next_median.events.push_back(std::move(e));
    }
    r.median_ms += now_ms() - t1;
    return true;
}

bool median_chunk(CompareVariantRun& r, const Calendar& calendar, const EngineOptions& base, std::int64_t& events) {
    const double t0 = now_ms();
    if (!r.engine) {
        const std::int32_t m = median_case(r.next_result.cases);
        if (m < 0) return true;
        r.next_median.citizen = r.next_result.cases[static_cast<std::size_t>(m)].citizen;
        EngineOptions o = base;
        MedianTrace* trace = &r.next_median;
        o.sink = [trace](const LogEvent& e) {
            if (e.citizen != trace->citizen) return;
            trace->events.push_back(e);
            if (e.activity == Activity::case_finish || e.activity == Activity::case_stuck) trace->complete = true;
        };
        r.engine = std::make_unique<Engine>(*r.scenario, *r.variant, calendar, o);
    }
    const std::int64_t before = r.engine->events();
    const Engine::Status st = r.engine->run(kChunkEvents);
    events += r.engine->events() - before;
    r.median_ms += now_ms() - t0;
    return st != Engine::Status::running || r.next_median.complete;  // the rest is not needed
}

std::string encode_pass(const CompareVariantRun& r, std::int64_t events) {
    const RunResult& x = r.next_result;
    Json cases = Json::array(), departments = Json::array(), log = Json::array();
    for (const auto& c : x.cases)
        cases.push_back({c.start, c.finish, c.citizen_seconds, c.agent_seconds, bits(c.fees_yuan), c.citizen,
                         c.working_days, c.trips, c.window_visits, c.departments, c.submissions, c.repeat_submissions,
                         c.rejections, c.legal_limits_met, c.promised_limits_met});
    for (const auto& d : x.departments)
        departments.push_back({d.id, d.served, d.sent_home, bits(d.total_wait_seconds), bits(d.busy_seconds),
                               bits(d.overtime_seconds), bits(d.open_window_seconds)});
    for (const auto& e : r.next_median.events)
        log.push_back({e.time, e.citizen, static_cast<int>(e.activity), e.step, e.department, e.place, e.count, e.detail});
    const Json j = {{"scenario", x.scenario}, {"variant", x.variant}, {"citizens", x.citizens},
                    {"simulated", x.simulated}, {"seed", x.seed}, {"events", x.events},
                    {"warnings", x.warnings}, {"stuck", x.stuck}, {"promised_trips", x.promised_trips},
                    {"cases", cases}, {"departments", departments}, {"median", r.next_median.citizen},
                    {"median_events", log}, {"main_ms", r.main_ms}, {"median_ms", r.median_ms},
                    {"pass_events", events}};
    return j.dump();
}

namespace {
double real(const Json& j) {
    const std::uint64_t u = j.get<std::uint64_t>();
    double d;
    std::memcpy(&d, &u, sizeof d);
    return d;
}
}  // namespace

bool decode_pass(const std::string& text, CompareVariantRun& r, std::int64_t& events) {
    const Json j = Json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("pass_events")) return false;
    try {
        RunResult x;
        x.scenario = j["scenario"].get<std::string>();
        x.variant = j["variant"].get<std::string>();
        x.citizens = j["citizens"].get<std::int32_t>();
        x.simulated = j["simulated"].get<std::int32_t>();
        x.seed = j["seed"].get<std::uint64_t>();
        x.events = j["events"].get<std::int64_t>();
        x.warnings = j["warnings"].get<std::vector<std::string>>();
        x.stuck = j["stuck"].get<std::vector<std::string>>();
        x.promised_trips = j["promised_trips"].get<std::int32_t>();
        for (const auto& a : j["cases"]) {
            CaseMeasures c;
            c.start = a[0].get<Seconds>();
            c.finish = a[1].get<Seconds>();
            c.citizen_seconds = a[2].get<std::int64_t>();
            c.agent_seconds = a[3].get<std::int64_t>();
            c.fees_yuan = real(a[4]);
            c.citizen = a[5].get<std::int32_t>();
            c.working_days = a[6].get<std::int32_t>();
            c.trips = a[7].get<std::int16_t>();
            c.window_visits = a[8].get<std::int16_t>();
            c.departments = a[9].get<std::int16_t>();
            c.submissions = a[10].get<std::int16_t>();
            c.repeat_submissions = a[11].get<std::int16_t>();
            c.rejections = a[12].get<std::int16_t>();
            c.legal_limits_met = a[13].get<bool>();
            c.promised_limits_met = a[14].get<bool>();
            x.cases.push_back(c);
        }
        for (const auto& a : j["departments"]) {
            DepartmentStats d;
            d.id = a[0].get<std::string>();
            d.served = a[1].get<std::int64_t>();
            d.sent_home = a[2].get<std::int64_t>();
            d.total_wait_seconds = real(a[3]);
            d.busy_seconds = real(a[4]);
            d.overtime_seconds = real(a[5]);
            d.open_window_seconds = real(a[6]);
            x.departments.push_back(d);
        }
        MedianTrace m;
        m.citizen = j["median"].get<std::int32_t>();
        for (const auto& a : j["median_events"]) {
            LogEvent e;
            e.time = a[0].get<Seconds>();
            e.citizen = a[1].get<std::int32_t>();
            e.activity = static_cast<Activity>(a[2].get<int>());
            e.step = a[3].get<std::int32_t>();
            e.department = a[4].get<std::int32_t>();
            e.place = a[5].get<std::int32_t>();
            e.count = a[6].get<std::int32_t>();
            e.detail = a[7].get<std::string>();
            m.events.push_back(std::move(e));
        }
        r.main_ms = j["main_ms"].get<double>();
        r.median_ms = j["median_ms"].get<double>();
        events = j["pass_events"].get<std::int64_t>();
        r.next_result = std::move(x);
        r.next_median = std::move(m);
    } catch (const Json::exception&) {
        return false;
    }
    r.next_departments = variant_departments(*r.scenario, *r.variant);  // what Engine::departments() holds
    r.engine.reset();
    r.main_done = true;
    return true;
}

}  // namespace peizou::app::pool
