// The optional per-step `diagram` position (issue 16: "layout from bpmndi kept for the
// Editor's graph"): read and written by the scenario format, filled by the BPMN importer
// from the bpmndi shape bounds (numbers read by hand from the fixtures), kept by
// `export --format bpmn`, and followed by the Editor's graph layout (scenario::layout_graph).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "import/bpmn.hpp"
#include "import/import.hpp"
#include "scenario/graph_layout.hpp"
#include "scenario/scenario_io.hpp"
#include "test_files.hpp"

using namespace peizou;
namespace fs = std::filesystem;

namespace {
std::string fixture(const std::string& name) {
    return test::read_text(fs::path(PEIZOU_SOURCE_DIR) / "tests/fixtures/import" / name);
}
const Step* named(const Scenario& s, const std::string& name) {
    for (const auto& st : s.variants[0].steps)
        if (st.name == name) return &st;
    return nullptr;
}
int index_of(const Scenario& s, const std::string& name) {
    const auto& steps = s.variants[0].steps;
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (steps[i].name == name) return static_cast<int>(i);
    return -1;
}
// The small example of docs/scenario-format.md with `diagram` on its steps (by text).
const char* kScenario = R"({"format": "peizou-scenario/1", "id": "d", "title": "图", "start": "2025-09-01T09:00",
  "places": [{"id": "home", "name": "家"}, {"id": "hall", "name": "大厅", "travel_minutes": 10}],
  "departments": [{"id": "a", "name": "甲", "place": "hall"}],
  "variants": {"before": {"title": "前", "steps": [
    {"id": "s1", "name": "一", "department": "a", "diagram": {"x": 300, "y": 80}},
    {"id": "s2", "name": "二", "department": "a", "after": ["s1"], "diagram": {"x": -40, "y": 200}}]}}})";
}  // namespace

TEST_CASE("diagram: read, written canonically, round trip; located errors", "[diagram]") {
    const auto loaded = scenario::load_scenario(kScenario, "d.json");
    REQUIRE(loaded.ok);
    const auto& steps = loaded.scenario.variants[0].steps;
    REQUIRE(steps[0].diagram);
    CHECK(*steps[0].diagram == DiagramAt{300, 80});
    CHECK(*steps[1].diagram == DiagramAt{-40, 200});
    const std::string text = scenario::save_scenario(loaded.scenario);
    CHECK(text.find("\"diagram\": {\"x\": 300, \"y\": 80}") != std::string::npos);
    const auto again = scenario::load_scenario(text, "d2.json");
    REQUIRE(again.ok);
    CHECK(again.scenario == loaded.scenario);
    CHECK(scenario::save_scenario(again.scenario) == text);
    // Without it: no "diagram" written (the built-in scenarios' bytes stay as they were).
    Scenario plain = loaded.scenario;
    for (auto& st : plain.variants[0].steps) st.diagram.reset();
    CHECK(scenario::save_scenario(plain).find("diagram") == std::string::npos);
    // Errors, located at the field.
    auto error_at = [](const std::string& replace_with) {
        std::string bad = kScenario;
        const std::string from = R"("diagram": {"x": 300, "y": 80})";
        bad.replace(bad.find(from), from.size(), replace_with);
        const auto r = scenario::load_scenario(bad, "bad.json");
        std::string paths;
        for (const auto& i : r.issues) if (!i.warning) paths += i.path + " ";
        return std::make_pair(r.ok, paths);
    };
    CHECK(error_at(R"("diagram": {"x": 300})") == std::make_pair(false, std::string("/variants/before/steps/0/diagram/y ")));
    CHECK(error_at(R"("diagram": {"x": 1.5, "y": 80})") == std::make_pair(false, std::string("/variants/before/steps/0/diagram/x ")));
    CHECK(error_at(R"("diagram": {"x": 1, "y": 2, "z": 3})") == std::make_pair(false, std::string("/variants/before/steps/0/diagram/z ")));
    CHECK(error_at(R"("diagram": [1, 2])") == std::make_pair(false, std::string("/variants/before/steps/0/diagram ")));
}

