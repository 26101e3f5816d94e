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
    CHECK(r.stuck[0].find("supplied: proof / 容缺受理的材料《") != std::string::npos);
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
    o.max_work = 200000 * 32;  // 200,000 plain events
    o.work_per_citizen = 0;
    const RunResult r = run_with(s, s.variants[0], o);
    CHECK(r.events <= 200000);
    CHECK(r.events > 150000);  // the loops of this small model add little
    CHECK(r.cases.empty());
    REQUIRE(r.stuck.size() == 5u);  // every citizen accounted for
    CHECK(r.stuck[0].find("work budget") != std::string::npos);
    bool warned = false;
    for (const auto& w : r.warnings)
        warned = warned || (w.find("work budget of 6400000 units spent") != std::string::npos &&
                            w.find("模拟提前结束") != std::string::npos);
    CHECK(warned);
    // The default budget is far above what an ordinary run needs.
    EngineOptions d;
    CHECK(d.max_work >= 100'000'000LL * 32);
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

// ---------------------------------------------------------------- each lever's effect on a run
namespace {

// One desk in a hall 30 minutes away, no background; steps fixed in time.
Scenario one_desk(std::vector<Step> steps) {
    Scenario s;
    s.id = "lever";
    s.start = make_time({2025, 3, 3}, 9, 0);  // a Monday
    s.calendar_mode = CalendarMode::always_open;
    s.places = {Place{"home", "家", "", 0}, Place{"hall", "大厅", "", 30}};
    s.departments = {desk("a", "hall", 2, 0, 10)};
    s.materials = {Material{"id_card", "身份证", "", true, true, false, ""},
                   Material{"photo", "照片", "", false, true, false, ""}};
    Variant v;
    v.id = "before";
    for (auto& st : steps) {
        st.service = Duration::minutes(10);
        v.steps.push_back(st);
    }
    s.variants = {v};
    return s;
}

Step fixed_review(std::string id, StepKind kind, double minutes, std::vector<std::string> after = {}) {
    Step st = step(std::move(id), kind, "a", std::move(after));
    st.review = Duration::minutes(minutes);
    return st;
}

Variant with_lever(const Scenario& s, Lever l) {
    const LeverResult r = apply_lever(s, s.variants[0], l);
    REQUIRE(r.ok);
    return r.variant;
}

Lever lever(LeverKind k, std::vector<std::string> steps = {}, std::vector<std::string> materials = {}) {
    Lever l;
    l.kind = k;
    l.steps = std::move(steps);
    l.materials = std::move(materials);
    return l;
}

RunResult few(const Scenario& s, const Variant& v, const Calendar& cal = Calendar(),
              std::vector<LogEvent>* log = nullptr) {
    EngineOptions o;
    o.citizens = 10;
    o.background = false;
    if (log) o.sink = [log](const LogEvent& e) { log->push_back(e); };
    RunResult r = run_monte_carlo(s, v, cal, o);
    REQUIRE(r.stuck.empty());
    REQUIRE(r.cases.size() == 10u);
    return r;
}

Seconds time_of(const std::vector<LogEvent>& log, std::int32_t citizen, Activity a, std::int32_t step) {
    for (const auto& e : log)
        if (e.citizen == citizen && e.activity == a && e.step == step) return e.time;
    FAIL("no such event");
    return 0;
}

}  // namespace

TEST_CASE("帮办代办: the agent makes the trips; the citizen makes none, the agent's time is counted",
          "[engine][levers]") {
    const Scenario s = one_desk({fixed_review("apply", StepKind::window, 0)});
    const RunResult before = few(s, s.variants[0]);
    const RunResult after = few(s, with_lever(s, lever(LeverKind::agent)));
    for (const auto& c : before.cases) CHECK(c.trips == 1);
    for (std::size_t i = 0; i < 10; ++i) {
        const CaseMeasures& c = after.cases[i];
        CHECK(c.trips == 0);
        CHECK(c.citizen_seconds == 0);
        // The time the citizen spent before (travel, queue, window) is now the agent's.
        CHECK(c.agent_seconds >= 30 * kMinute + 10 * kMinute);
        CHECK(c.agent_seconds == before.cases[i].citizen_seconds);
    }
}

TEST_CASE("一网通办: no trip, no queue; the review still keeps office hours", "[engine][levers]") {
    Scenario s = one_desk({fixed_review("apply", StepKind::window, 4 * 60)});
    s.calendar_mode = CalendarMode::working_days;
    const Calendar cal(CalendarMode::working_days, s.office_hours, HolidayData{});
    std::vector<LogEvent> log;
    const RunResult r = few(s, with_lever(s, lever(LeverKind::online)), cal, &log);
    for (const auto& c : r.cases) {
        CHECK(c.trips == 0);
        CHECK(c.window_visits == 0);
        // Four hours of office time, whatever the hour it was submitted at.
        const Seconds from = time_of(log, c.citizen, Activity::review_start, 0);
        const Seconds to = time_of(log, c.citizen, Activity::step_complete, 0);
        CHECK(cal.working_time_between(from, to) == 4 * kHour);
    }
    CHECK(r.departments[0].served == 0);
}

