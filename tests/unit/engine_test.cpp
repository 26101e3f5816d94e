// The engine against closed forms (Erlang C, critical path) and its invariants over
// random scenarios (conservation, monotone clock, office hours, FIFO, determinism).
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <random>

#include "core/engine.hpp"
#include "core/sha256.hpp"
#include "scenario/scenario_io.hpp"

using namespace peizou;

namespace {

Scenario hall(int windows, double lambda_per_hour, double mean_service_minutes) {
    Scenario s;
    s.id = "mmc";
    s.start = make_time({2025, 3, 3}, 0, 0);
    s.calendar_mode = CalendarMode::always_open;
    s.arrivals_per_working_day = lambda_per_hour * 24;  // always open: a day is 24 h
    s.places = {Place{"home", "家", "", 0}, Place{"hall", "大厅", "", 0}};
    Department d;
    d.id = "desk";
    d.place = "hall";
    d.windows = windows;
    s.departments = {d};
    Variant v;
    v.id = "before";
    Step st;
    st.id = "serve";
    st.department = "desk";
    st.service.dist = DistKind::exponential;
    st.service.mean = mean_service_minutes;
    v.steps = {st};
    s.variants = {v};
    return s;
}

// Erlang C: probability of waiting in M/M/c, offered load a = λ/μ.
double erlang_c_wait(int c, double lambda, double mu) {
    const double a = lambda / mu;
    double term = 1, sum = 1;
    for (int k = 1; k < c; ++k) {
        term *= a / k;
        sum += term;
    }
    const double last = term * a / c;
    const double rho = a / c;
    const double pc = last / (1 - rho) / (sum + last / (1 - rho));
    return pc / (c * mu - lambda);
}

}  // namespace

TEST_CASE("M/M/c mean queue wait matches Erlang C", "[engine][anchor]") {
    struct Case { int c; double rho; };
    const Case cases[] = {{1, 0.5}, {3, 0.8}, {10, 0.9}};
    for (const Case& k : cases) {
        const double mean_service = 10;                       // minutes
        const double mu = 60.0 / mean_service;                // per hour per window
        const double lambda = k.rho * k.c * mu;               // per hour
        const double theory = erlang_c_wait(k.c, lambda, mu) * 60;  // minutes
        const Scenario s = hall(k.c, lambda, mean_service);
        // Batch means over independent seeds; the bound is 4 standard errors.
        const int batches = 8;
        std::vector<double> means;
        for (int b = 0; b < batches; ++b) {
            EngineOptions o;
            o.seed = 1000 + static_cast<std::uint64_t>(b);
            o.citizens = 60000;
            o.background = false;
            const RunResult r = run_monte_carlo(s, s.variants[0], Calendar(), o);
            REQUIRE(r.cases.size() == 60000u);
            means.push_back(r.departments[0].mean_wait_minutes());
        }
        double mean = 0;
        for (double m : means) mean += m;
        mean /= batches;
        double var = 0;
        for (double m : means) var += (m - mean) * (m - mean);
        const double se = std::sqrt(var / (batches - 1) / batches);
        INFO("c=" << k.c << " rho=" << k.rho << " theory=" << theory << " sim=" << mean << " se=" << se);
        CHECK(std::fabs(mean - theory) < 4 * se + 0.01 * theory);
    }
}

TEST_CASE("a deterministic DAG takes exactly its critical path", "[engine][anchor]") {
    Scenario s;
    s.id = "dag";
    s.start = make_time({2025, 3, 3}, 0, 0);
    s.calendar_mode = CalendarMode::always_open;
    s.places = {Place{"home", "家", "", 0}};
    Department d;
    d.id = "office";
    d.place = "home";
    s.departments = {d};
    Variant v;
    v.id = "before";
    auto review = [](const char* id, double minutes, std::vector<std::string> after) {
        Step st;
        st.id = id;
        st.kind = StepKind::review;
        st.department = "office";
        st.review = Duration::minutes(minutes);
        st.after = std::move(after);
        return st;
    };
    // a → b → d, a → c → d, c → e: critical path a, c, e = 10 + 50 + 30 = 90 minutes.
    v.steps = {review("a", 10, {}), review("b", 20, {"a"}), review("c", 50, {"a"}),
               review("d", 5, {"b", "c"}), review("e", 30, {"c"})};
    s.variants = {v};
    EngineOptions o;
    o.citizens = 50;
    const RunResult r = run_monte_carlo(s, s.variants[0], Calendar(), o);
    REQUIRE(r.cases.size() == 50u);
    for (const auto& c : r.cases) CHECK(c.finish - c.start == 90 * kMinute);
}

