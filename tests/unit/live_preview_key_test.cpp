// The Editor's live preview keeps running across edits of display text only (issue 15):
// scenario::simulation_key is equal for two drafts exactly when the edit between them
// cannot change the Monte Carlo, and scenario::debounce_tick with that key keeps the run
// under way for a renamed step and restarts it for a changed duration. The oracle for
// "cannot change": the engine itself, run on both drafts (same seed and citizens), gives
// the same KPIs the preview shows; for "can change", different ones.
#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

#include "core/engine.hpp"
#include "core/levers.hpp"
#include "scenario/live_debounce.hpp"
#include "scenario/run_report.hpp"
#include "scenario/scenario_edit.hpp"

using namespace peizou;

namespace {

Scenario example() {
    scenario::LoadResult r = scenario::load_scenario(scenario::example_scenario_json(), "");
    REQUIRE(r.ok);
    return r.scenario;
}

// A draft as the preview gets it: saved and read back (derived variants resolved).
Scenario checked(const Scenario& draft) {
    scenario::LoadResult r = scenario::validate_draft(draft);
    if (!r.ok)
        for (const auto& i : r.issues) UNSCOPED_INFO(i.path << ": " << i.message_en);
    REQUIRE(r.ok);
    return r.scenario;
}

// The preview's figures: the measures and rates `peizou compare --json` prints for
// `before` and `online`, 300 citizens, seed 42.
std::string figures(const Scenario& s) {
    const Calendar cal = scenario::scenario_calendar(s);
    EngineOptions o;
    o.seed = 42;
    o.citizens = 300;
    std::vector<RunResult> runs;
    for (const char* id : {"before", "online"}) runs.push_back(run_monte_carlo(s, *s.variant(id), cal, o));
    const auto j = scenario::compare_json(runs);
    std::string out;
    for (const auto& v : j["variants"]) out += v["measures"].dump() + v["rates"].dump();
    return out;
}

Step& step(Scenario& s, const char* id) {
    for (auto& st : s.variants.front().steps)
        if (st.id == id) return st;
    FAIL("no step " << id);
    return s.variants.front().steps.front();
}

}  // namespace

TEST_CASE("simulation key: display text edits keep it and the engine's figures; model edits change both", "[editor]") {
    const Scenario base = checked(example());
    const std::uint64_t key = scenario::simulation_key(base);
    const std::string base_figures = figures(base);

    const std::vector<std::pair<const char*, std::function<void(Scenario&)>>> display = {
        {"step name", [](Scenario& s) { step(s, "register").name = "企业开办一窗通办营业执照印章发票"; }},
        {"step name_en", [](Scenario& s) { step(s, "open").name_en = "Opening notice"; }},
        {"rework reason", [](Scenario& s) { step(s, "register").rework_reason = "表格填写有误"; }},
        {"caption and pause", [](Scenario& s) { step(s, "fire_check").caption = "消防"; step(s, "fire_check").presenter_pause = true; }},
        {"diagram position", [](Scenario& s) { step(s, "open").diagram = DiagramAt{100, 40}; }},
        {"title and summary", [](Scenario& s) { s.title = "门店"; s.summary_en = "A shop opens."; }},
        {"sources and assumptions", [](Scenario& s) { s.sources.push_back(Source{"", "某文件", "三天"}); s.assumptions.clear(); }},
        {"place name", [](Scenario& s) { s.places[1].name = "市民中心"; }},
        {"department name", [](Scenario& s) { s.departments[0].name_en = "Market regulation"; }},
        {"material name and hint", [](Scenario& s) { s.materials[1].name = "执照"; s.materials[1].obtain_hint = ""; }},
        {"branch question and label", [](Scenario& s) {
             s.variants.front().branches[0].question = "消防？";
             s.variants.front().branches[0].options[1].label_en = "No";
         }},
        {"variant title and lever note", [](Scenario& s) { s.variants[1].title = "网办"; s.variants[1].levers[1].note = "减半"; }},
    };
    for (const auto& [what, edit] : display) {
        INFO(what);
        Scenario s = example();
        edit(s);
        const Scenario c = checked(s);
        CHECK(scenario::simulation_key(c) == key);
        CHECK(figures(c) == base_figures);  // the engine agrees: nothing simulated changed
    }

    const std::vector<std::pair<const char*, std::function<void(Scenario&)>>> model = {
        {"review duration", [](Scenario& s) { step(s, "fire_check").review = Duration::working_days(9); }},
        {"windows", [](Scenario& s) { s.departments[0].windows = 1; }},
        {"rework probability", [](Scenario& s) { step(s, "register").rework_probability = 0.6; }},
        {"lever factor", [](Scenario& s) { s.variants[1].levers[1].factor = 0.2; }},
    };
    for (const auto& [what, edit] : model) {
        INFO(what);
        Scenario s = example();
        edit(s);
        const Scenario c = checked(s);
        CHECK(scenario::simulation_key(c) != key);
        CHECK(figures(c) != base_figures);  // the engine agrees: the figures differ
    }
    // A paper not in the public guide: citizens learn of it when the clerk names it missing
    // and come back; one without a name is never named (core/engine_citizens.hpp), so they
    // are accepted without it. The reader refuses a material without a name, the engine runs
    // it: a blanked material name stays non-empty in the key.
    Scenario unnamed = example(), named = example();
    for (Scenario* s : {&unnamed, &named}) {
        s->materials[0].in_guide = false;  // the ID card
        resolve_variants(*s);
    }
    unnamed.materials[0].name = "";
    CHECK(scenario::simulation_key(unnamed) != scenario::simulation_key(named));
    CHECK(figures(unnamed) != figures(named));  // the engine does differently
    // a step id is what the critical path names: renaming it is not display text
    Scenario renamed = example();
    REQUIRE(scenario::rename_item(renamed, scenario::ItemRef{scenario::ItemKind::step, "open", "before"}, "opening"));
    CHECK(scenario::simulation_key(checked(renamed)) != key);
}

