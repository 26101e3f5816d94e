// 一次性告知 and 材料预审 in the built-in scenarios (issue 22): the before models what the
// cited texts say went wrong (citizens "盲目凑材料", clerks not telling everything at
// once, so citizens "往返多次"), and the reform's levers change the figures by what the
// model's own probabilities give by hand — the oracle is that arithmetic, not a run of
// the program compared with another.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/engine.hpp"
#include "core/levers.hpp"
#include "core/shapley.hpp"
#include "scenario/scenario_io.hpp"
#include "builtin_scenario.hpp"

using namespace peizou;

namespace {

using test::load_builtin;

std::int32_t step_index(const Variant& v, const std::string& id) {
    for (std::size_t i = 0; i < v.steps.size(); ++i)
        if (v.steps[i].id == id) return static_cast<std::int32_t>(i);
    FAIL("no step " << id);
    return -1;
}

// Expected 补正 rejections of a step that rejects each attempt with probability p, up
// to 12 attempts (then stuck): Σ_{k=1..12} p^k, i.e. p / (1 − p) less a tail below 1e-6.
double expected_rework(double p) {
    double sum = 0, pk = 1;
    for (int k = 1; k <= 12; ++k) sum += (pk *= p);
    return sum;
}

struct Tally {
    std::int32_t cases = 0;
    double rejections = 0;  // mean per finished case
    std::int32_t reached = 0;  // citizens who handed papers over at the watched step
    std::int32_t missing_rejections = 0;  // rejections there for missing papers ("缺少…")
    std::map<std::string, std::int32_t> reasons;  // those rejections' texts
};

Tally run(const Scenario& s, const Variant& v, const std::string& watched, std::int32_t citizens) {
    Tally t;
    const std::int32_t at = step_index(v, watched);
    std::map<std::int32_t, bool> seen;
    EngineOptions o;
    o.seed = 20251202;
    o.citizens = citizens;
    o.sink = [&](const LogEvent& e) {
        if (e.step != at || e.activity == Activity::step_skipped) return;
        if (e.activity == Activity::handover && !seen[e.citizen]) {
            seen[e.citizen] = true;
            t.reached++;
        }
        if (e.activity == Activity::rejected && e.detail.rfind("缺少", 0) == 0) {
            t.missing_rejections++;
            t.reasons[e.detail]++;
        }
    };
    const RunResult r = run_monte_carlo(s, v, scenario::scenario_calendar(s), o);
    REQUIRE(r.stuck.empty());
    t.cases = static_cast<std::int32_t>(r.cases.size());
    for (const auto& c : r.cases) t.rejections += c.rejections;
    t.rejections /= t.cases;
    return t;
}

Lever lever(LeverKind kind) {
    Lever l;
    l.kind = kind;
    return l;
}

}  // namespace

// ---------------------------------------------------------------- 材料预审 (pre_check)

