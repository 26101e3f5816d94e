// The Editor's process graph layout (scenario::layout_graph) and live preview's debounce
// (scenario::debounce_tick) against hand-computed answers on hand-made models.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "scenario/graph_layout.hpp"
#include "scenario/live_debounce.hpp"
#include "scenario/scenario_io.hpp"

using namespace peizou;

namespace {

Step step(const std::string& id, const std::string& dept, std::vector<std::string> after = {},
          std::vector<std::string> needs = {}, std::vector<std::string> produces = {}) {
    Step s;
    s.id = id;
    s.department = dept;
    s.after = std::move(after);
    s.needs = std::move(needs);
    s.produces = std::move(produces);
    return s;
}

Scenario model(std::vector<Step> steps, std::vector<Branch> branches = {}) {
    Scenario s;
    s.places = {Place{"home", "家", "", 0}, Place{"hall", "大厅", "", 20}};
    for (const char* id : {"a", "b", "unused"}) {
        Department d;
        d.id = id;
        d.place = "hall";
        s.departments.push_back(d);
    }
    Variant v;
    v.id = "before";
    v.steps = std::move(steps);
    v.branches = std::move(branches);
    s.variants = {v};
    return s;
}

const scenario::GraphNode& node(const scenario::GraphLayout& g, const Scenario& s, const std::string& id) {
    const auto& steps = s.variants.front().steps;
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (steps[i].id == id) return g.nodes[i];
    FAIL("no step " << id);
    return g.nodes.front();
}

}  // namespace

TEST_CASE("graph layout: columns by depth over after, hand-offs and branches; lanes by department", "[graph]") {
    Branch br;
    br.id = "br";
    br.after = {"s2"};
    br.options = {BranchOption{"o1", "一", "", 0.5, {"s6"}}, BranchOption{"o2", "二", "", 0.5, {"s7"}}};
    const Scenario s = model({step("s1", "a"), step("s2", "b", {"s1"}, {}, {"m1"}), step("s3", "a", {}, {"m1"}),
                              step("s4", "b", {"s1"}), step("s5", "", {"s3", "s4"}), step("s6", "a"), step("s7", "b")},
                             {br});
    const auto g = scenario::layout_graph(s, s.variants.front());
    // Hand-computed: s1 0; s2, s4 after s1: 1; s3 needs m1 made by s2: 2; s5 after s3: 3;
    // s6, s7 wait for branch br, which waits for s2: 2.
    CHECK(node(g, s, "s1").column == 0);
    CHECK(node(g, s, "s2").column == 1);
    CHECK(node(g, s, "s4").column == 1);
    CHECK(node(g, s, "s3").column == 2);
    CHECK(node(g, s, "s6").column == 2);
    CHECK(node(g, s, "s7").column == 2);
    CHECK(node(g, s, "s5").column == 3);
    CHECK(g.columns == 4);
    CHECK_FALSE(g.cyclic);
    // Lanes: the citizen's own (s5 has no department) first, then a and b; "unused" has none.
    REQUIRE(g.lanes.size() == 3);
    CHECK(g.lanes[0].department.empty());
    CHECK(g.lanes[1].department == "a");
    CHECK(g.lanes[2].department == "b");
    CHECK(node(g, s, "s5").lane == 0);
    CHECK(node(g, s, "s1").lane == 1);
    CHECK(node(g, s, "s7").lane == 2);
    // a holds s3 and s6 in column 2, b holds s2 and s4 in column 1: two rows each.
    CHECK(g.lanes[0].rows == 1);
    CHECK(g.lanes[1].rows == 2);
    CHECK(g.lanes[2].rows == 2);
    CHECK(node(g, s, "s3").row != node(g, s, "s6").row);
    // Branch options and edges
    CHECK(node(g, s, "s6").branch == 0);
    CHECK(node(g, s, "s6").option == 0);
    CHECK(node(g, s, "s7").option == 1);
    CHECK(node(g, s, "s1").branch == -1);
    int after = 0, material = 0, branch = 0;
    for (const auto& e : g.edges) {
        after += e.kind == scenario::GraphEdgeKind::after;
        material += e.kind == scenario::GraphEdgeKind::material;
        branch += e.kind == scenario::GraphEdgeKind::branch;
        if (e.kind == scenario::GraphEdgeKind::material) {
            CHECK(e.from == 1);
            CHECK(e.to == 2);
            CHECK(e.material == "m1");
        }
    }
    CHECK(after == 4);     // s1→s2, s3→s5, s1→s4, s4→s5
    CHECK(material == 1);  // s2→s3 (m1)
    CHECK(branch == 2);    // s2→s6, s2→s7
}

