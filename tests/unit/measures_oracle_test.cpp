// Citizen-burden measures against answers written down by hand: nearest-rank
// percentiles on small lists (odd and even counts, ties), and one citizen walking a
// small deterministic process where every measure can be counted on paper.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/engine.hpp"
#include "core/measures.hpp"
#include "scenario/exports.hpp"
#include "scenario/scenario_io.hpp"

using namespace peizou;

namespace {

std::vector<CaseMeasures> with_trips(std::initializer_list<int> trips) {
    std::vector<CaseMeasures> cases;
    for (int t : trips) {
        CaseMeasures c;
        c.trips = static_cast<std::int16_t>(t);
        cases.push_back(c);
    }
    return cases;
}

// One hall 30 minutes from home with desks A and B, no other citizens, fixed durations.
// Monday 2025-03-03 09:00, office hours 9:00–12:00 and 13:30–17:00.
Scenario two_desks() {
    Scenario s;
    s.id = "measures-by-hand";
    s.start = make_time({2025, 3, 3}, 9, 0);
    s.places = {Place{"home", "家", "", 0}, Place{"hall", "大厅", "", 30}};
    for (const char* id : {"a", "b"}) {
        Department d;
        d.id = id;
        d.name = id;
        d.place = "hall";
        d.windows = 1;
        s.departments.push_back(d);
    }
    s.materials = {Material{"id_card", "身份证", "", true, true, false, ""},
                   Material{"form", "申请表", "", true, true, false, ""}};
    return s;
}

Step window(const char* id, const char* dept, double minutes, double fee) {
    Step st;
    st.id = id;
    st.name = id;
    st.department = dept;
    st.service = Duration::minutes(minutes);
    st.fee_yuan = fee;
    return st;
}

// The one interactive citizen, every decision answered by the default suggestion,
// except the handovers listed (in order) which are answered as given.
CaseMeasures walk(const Scenario& s, std::vector<std::vector<std::string>> handovers = {}) {
    const Calendar cal = scenario::scenario_calendar(s);
    EngineOptions o;
    o.interactive = true;
    o.background = false;
    Engine e(s, s.variants[0], cal, o);
    std::size_t next = 0;
    for (int i = 0; e.run() == Engine::Status::decision; ++i) {
        REQUIRE(i < 100);
        Choice c = e.suggestion();
        if (c.kind == DecisionKind::handover && next < handovers.size()) c.materials = handovers[next++];
        REQUIRE(e.answer(c));
    }
    REQUIRE(e.cases().size() == 1u);
    return e.cases()[0];
}

}  // namespace

TEST_CASE("nearest-rank percentiles, by hand: odd and even counts, ties", "[measures][oracle]") {
    // Odd: 5 values. p50 = the ⌈2.5⌉ = 3rd smallest, p90 = the ⌈4.5⌉ = 5th.
    Summary s = summarise(with_trips({5, 1, 4, 2, 3}), Measure::trips);
    CHECK(s.p50 == 3);
    CHECK(s.p90 == 5);
    CHECK(s.mean == 3);
    CHECK(s.min == 1);
    CHECK(s.max == 5);
    // Even: 1 … 10. p50 = 5th = 5 (nearest rank, not the interpolated 5.5), p90 = 9th = 9.
    s = summarise(with_trips({10, 9, 8, 7, 6, 5, 4, 3, 2, 1}), Measure::trips);
    CHECK(s.p50 == 5);
    CHECK(s.p90 == 9);
    CHECK(s.mean == 5.5);
    // 20 values 1 … 20: p90 = 18th = 18, p50 = 10th = 10.
    std::vector<CaseMeasures> twenty;
    for (int i = 20; i >= 1; --i) twenty.push_back(with_trips({i})[0]);
    s = summarise(twenty, Measure::trips);
    CHECK(s.p50 == 10);
    CHECK(s.p90 == 18);
    // Ties: {2, 2, 2, 7}: p50 = 2nd = 2, p90 = ⌈3.6⌉ = 4th = 7.
    s = summarise(with_trips({2, 7, 2, 2}), Measure::trips);
    CHECK(s.p50 == 2);
    CHECK(s.p90 == 7);
    CHECK(s.mean == 13.0 / 4);
    // One value: every statistic is it.
    s = summarise(with_trips({4}), Measure::trips);
    CHECK((s.p50 == 4 && s.p90 == 4 && s.min == 4 && s.max == 4 && s.mean == 4));
    // Two values: p50 = 1st, p90 = 2nd.
    s = summarise(with_trips({8, 3}), Measure::trips);
    CHECK(s.p50 == 3);
    CHECK(s.p90 == 8);
    // The median case by calendar time: the ⌈n/2⌉-th (lower middle) fastest.
    std::vector<CaseMeasures> cs(4);
    const Seconds durations[] = {4 * kDay, kDay, 3 * kDay, 2 * kDay};
    for (int i = 0; i < 4; ++i) cs[i].finish = durations[i];
    CHECK(median_case(cs) == 3);  // 1, 2, 3, 4 days: the 2nd fastest is 2 days, case 3
}

