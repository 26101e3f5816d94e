// The engine's behaviour on small hand-built models: common random numbers for the
// background load, what each reform lever actually does to a run, 容缺受理 supplied
// later, the work budget.
#include <catch2/catch.hpp>

#include <map>

#include "core/engine.hpp"
#include "core/levers.hpp"

using namespace peizou;

namespace {

Department desk(std::string id, std::string place, int windows, double per_hour,
                double service_minutes) {
    Department d;
    d.id = std::move(id);
    d.place = std::move(place);
    d.windows = windows;
    d.background.per_hour = per_hour;
    d.background_service.dist = DistKind::exponential;
    d.background_service.mean = service_minutes;
    return d;
}

Step step(std::string id, StepKind kind, std::string dept, std::vector<std::string> after = {}) {
    Step s;
    s.id = std::move(id);
    s.kind = kind;
    s.department = std::move(dept);
    s.after = std::move(after);
    s.service.dist = DistKind::exponential;
    s.service.mean = 10;
    return s;
}

// Two desks in one hall, both with background load; always open.
Scenario two_desks() {
    Scenario s;
    s.id = "two";
    s.start = make_time({2025, 3, 3}, 0, 0);
    s.calendar_mode = CalendarMode::always_open;
    s.arrivals_per_working_day = 48;
    s.places = {Place{"home", "家", "", 0}, Place{"hall", "大厅", "", 20}};
    s.departments = {desk("a", "hall", 2, 6, 12), desk("b", "hall", 2, 6, 12)};
    Variant v;
    v.id = "before";
    v.steps = {step("at_a", StepKind::window, "a"), step("at_b", StepKind::window, "b", {"at_a"})};
    s.variants = {v};
    return s;
}

using Served = std::map<std::pair<std::int32_t, std::uint32_t>, Seconds>;

RunResult run_with(const Scenario& s, const Variant& v, EngineOptions o, Served* served = nullptr,
                   std::vector<LogEvent>* log = nullptr) {
    if (served)
        o.background_sink = [served](std::int32_t d, std::uint32_t n, Seconds t) { (*served)[{d, n}] = t; };
    if (log) o.sink = [log](const LogEvent& e) { log->push_back(e); };
    return run_monte_carlo(s, v, Calendar(), o);
}

}  // namespace

TEST_CASE("background service draws do not depend on how many process citizens queue",
          "[engine][crn]") {
    const Scenario s = two_desks();
    Variant without_a = s.variants[0];  // the process no longer goes to desk a
    without_a.steps.erase(without_a.steps.begin());
    without_a.steps[0].after.clear();
    EngineOptions o;
    o.seed = 5;
    o.citizens = 300;
    Served with, without;
    run_with(s, s.variants[0], o, &with);
    run_with(s, without_a, o, &without);
    // The same background citizen (department, number) is served for the same time.
    int common = 0, differ = 0;
    for (const auto& [who, service] : with) {
        auto it = without.find(who);
        if (it == without.end()) continue;
        ++common;
        if (it->second != service) ++differ;
    }
    CHECK(common > 1000);
    CHECK(differ == 0);
}
