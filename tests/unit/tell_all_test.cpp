// 一次性告知 (《行政许可法》 §32: the clerk tells everything missing at once; issue 22):
// a step with `tells_all_missing` names every missing essential material in one
// rejection; otherwise only the first, and the citizen learns of the next one at the
// next visit. Citizens bring what they know is needed: what the guide lists, and what a
// clerk has named (Material::in_guide). The `tell_all_at_once` lever switches it on.
#include <catch2/catch.hpp>

#include "core/engine.hpp"
#include "core/levers.hpp"
#include "core/walk.hpp"

using namespace peizou;

namespace {

// One window step "apply" at desk "a" (one window, no background, 10 minutes, no
// review) needing 甲, 乙 and 丙, all essential and held at home. The guide lists only 甲:
// the citizen does not know to bring 乙 and 丙 — they lack two papers at the first visit.
Scenario one_step(bool tells_all) {
    Scenario s;
    s.id = "tell";
    s.start = make_time({2025, 9, 29}, 9, 0);  // a Monday
    s.arrivals_per_working_day = 1;
    s.places = {Place{"home", "家", "", 0}, Place{"hall", "大厅", "", 20}};
    Department a;
    a.id = "a";
    a.place = "hall";
    a.windows = 1;
    s.departments = {a};
    for (const char* id : {"jia", "yi", "bing"}) {
        Material m;
        m.id = id;
        m.name = std::string(id) == "jia" ? "甲" : std::string(id) == "yi" ? "乙" : "丙";
        m.held_at_start = true;
        m.in_guide = std::string(id) == "jia";
        s.materials.push_back(m);
    }
    Variant v;
    v.id = "before";
    Step st;
    st.id = "apply";
    st.name = "申请";
    st.department = "a";
    st.service = Duration::minutes(10);
    st.needs = {"jia", "yi", "bing"};
    st.tells_all_missing = tells_all;
    v.steps = {st};
    s.variants = {v};
    return s;
}

Calendar calendar_of(const Scenario& s) { return Calendar(s.calendar_mode, s.office_hours, HolidayData{}); }

struct Run {
    RunResult r;
    std::vector<LogEvent> log;
    std::vector<std::string> rejections() const {
        std::vector<std::string> out;
        for (const auto& e : log) if (e.activity == Activity::rejected) out.push_back(e.detail);
        return out;
    }
};

Run run_one(const Scenario& s, const Variant& v) {
    Run out;
    EngineOptions o;
    o.citizens = 1;
    o.background = false;
    o.sink = [&out](const LogEvent& e) { out.log.push_back(e); };
    out.r = run_monte_carlo(s, v, calendar_of(s), o);
    return out;
}

}  // namespace

TEST_CASE("one at a time: a citizen lacking two papers is sent back twice; all at once: once", "[engine][tell_all]") {
    // By hand. One at a time: visit 1 hands 甲 (all the guide lists) → "缺少《乙》" (the
    // first missing); visit 2, the next working day, hands 甲 乙 → "缺少《丙》"; visit 3
    // hands all three → accepted. 3 window visits, 3 trips, 2 rejections.
    // All at once: visit 1 → "缺少《乙》《丙》"; visit 2 hands all three → accepted.
    // 2 window visits, 2 trips, 1 rejection.
    // The one case's window visits, trips and rejections.
    auto counts = [](const Run& r) {
        REQUIRE(r.r.cases.size() == 1);
        const CaseMeasures& m = r.r.cases[0];
        return std::vector<std::int32_t>{m.window_visits, m.trips, m.rejections};
    };
    const Scenario one = one_step(false);
    const Run a = run_one(one, one.variants[0]);
    CHECK(counts(a) == std::vector<std::int32_t>{3, 3, 2});
    CHECK(a.rejections() == std::vector<std::string>{"缺少《乙》，请补正后再来", "缺少《丙》，请补正后再来"});
    // Each 补正 waits for the next working day: the visits fall on 3 different days.
    CHECK(a.r.cases[0].working_days >= 2);

    const Scenario all = one_step(true);
    const Run b = run_one(all, all.variants[0]);
    CHECK(counts(b) == std::vector<std::int32_t>{2, 2, 1});
    CHECK(b.rejections() == std::vector<std::string>{"缺少《乙》《丙》，请一次补齐后再来"});
    // The same citizen, one day earlier.
    CHECK(b.r.cases[0].working_days == a.r.cases[0].working_days - 1);
    CHECK(b.r.cases[0].start == a.r.cases[0].start);

    // Control: a guide that lists everything — the citizen brings all three, both ways
    // (today's behaviour: the clerk's way of telling never shows).
    for (bool tells_all : {false, true}) {
        Scenario listed = one_step(tells_all);
        for (auto& m : listed.materials) m.in_guide = true;
        const Run c = run_one(listed, listed.variants[0]);
        REQUIRE(c.r.cases.size() == 1);
        CHECK(c.r.cases[0].window_visits == 1);
        CHECK(c.r.cases[0].rejections == 0);
    }
}