// Desk A (a1), desk B with a 2-working-day review (b1, its promised and legal limits as
// given), collection at desk A (a2).
static Scenario apply_review_collect(int promised_days = 0, int legal_days = 0) {
    Scenario s = two_desks();
    Variant v;
    v.id = "before";
    Step a1 = window("a1", "a", 20, 100);
    a1.needs = {"id_card", "form"};
    Step b1 = window("b1", "b", 10, 50);
    b1.after = {"a1"};
    b1.needs = {"id_card"};
    b1.review = Duration::working_days(2);
    b1.promised_limit_days = promised_days;
    b1.legal_limit_days = legal_days;
    Step a2 = window("a2", "a", 5, 0);
    a2.kind = StepKind::collect;
    a2.after = {"b1"};
    v.steps = {a1, b1, a2};
    s.variants = {v};
    return s;
}

TEST_CASE("one citizen's measures, counted by hand: departments once, fees, trips, submissions", "[measures][oracle]") {
    const CaseMeasures c = walk(apply_review_collect());
    // Mon 09:00 leave home (trip 1), 09:30 desk A for 20 min (a1, 100 yuan), 09:50 desk B
    // in the same hall for 10 min (b1, 50 yuan), accepted at 10:00; its review is 2
    // working days of office time (2 × 6.5 h): Mon 10:00–12:00 and 13:30–17:00 (5.5 h),
    // Tue (6.5 h), Wed 09:00–10:00 (1 h) — ready Wed 10:00. Home Mon 10:30; Wed 10:00
    // leave home (trip 2), 10:30 desk A again for 5 min (a2): done Wed 10:35.
    CHECK(c.trips == 2);
    CHECK(c.window_visits == 3);
    CHECK(c.departments == 2);        // A twice counts once
    CHECK(c.fees_yuan == 150);
    CHECK(c.submissions == 3);        // id_card + form at A, id_card again at B
    CHECK(c.repeat_submissions == 1); // the ID card, not shared
    CHECK(c.rejections == 0);
    CHECK(format_time(c.start) == format_time(make_time({2025, 3, 3}, 9, 0)));
    CHECK(format_time(c.finish) == format_time(make_time({2025, 3, 5}, 10, 35)));
    CHECK(c.working_days == 2);       // Tue, Wed after the start day
    // Travel 30 + 30 + 30 (the way home from the last visit is not part of the case) and
    // 20 + 10 + 5 at the windows, no queue.
    CHECK(c.citizen_seconds == (30 + 30 + 30 + 20 + 10 + 5) * kMinute);
    CHECK(c.calendar_days() == Approx(2 + 95.0 / (24 * 60)).epsilon(1e-12));
}

TEST_CASE("补正 by hand: a rejected step is paid once, its papers counted each time", "[measures][oracle]") {
    Scenario s = two_desks();
    Variant v;
    v.id = "before";
    Step a1 = window("a1", "a", 20, 100);
    a1.needs = {"id_card", "form"};
    v.steps = {a1};
    s.variants = {v};
    // First visit: only the form is handed over → rejected for the missing ID card;
    // the second visit (the next working day) hands over both and is accepted.
    const CaseMeasures c = walk(s, {{"form"}, {"id_card", "form"}});
    CHECK(c.rejections == 1);
    CHECK(c.trips == 2);
    CHECK(c.window_visits == 2);
    CHECK(c.departments == 1);
    CHECK(c.fees_yuan == 100);         // paid once, at acceptance
    CHECK(c.submissions == 3);         // form; then id_card + form
    CHECK(c.repeat_submissions == 1);  // the form again
    CHECK(c.working_days == 1);        // Tuesday
    // Mon: 30 min there, 20 at the window, 30 back; Tue: sets out 08:30 to be there when
    // the desk opens at 09:00, 20 at the window: done 09:20.
    CHECK(c.citizen_seconds == (30 + 20 + 30 + 30 + 20) * kMinute);
    CHECK(format_time(c.finish) == format_time(make_time({2025, 3, 4}, 9, 20)));
}