TEST_CASE("diagram: the Camunda invoice example's step carries its bpmndi bounds", "[diagram][import]") {
    // camunda-invoice-approval.bpmn: <bpmndi:BPMNShape bpmnElement="UserTask_1"> <dc:Bounds x="298" y="78" …/>
    const auto r = import::import_text("camunda-invoice-approval.bpmn", fixture("camunda-invoice-approval.bpmn"));
    REQUIRE(r.ok);
    const Step* approve = named(r.draft, "Approve Invoice");
    REQUIRE(approve);
    REQUIRE(approve->diagram);
    CHECK(*approve->diagram == DiagramAt{298, 78});
    bool reported = false;
    for (const auto& l : r.lines)
        reported = reported || (l.what == import::Mapping::mapped && l.message_en == "the diagram positions of 1 steps kept for the Editor's graph");
    CHECK(reported);
}

TEST_CASE("diagram: LoanApp's boxes where bpmndi put them; the graph follows x and y; export keeps them", "[diagram][import]") {
    // simod-LoanApp_simplified.bpmn, read by hand (omgdc:Bounds of the task shapes, not of their labels):
    //   Check credit history x=554 y=489, Appraise property x=554 y=260, Assess loan risk x=790 y=383,
    //   Approve application x=1520 y=390, Cancel application x=1520 y=603.
    const auto r = import::import_text("loan.bpmn", fixture("simod-LoanApp_simplified.bpmn"));
    REQUIRE(r.ok);
    const Scenario& s = r.draft;
    for (const auto& st : s.variants[0].steps) CHECK(st.diagram.has_value());
    CHECK(*named(s, "Check credit history")->diagram == DiagramAt{554, 489});
    CHECK(*named(s, "Appraise property")->diagram == DiagramAt{554, 260});
    CHECK(*named(s, "Assess loan risk")->diagram == DiagramAt{790, 383});
    CHECK(*named(s, "Approve application")->diagram == DiagramAt{1520, 390});
    CHECK(*named(s, "Cancel application")->diagram == DiagramAt{1520, 603});

    // The graph: a column per distinct x, left to right; within a lane and column, by y.
    const auto g = scenario::layout_graph(s, s.variants[0]);
    const auto& steps = s.variants[0].steps;
    for (std::size_t a = 0; a < steps.size(); ++a)
        for (std::size_t b = 0; b < steps.size(); ++b) {
            INFO(steps[a].name << " / " << steps[b].name);
            CHECK((steps[a].diagram->x < steps[b].diagram->x) == (g.nodes[a].column < g.nodes[b].column));
            if (g.nodes[a].lane == g.nodes[b].lane && g.nodes[a].column == g.nodes[b].column && steps[a].diagram->y < steps[b].diagram->y)
                CHECK(g.nodes[a].row < g.nodes[b].row);
        }
    const auto& credit = g.nodes[static_cast<std::size_t>(index_of(s, "Check credit history"))];
    const auto& appraise = g.nodes[static_cast<std::size_t>(index_of(s, "Appraise property"))];
    const auto& assess = g.nodes[static_cast<std::size_t>(index_of(s, "Assess loan risk"))];
    CHECK(credit.column == appraise.column);
    CHECK(assess.column == credit.column + 1);  // 554 < 790, nothing drawn between
    // Without the positions the dependency columns come back (one step missing one is enough).
    Scenario partial = s;
    partial.variants[0].steps[0].diagram.reset();
    const auto dep = scenario::layout_graph(partial, partial.variants[0]);
    std::vector<int> drawn_columns, dep_columns;
    for (std::size_t i = 0; i < steps.size(); ++i) drawn_columns.push_back(g.nodes[i].column), dep_columns.push_back(dep.nodes[i].column);
    CHECK(drawn_columns != dep_columns);
    CHECK(g.columns == 7);  // x = 305, 554, 790, 1024, 1070, 1220, 1520

    // Export keeps the layout: the boxes drawn at the positions, and importing the export
    // gives them back.
    const std::string xml = import::export_bpmn(s, s.variants[0]);
    CHECK(xml.find("<dc:Bounds x=\"554\" y=\"489\" width=\"100\" height=\"80\"/>") != std::string::npos);
    const auto back = import::import_text("loan-export.bpmn", xml);
    REQUIRE(back.ok);
    REQUIRE(back.draft.variants[0].steps.size() == steps.size());
    for (std::size_t i = 0; i < steps.size(); ++i) CHECK(back.draft.variants[0].steps[i].diagram == steps[i].diagram);
}
