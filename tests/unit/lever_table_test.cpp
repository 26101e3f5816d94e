// The lever table (src/core/lever_spec.cpp) is the one description of the lever kinds;
// the JSON schema and the format document must say the same (issue 14, item 1). Both
// files are read from the source tree, so an edit to either that drifts from the table
// fails here. The table's rows are also held against the behaviour they describe: a
// kind refuses exactly the parameters it does not read and too few of those it does.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/lever_spec.hpp"
#include "core/levers.hpp"
#include "scenario/scenario_io.hpp"

using namespace peizou;
using J = nlohmann::json;

namespace {

std::string read_source(const std::string& relative) {
    std::ifstream in(std::filesystem::path(PEIZOU_SOURCE_DIR) / relative, std::ios::binary);
    REQUIRE(in.good());
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// "`steps` (ids, ≥ 2), `factor` (number)": a kind's parameters as the format doc lists them.
std::string doc_parameters(const LeverSpec& spec) {
    std::string out;
    for (const auto& u : spec.params) {
        const LeverParamInfo& p = lever_param(u.param);
        if (!out.empty()) out += ", ";
        out += std::string("`") + p.key + "` (" + to_string(p.type);
        if (u.min_count > 0)
            out += p.type == ParamType::ids ? ", ≥ " + std::to_string(u.min_count) : std::string(", required");
        out += ")";
    }
    return out;
}

// The schema each parameter type is written with.
J schema_of(ParamType t) {
    switch (t) {
        case ParamType::ids: return J{{"$ref", "#/definitions/idList"}};
        case ParamType::id: return J{{"$ref", "#/definitions/id"}};
        case ParamType::text: return J{{"type", "string"}};
        case ParamType::count: return J{{"$ref", "#/definitions/count"}};
        case ParamType::number: return J{{"type", "number"}};
    }
    return J();
}

std::vector<std::string> split_row(const std::string& line) {
    std::vector<std::string> cells;
    std::size_t at = 1;  // after the leading '|'
    while (at < line.size()) {
        const std::size_t bar = line.find(" |", at);
        if (bar == std::string::npos) break;
        std::string cell = line.substr(at, bar - at);
        while (!cell.empty() && cell.front() == ' ') cell.erase(cell.begin());
        cells.push_back(cell);
        at = bar + 2;
    }
    return cells;
}

}  // namespace

TEST_CASE("the lever table has one row per kind, in enum order, with distinct keys and names", "[lever_table]") {
    const auto& specs = lever_specs();
    REQUIRE(specs.size() == 12);  // … tell_all_at_once (一次性告知), pre_check (材料预审)
    for (std::size_t i = 0; i < specs.size(); ++i) {
        INFO(specs[i].key);
        CHECK(static_cast<std::size_t>(specs[i].kind) == i);
        CHECK(specs[i].apply != nullptr);
        CHECK(std::string(specs[i].name_zh).size() > 0);
        CHECK(std::string(specs[i].name_en).size() > 0);
        CHECK(std::string(to_string(specs[i].kind)) == specs[i].key);
        LeverKind parsed{};
        CHECK(parse_enum(specs[i].key, parsed));
        CHECK(parsed == specs[i].kind);
        for (std::size_t j = 0; j < i; ++j) {
            CHECK(std::string(specs[j].key) != specs[i].key);
            CHECK(std::string(specs[j].name_zh) != specs[i].name_zh);
        }
        // Parameters in LeverParam order, each once.
        for (std::size_t p = 1; p < specs[i].params.size(); ++p)
            CHECK(specs[i].params[p - 1].param < specs[i].params[p].param);
    }
    LeverKind unknown{};
    CHECK_FALSE(parse_enum("tell_all", unknown));
    for (std::size_t p = 0; p < lever_params().size(); ++p) CHECK(static_cast<std::size_t>(lever_params()[p].param) == p);
}

TEST_CASE("docs/scenario.schema.json describes the lever kinds and parameters of the table", "[lever_table]") {
    const J schema = J::parse(read_source("docs/scenario.schema.json"));
    const J& lever = schema.at("definitions").at("lever");
    const auto& specs = lever_specs();

    // Kinds: the table's keys, in its order.
    std::vector<std::string> kinds;
    for (const auto& s : specs) kinds.push_back(s.key);
    CHECK(lever.at("properties").at("kind").at("enum").get<std::vector<std::string>>() == kinds);

    // Properties: kind, every parameter with the schema of its type, note.
    std::vector<std::string> props;
    for (auto it = lever.at("properties").begin(); it != lever.at("properties").end(); ++it) props.push_back(it.key());
    std::vector<std::string> expected_props = {"kind", "note"};
    for (const auto& p : lever_params()) {
        expected_props.push_back(p.key);
        INFO(p.key);
        REQUIRE(lever.at("properties").contains(p.key));
        const J& got = lever.at("properties").at(p.key);
        const J want = schema_of(p.type);
        for (auto it = want.begin(); it != want.end(); ++it) CHECK(got.value(it.key(), J()) == it.value());
    }
    std::sort(props.begin(), props.end());
    std::sort(expected_props.begin(), expected_props.end());
    CHECK(props == expected_props);
    CHECK(lever.at("additionalProperties") == false);

    // One allOf entry per kind, in order: the fields it may carry, what it requires, and
    // the minimum length of each list with a minimum.
    const J& all_of = lever.at("allOf");
    REQUIRE(all_of.size() == specs.size());
    for (std::size_t i = 0; i < specs.size(); ++i) {
        const LeverSpec& s = specs[i];
        INFO(s.key);
        const J& entry = all_of[i];
        CHECK(entry.at("if") == J{{"properties", {{"kind", {{"const", s.key}}}}}});
        const J& then = entry.at("then");
        std::vector<std::string> names = {"kind"}, required;
        J minimums = J::object();
        for (const auto& u : s.params) {
            const LeverParamInfo& p = lever_param(u.param);
            names.push_back(p.key);
            if (u.min_count > 0) required.push_back(p.key);
            if (u.min_count > 0 && p.type == ParamType::ids)
                minimums[p.key] = J{{"type", "array"}, {"minItems", u.min_count}};
        }
        names.push_back("note");
        CHECK(then.at("propertyNames").at("enum").get<std::vector<std::string>>() == names);
        CHECK(then.value("required", std::vector<std::string>{}) == required);
        CHECK(then.value("properties", J::object()) == minimums);
        std::size_t keys = 1 + (then.contains("required") ? 1 : 0) + (then.contains("properties") ? 1 : 0);
        CHECK(then.size() == keys);  // nothing else hides in it
    }
}

TEST_CASE("docs/scenario-format.md's lever table is the lever table", "[lever_table]") {
    const std::string doc = read_source("docs/scenario-format.md");
    const std::size_t section = doc.find("### `levers[]`");
    REQUIRE(section != std::string::npos);
    const std::size_t header = doc.find("| `kind` | 改革举措 | English | parameters | what it does |", section);
    REQUIRE(header != std::string::npos);
    std::vector<std::vector<std::string>> rows;
    std::istringstream lines(doc.substr(doc.find('\n', header) + 1));
    std::string line;
    std::getline(lines, line);  // |---|
    while (std::getline(lines, line) && line.rfind("| ", 0) == 0) rows.push_back(split_row(line));
    const auto& specs = lever_specs();
    REQUIRE(rows.size() == specs.size());
    for (std::size_t i = 0; i < specs.size(); ++i) {
        INFO(specs[i].key);
        REQUIRE(rows[i].size() == 5);
        CHECK(rows[i][0] == std::string("`") + specs[i].key + "`");
        CHECK(rows[i][1] == specs[i].name_zh);
        CHECK(rows[i][2] == specs[i].name_en);
        CHECK(rows[i][3] == doc_parameters(specs[i]));
    }
    // A hand-written row, so the generator above cannot agree with a wrong table by itself.
    CHECK(doc_parameters(lever_spec(LeverKind::single_window)) ==
          "`departments` (ids, ≥ 1), `window_department` (id, required), `window_name` (text), `windows` (count)");
}

TEST_CASE("a lever refuses the parameters its row does not list and too few of those it does", "[lever_table]") {
    Scenario sc;
    sc.places = {{"home", "家", "Home", 0}};
    Department d;
    d.id = "dept";
    d.place = "home";
    sc.departments = {d};
    for (const char* id : {"m1", "m2"}) {
        Material m;
        m.id = id;
        sc.materials.push_back(m);
    }
    Variant v;
    v.id = "before";
    for (const char* id : {"s1", "s2"}) {
        Step s;
        s.id = id;
        s.department = "dept";
        s.needs = {"m1"};
        v.steps.push_back(s);
    }
    sc.variants = {v};
    // A valid value for each parameter.
    auto give = [](Lever& l, LeverParam p, int n) {
        switch (p) {
            case LeverParam::steps: l.steps.assign({"s1", "s2"}); l.steps.resize(static_cast<std::size_t>(n)); break;
            case LeverParam::materials: l.materials.assign({"m1", "m2"}); l.materials.resize(static_cast<std::size_t>(n)); break;
            case LeverParam::departments: l.departments.assign({"dept"}); l.departments.resize(static_cast<std::size_t>(n)); break;
            case LeverParam::window_department: l.window_department = n > 0 ? "front" : ""; break;
            case LeverParam::window_name: l.window_name = n > 0 ? "综合窗口" : ""; break;
            case LeverParam::windows: l.windows = n > 0 ? 2 : 0; break;
            case LeverParam::factor: l.factor = n > 0 ? 0.5 : 1; break;
        }
    };
    for (const auto& spec : lever_specs()) {
        INFO(spec.key);
        Lever ok;
        ok.kind = spec.kind;
        for (const auto& u : spec.params) give(ok, u.param, std::max(u.min_count, lever_param(u.param).type == ParamType::ids ? 1 : 0));
        LeverResult applied = apply_lever(sc, v, ok);
        INFO(applied.error_en);
        CHECK(applied.ok);
        for (const auto& p : lever_params()) {
            INFO(p.key);
            Lever l = ok;
            if (!spec.use(p.param)) {
                give(l, p.param, 1);
                const LeverResult r = apply_lever(sc, v, l);
                CHECK_FALSE(r.ok);
                CHECK(r.error_en == std::string("lever ") + spec.key + " does not use the parameter " + p.key);
            } else if (spec.use(p.param)->min_count > 0) {
                give(l, p.param, spec.use(p.param)->min_count - 1);
                CHECK_FALSE(apply_lever(sc, v, l).ok);
            }
        }
    }
}

TEST_CASE("a scenario file gets the table's parameter rules when it is read", "[lever_table]") {
    // accept_missing reads materials and needs one: the reader says so at the lever, and
    // refuses a field the kind does not read — before any lever is applied.
    J root = J::parse(read_source("tests/fuzz/corpus/valid-levers.json"));
    std::string from;
    for (auto it = root.at("variants").begin(); it != root.at("variants").end(); ++it)
        if (!it.value().contains("from")) { from = it.key(); break; }
    REQUIRE(!from.empty());
    J lever = {{"kind", "accept_missing"}, {"materials", J::array()}, {"window_name", "x"}};
    root["variants"]["probe"] = {{"title", "探针"}, {"from", from}, {"levers", J::array({lever})}};
    const scenario::LoadResult r = scenario::load_scenario(root.dump(), "probe.json");
    CHECK_FALSE(r.ok);
    bool named = false, unused = false;
    for (const auto& issue : r.issues) {
        named = named || (issue.path == "/variants/probe/levers/0/materials" &&
                          issue.message_en.find("needs at least 1 materials") != std::string::npos);
        unused = unused || (issue.path == "/variants/probe/levers/0/window_name" &&
                            issue.message_en.find("does not use field") != std::string::npos);
    }
    CHECK(unused);
    CHECK(named);
}