TEST_CASE("pre_check: the rework probability × factor, and the mean rejections follow p/(1−p)",
          "[levers][pre_check]") {
    // One window step needing one paper the citizen holds and the guide lists; the clerk
    // sends a complete submission back with p = 0.4. By hand: rejections per case are
    // geometric, mean p/(1−p) = 0.4/0.6 = 0.667; after 材料预审 with factor 0.25,
    // p = 0.1 and the mean is 0.1/0.9 = 0.111.
    Scenario s;
    s.id = "pre";
    s.start = make_time({2025, 9, 29}, 9, 0);
    s.arrivals_per_working_day = 40;
    s.places = {Place{"home", "家", "", 0}, Place{"hall", "大厅", "", 20}};
    Department a;
    a.id = "a";
    a.place = "hall";
    a.windows = 4;
    s.departments = {a};
    Material m;
    m.id = "form";
    m.name = "申请表";
    m.held_at_start = true;
    s.materials = {m};
    Variant v;
    v.id = "before";
    Step st;
    st.id = "apply";
    st.name = "申请";
    st.department = "a";
    st.service = Duration::minutes(10);
    st.needs = {"form"};
    st.rework_probability = 0.4;
    st.rework_reason = "申请表填写不规范，请补正";
    Step file = st;  // a review-only step: no papers, nothing to pre-check
    file.id = "file";
    file.kind = StepKind::review;
    file.needs.clear();
    file.rework_probability = 0;
    file.after = {"apply"};
    v.steps = {st, file};
    s.variants = {v};

    Lever pc = lever(LeverKind::pre_check);
    pc.factor = 0.25;
    const LeverResult r = apply_lever(s, v, pc);  // empty steps: every step that sends papers back
    REQUIRE(r.ok);
    CHECK(r.variant.steps[0].rework_probability == Approx(0.1).epsilon(1e-12));
    CHECK(r.variant.steps[1].rework_probability == 0);
    REQUIRE(r.variant.changes.size() == 1);
    CHECK(r.variant.changes[0].find("材料预审") != std::string::npos);
    CHECK(r.variant.changes[0].find("40% → 10%") != std::string::npos);

    EngineOptions o;
    o.seed = 7;
    o.citizens = 2000;
    o.background = false;
    auto mean_rejections = [&](const Variant& x) {
        const RunResult rr = run_monte_carlo(s, x, Calendar(s.calendar_mode, s.office_hours, HolidayData{}), o);
        REQUIRE(rr.stuck.empty());
        double sum = 0;
        for (const auto& c : rr.cases) sum += c.rejections;
        return sum / static_cast<double>(rr.cases.size());
    };
    // Standard errors with 2,000 cases: √(p)/(1−p)/√2000 = 0.024 and 0.008; 4 of them.
    CHECK(mean_rejections(v) == Approx(0.4 / 0.6).margin(0.1));
    CHECK(mean_rejections(r.variant) == Approx(0.1 / 0.9).margin(0.035));

    // Its refusals: no factor (the default 1), a factor outside (0, 1), a review step.
    CHECK_FALSE(apply_lever(s, v, lever(LeverKind::pre_check)).ok);
    for (double bad : {0.0, 1.5, -0.2}) {
        Lever b = lever(LeverKind::pre_check);
        b.factor = bad;
        CHECK_FALSE(apply_lever(s, v, b).ok);
    }
    Lever on_review = pc;
    on_review.steps = {"file"};
    const LeverResult refused = apply_lever(s, v, on_review);
    CHECK_FALSE(refused.ok);
    CHECK(refused.error_zh.find("不收办事人的材料") != std::string::npos);
}

// ---------------------------------------------------------------- company deregistration

TEST_CASE("company deregistration: 一次性告知 and 材料预审 lower the rejections by the hand-computed amounts",
          "[scenarios][facts][tell_all][pre_check]") {
    const Scenario s = load_builtin("company-deregistration");
    const Variant& before = *s.variant("before");
    const Variant& after = *s.variant("one_thing");

    // The before's guide does not list the two papers only the general procedure asks
    // for (天津宁河区: citizens "盲目凑材料"; 定州: without 一次性告知 they "往返多次").
    for (const auto& m : s.materials) {
        INFO(m.id);
        CHECK(m.in_guide == (m.id != "tax_clearance" && m.id != "liquidation_report"));
    }

    // Hand count. A general-procedure citizen brings 申请书, 执照 and 决议 to dereg_general:
    // one at a time the clerk names 《清税证明》 (visit 1), then 《清算报告》 (visit 2), and
    // visit 3 is complete — exactly 2 rejections for missing papers per such citizen;
    // telling all at once names both at visit 1 — exactly 1. Simplified-procedure
    // citizens never reach the step.
    const std::int32_t n = 800;
    const Tally b = run(s, before, "dereg_general", n);
    REQUIRE(b.reached > 0);
    CHECK(b.missing_rejections == 2 * b.reached);
    CHECK(b.reasons == std::map<std::string, std::int32_t>{{"缺少《清税证明》，请补正后再来", b.reached},
                                                            {"缺少《清算报告》，请补正后再来", b.reached}});

    const LeverResult told = apply_levers(s, before, {lever(LeverKind::tell_all_at_once)});
    REQUIRE(told.ok);
    const Tally t = run(s, told.variant, "dereg_general", n);
    CHECK(t.reached == b.reached);  // the same citizens (same seed, same branch draws)
    CHECK(t.missing_rejections == t.reached);
    CHECK(t.reasons ==
          std::map<std::string, std::int32_t>{{"缺少《清税证明》《清算报告》，请一次补齐后再来", t.reached}});

    // Mean rejections per case from the model's probabilities. The branch: simplified
    // 0.7, general 0.3. Rework (补正) on a complete submission, Σ p/(1−p) over the steps a
    // case passes: simplified notice_apply 0.15, tax_clear 0.3, dereg 0.2, si_close 0.15,
    // hf_close 0.2; general the same with liquidation_filing 0.15 and dereg_general 0.2.
    const double rework = expected_rework(0.15) + expected_rework(0.3) + expected_rework(0.2) +
                          expected_rework(0.15) + expected_rework(0.2);  // 1.2815 either way
    CHECK(rework == Approx(1.2815).margin(0.0001));
    const double general = 0.3;
    // before: + 2 missing-paper rejections for a general case; tell all: + 1.
    CHECK(b.rejections == Approx(rework + general * 2).margin(0.2));  // 1.88
    CHECK(t.rejections == Approx(rework + general * 1).margin(0.2));  // 1.58
    // The one_thing variant adds 材料预审 on the four paper steps (p × 0.25: 0.15 → 0.0375,
    // 0.2 → 0.05); tax, social insurance and housing fund keep theirs:
    const double checked = expected_rework(0.0375) + expected_rework(0.3) + expected_rework(0.05) +
                           expected_rework(0.15) + expected_rework(0.2);  // 0.9466
    const Tally a = run(s, after, "dereg_general", n);
    CHECK(a.missing_rejections == a.reached);
    CHECK(a.rejections == Approx(checked + general * 1).margin(0.2));  // 1.25 (before 1.88)
    for (const char* id : {"notice_apply", "liquidation_filing", "dereg", "dereg_general"}) {
        INFO(id);
        const Step& was = before.steps[static_cast<std::size_t>(step_index(before, id))];
        const Step& now = after.steps[static_cast<std::size_t>(step_index(after, id))];
        CHECK(now.rework_probability == Approx(was.rework_probability * 0.25).epsilon(1e-12));
    }
    CHECK(after.steps[static_cast<std::size_t>(step_index(after, "tax_clear"))].rework_probability == 0.3);
}

