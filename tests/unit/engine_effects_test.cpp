// The engine's behaviour on small hand-built models: common random numbers for the
// background load, what each reform lever actually does to a run, 容缺受理 supplied
// later, the work budget.
#include <catch2/catch.hpp>

#include <cmath>
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

namespace {

// apply (desk a, needs id_card + the non-essential proof) → collect (desk a); the proof
// comes from `get_proof` (desk b, review 2 working days), which runs in parallel.
Scenario missing_proof(bool b_online) {
    Scenario s;
    s.id = "missing";
    s.start = make_time({2025, 3, 3}, 9, 0);  // a Monday
    s.calendar_mode = CalendarMode::always_open;
    s.places = {Place{"home", "家", "", 0}, Place{"hall", "大厅", "", 30}};
    s.departments = {desk("a", "hall", 1, 0, 10), desk("b", "hall", 1, 0, 10)};
    s.departments[0].online = b_online;  // a's online channel decides how the proof is supplied
    s.materials = {Material{"id_card", "身份证", "", true, true, false, ""},
                   Material{"proof", "证明", "", false, false, false, ""},
                   Material{"licence", "许可证", "", false, true, false, ""}};
    Variant v;
    v.id = "before";
    Step get = step("get_proof", StepKind::window, "b");
    get.service = Duration::minutes(10);
    get.needs = {"id_card"};
    get.review.value = 3;  // hours: the proof comes the same day, after the citizen left
    get.review.unit = TimeUnit::hours;
    get.produces = {"proof"};
    Step apply = step("apply", StepKind::window, "a");
    apply.service = Duration::minutes(10);
    apply.needs = {"id_card", "proof"};
    apply.review = Duration::minutes(60);
    apply.produces = {"licence"};
    v.steps = {apply, get};
    s.variants = {v};
    return s;
}

}  // namespace

TEST_CASE("容缺受理: a missing non-essential material is accepted, owed, and supplied later",
          "[engine][accept_missing]") {
    for (bool online : {false, true}) {
        INFO("department a online: " << online);
        const Scenario s = missing_proof(online);
        EngineOptions o;
        o.citizens = 20;
        o.background = false;
        std::vector<LogEvent> log;
        const RunResult r = run_with(s, s.variants[0], o, nullptr, &log);
        REQUIRE(r.stuck.empty());
        REQUIRE(r.cases.size() == 20u);
        for (const auto& c : r.cases) {
            CHECK(c.rejections == 0);       // accepted without the proof
            CHECK(c.submissions == 3);      // id card twice, the proof once when supplied
            CHECK(c.repeat_submissions == 1);
            CHECK(c.trips == (online ? 1 : 2));  // in person: one more trip to hand it in
        }
        // apply completes only after the proof was supplied, never at the end of its review.
        std::map<std::int32_t, Seconds> got_proof, supplied, apply_done;
        for (const auto& e : log) {
            if (e.activity == Activity::material_received && e.detail == "proof") got_proof[e.citizen] = e.time;
            if (e.activity == Activity::handover && e.step == 0 && e.detail.rfind("补交", 0) == 0)
                supplied[e.citizen] = e.time;
            if (e.activity == Activity::step_complete && e.step == 0) apply_done[e.citizen] = e.time;
        }
        REQUIRE(apply_done.size() == 20u);
        for (const auto& [who, done] : apply_done) {
            REQUIRE(supplied.count(who));
            CHECK(supplied[who] >= got_proof[who]);
            CHECK(done >= supplied[who]);
            if (online) CHECK(supplied[who] == got_proof[who]);  // uploaded at once, no trip
            else CHECK(supplied[who] > got_proof[who]);          // taken to desk a
        }
    }
}

TEST_CASE("a material owed that can never be supplied leaves the case stuck with the reason",
          "[engine][accept_missing]") {
    Scenario s = missing_proof(false);
    s.variants[0].steps.pop_back();  // nobody issues the proof
    EngineOptions o;
    o.citizens = 3;
    o.background = false;
    const RunResult r = run_with(s, s.variants[0], o);
    CHECK(r.cases.empty());
    REQUIRE(r.stuck.size() == 3u);
    CHECK(r.stuck[0].find("容缺材料无法补交: proof") != std::string::npos);
}

TEST_CASE("the work budget cuts a hostile run short with a warning, never a hang", "[engine][budget]") {
    // Validates, yet a 1,000-calendar-day review at a desk with 10,000 walk-ins an hour
    // would take ~32 M events for one citizen.
    Scenario s;
    s.id = "hostile";
    s.start = make_time({2025, 3, 3}, 9, 0);
    s.calendar_mode = CalendarMode::always_open;
    s.places = {Place{"home", "家", "", 0}, Place{"hall", "大厅", "", 10}};
    s.departments = {desk("a", "hall", 1000, 10000, 5)};
    Variant v;
    v.id = "before";
    Step st = step("apply", StepKind::window, "a");
    st.review.value = 1000;
    st.review.unit = TimeUnit::calendar_days;
    v.steps = {st};
    s.variants = {v};
    EngineOptions o;
    o.citizens = 5;
    o.max_events = 200000;
    const RunResult r = run_with(s, s.variants[0], o);
    CHECK(r.events == 200000);
    CHECK(r.cases.empty());
    REQUIRE(r.stuck.size() == 5u);  // every citizen accounted for
    CHECK(r.stuck[0].find("work budget") != std::string::npos);
    bool warned = false;
    for (const auto& w : r.warnings)
        warned = warned || (w.find("run cut short after 200000 events") != std::string::npos &&
                            w.find("模拟提前结束") != std::string::npos);
    CHECK(warned);
    // The default budget is far above what an ordinary run needs.
    EngineOptions d;
    CHECK(d.max_events >= 100'000'000);
}

TEST_CASE("single_window moves the walk-in load: the same background citizens are served, not twice as many",
          "[engine][levers]") {
    Scenario s = two_desks();
    Lever l;
    l.kind = LeverKind::single_window;
    l.departments = {"a", "b"};
    l.window_department = "cw";
    Variant after = apply_lever(s, s.variants[0], l).variant;
    EngineOptions o;
    o.citizens = 200;
    Served before_served, after_served;
    const RunResult rb = run_with(s, s.variants[0], o, &before_served);
    const RunResult ra = run_with(s, after, o, &after_served);
    REQUIRE(ra.cases.size() == 200u);
    // Always open, nobody is sent home: every walk-in is served once in each variant; the
    // window draws its own stream at the summed rate, so the counts agree within noise.
    const double b = static_cast<double>(before_served.size()), a = static_cast<double>(after_served.size());
    CHECK(std::fabs(a - b) < 4 * std::sqrt(b));
    for (const auto& d : ra.departments)
        if (d.id == "a" || d.id == "b") CHECK(d.served == 0);  // back office only
}
