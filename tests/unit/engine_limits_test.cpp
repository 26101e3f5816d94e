// The engine at its limits (issue 19 items 1–4, issue 14 item 6): every citizen asked for
// is simulated, by_hour background arrives at its stated volume, no input runs away, no
// NaN or overflow reaches an integer. Models are built in C++, so they bypass validation.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>

#include "core/engine.hpp"
#include "core/random.hpp"

using namespace peizou;

namespace {

// One desk "a" (no background unless given) in a hall; one window step there.
Scenario shop(CalendarMode mode, double per_day) {
    Scenario s;
    s.id = "shop";
    s.start = make_time({2025, 9, 29}, 9, 0);
    s.calendar_mode = mode;
    s.arrivals_per_working_day = per_day;
    s.places = {Place{"home", "家", "", 0}, Place{"hall", "大厅", "", 20}};
    Department a;
    a.id = "a";
    a.place = "hall";
    a.windows = 2;
    s.departments = {a};
    Variant v;
    v.id = "before";
    Step st;
    st.id = "apply";
    st.department = "a";
    st.service.dist = DistKind::exponential;
    st.service.mean = 10;
    v.steps = {st};
    s.variants = {v};
    return s;
}

Calendar calendar_of(const Scenario& s) { return Calendar(s.calendar_mode, s.office_hours, HolidayData{}); }

RunResult run(const Scenario& s, EngineOptions o) {
    return run_monte_carlo(s, s.variants[0], calendar_of(s), o);
}

bool warns(const RunResult& r, const std::string& part) {
    for (const auto& w : r.warnings) if (w.find(part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("every citizen asked for is simulated: arrivals past a year open another replication",
          "[engine][limits]") {
    // 0.01 a working day: 300 citizens would take ~30,000 working days (~120 years); the
    // old single stream left all but ~50 beyond the 20-year horizon, unreported.
    for (double per_day : {0.01, 1e-4, 1e-12, 1e-300}) {
        Scenario s = shop(CalendarMode::working_days, per_day);
        EngineOptions o;
        o.citizens = 300;
        const RunResult r = run(s, o);
        INFO("per_day " << per_day);
        CHECK(r.simulated == 300);
        CHECK(r.cases.size() + r.stuck.size() == 300u);
        CHECK(r.cases.size() == 300u);  // alone at a quiet desk: everyone finishes
        // Each arrives within its replication's year from the start (oracle: the period).
        const Seconds year = 365 * kDay;
        std::int32_t distinct = 0;
        Seconds last = -1;
        for (const auto& c : r.cases) {
            CHECK(c.start >= s.start);
            CHECK(c.start < s.start + year);
            CHECK(c.finish >= c.start);
            CHECK(c.citizen_seconds >= 0);
            if (c.start != last) distinct++;
            last = c.start;
        }
        CHECK(distinct > 250);  // not everyone at once (1e-300 overflowed to that)
    }
}

TEST_CASE("replications: a run is reproducible, and all-in-one-year runs are one replication",
          "[engine][limits]") {
    Scenario s = shop(CalendarMode::working_days, 0.5);  // ~1,000 working days for 500
    s.departments[0].background.per_hour = 6;
    s.departments[0].background_service.dist = DistKind::exponential;
    s.departments[0].background_service.mean = 10;
    EngineOptions o;
    o.citizens = 500;
    Engine e1(s, s.variants[0], calendar_of(s), o);
    e1.run();
    Engine e2(s, s.variants[0], calendar_of(s), o);
    e2.run();
    CHECK(e1.replications() >= 3);  // ~240 working days a year
    CHECK(e1.replications() <= 6);
    CHECK(e1.simulated() == 500);
    CHECK(e1.cases().size() == 500u);
    CHECK(e1.events() == e2.events());
    REQUIRE(e1.cases().size() == e2.cases().size());
    for (std::size_t i = 0; i < e1.cases().size(); ++i) {
        CHECK(e1.cases()[i].start == e2.cases()[i].start);
        CHECK(e1.cases()[i].finish == e2.cases()[i].finish);
        CHECK(e1.cases()[i].citizen_seconds == e2.cases()[i].citizen_seconds);
    }
    // Utilisation is a share over all replications' office time: with 6 an hour × 10 min
    // on 2 windows it is ≈ 0.5 (a little more for the process citizens), not 0.5 × reps.
    const double u = e1.department_stats()[0].utilisation();
    CHECK(u > 0.45);
    CHECK(u < 0.6);

    o.citizens = 100;  // 200 working days: within the first year
    Engine one(s, s.variants[0], calendar_of(s), o);
    one.run();
    CHECK(one.replications() == 1);
}

TEST_CASE("by_hour background is drawn exactly: 200 in one hour is 200 a day", "[engine][limits][background]") {
    // Issue 14 item 6: by_hour 200 at 09:00 and 0 elsewhere, 40 windows, exponential
    // service mean 10 min, 2,000 process citizens (at another desk, so desk "a" serves
    // the background alone). Expected utilisation 200 × 10 / (40 × 390) = 12.82 %.
    // Tolerance: over D office days, busy time is compound Poisson (200·D services of
    // mean 10 min, E[S²] = 200 min²): sd / mean = √(200·D·200) / (200·D·10) = 0.1/√D,
    // plus at most one day's volume at the run's ragged end (1/D). 4 sd + 1/D.
    Scenario s = shop(CalendarMode::working_days, 10);
    Department& a = s.departments[0];
    a.windows = 40;
    a.background.by_hour.assign(24, 0);
    a.background.by_hour[9] = 200;
    a.background_service.dist = DistKind::exponential;
    a.background_service.mean = 10;
    Department b;
    b.id = "b";
    b.place = "hall";
    b.windows = 10;
    s.departments.push_back(b);
    s.variants[0].steps[0].department = "b";
    for (std::uint64_t seed : {1, 2, 3}) {
        EngineOptions o;
        o.citizens = 2000;
        o.seed = seed;
        const RunResult r = run(s, o);
        REQUIRE(r.cases.size() == 2000u);
        const DepartmentStats& d = r.departments[0];
        const double days = d.open_window_seconds / (40.0 * 390 * 60);
        const double expected = 200.0 * 10 / (40 * 390);
        const double tolerance = expected * (4 * 0.1 / std::sqrt(days) + 1 / days);
        INFO("seed " << seed << ", " << days << " office days, utilisation " << d.utilisation());
        CHECK(days > 150);
        CHECK(std::abs(d.utilisation() - expected) < tolerance);
        CHECK(d.overtime_seconds == 0);  // all served by noon
    }
    // The same volume spread over the day (by_hour 200/6.5 in every open hour, the
    // half-open hours 12 and 13 at their share) gives the same utilisation.
}

TEST_CASE("by_hour with rates only outside office hours or all zero: no stream, no hang", "[engine][limits][background]") {
    Scenario s = shop(CalendarMode::working_days, 10);
    s.departments[0].background.by_hour.assign(24, 0);
    s.departments[0].background.by_hour[3] = 500;  // 03:00: the desk is closed
    EngineOptions o;
    o.citizens = 50;
    std::int64_t background = 0;
    o.background_sink = [&](std::int32_t, std::uint32_t, Seconds) { background++; };
    const RunResult r = run(s, o);
    CHECK(r.cases.size() == 50u);
    CHECK(background == 0);
}

TEST_CASE("calendar: the n-th working day and working time skip days in O(log n), as the walk did",
          "[engine][limits][calendar]") {
    HolidayData h;
    h.covered_years = {2025};
    h.holidays.push_back(HolidayPeriod{"国庆节", "National Day", days_from_civil({2025, 10, 1}),
                                       days_from_civil({2025, 10, 8})});
    h.makeup_workdays = {days_from_civil({2025, 9, 28}), days_from_civil({2025, 10, 11})};
    const Calendar cal(CalendarMode::working_days, standard_office_hours(), h);
    const std::int64_t d0 = days_from_civil({2025, 9, 20});
    // Oracle: the day-by-day walk.
    for (std::int64_t from = d0; from < d0 + 30; ++from) {
        std::int64_t walk = from;
        for (std::int64_t k = 1; k <= 400; ++k) {
            walk = cal.next_working_day(walk);
            REQUIRE(cal.nth_working_day_after(from, k) == walk);
        }
    }
    // Working time: k whole days from an opening end at the k-th day's close.
    const Seconds per_day = standard_office_hours().seconds_per_day();
    const Seconds t = make_time({2025, 9, 29}, 9, 0);
    CHECK(cal.add_working_time(t, 10 * per_day) == cal.close_of_day(cal.nth_working_day_after(day_of(t), 9)));
    // 10^12 working days (the arrivals-1e-12 gap) come back at once, as "never" if past it.
    const auto t0 = std::chrono::steady_clock::now();
    CHECK(cal.add_working_time(t, per_day * 1'000'000'000'000) ==
          cal.close_of_day(cal.nth_working_day_after(day_of(t), 999'999'999'999)));
    CHECK(cal.add_working_time(t, per_day * 100'000'000'000'000) == kNever);  // past any date
    const Seconds far = cal.add_working_time(t, per_day * 1'000'000);
    CHECK(cal.working_days_between(t, far) == 999'999);  // the first day is t's own
    CHECK(cal.add_working_days(t, 2'000'000'000) > far);
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(1));
}

TEST_CASE("an empirical distribution of 10^6 values draws in O(log n), the same values as the walk",
          "[engine][limits][random]") {
    Duration d;
    d.dist = DistKind::empirical;
    for (int i = 0; i < 1'000'000; ++i) {
        d.values.push_back(1 + i % 9);  // minutes: 20 an hour on 2 windows is not overloaded
        d.weights.push_back(1 + (static_cast<std::int64_t>(i) * 7919) % 13);
    }
    const std::vector<double> sums = empirical_cumulative(d);
    REQUIRE(sums.size() == d.values.size());
    for (std::uint64_t k = 0; k < 200; ++k) {  // against the linear walk ({}: no table)
        const double u = unit_from(mix64(k));
        REQUIRE(sample_empirical(d, u, sums) == sample_empirical(d, u, {}));
    }
    CHECK(sample_empirical(d, 0, sums) == d.values.front());
    CHECK(sample_empirical(d, 0.9999999999999999, sums) == sample_empirical(d, 0.9999999999999999, {}));
    // 200,000 draws from the table: milliseconds (as many linear walks: minutes).
    const auto t0 = std::chrono::steady_clock::now();
    double total = 0;
    for (std::uint64_t k = 0; k < 200'000; ++k) total += sample_empirical(d, unit_from(mix64(k)), sums);
    CHECK(total > 0);
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10));
    // One citizen with such a background service (issue 19: 48 s before) — far under a second.
    Scenario s = shop(CalendarMode::working_days, 10);
    s.departments[0].background.per_hour = 20;
    s.departments[0].background_service = d;
    EngineOptions o;
    o.citizens = 1;
    const auto t1 = std::chrono::steady_clock::now();
    const RunResult r = run(s, o);
    CHECK(r.cases.size() == 1u);
    CHECK(std::chrono::steady_clock::now() - t1 < std::chrono::seconds(10));
    // Weights sample() could not walk in order (a negative one): the same walk as before.
    Duration bad = d;
    bad.values.resize(3);
    bad.weights = {1, -1, 2};
    CHECK(empirical_cumulative(bad).empty());
    CHECK(sample(bad, 7) == sample_empirical(bad, unit_from(mix64(7)), {}));
}

TEST_CASE("no NaN or overflow reaches an integer: durations saturate and are warned about", "[engine][limits]") {
    // lognormal-nan-negative-hours: mean 1e-300, sd 1.5768e6 (σ² overflows, the draw is NaN).
    Scenario s = shop(CalendarMode::working_days, 10);
    Duration& service = s.variants[0].steps[0].service;
    service.dist = DistKind::lognormal;
    service.mean = 1e-300;
    service.sd = 1576800;
    CHECK(std::isnan(sample(service, 1)));
    EngineOptions o;
    o.citizens = 20;
    RunResult r = run(s, o);
    CHECK(r.simulated == 20);
    CHECK(r.cases.size() == 20u);
    for (const auto& c : r.cases) {
        CHECK(c.citizen_seconds >= 0);
        CHECK(c.citizen_seconds < 24 * kHour);
    }
    CHECK(warns(r, "NaN"));
    CHECK(warns(r, "截断"));
    // A service of 10^300 minutes: saturated, the case runs past the horizon and is stuck,
    // never a negative or wrapped-around time.
    service.dist = DistKind::fixed;
    service.value = 1e300;
    r = run(s, o);
    CHECK(r.simulated == 20);
    CHECK(r.cases.empty());
    CHECK(r.stuck.size() == 20u);
    CHECK(r.stuck[0].find("horizon") != std::string::npos);
    CHECK(warns(r, "beyond 10^10"));
    // Ordinary runs say nothing of the kind.
    r = run(shop(CalendarMode::working_days, 10), o);
    CHECK_FALSE(warns(r, "NaN"));
}

namespace {
// par500-one-desk-quadratic: `steps` window steps at one 2-window desk, 2,500 minutes of
// service a visit in all (41 h), 12 citizens a day: the desk is overloaded and the queue —
// sent home each evening, back each morning — grows without end, so events grow with the
// square of the citizens (that is the model, not the algorithm).
Scenario one_desk(int steps) {
    Scenario s = shop(CalendarMode::working_days, 12);
    s.departments[0].background.per_hour = 6;
    s.departments[0].background_service.dist = DistKind::exponential;
    s.departments[0].background_service.mean = 12;
    Step st = s.variants[0].steps[0];
    st.service = Duration::minutes(2500.0 / steps);
    s.variants[0].steps.clear();
    for (int i = 0; i < steps; ++i) {
        st.id = "s" + std::to_string(i);
        s.variants[0].steps.push_back(st);
    }
    return s;
}
}  // namespace

TEST_CASE("a queue sent home each evening costs O(1) a citizen a day, not O(steps)", "[engine][limits][budget]") {
    // Oracle: 5 steps of 500 minutes and 500 steps of 5 minutes are the same visit (fixed
    // durations draw nothing), so the same events. The 500-step run gets the work of the
    // 5-step run's events (32 units each) twice over, plus 20 units a step per citizen for
    // its first visit — nothing for the 500 steps on each day a citizen comes back. It used
    // to cost O(steps) a day (the visit worked out anew): ~5,500 units a citizen-day,
    // ~40 times this budget, and minutes of work for par500 at 10,000 citizens.
    EngineOptions o;
    o.citizens = 400;
    const RunResult five = run(one_desk(5), o);
    REQUIRE(five.cases.size() == 400u);
    REQUIRE(five.events > 100'000);  // ~190 k: most of them citizens coming back day after day
    o.max_work = five.events * 32 * 2;
    o.work_per_citizen = 500 * 20;
    const RunResult many = run(one_desk(500), o);
    CHECK_FALSE(warns(many, "work budget"));
    CHECK(many.cases.size() == 400u);
    CHECK(many.events == five.events);
    REQUIRE(many.cases.size() == five.cases.size());
    for (std::size_t i = 0; i < many.cases.size(); ++i) {
        CHECK(many.cases[i].trips == five.cases[i].trips);
        CHECK(many.cases[i].citizen_seconds == five.cases[i].citizen_seconds);
    }
}

TEST_CASE("the work budget counts the loops an event makes, not only events", "[engine][limits][budget]") {
    // par500 at 4,000 citizens under a budget of 2 M plain events: the quadratic queue
    // spends it, and the run says so instead of running for minutes.
    Scenario s = one_desk(500);
    EngineOptions o;
    o.citizens = 4000;
    o.max_work = 2'000'000 * 32;  // 2 M plain events
    o.work_per_citizen = 0;
    const auto t0 = std::chrono::steady_clock::now();
    const RunResult r = run(s, o);
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(60));
    CHECK(warns(r, "work budget"));
    CHECK(r.events < 2'000'000);  // events and the loops they make spent it
    CHECK(r.cases.size() + r.stuck.size() == 4000u);
    CHECK(r.simulated < 4000);
}