TEST_CASE("company deregistration: Shapley gives 一次性告知 and 材料预审 a share of the saving",
          "[scenarios][facts][shapley]") {
    const Scenario s = load_builtin("company-deregistration");
    const ShapleySetup setup = shapley_setup(s, "one_thing");
    REQUIRE(setup.ok);
    const ShapleyResult r = shapley_values(s, scenario::scenario_calendar(s), setup, 20251202, 300);
    REQUIRE(r.complete);
    bool saw_tell = false;
    for (const auto& l : r.levers) {
        if (l.kind != "tell_all_at_once") continue;
        saw_tell = true;
        // Without the joint system's online steps the general procedure's window sends
        // the citizen home once less: trips and working days fall.
        CHECK(l.value[static_cast<std::size_t>(ShapleyMeasure::trips)] < 0);
        CHECK(l.value[static_cast<std::size_t>(ShapleyMeasure::working_days)] < 0);
    }
    CHECK(saw_tell);
}

// ---------------------------------------------------------------- sources

TEST_CASE("scenario files cite texts, never an issue; an unverified source is listed as an assumption",
          "[scenarios][facts]") {
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(PEIZOU_SOURCE_DIR) / "scenarios")) {
        if (entry.path().extension() != ".json") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string text = ss.str();
        INFO(entry.path().filename().string());
        CHECK(text.find("据 issue") == std::string::npos);
        CHECK(text.find("issue 2") == std::string::npos);
        CHECK(text.find("issue 1") == std::string::npos);
        const Scenario s = load_builtin(entry.path().stem().string());
        std::string assumed;
        for (const auto& a : s.assumptions) assumed += a;
        for (const auto& src : s.sources) {
            if (src.citation.find("按假设使用") == std::string::npos) continue;
            INFO(src.citation);
            // Its title (《…》) or, for a report without one, its first words are named
            // among the assumptions.
            const std::size_t open = src.citation.find("《"), close = src.citation.find("》");
            const std::string title = open != std::string::npos && close != std::string::npos
                                          ? src.citation.substr(open, close - open)
                                          : src.citation.substr(0, src.citation.find("（"));
            CHECK(assumed.find(title) != std::string::npos);
        }
    }
    // 国办发〔2018〕32号 is quoted now, not paraphrased.
    const Scenario st = load_builtin("company-startup");
    bool quoted = false;
    for (const auto& src : st.sources)
        quoted = quoted || src.says.find("由目前平均20天减至8.5天（指工作日，下同）以内") != std::string::npos;
    CHECK(quoted);
}