TEST_CASE("graph layout: a hand-off that is also an after edge is drawn once", "[graph]") {
    const Scenario s = model({step("p", "a", {}, {}, {"m"}), step("q", "a", {"p"}, {"m"})});
    const auto g = scenario::layout_graph(s, s.variants.front());
    REQUIRE(g.edges.size() == 1);
    CHECK(g.edges.front().kind == scenario::GraphEdgeKind::after);
}

TEST_CASE("graph layout: rows ordered to remove a crossing", "[graph]") {
    // p1, p2 in column 0; q1 after p2 and q2 after p1 in column 1, declared q1 first.
    // In declaration order the two edges cross (p2 row 1 → q1 row 0, p1 row 0 → q2 row 1);
    // by the mean height of their predecessors q2 goes to row 0 and nothing crosses.
    const Scenario s = model({step("p1", "a"), step("p2", "a"), step("q1", "a", {"p2"}), step("q2", "a", {"p1"})});
    const auto g = scenario::layout_graph(s, s.variants.front());
    CHECK(node(g, s, "p1").row == 0);
    CHECK(node(g, s, "p2").row == 1);
    CHECK(node(g, s, "q2").row == 0);
    CHECK(node(g, s, "q1").row == 1);
    CHECK(scenario::graph_crossings(g) == 0);
    // The measure itself: the declaration order has one crossing.
    auto crossed = g;
    crossed.nodes[2].row = 0;
    crossed.nodes[3].row = 1;
    CHECK(scenario::graph_crossings(crossed) == 1);
}

TEST_CASE("graph layout: an invalid draft (a cycle, unknown ids) is laid out and flagged", "[graph]") {
    const Scenario s = model({step("x", "a", {"y"}), step("y", "nowhere", {"x", "ghost"}), step("z", "b")});
    const auto g = scenario::layout_graph(s, s.variants.front());
    CHECK(g.cyclic);
    CHECK(g.nodes.size() == 3);
    for (const auto& n : g.nodes) CHECK(n.column <= 3);  // capped at the step count
    CHECK(node(g, s, "z").column == 0);
    CHECK(node(g, s, "y").lane == 0);  // unknown department: the citizen's own lane
    CHECK(g.lanes[0].department.empty());
    const Scenario empty = model({});
    CHECK(scenario::layout_graph(empty, empty.variants.front()).columns == 0);
}

TEST_CASE("critical path of one citizen: the longer review decides", "[graph]") {
    // Always open, no other citizens: s1 at the window, then s2 (review 5 days) and s3
    // (review 1 day) both after s1, then s4 after both. By hand: s4 waits for s2, which
    // waits for s1 → s1, s2, s4.
    Scenario s = model({});
    s.start = make_time({2025, 3, 3}, 0, 0);
    s.calendar_mode = CalendarMode::always_open;
    auto review_step = [](const std::string& id, double review_minutes, std::vector<std::string> after) {
        Step st = step(id, "a", std::move(after));
        st.service = Duration::minutes(10);
        st.review = Duration::minutes(review_minutes);
        return st;
    };
    s.variants.front().steps = {review_step("s1", 0, {}), review_step("s2", 5 * 24 * 60, {"s1"}),
                                review_step("s3", 24 * 60, {"s1"}), review_step("s4", 0, {"s2", "s3"})};
    std::vector<LogEvent> log;
    EngineOptions o;
    o.citizens = 1;
    o.first_at_start = true;
    o.background = false;
    o.sink = [&log](const LogEvent& e) { log.push_back(e); };
    const RunResult r = run_monte_carlo(s, s.variants.front(), Calendar(), o);
    REQUIRE(r.cases.size() == 1);
    const auto ids = scenario::critical_step_ids(s, s.variants.front(), log, r.cases.front().citizen, o.seed);
    CHECK(ids == std::vector<std::string>{"s1", "s2", "s4"});
    // Swap the reviews: s3 decides.
    s.variants.front().steps[1].review = Duration::minutes(60);
    s.variants.front().steps[2].review = Duration::minutes(3 * 24 * 60);
    log.clear();
    const RunResult r2 = run_monte_carlo(s, s.variants.front(), Calendar(), o);
    CHECK(scenario::critical_step_ids(s, s.variants.front(), log, r2.cases.front().citizen, o.seed) ==
          std::vector<std::string>{"s1", "s3", "s4"});
}

