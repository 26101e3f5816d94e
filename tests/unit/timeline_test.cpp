// The one timeline (src/core/timeline.hpp) against the engine's own accounting: every
// case's citizen lanes add up exactly to CaseMeasures::citizen_seconds, its agent lane
// to agent_seconds, its span to the calendar time and its counts to the measures — for
// every built-in scenario × variant × 3 seeds, Monte Carlo citizens and model walks. The
// engine sums those measures as it goes (an independent accumulator); the timeline
// reads only the log. Plus one small case whose segments are written out by hand.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/policy.hpp"
#include "core/timeline.hpp"
#include "scenario/exports.hpp"
#include "scenario/scenario_io.hpp"

using namespace peizou;

namespace {

std::vector<std::string> builtin_files() {
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(PEIZOU_SOURCE_DIR) / "scenarios"))
        if (e.path().extension() == ".json") files.push_back(e.path().filename().string());
    std::sort(files.begin(), files.end());
    return files;
}

Scenario load_builtin(const std::string& name) {
    std::ifstream in(std::filesystem::path(PEIZOU_SOURCE_DIR) / "scenarios" / name, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    scenario::LoadResult r = scenario::load_scenario(ss.str(), name);
    REQUIRE(r.ok);
    return r.scenario;
}

void check_case(const Timeline& t, const CaseMeasures& m) {
    CHECK(t.finished);
    CHECK(t.citizen_seconds() + t.later == m.citizen_seconds);
    CHECK(t.agent_seconds() == m.agent_seconds);
    CHECK(t.start == m.start);
    CHECK(t.end == m.finish);
    CHECK(t.trips == m.trips);
    CHECK(t.window_visits == m.window_visits);
    CHECK(t.rejections == m.rejections);
    CHECK(t.submissions == m.submissions);
    // The citizen is in one place at a time (inspections aside: the engine books the
    // inspectors without regard to where the citizen is, two of them may overlap).
    std::vector<TimelineSegment> own;
    for (const auto& g : t.segments)
        if ((citizen_lane(g.lane) && g.lane != Lane::inspection) || g.lane == Lane::agent) own.push_back(g);
    std::stable_sort(own.begin(), own.end(), [](const auto& a, const auto& b) { return a.from < b.from; });
    for (std::size_t i = 1; i < own.size(); ++i) CHECK(own[i - 1].to <= own[i].from);
    for (const auto& g : t.segments) CHECK((g.from <= g.to && g.from >= t.start && g.to <= t.end));
}

// Always open, one desk in a hall `hall_minutes` from home, no other citizens.
Scenario small_scenario(double hall_minutes, std::vector<Step> steps) {
    Scenario s;
    s.id = "small";
    s.start = make_time({2025, 3, 3}, 0, 0);
    s.calendar_mode = CalendarMode::always_open;
    s.places = {Place{"home", "家", "", 0}, Place{"hall", "大厅", "", hall_minutes}};
    Department d;
    d.id = "desk";
    d.place = "hall";
    s.departments = {d};
    Variant v;
    v.id = "before";
    v.steps = std::move(steps);
    s.variants = {v};
    return s;
}

Step small_step(const std::string& id, StepKind kind, double service, double review, std::vector<std::string> after) {
    Step st;
    st.id = id;
    st.kind = kind;
    st.department = "desk";
    st.service = Duration::minutes(service);
    st.review = Duration::minutes(review);
    st.after = std::move(after);
    return st;
}

// The one citizen's events, arriving at the start (always open unless `calendar` says).
std::vector<LogEvent> run_alone(const Scenario& s, RunResult* result = nullptr, const Calendar& calendar = Calendar()) {
    std::vector<LogEvent> log;
    EngineOptions o;
    o.citizens = 1;
    o.model_citizen = true;
    o.background = false;
    o.sink = [&log](const LogEvent& e) { log.push_back(e); };
    const RunResult r = run_monte_carlo(s, s.variants.front(), calendar, o);
    if (result) *result = r;
    return log;
}

// The timeline's segments, as (lane, from, to, step) seconds from t0, against `want`, both
// sorted by (from, to, lane).
struct Expect { Lane lane; Seconds from, to; std::int32_t step; };
void check_segments(const Timeline& t, Seconds t0, std::vector<Expect> want) {
    std::vector<Expect> got;
    for (const auto& g : t.segments) got.push_back({g.lane, g.from - t0, g.to - t0, g.step});
    auto key = [](const Expect& e) { return std::make_tuple(e.from, e.to, static_cast<int>(e.lane)); };
    std::sort(got.begin(), got.end(), [&](const Expect& a, const Expect& b) { return key(a) < key(b); });
    std::sort(want.begin(), want.end(), [&](const Expect& a, const Expect& b) { return key(a) < key(b); });
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        INFO("segment " << i << ": " << to_string(got[i].lane) << " " << got[i].from << "–" << got[i].to);
        CHECK(got[i].lane == want[i].lane);
        CHECK(got[i].from == want[i].from);
        CHECK(got[i].to == want[i].to);
        CHECK(got[i].step == want[i].step);
    }
}

}  // namespace