TEST_CASE("数据共享: a shared material is submitted once, not again", "[engine][levers]") {
    Step a = fixed_review("a", StepKind::window, 0), b = fixed_review("b", StepKind::window, 0, {"a"});
    a.needs = b.needs = {"id_card"};
    const Scenario s = one_desk({a, b});
    const RunResult before = few(s, s.variants[0]);
    const RunResult after = few(s, with_lever(s, lever(LeverKind::share_materials, {}, {"id_card"})));
    for (const auto& c : before.cases) CHECK(c.repeat_submissions == 1);
    for (const auto& c : after.cases) {
        CHECK(c.repeat_submissions == 0);
        CHECK(c.submissions == 1);
    }
}

TEST_CASE("边建设边办理: successors start at acceptance, not at completion", "[engine][levers]") {
    const Scenario s = one_desk({fixed_review("permit", StepKind::window, 3 * 24 * 60),
                                 fixed_review("build", StepKind::window, 0, {"permit"})});
    std::vector<LogEvent> before_log, after_log;
    few(s, s.variants[0], Calendar(), &before_log);
    few(s, with_lever(s, lever(LeverKind::build_while_approving, {"permit"})), Calendar(), &after_log);
    for (std::int32_t c = 0; c < 10; ++c) {
        CHECK(time_of(before_log, c, Activity::accepted, 1) > time_of(before_log, c, Activity::step_complete, 0));
        CHECK(time_of(after_log, c, Activity::accepted, 1) < time_of(after_log, c, Activity::review_start, 0) + 3 * kDay);
    }
}

TEST_CASE("容缺受理 lever: no rejection for a missing non-essential paper", "[engine][levers]") {
    Step apply = fixed_review("apply", StepKind::window, 0);
    apply.needs = {"id_card", "photo"};
    Step photo = fixed_review("photo_studio", StepKind::review, 60);  // the photo comes later
    photo.produces = {"photo"};
    const Scenario s = one_desk({apply, photo});
    auto walk = [&](const Variant& v) {
        EngineOptions o;
        o.interactive = true;
        o.background = false;
        Engine e(s, v, Calendar(), o);
        REQUIRE(e.run() == Engine::Status::decision);
        REQUIRE(e.answer(Choice{DecisionKind::next_step, "apply", {}}));
        REQUIRE(e.run() == Engine::Status::decision);
        REQUIRE(e.pending()->kind == DecisionKind::handover);
        REQUIRE(e.answer(Choice{DecisionKind::handover, "", {"id_card"}}));  // no photo yet
        for (int i = 0; i < 50 && e.run() == Engine::Status::decision; ++i) REQUIRE(e.answer(e.suggestion()));
        REQUIRE(e.cases().size() == 1u);
        return e.cases()[0];
    };
    const CaseMeasures before = walk(s.variants[0]);
    const CaseMeasures after = walk(with_lever(s, lever(LeverKind::accept_missing, {}, {"photo"})));
    CHECK(before.rejections == 1);
    CHECK(after.rejections == 0);
    CHECK(after.submissions == 2);  // the photo is still handed in, later (补交)
}

TEST_CASE("压缩时限: shorter reviews, shorter cases", "[engine][levers]") {
    const Scenario s = one_desk({fixed_review("apply", StepKind::window, 600)});
    Lever l = lever(LeverKind::compress_time);
    l.factor = 0.5;
    const RunResult before = few(s, s.variants[0]), after = few(s, with_lever(s, l));
    for (std::size_t i = 0; i < 10; ++i)
        CHECK(before.cases[i].finish - after.cases[i].finish == 300 * kMinute);
}

TEST_CASE("串联改并联: the elapsed time shortens to the critical path", "[engine][levers]") {
    const Scenario s = one_desk({fixed_review("a", StepKind::review, 60), fixed_review("b", StepKind::review, 90, {"a"}),
                                 fixed_review("c", StepKind::review, 30, {"b"})});
    const RunResult before = few(s, s.variants[0]);
    const RunResult after = few(s, with_lever(s, lever(LeverKind::parallel, {"a", "b", "c"})));
    for (const auto& c : before.cases) CHECK(c.finish - c.start == 180 * kMinute);
    for (const auto& c : after.cases) CHECK(c.finish - c.start == 90 * kMinute);
}

TEST_CASE("a review that overruns its legal limit breaks legal_limits_met", "[engine]") {
    Step st = step("apply", StepKind::window, "a");
    st.review = Duration::working_days(5);
    st.legal_limit_days = 2;
    Scenario s = one_desk({st});
    s.calendar_mode = CalendarMode::working_days;
    const Calendar cal(CalendarMode::working_days, s.office_hours, HolidayData{});
    for (const auto& c : few(s, s.variants[0], cal).cases) CHECK_FALSE(c.legal_limits_met);
    s.variants[0].steps[0].legal_limit_days = 5;
    for (const auto& c : few(s, s.variants[0], cal).cases) CHECK(c.legal_limits_met);
}