TEST_CASE("live preview debounce: starts after the pause, a newer version cancels", "[graph]") {
    scenario::Debounce d;
    const double delay = 0.3;
    // version 1 at t=0: nothing until 0.3 s have passed
    auto st = scenario::debounce_tick(d, 1, 0.0, delay);
    CHECK_FALSE(st.start);
    st = scenario::debounce_tick(d, 1, 0.29, delay);
    CHECK_FALSE(st.start);
    st = scenario::debounce_tick(d, 1, 0.30, delay);
    CHECK(st.start);
    CHECK_FALSE(st.cancel);
    CHECK(d.running == 1);
    // running: the same version does not start again
    st = scenario::debounce_tick(d, 1, 0.5, delay);
    CHECK_FALSE(st.start);
    CHECK_FALSE(st.cancel);
    // an edit at 0.6: cancels at once, starts version 2 at 0.9 (not before)
    st = scenario::debounce_tick(d, 2, 0.6, delay);
    CHECK(st.cancel);
    CHECK_FALSE(st.start);
    CHECK(d.running == -1);
    st = scenario::debounce_tick(d, 3, 0.8, delay);  // another edit restarts the pause
    CHECK_FALSE(st.cancel);                           // nothing was running
    st = scenario::debounce_tick(d, 3, 1.05, delay);
    CHECK_FALSE(st.start);
    st = scenario::debounce_tick(d, 3, 1.1, delay);
    CHECK(st.start);
    CHECK(d.running == 3);
    scenario::debounce_done(d);
    CHECK(d.shown == 3);
    CHECK(d.running == -1);
    // shown: no new run for the same version
    st = scenario::debounce_tick(d, 3, 5.0, delay);
    CHECK_FALSE(st.start);
    // a dropped version (invalid) is not retried until the version changes
    st = scenario::debounce_tick(d, 4, 6.0, 0);
    CHECK(st.start);
    scenario::debounce_drop(d);
    st = scenario::debounce_tick(d, 4, 7.0, 0);
    CHECK_FALSE(st.start);
}

TEST_CASE("graph layout of every built-in variant: every edge goes right, boxes never share a cell row", "[graph]") {
    namespace fs = std::filesystem;
    int variants = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(PEIZOU_SOURCE_DIR) / "scenarios")) {
        if (entry.path().extension() != ".json") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        const scenario::LoadResult r = scenario::load_scenario(ss.str(), entry.path().filename().string());
        REQUIRE(r.ok);
        for (const Variant& v : r.scenario.variants) {
            INFO(entry.path().filename().string() << " " << v.id);
            const auto g = scenario::layout_graph(r.scenario, v);
            CHECK_FALSE(g.cyclic);
            REQUIRE(g.nodes.size() == v.steps.size());
            for (const auto& e : g.edges)
                CHECK(g.nodes[static_cast<std::size_t>(e.to)].column > g.nodes[static_cast<std::size_t>(e.from)].column);
            std::set<std::tuple<int, int, int>> cells;
            for (const auto& n : g.nodes) {
                CHECK(cells.insert({n.lane, n.column, n.row}).second);
                CHECK(n.row < g.lanes[static_cast<std::size_t>(n.lane)].rows);
            }
            ++variants;
        }
    }
    CHECK(variants > 20);
}