TEST_CASE("timeline segments add up to every case's measures (built-in scenarios)", "[timeline]") {
    int cases = 0, lanes_seen[kLaneCount] = {};
    for (const auto& file : builtin_files()) {
        const Scenario s = load_builtin(file);
        const Calendar cal = scenario::scenario_calendar(s);
        for (const Variant& v : s.variants) {
            for (std::uint64_t seed : {1u, 2u, 3u}) {
                INFO(file << " " << v.id << " seed " << seed);
                std::vector<LogEvent> log;
                EngineOptions o;
                o.seed = seed;
                o.citizens = 12;
                o.sink = [&log](const LogEvent& e) { log.push_back(e); };
                const RunResult r = run_monte_carlo(s, v, cal, o);
                for (const CaseMeasures& m : r.cases) {
                    INFO("citizen " << m.citizen);
                    const Timeline t = build_timeline(s, v, log, m.citizen, seed);
                    check_case(t, m);
                    for (const auto& g : t.segments) lanes_seen[static_cast<int>(g.lane)] += g.to > g.from;
                    cases++;
                }
                // The model citizen's walk (interactive engine, answered by the policy).
                const auto walk = model_walk(s, cal, v.id, seed);
                REQUIRE(walk->finished());
                const RunResult wr = walk->result();
                if (!wr.cases.empty()) check_case(build_timeline(s, v, walk->log(), 0, seed), wr.cases.front());
            }
        }
    }
    CHECK(cases > 500);
    // The built-in scenarios exercise every lane, so each rule above was held to the engine.
    for (int l = 0; l < kLaneCount; ++l) {
        INFO("lane " << to_string(static_cast<Lane>(l)));
        CHECK(lanes_seen[l] > 0);
    }
}

TEST_CASE("timeline of a small case, written out by hand", "[timeline]") {
    // Always open, no other citizens. Home → hall 30 min. 申请 at the window 20 min, then
    // 60 min review; 现场核查: 120 min until the appointment, the visit 45 min; then an
    // online form of 10 min with no review.
    const Scenario s = small_scenario(30, {small_step("apply", StepKind::window, 20, 60, {}),
                                           small_step("inspect", StepKind::inspection, 45, 120, {"apply"}),
                                           small_step("fill", StepKind::online, 10, 0, {"inspect"})});
    const Variant& v = s.variants.front();
    RunResult r;
    const std::vector<LogEvent> log = run_alone(s, &r);
    REQUIRE(r.cases.size() == 1);
    const Timeline t = build_timeline(s, v, log, 0, 1);

    // By hand (seconds from the start): leave at 0, at the hall 1800 (30 min), called at
    // once, 20 min at the window → 3000; the review is due at 6600, within two hours the
    // same day, so the citizen waits in the hall; then 现场核查 is due at 6600 + 7200 +
    // 2700 = 16500, too late to wait: home 6600–8400; the inspectors come 13800–16500;
    // the form takes 16500–17100, and the case is done.
    const Seconds t0 = s.start;
    check_segments(t, t0, {
        {Lane::travel, 0, 1800, 0},     {Lane::queue, 1800, 1800, 0}, {Lane::window, 1800, 3000, 0},
        {Lane::hall, 3000, 6600, -1},   {Lane::review, 3000, 6600, 0}, {Lane::travel, 6600, 8400, -1},
        {Lane::review, 6600, 13800, 1}, {Lane::inspection, 13800, 16500, 1}, {Lane::online, 16500, 17100, 2},
    });
    // 30 + 0 + 20 + 60 + 30 + 45 + 10 minutes = 195 min = 11,700 s of the citizen's time.
    CHECK(t.citizen_seconds() == 11700);
    CHECK(r.cases[0].citizen_seconds == 11700);
    CHECK(t.end - t.start == 17100);
    CHECK(t.steps[0].citizen == 1800 + 1200);
    CHECK(t.steps[0].trips == 1);
    CHECK(t.steps[0].ready == t0 + 6600);
    CHECK(t.steps[1].citizen == 2700);
    CHECK(t.steps[2].citizen == 600);
    CHECK(t.steps[2].done == t0 + 17100);
}