TEST_CASE("live preview: a step renamed keeps the run under way; a duration changed restarts it", "[editor]") {
    const double delay = 0.2;
    scenario::Debounce d;
    Scenario s = example();
    const auto tick = [&](int version, double now) { return scenario::debounce_tick(d, version, scenario::simulation_key(checked(s)), now, delay); };

    // version 1 starts after the pause
    CHECK_FALSE(tick(1, 0.0).start);
    auto st = tick(1, 0.2);
    CHECK(st.start);
    CHECK(d.running == 1);

    // a step's name typed character by character while it runs: nothing cancelled or restarted
    const std::string name = "企业开办";
    std::string typed;
    int version = 1;
    double now = 0.3;
    for (std::size_t i = 0; i < name.size(); i += 3) {  // one UTF-8 character at a time
        typed += name.substr(i, 3);
        step(s, "register").name = typed;
        st = tick(++version, now += 0.1);
        CHECK_FALSE(st.cancel);
        CHECK_FALSE(st.start);
        CHECK(d.running == version);  // the run under way is now of this version
    }
    REQUIRE(version == 5);
    scenario::debounce_done(d);
    CHECK(d.shown == 5);  // its figures are those of the named version
    CHECK_FALSE(tick(5, now += 1).start);

    // shown, then renamed again: still shown, no new run
    step(s, "register").name_en = "Register";
    st = tick(6, now += 0.1);
    CHECK_FALSE(st.start);
    CHECK(d.shown == 6);
    CHECK_FALSE(tick(6, now += 1).start);

    // a duration changed: a new run after the pause
    step(s, "fire_check").review = Duration::working_days(9);
    const double edited = now += 0.1;
    st = tick(7, edited);
    CHECK_FALSE(st.start);
    st = tick(7, edited + 0.25);
    CHECK(st.start);
    CHECK(d.running == 7);
    // while it runs, a duration changed again cancels it at once
    step(s, "fire_check").review = Duration::working_days(4);
    st = tick(8, edited + 0.3);
    CHECK(st.cancel);
    CHECK(d.running == -1);
    // a name typed during the new pause does not restart the pause: the run starts 0.2 s
    // after the duration, not after the name
    step(s, "open").name = "开业";
    CHECK_FALSE(tick(9, edited + 0.45).start);
    st = tick(9, edited + 0.55);  // 0.25 s after the duration, 0.1 s after the name
    CHECK(st.start);
    CHECK(d.running == 9);
}