TEST_CASE("exports by hand: the event logs and the case table carry the hand-counted citizen's times",
          "[measures][oracle][exports]") {
    Scenario s = two_desks();
    s.arrivals_per_working_day = 1e9;  // the one Monte Carlo citizen arrives at the start
    Variant v;
    v.id = "before";
    Step a1 = window("a1", "a", 20, 100);
    a1.needs = {"id_card", "form"};
    Step b1 = window("b1", "b", 10, 50);
    b1.after = {"a1"};
    b1.needs = {"id_card"};
    b1.review = Duration::working_days(2);
    Step a2 = window("a2", "a", 5, 0);
    a2.kind = StepKind::collect;
    a2.after = {"b1"};
    v.steps = {a1, b1, a2};
    s.variants = {v};
    const Calendar cal = scenario::scenario_calendar(s);
    const scenario::LoggedRun r = scenario::run_with_log(s, s.variants[0], cal, 1, 1);
    REQUIRE(r.run.cases.size() == 1u);
    // The same days as the walk above: Mon 09:00 to Wed 10:35, two trips, 150 yuan.
    const CaseMeasures& c = r.run.cases[0];
    CHECK(format_time(c.start) == format_time(make_time({2025, 3, 3}, 9, 0)));
    CHECK(format_time(c.finish) == format_time(make_time({2025, 3, 5}, 10, 35)));
    CHECK(c.trips == 2);
    CHECK(c.fees_yuan == 150);
    // XES: one trace; its first event at the start, its last at the finish, in +08:00.
    const std::string xes = scenario::event_log_xes(r, "by hand");
    auto count = [](const std::string& text, const std::string& what) {
        std::size_t n = 0;
        for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
        return n;
    };
    CHECK(count(xes, "<trace>") == 1);
    const std::string stamp = "<date key=\"time:timestamp\" value=\"";
    const std::size_t first = xes.find(stamp, xes.find("<trace>")), last = xes.rfind(stamp);
    REQUIRE(first != std::string::npos);
    CHECK(xes.substr(first + stamp.size(), 25) == "2025-03-03T09:00:00+08:00");
    CHECK(xes.substr(last + stamp.size(), 25) == "2025-03-05T10:35:00+08:00");
    // The second trip: leaving home Wednesday 10:00.
    CHECK(count(xes, "2025-03-05T10:00:00+08:00") >= 1);
    // CSV: the same first and last times.
    const std::string csv = scenario::event_log_csv(r);
    CHECK(csv.find(",2025-03-03T09:00:00+08:00,") != std::string::npos);
    CHECK(csv.find(",2025-03-05T10:35:00+08:00,") != std::string::npos);
    CHECK(csv.find("2025-03-06") == std::string::npos);
}

TEST_CASE("online by hand: no trip, no window visit, the filling-in is the citizen's time", "[measures][oracle]") {
    Scenario s = two_desks();
    Variant v;
    v.id = "before";
    Step form = window("apply", "a", 30, 20);
    form.kind = StepKind::online;
    form.needs = {"id_card", "form"};
    form.review = Duration::working_days(1);
    v.steps = {form};
    s.variants = {v};
    const CaseMeasures c = walk(s);
    // Mon 09:00–09:30 filling in online (20 yuan), then a review of one working day of
    // office time (6.5 h): Mon 09:30–12:00 and 13:30–17:00 (6 h), Tue 09:00–09:30.
    CHECK(c.trips == 0);
    CHECK(c.window_visits == 0);
    CHECK(c.departments == 1);        // department A is still dealt with, online
    CHECK(c.submissions == 2);
    CHECK(c.repeat_submissions == 0);
    CHECK(c.fees_yuan == 20);
    CHECK(c.citizen_seconds == 30 * kMinute);
    CHECK(format_time(c.finish) == format_time(make_time({2025, 3, 4}, 9, 30)));
    CHECK(c.working_days == 1);
}

TEST_CASE("承诺兑现 by hand: promised limits and promised trips (issue 16)", "[measures][oracle][promises]") {
    // The process above: b1 accepted Mon 10:00, its review ready Wed 10:00 — two working
    // days to the minute; the citizen makes 2 trips.
    auto one = [](int promised_days, int legal_days) { return walk(apply_review_collect(promised_days, legal_days)); };
    // Promised 1 day: due Tue 10:00, ready Wed 10:00 — broken. Promised 2: due Wed 10:00,
    // ready then — kept (a limit is broken only when passed). Judged like the legal limit.
    const CaseMeasures broken = one(1, 1), kept = one(2, 2), none = one(0, 0);
    CHECK_FALSE(broken.promised_limits_met);
    CHECK_FALSE(broken.legal_limits_met);
    CHECK(kept.promised_limits_met);
    CHECK(kept.legal_limits_met);
    CHECK(none.promised_limits_met);  // no promise: nothing to break
    CHECK(broken.trips == 2);
    // The shares over a list written by hand: trips 0, 1, 2, 3 within 1 → 2 of 4.
    CHECK(promised_trips_rate(with_trips({0, 1, 2, 3}), 1) == 0.5);
    CHECK(promised_trips_rate(with_trips({0, 1, 2, 3}), 0) == 0.25);
    CHECK(promised_trips_rate(with_trips({2}), 2) == 1.0);
    CHECK(promised_trips_rate({}, 2) == 0.0);
    std::vector<CaseMeasures> mixed = {broken, kept, kept, none};
    CHECK(promised_limits_met_rate(mixed) == 0.75);
}