// Compare's Gantt draws the Monte Carlo's median citizen from the run's log; the debrief
// draws a walk's log. Both go through build_timeline and chart_row (the only reading of
// a log and the only lane → row map the screens have), so the charts agree exactly when
// the timelines do. The model citizen's walk is the same case as the first citizen of a
// Monte Carlo run whose first citizen arrives at the start (core/policy.hpp): its two
// timelines, from two different logs, must be segment for segment the same.
TEST_CASE("the Gantt's and the debrief's timelines of one citizen are the same", "[timeline]") {
    int compared = 0;
    for (const auto& file : builtin_files()) {
        const Scenario s = load_builtin(file);
        const Calendar cal = scenario::scenario_calendar(s);
        for (const Variant& v : s.variants) {
            INFO(file << " " << v.id);
            std::vector<LogEvent> log;
            EngineOptions o;
            o.seed = 5;
            o.citizens = 1;  // alone, as the walk is (other citizens of the process would queue with it)
            o.model_citizen = true;
            o.sink = [&log](const LogEvent& e) { log.push_back(e); };
            run_monte_carlo(s, v, cal, o);
            const auto walk = model_walk(s, cal, v.id, o.seed);
            const Timeline gantt = build_timeline(s, v, log, 0, o.seed);
            const Timeline debrief = build_timeline(s, v, walk->log(), 0, o.seed);
            REQUIRE(gantt.segments.size() == debrief.segments.size());
            for (std::size_t i = 0; i < gantt.segments.size(); ++i) {
                const auto& a = gantt.segments[i];
                const auto& b = debrief.segments[i];
                CHECK(a.lane == b.lane);
                CHECK(chart_row(a.lane) == chart_row(b.lane));
                CHECK(a.from == b.from);
                CHECK(a.to == b.to);
                CHECK(a.step == b.step);
                CHECK(a.department == b.department);
            }
            CHECK(gantt.ready_times() == debrief.ready_times());
            compared++;
        }
    }
    CHECK(compared > 20);
}

TEST_CASE("a step that does not block its successors lets them go when accepted, online too", "[timeline]") {
    // Always open, no other citizens: an online application (10 min, then 3 days of
    // review) that does not block the window step after it.
    std::vector<Step> steps = {small_step("apply", StepKind::online, 10, 3 * 24 * 60, {}),
                               small_step("build", StepKind::window, 5, 0, {"apply"})};
    steps[0].blocks_successors = false;
    const Scenario s = small_scenario(0, steps);
    const std::vector<LogEvent> log = run_alone(s);
    const auto ready = scenario::step_ready_times(steps, log);
    // Submitted online after its 10 minutes: the successor may start then, not 3 days on.
    CHECK(ready[0] == s.start + 600);
    CHECK(ready[1] == s.start + 600 + 300);
}