namespace {

// A random but valid scenario: a DAG of window/online/review steps over a few
// departments in one or two halls, materials that some steps produce.
Scenario random_scenario(std::mt19937_64& g) {
    auto pick = [&](int lo, int hi) { return static_cast<int>(lo + g() % static_cast<std::uint64_t>(hi - lo + 1)); };
    Scenario s;
    s.id = "random";
    s.start = make_time({2025, 9, 26}, 9, 0);  // a Friday before National Day
    s.arrivals_per_working_day = pick(2, 30);
    s.places = {Place{"home", "家", "", 0}, Place{"a", "甲大厅", "", 30}, Place{"b", "乙大厅", "", 50}};
    const int ndept = pick(1, 4);
    for (int i = 0; i < ndept; ++i) {
        Department d;
        d.id = "d" + std::to_string(i);
        d.place = i % 2 ? "b" : "a";
        d.windows = pick(1, 4);
        d.online = pick(0, 1) == 1;
        d.background.per_hour = pick(0, 12);
        d.background_service.dist = DistKind::exponential;
        d.background_service.mean = pick(5, 15);
        s.departments.push_back(d);
    }
    s.materials = {Material{"id_card", "身份证", "", true, true, false, ""},
                   Material{"proof", "证明", "", false, true, false, ""}};
    Variant v;
    v.id = "before";
    const int nsteps = pick(1, 6);
    for (int i = 0; i < nsteps; ++i) {
        Step st;
        st.id = "s" + std::to_string(i);
        const int kind = pick(0, 4);
        st.kind = kind <= 2 ? StepKind::window : kind == 3 ? StepKind::online : StepKind::review;
        st.department = "d" + std::to_string(pick(0, ndept - 1));
        st.service.dist = DistKind::triangular;
        st.service.low = 5;
        st.service.mode = 10;
        st.service.high = 30;
        if (pick(0, 1)) {
            st.review.dist = DistKind::uniform;
            st.review.unit = TimeUnit::working_days;
            st.review.low = 0.5;
            st.review.high = 4;
        }
        st.needs = {"id_card"};
        if (i > 0 && pick(0, 2) == 0) st.after.push_back("s" + std::to_string(pick(0, i - 1)));
        st.rework_probability = pick(0, 3) * 0.1;
        st.online_allowed = pick(0, 1) == 1;
        st.legal_limit_days = pick(0, 1) * 5;
        v.steps.push_back(st);
    }
    v.steps[0].produces = {"proof"};
    if (nsteps > 1) {
        v.steps.back().needs.push_back("proof");
        v.steps.back().after = {"s0"};
    }
    s.variants = {v};
    return s;
}

struct Capture {
    std::vector<LogEvent> events;
    Sha256 hash;
};

}  // namespace

TEST_CASE("invariants hold over random scenarios", "[engine][property]") {
    std::mt19937_64 g(Catch::rngSeed() + 12345);
    const Calendar base = scenario::scenario_calendar(Scenario{});
    for (int trial = 0; trial < 40; ++trial) {
        const Scenario s = random_scenario(g);
        const Calendar cal(CalendarMode::working_days, s.office_hours, base.holidays());
        auto run = [&](Capture& cap) {
            EngineOptions o;
            o.seed = g() >> 11;
            o.citizens = 120;
            o.sink = [&cap](const LogEvent& e) {
                cap.events.push_back(e);
                cap.hash.update(format_log_event(e));
            };
            return o;
        };
        Capture a, b;
        EngineOptions oa = run(a);
        EngineOptions ob = oa;
        ob.sink = [&b](const LogEvent& e) { b.events.push_back(e); b.hash.update(format_log_event(e)); };
        Engine ea(s, s.variants[0], cal, oa);
        ea.run();
        Engine eb(s, s.variants[0], cal, ob);
        eb.run();
        INFO("trial " << trial << " steps " << s.variants[0].steps.size());
        // Conservation: every citizen finished or is reported stuck with a reason.
        CHECK(ea.cases().size() + ea.stuck_reasons().size() == 120u);
        for (const auto& why : ea.stuck_reasons()) CHECK(!why.empty());
        // Same seed → the same event log.
        CHECK(a.hash.hex() == b.hash.hex());
        // The clock never goes backwards; service only in office hours; FIFO per queue.
        std::map<std::int32_t, std::int32_t> last_ticket;
        Seconds last = 0;
        for (const auto& e : a.events) {
            CHECK(e.time >= last);
            last = e.time;
            if (e.activity == Activity::service_start) {
                CHECK(cal.is_open(e.time));
                auto it = last_ticket.find(e.department);
                if (it != last_ticket.end()) CHECK(e.count > it->second);
                last_ticket[e.department] = e.count;
            }
        }
        for (const auto& c : ea.cases()) {
            CHECK(c.finish >= c.start);
            CHECK(c.trips >= 0);
            CHECK(c.repeat_submissions <= c.submissions);
        }
    }
}