TEST_CASE("a paper named by the clerk is brought on every later visit, to every step", "[engine][tell_all]") {
    // A second step "file" after "apply" needs 乙 too: named once at "apply", the citizen
    // brings it to "file" unasked — 4 window visits in all (3 for apply, then file at once,
    // in the same hall on the third trip), 2 rejections.
    Scenario s = one_step(false);
    Step file = s.variants[0].steps[0];
    file.id = "file";
    file.name = "备案";
    file.needs = {"yi"};
    file.after = {"apply"};
    s.variants[0].steps.push_back(file);
    const Run r = run_one(s, s.variants[0]);
    REQUIRE(r.r.cases.size() == 1);
    CHECK(r.r.cases[0].rejections == 2);
    CHECK(r.r.cases[0].window_visits == 4);
    CHECK(r.r.cases[0].trips == 3);
}

TEST_CASE("the tell_all_at_once lever: listed steps or every step that takes papers", "[levers][tell_all]") {
    Scenario s = one_step(false);
    Step review;
    review.id = "check";
    review.name = "审查";
    review.kind = StepKind::review;
    review.department = "a";
    review.after = {"apply"};
    s.variants[0].steps.push_back(review);

    Lever l;
    l.kind = LeverKind::tell_all_at_once;
    const LeverResult all = apply_lever(s, s.variants[0], l);
    REQUIRE(all.ok);
    CHECK(all.variant.steps[0].tells_all_missing);
    CHECK_FALSE(all.variant.steps[1].tells_all_missing);  // a review takes no papers
    REQUIRE(all.variant.changes.size() == 1);
    CHECK(all.variant.changes[0].find("一次性告知") != std::string::npos);
    CHECK(all.variant.changes[0].find("「申请」") != std::string::npos);

    l.steps = {"check"};
    const LeverResult bad = apply_lever(s, s.variants[0], l);
    CHECK_FALSE(bad.ok);
    CHECK(bad.error_en.find("takes no papers") != std::string::npos);
    l.steps = {"nope"};
    CHECK_FALSE(apply_lever(s, s.variants[0], l).ok);

    // The derived variant runs as the hand-built one: 2 visits, 1 rejection.
    l.steps = {"apply"};
    const LeverResult one = apply_lever(s, s.variants[0], l);
    REQUIRE(one.ok);
    const Run r = run_one(s, one.variant);
    REQUIRE(r.r.cases.size() == 1);
    CHECK(r.r.cases[0].window_visits == 2);
    CHECK(r.r.cases[0].rejections == 1);
    CHECK(r.rejections() == std::vector<std::string>{"缺少《乙》《丙》，请一次补齐后再来"});
}

TEST_CASE("a walk: the handover lists what the citizen knows is needed, and learns", "[engine][walk][tell_all]") {
    const Scenario s = one_step(false);
    Walk w(s, calendar_of(s), "before", 1);
    REQUIRE(w.advance() == Engine::Status::decision);
    REQUIRE(w.pending()->kind == DecisionKind::next_step);
    REQUIRE(w.choose(Choice{DecisionKind::next_step, "apply", {}}));
    REQUIRE(w.advance() == Engine::Status::decision);
    REQUIRE(w.pending()->kind == DecisionKind::handover);
    CHECK(w.pending()->needed == std::vector<std::string>{"jia"});  // the guide lists only 甲
    CHECK(w.engine().suggestion().materials == std::vector<std::string>{"jia"});
    REQUIRE(w.choose(Choice{DecisionKind::handover, "", {"jia"}}));
    REQUIRE(w.advance() == Engine::Status::decision);
    // Rejected for 乙: the citizen now knows it is needed.
    REQUIRE(w.choose(Choice{DecisionKind::next_step, "apply", {}}));
    REQUIRE(w.advance() == Engine::Status::decision);
    REQUIRE(w.pending()->kind == DecisionKind::handover);
    CHECK(w.pending()->needed == std::vector<std::string>{"jia", "yi"});
}

TEST_CASE("clerk wording: a queue sent home at closing is told what a hall says", "[engine][wording]") {
    // Issue 22: not "今天不办了，明天再来" but "今天窗口已停止受理，请您明天再来", with
    // "（可网上预约）" where the department has an online channel to book on.
    for (bool online : {false, true}) {
        Scenario s = one_step(false);
        for (auto& m : s.materials) m.in_guide = true;
        s.departments[0].online = online;
        s.arrivals_per_working_day = 50;
        s.variants[0].steps[0].service = Duration::minutes(120);  // 3 a day at one window
        EngineOptions o;
        o.citizens = 10;
        o.background = false;
        std::vector<std::string> said;
        o.sink = [&said](const LogEvent& e) { if (e.activity == Activity::sent_home_closed) said.push_back(e.detail); };
        run_monte_carlo(s, s.variants[0], calendar_of(s), o);
        REQUIRE_FALSE(said.empty());
        for (const auto& d : said)
            CHECK(d == (online ? "今天窗口已停止受理，请您明天再来（可网上预约）" : "今天窗口已停止受理，请您明天再来"));
    }
}