// A trainee's walks take the paths no default policy does: waiting in the hall by
// choice, going home, online or in person at random, handing over nothing now and then
// (rejections). Variants with an agent (帮办代办) too: a trainee who goes home by choice
// right after a verdict and then sends an agent, and a citizen the next visit (an
// agent's) sends home because its desk is closing, both walk home on their own time.
TEST_CASE("timeline segments add up to a random trainee's walks", "[timeline]") {
    int walks = 0, agent_walks = 0;
    for (const auto& file : builtin_files()) {
        const Scenario s = load_builtin(file);
        const Calendar cal = scenario::scenario_calendar(s);
        for (const Variant& v : s.variants) {
            for (std::uint64_t seed = 1; seed <= 4; ++seed) {
                INFO(file << " " << v.id << " seed " << seed);
                Walk w(s, cal, v.id, seed);
                std::uint64_t x = seed * 7919 + 17;
                auto pick = [&x](std::size_t n) {
                    x = x * 6364136223846793005ull + 1442695040888963407ull;
                    return static_cast<std::size_t>((x >> 33) % n);
                };
                for (int turn = 0; w.advance() == Engine::Status::decision && turn < 400; ++turn) {
                    const Decision d = *w.pending();
                    Choice c;
                    c.kind = d.kind;
                    if (d.kind == DecisionKind::handover) {
                        const auto held = w.engine().citizen_view(0).held;
                        if (pick(6) != 0)
                            for (const auto& m : d.needed)
                                if (std::find(held.begin(), held.end(), m) != held.end()) c.materials.push_back(m);
                    } else {
                        c.value = d.options[pick(d.options.size())];
                    }
                    REQUIRE(w.choose(c));
                }
                const RunResult r = w.result();
                if (r.cases.empty()) continue;  // stuck (rejected too often): no measures to hold to
                check_case(build_timeline(s, v, w.log(), 0, seed), r.cases.front());
                walks++;
                agent_walks += r.cases.front().agent_seconds > 0;
            }
        }
    }
    CHECK(walks > 80);
    CHECK(agent_walks > 0);
}

TEST_CASE("the way home is the citizen's when the next visit, an agent's, finds its desk closing", "[timeline]") {
    // Office hours 09:00–17:00 on working days, no other citizens. 申请 at the desk in hall
    // A (30 min from home) is served 390 min; 领取 (帮办代办: an agent's) at hall B, 60 min
    // from home — a hop from A lasts B's 60 min.
    Scenario s = small_scenario(30, {small_step("apply", StepKind::window, 390, 0, {}),
                                     small_step("collect", StepKind::window, 10, 0, {"apply"})});
    s.calendar_mode = CalendarMode::working_days;
    s.start = make_time({2025, 3, 3}, 9, 0);  // a Monday
    s.places.push_back(Place{"hall_b", "B 大厅", "", 60});
    Department b;
    b.id = "desk_b";
    b.place = "hall_b";
    s.departments.push_back(b);
    s.variants.front().steps[1].department = "desk_b";
    s.variants.front().steps[1].agent = true;
    const Variant& v = s.variants.front();
    RunResult r;
    const std::vector<LogEvent> log =
        run_alone(s, &r, Calendar(CalendarMode::working_days, OfficeHours{{{9 * kHour, 17 * kHour}}}, HolidayData{}));
    REQUIRE(r.cases.size() == 1);
    const Timeline t = build_timeline(s, v, log, 0, 1);

    // By hand (seconds from Monday 09:00): leave at 0, at hall A 1800, called at once, 390
    // min at the window → 25200 (16:00). 领取 is next, but B would be reached at 17:00, its
    // close: the citizen goes home, 25200–27000, on their own time. The agent sets out on
    // Tuesday to be at B at its opening: 82800–86400 on the way, served 86400–87000.
    const Seconds t0 = s.start;
    check_segments(t, t0, {
        {Lane::travel, 0, 1800, 0},      {Lane::queue, 1800, 1800, 0},   {Lane::window, 1800, 25200, 0},
        {Lane::travel, 25200, 27000, -1}, {Lane::agent, 82800, 86400, 1}, {Lane::agent, 86400, 86400, 1},
        {Lane::agent, 86400, 87000, 1},
    });
    // The citizen: 30 + 390 + 30 (home) = 450 min; the agent: 60 + 10 = 70 min; one trip.
    CHECK(r.cases[0].citizen_seconds == 450 * 60);
    CHECK(r.cases[0].agent_seconds == 70 * 60);
    CHECK(r.cases[0].trips == 1);
    check_case(t, r.cases[0]);
}