TEST_CASE("the interactive citizen pauses at decisions and refuses invalid choices", "[engine][walk]") {
    Scenario s = hall(2, 6, 10);
    s.calendar_mode = CalendarMode::working_days;
    s.start = make_time({2025, 9, 30}, 15, 0);
    s.places[1].travel_minutes = 30;
    s.materials = {Material{"id_card", "身份证", "", true, true, false, ""}};
    s.variants[0].steps[0].needs = {"id_card"};
    const Calendar cal = scenario::scenario_calendar(s);
    EngineOptions o;
    o.interactive = true;
    Engine e(s, s.variants[0], cal, o);
    REQUIRE(e.run() == Engine::Status::decision);
    REQUIRE(e.pending()->kind == DecisionKind::next_step);
    std::string zh, en;
    CHECK_FALSE(e.answer(Choice{DecisionKind::next_step, "no_such_step", {}}, &zh, &en));
    CHECK(!zh.empty());
    CHECK(en.find("not one of the options") != std::string::npos);
    CHECK_FALSE(e.answer(Choice{DecisionKind::handover, "", {}}, &zh, &en));
    REQUIRE(e.answer(Choice{DecisionKind::next_step, "serve", {}}));
    // 15:00 on the day before National Day: too late today? No — 2 h left, go now.
    REQUIRE(e.run() == Engine::Status::decision);
    REQUIRE(e.pending()->kind == DecisionKind::handover);
    // Hand over nothing: rejected for the missing ID card, another trip needed.
    REQUIRE(e.answer(Choice{DecisionKind::handover, "", {}}));
    REQUIRE(e.run() == Engine::Status::decision);
    CitizenView v = e.citizen_view(0);
    CHECK(v.so_far.rejections == 1);
    CHECK(v.so_far.trips == 1);
    REQUIRE(e.pending()->kind == DecisionKind::next_step);
    REQUIRE(e.answer(Choice{DecisionKind::next_step, "serve", {}}));
    REQUIRE(e.run() == Engine::Status::decision);
    // 补正 takes to the next working day: after the holiday, 2025-10-09.
    CHECK(day_of(e.now()) >= days_from_civil({2025, 10, 9}));
    REQUIRE(e.answer(Choice{DecisionKind::handover, "", {"id_card"}}));
    REQUIRE(e.run() == Engine::Status::finished);
    v = e.citizen_view(0);
    CHECK(v.finished);
    REQUIRE(e.cases().size() == 1u);
    CHECK(e.cases()[0].trips == 2);
    CHECK(e.cases()[0].submissions == 1);
    CHECK(e.cases()[0].working_days >= 1);
}

TEST_CASE("a walk answered by the default policy matches a one-citizen Monte Carlo citizen's choices", "[engine][walk]") {
    // Autoplay (presentation mode) answers every decision with suggestion(); the walk
    // must finish, every suggestion must be accepted, and the walk must end where the
    // Monte Carlo's default policy takes the same citizen: a one-citizen run whose
    // citizen arrives at the start (arrivals so frequent that the first gap rounds to
    // nothing), the same seed, so the same draws (rework keyed on citizen, step, attempt).
    int rejections = 0;
    for (std::uint64_t seed : {1ull, 7ull, 42ull, 5ull, 11ull}) {
        Scenario s = hall(2, 6, 10);
        s.calendar_mode = CalendarMode::working_days;
        s.start = make_time({2025, 9, 29}, 9, 0);
        s.arrivals_per_working_day = 1e9;
        s.places[1].travel_minutes = 20;
        s.materials = {Material{"id_card", "身份证", "", true, true, false, ""}};
        s.variants[0].steps[0].needs = {"id_card"};
        s.variants[0].steps[0].rework_probability = 0.5;
        const Calendar cal = scenario::scenario_calendar(s);
        EngineOptions o;
        o.seed = seed;
        o.interactive = true;
        Engine e(s, s.variants[0], cal, o);
        int decisions = 0;
        while (e.run() == Engine::Status::decision) {
            REQUIRE(e.answer(e.suggestion()));
            REQUIRE(++decisions < 100);
        }
        REQUIRE(e.cases().size() == 1u);
        const CaseMeasures& walked = e.cases()[0];
        CHECK(walked.trips >= 1);
        CHECK(walked.rejections == walked.trips - 1);

        EngineOptions mc;
        mc.seed = seed;
        mc.citizens = 1;
        const RunResult r = run_monte_carlo(s, s.variants[0], cal, mc);
        REQUIRE(r.cases.size() == 1u);
        const CaseMeasures& monte = r.cases[0];
        INFO("seed " << seed);
        CHECK(monte.start - walked.start <= 60);
        CHECK(monte.start >= walked.start);
        CHECK(monte.trips == walked.trips);
        CHECK(monte.rejections == walked.rejections);
        CHECK(monte.window_visits == walked.window_visits);
        CHECK(monte.submissions == walked.submissions);
        CHECK(monte.working_days == walked.working_days);
        CHECK(std::llabs((monte.finish - monte.start) - (walked.finish - walked.start)) <= 60);
        rejections += walked.rejections;
    }
    CHECK(rejections > 0);  // the choices after a rejection were exercised
}
