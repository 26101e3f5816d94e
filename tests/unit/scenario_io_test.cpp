// Scenario files: positions, validation, round trips, limits, the bad-file folder.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/engine.hpp"
#include "core/levers.hpp"
#include "scenario/json_text.hpp"
#include "scenario/scenario_io.hpp"
#include "scenario/scenario_read.hpp"
#include "test_files.hpp"

using namespace peizou;
using namespace peizou::scenario;
namespace fs = std::filesystem;
using peizou::test::read_text;

namespace {

fs::path source_dir() { return fs::path(PEIZOU_SOURCE_DIR); }

std::vector<fs::path> files_in(const fs::path& dir, const std::string& extension) {
    std::vector<fs::path> out;
    if (!fs::is_directory(dir)) return out;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.path().extension() == extension) out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

std::string all_issues(const LoadResult& r) {
    std::string out;
    for (const auto& i : r.issues) out += format_issue("f", i) + "\n";
    return out;
}

const Issue* find_issue(const LoadResult& r, const std::string& path, const std::string& fragment) {
    for (const auto& i : r.issues)
        if (i.path == path && (i.message_en.find(fragment) != std::string::npos ||
                               i.message_zh.find(fragment) != std::string::npos))
            return &i;
    return nullptr;
}

// A small valid file, edited by the tests below.
const char* kSmall = R"({
  "format": "peizou-scenario/1",
  "id": "t",
  "title": "测试",
  "start": "2025-09-29T09:00",
  "places": [{"id": "home", "name": "家"}, {"id": "hall", "name": "大厅", "travel_minutes": 20}],
  "departments": [{"id": "d", "name": "部门", "place": "hall", "windows": 2, "online": true}],
  "materials": [{"id": "m", "name": "材料", "held_at_start": true}, {"id": "out", "name": "证照"}],
  "variants": {
    "before": {"title": "前", "steps": [
      {"id": "a", "name": "申请", "department": "d", "needs": ["m"], "produces": ["out"]},
      {"id": "b", "name": "领取", "kind": "collect", "department": "d", "needs": ["out"], "after": ["a"]}
    ]},
    "after": {"title": "后", "from": "before", "levers": [{"kind": "online", "steps": ["a"]}]}
  }
})";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("line index counts lines and UTF-8 characters", "[scenario]") {
    std::string text = "ab\n中文x\n\nz";
    LineIndex lines(text);
    CHECK(lines.at(0).line == 1);
    CHECK(lines.at(1).column == 2);
    CHECK(lines.at(3).line == 2);
    CHECK(lines.at(3).column == 1);
    CHECK(lines.at(9).column == 3);  // 'x' after two 3-byte characters
    CHECK(lines.at(11).line == 3);
    CHECK(lines.at(12).line == 4);
    CHECK(lines.at(1000).line == 4);  // clamped to the end
}

TEST_CASE("scanner maps JSON pointers to keys and values", "[scenario]") {
    std::string text = "{\"a\": [1, {\"b/c\": \"x\", \"d~\": [true]}],\n \"e\\u00e9\": null, \"a\": 2}";
    ScanResult r = scan_json(text, {"", "/a", "/a/1/b~1c", "/a/1/d~0/0", "/e\xc3\xa9", "/zz"});
    REQUIRE(r.found.count(""));
    CHECK(r.found[""].value_offset == 0);
    CHECK(r.found["/a/1/b~1c"].key_offset == text.find("\"b/c\""));
    CHECK(r.found["/a/1/b~1c"].value_offset == text.find("\"x\""));
    CHECK(r.found["/a/1/d~0/0"].value_offset == text.find("true"));
    CHECK(r.found["/e\xc3\xa9"].value_offset == text.find("null"));
    CHECK(r.found.count("/zz") == 0);
    REQUIRE(r.duplicates.size() == 1);
    CHECK(r.duplicates[0].pointer == "/a");
    CHECK(r.duplicates[0].key_offset == text.rfind("\"a\""));
    // The second "a" wins in nlohmann, and so in the scan.
    CHECK(r.found["/a"].value_offset == text.rfind('2'));
}

TEST_CASE("a byte order mark does not shift positions", "[scenario]") {
    std::string text = std::string("\xEF\xBB\xBF") + kSmall;
    text = replaced(text, R"("windows": 2)", R"("windows": "2")");
    LoadResult r = load_scenario(text, "f");
    const Issue* i = find_issue(r, "/departments/0/windows", "expected an integer");
    REQUIRE(i);
    CHECK(i->line == 7);
    CHECK(i->column == 73);
}

TEST_CASE("depth check stops at the first bracket beyond the limit", "[scenario]") {
    CHECK_FALSE(check_depth("[[[\"[[[[[[\"]]]", 3).exceeded);
    DepthCheck d = check_depth("[[[[]]]]", 3);
    CHECK(d.exceeded);
    CHECK(d.offset == 3);
    std::string huge(1'000'000, '[');
    CHECK(check_depth(huge, 32).offset == 32);
}

TEST_CASE("enum names and lookups", "[scenario]") {
    StepKind k;
    REQUIRE(parse_enum("inspection", k));
    CHECK(k == StepKind::inspection);
    CHECK_FALSE(parse_enum("Inspection", k));
    for (int i = 0; i < 10; ++i) {
        LeverKind l;
        REQUIRE(parse_enum(to_string(static_cast<LeverKind>(i)), l));
        CHECK(static_cast<int>(l) == i);
    }
    CHECK(std::string(to_string(CalendarMode::always_open)) == "always_open");
    Scenario s;
    s.places.push_back({"home", "家", "", 0});
    CHECK(s.place("home") == &s.places[0]);
    CHECK(s.place("x") == nullptr);
}

TEST_CASE("Duration::typical is the mean", "[scenario]") {
    Duration d;
    d.dist = DistKind::triangular;
    d.low = 10, d.mode = 20, d.high = 60;
    CHECK(d.typical() == Approx(30));
    d.dist = DistKind::uniform;
    CHECK(d.typical() == Approx(35));
    d.dist = DistKind::empirical;
    d.values = {1, 10};
    d.weights = {3, 1};
    CHECK(d.typical() == Approx(3.25));
    CHECK(Duration::minutes(7).typical() == 7);
}

TEST_CASE("clock and start times", "[scenario]") {
    Seconds t = 0;
    CHECK(parse_clock("13:30", t));
    CHECK(t == 13 * 3600 + 1800);
    CHECK(parse_clock("24:00", t));
    CHECK_FALSE(parse_clock("24:01", t));
    CHECK_FALSE(parse_clock("9:00", t));
    CHECK(format_clock(13 * 3600 + 1800) == "13:30");
    REQUIRE(parse_start("2024-02-29T08:05", t));
    CHECK(format_time(t) == "2024-02-29 08:05");
    CHECK(format_start(t) == "2024-02-29T08:05");
    REQUIRE(parse_start("2025-09-29T09:00:30", t));
    CHECK(format_start(t) == "2025-09-29T09:00:30");
    CHECK_FALSE(parse_start("2025-02-29T09:00", t));
    CHECK_FALSE(parse_start("2025-09-29 09:00", t));
    CHECK_FALSE(parse_start("1969-12-31T09:00", t));
}

TEST_CASE("a small file loads with its fields and resolved levers", "[scenario]") {
    LoadResult r = load_scenario(kSmall, "small.json");
    INFO(all_issues(r));
    REQUIRE(r.ok);
    CHECK(r.issues.empty());
    const Scenario& s = r.scenario;
    CHECK(s.id == "t");
    CHECK(s.start == make_time({2025, 9, 29}, 9, 0));
    CHECK(s.office_hours == standard_office_hours());
    REQUIRE(s.places.size() == 2);
    CHECK(s.places[1].travel_minutes == 20);
    CHECK(s.departments[0].windows == 2);
    CHECK_FALSE(s.departments[0].hours.has_value());
    REQUIRE(s.variants.size() == 2);
    CHECK(s.variants[0].id == "before");
    CHECK(s.variants[0].steps[1].kind == StepKind::collect);
    CHECK(s.variants[0].steps[1].service == Duration::minutes(15));  // the default
    const Variant* after = s.variant("after");
    REQUIRE(after);
    REQUIRE(after->steps.size() == 2);
    CHECK(after->steps[0].kind == StepKind::online);  // the lever was applied
    CHECK_FALSE(after->changes.empty());
}

TEST_CASE("variants: before comes first whatever the file order", "[scenario]") {
    std::string text = replaced(kSmall, R"("before": {"title": "前",)", R"("zz": {"title": "Z", "from": "before", "levers": []}, "before": {"title": "前",)");
    LoadResult r = load_scenario(text, "f");
    INFO(all_issues(r));
    REQUIRE(r.ok);
    REQUIRE(r.scenario.variants.size() == 3);
    CHECK(r.scenario.variants[0].id == "before");
    CHECK(r.scenario.variants[1].id == "zz");
    CHECK(r.scenario.variants[2].id == "after");
}

TEST_CASE("every problem is reported at once, in file order", "[scenario]") {
    std::string text = kSmall;
    text = replaced(text, R"("format": "peizou-scenario/1")", R"("format": "peizou-scenario/0")");
    text = replaced(text, R"("travel_minutes": 20)", R"("travel_minute": 20)");
    text = replaced(text, R"("windows": 2)", R"("windows": -1)");
    text = replaced(text, R"("needs": ["out"], "after": ["a"])", R"("needs": ["ou"], "after": ["b"])");
    LoadResult r = load_scenario(text, "f");
    INFO(all_issues(r));
    CHECK_FALSE(r.ok);
    CHECK(find_issue(r, "/format", "unsupported format version"));
    CHECK(find_issue(r, "/places/1/travel_minute", "did you mean \"travel_minutes\""));
    CHECK(find_issue(r, "/departments/0/windows", "must not be negative"));
    CHECK(find_issue(r, "/variants/before/steps/1/needs/0", "unknown material \"ou\""));
    CHECK(find_issue(r, "/variants/before/steps/1/after/0", "cannot come after itself"));
    for (std::size_t i = 1; i < r.issues.size(); ++i)
        CHECK(r.issues[i - 1].line <= r.issues[i].line);
}

TEST_CASE("each bad file reports its exact expected issue", "[scenario]") {
    auto bad = files_in(source_dir() / "tests" / "bad", ".json");
    REQUIRE(bad.size() >= 12);
    for (const auto& file : bad) {
        fs::path expect_file = file;
        expect_file.replace_extension(".expect");
        INFO(file.filename().string());
        REQUIRE(fs::exists(expect_file));
        // NAME.expect: the issue's JSON path, "line:column", a fragment of its message.
        std::istringstream expect(read_text(expect_file));
        std::string path, position, fragment;
        std::getline(expect, path);
        std::getline(expect, position);
        std::getline(expect, fragment);
        LoadResult r = load_scenario(read_text(file), file.filename().string());
        INFO(all_issues(r));
        CHECK_FALSE(r.ok);
        const Issue* issue = find_issue(r, path, fragment);
        REQUIRE(issue);
        CHECK(std::to_string(issue->line) + ":" + std::to_string(issue->column) == position);
        CHECK_FALSE(issue->message_zh.empty());
        CHECK_FALSE(issue->message_en.empty());
    }
}

TEST_CASE("load, save, load gives an identical model", "[scenario]") {
    std::vector<fs::path> files = files_in(source_dir() / "scenarios", ".json");
    for (const auto& f : files_in(source_dir() / "tests" / "fuzz" / "corpus", ".json"))
        if (f.filename().string().rfind("valid-", 0) == 0) files.push_back(f);
    REQUIRE(files.size() >= 1);
    for (const auto& file : files) {
        INFO(file.string());
        LoadResult first = load_scenario(read_text(file), file.string());
        INFO(all_issues(first));
        REQUIRE(first.ok);
        std::string saved = save_scenario(first.scenario);
        LoadResult second = load_scenario(saved, "saved");
        INFO(saved);
        INFO(all_issues(second));
        REQUIRE(second.ok);
        CHECK(second.scenario == first.scenario);
        CHECK(save_scenario(second.scenario) == saved);  // canonical: a fixed point
    }
}

TEST_CASE("save writes every distribution and field so that it reads back", "[scenario]") {
    LoadResult base = load_scenario(kSmall, "f");
    REQUIRE(base.ok);
    Scenario s = base.scenario;
    s.calendar_mode = CalendarMode::calendar_days;
    s.office_hours.intervals = {{8 * 3600, 18 * 3600}};
    s.summary_en = "x\n\"quoted\"";
    s.sources.push_back({"000_x.txt", "", "说 \\ 了"});
    s.departments[0].background.by_hour = std::vector<double>(24, 1.5);
    s.departments[0].hours = OfficeHours{{{9 * 3600, 12 * 3600}}};
    Variant& v = s.variants[0];
    std::vector<Duration> ds(7);
    for (int i = 0; i < 7; ++i) ds[i].dist = static_cast<DistKind>(i);
    ds[0].value = 0.1;
    ds[1].low = 1, ds[1].high = 2, ds[1].unit = TimeUnit::hours;
    ds[2].low = 1, ds[2].mode = 2, ds[2].high = 3, ds[2].unit = TimeUnit::working_days;
    ds[3].mean = 1.0 / 3;
    ds[4].mean = 5, ds[4].sd = 1;
    ds[5].mean = 5, ds[5].sd = 2, ds[5].unit = TimeUnit::calendar_days;
    ds[6].values = {1, 2, 3}, ds[6].weights = {0.2, 0.3, 0.5};
    for (int i = 0; i < 7; ++i) {
        Step st = v.steps[0];
        st.id = "extra" + std::to_string(i);
        st.produces.clear();
        st.review = ds[static_cast<std::size_t>(i)];
        st.blocks_successors = i % 2;
        st.presenter_pause = true;
        st.caption = "第" + std::to_string(i) + "步";
        st.legal_limit_days = i;
        st.fee_yuan = 12.5;
        v.steps.push_back(st);
    }
    Branch b;
    b.id = "br";
    b.question = "?";
    b.chooser = Chooser::citizen;
    b.after = {"a"};
    b.options = {{"x", "X", "", 0.25, {"extra0"}}, {"y", "Y", "why", 0.75, {}}};
    v.branches.push_back(b);
    std::string saved = save_scenario(s);
    LoadResult r = load_scenario(saved, "saved");
    INFO(saved);
    INFO(all_issues(r));
    REQUIRE(r.ok);
    CHECK(r.scenario.variants[0] == s.variants[0]);
    CHECK(r.scenario.departments == s.departments);
    CHECK(r.scenario.sources == s.sources);
    CHECK(r.scenario.summary_en == s.summary_en);
    CHECK(r.scenario.office_hours == s.office_hours);
    CHECK(r.scenario.calendar_mode == CalendarMode::calendar_days);
    // Derived variants are written as their recipe only.
    CHECK(saved.find("\"from\": \"before\"") != std::string::npos);
    CHECK(saved.find("\"changes\"") == std::string::npos);
}

TEST_CASE("duration problems are reported precisely", "[scenario]") {
    auto service = [](const std::string& json) {
        return load_scenario(replaced(kSmall, R"("needs": ["m"], "produces")",
                                      "\"service\": " + json + R"(, "needs": ["m"], "produces")"),
                             "f");
    };
    const std::string at = "/variants/before/steps/0/service";
    LoadResult r = service(R"({"dist": "triangle", "low": 1, "mode": 2, "high": 3})");
    REQUIRE(r.issues.size() == 1);  // no noise about the parameters of an unknown dist
    CHECK(find_issue(r, at + "/dist", "did you mean \"triangular\""));
    r = service(R"({"dist": "uniform", "mean": 3, "low": 1, "high": 2})");
    CHECK(find_issue(r, at + "/mean", "is not a parameter of dist \"uniform\""));
    r = service(R"({"dist": "triangular", "low": 1, "mode": 5, "high": 3})");
    CHECK(find_issue(r, at + "/mode", "mode must lie between low and high"));
    r = service(R"({"dist": "empirical", "values": [1, 2], "weights": [1]})");
    CHECK(find_issue(r, at + "/weights", "equal length"));
    r = service(R"({"dist": "empirical", "values": [1], "weights": [0]})");
    CHECK(find_issue(r, at + "/weights", "sum to more than 0"));
    r = service(R"({"value": 1, "unit": "days"})");
    CHECK(find_issue(r, at + "/unit", "unknown value \"days\""));
    r = service(R"("20")");
    CHECK(find_issue(r, at, "a number (minutes) or a duration object"));
    r = service(R"(1e400)");
    REQUIRE(r.issues.size() == 1);
    CHECK(r.issues[0].message_en == "JSON syntax error: number overflow parsing '1e400'");
    r = service(R"({"dist": "normal", "mean": 30, "sd": 5})");
    CHECK(r.ok);
    CHECK(r.scenario.variants[0].steps[0].service.sd == 5);
}

TEST_CASE("syntax errors point at the offending character", "[scenario]") {
    LoadResult r = load_scenario("{\n  \"a\": [1, 2,]\n}", "f");
    REQUIRE(r.issues.size() == 1);
    CHECK(r.issues[0].line == 2);
    CHECK(r.issues[0].column == 14);  // the ']'

    CHECK(r.issues[0].message_en.find("JSON syntax error") == 0);
    r = load_scenario("", "f");
    REQUIRE(r.issues.size() == 1);
    CHECK_FALSE(r.ok);
    r = load_scenario("[]", "f");
    CHECK(find_issue(r, "", "expected an object"));
}

TEST_CASE("limits on untrusted input", "[scenario]") {
    Limits limits;
    limits.max_bytes = 100;
    LoadResult r = load_scenario(std::string(101, ' '), "f", limits);
    REQUIRE(r.issues.size() == 1);
    CHECK(r.issues[0].message_en.find("file too large") == 0);

    r = load_scenario(std::string(200000, '[') + std::string(200000, ']'), "f");
    REQUIRE(r.issues.size() == 1);
    CHECK(r.issues[0].message_en.find("nesting deeper") == 0);
    CHECK(r.issues[0].column == 33);

    // Objects with huge numbers of members (ordered_json looks keys up linearly).
    std::string wide = "{";
    for (int i = 0; i < 1001; ++i) wide += (i ? ",\"k" : "\"k") + std::to_string(i) + "\": 1";
    r = load_scenario(wide + "}", "f");
    REQUIRE(r.issues.size() == 1);
    CHECK(r.issues[0].message_en == "more than 1000 fields in one object");

    limits = Limits{};
    limits.max_steps = 1;
    r = load_scenario(kSmall, "f", limits);
    CHECK(find_issue(r, "/variants/before/steps", "too many steps: 2 (limit 1)"));

    limits = Limits{};
    limits.max_variants = 1;
    r = load_scenario(kSmall, "f", limits);
    CHECK(find_issue(r, "/variants", "too many variants"));

    limits = Limits{};
    limits.max_levers = 0;
    r = load_scenario(kSmall, "f", limits);
    CHECK(find_issue(r, "/variants/after/levers", "too many levers"));

    // Thousands of problems: a bounded list, still invalid.
    std::string many = replaced(kSmall, R"("title": "测试",)", R"("title": "测试", "assumptions": [)" +
                                                                    [] {
                                                                        std::string s = "1";
                                                                        for (int i = 0; i < 5000; ++i) s += ",1";
                                                                        return s;
                                                                    }() + "],");
    r = load_scenario(many, "f");
    CHECK_FALSE(r.ok);
    CHECK(r.issues.size() == 501);
    // 5001 wrong types (an oracle: the items written above), all counted though 500 are listed.
    CHECK(r.issues.back().message_en == "4501 more problems not listed (5001 errors and 0 warnings in all)");
    CHECK(r.errors == 5001);
}

TEST_CASE("lever errors are reported at the lever", "[scenario]") {
    std::string text = replaced(kSmall, R"({"kind": "online", "steps": ["a"]})",
                                R"({"kind": "online", "steps": ["a"]}, {"kind": "parallel", "steps": ["a", "zz"], "factor": 2})");
    LoadResult r = load_scenario(text, "f");
    INFO(all_issues(r));
    CHECK_FALSE(r.ok);
    CHECK(find_issue(r, "/variants/after/levers/1/steps/1", "unknown step \"zz\""));
    CHECK(find_issue(r, "/variants/after/levers/1/factor", "does not use field"));
}

TEST_CASE("a derived variant repeats none of its base's problems", "[scenario]") {
    // "out" is non-essential and nobody produces it: a warning in "before" only.
    std::string text = replaced(kSmall, R"("needs": ["m"], "produces": ["out"])", R"("needs": ["m"])");
    text = replaced(text, R"({"id": "out", "name": "证照"})", R"({"id": "out", "name": "证照", "essential": false})");
    LoadResult r = load_scenario(text, "f");
    INFO(all_issues(r));
    CHECK(r.ok);
    REQUIRE(r.issues.size() == 1);
    CHECK(r.issues[0].warning);
    CHECK(r.issues[0].path == "/variants/before/steps/1/needs/0");
    CHECK(r.issues[0].message_en.find("never available") != std::string::npos);
}

TEST_CASE("waiting for a material is a dependency: cycles through materials", "[scenario]") {
    // a needs what b produces, b waits for a: neither can start.
    std::string text = replaced(kSmall, R"("needs": ["m"], "produces": ["out"])",
                                R"("needs": ["m", "back"], "produces": ["out"])");
    text = replaced(text, R"("needs": ["out"], "after": ["a"])", R"("needs": ["out"], "produces": ["back"], "after": ["a"])");
    text = replaced(text, R"({"id": "out", "name": "证照"})", R"({"id": "out", "name": "证照"}, {"id": "back", "name": "回执"})");
    LoadResult r = load_scenario(text, "f");
    INFO(all_issues(r));
    CHECK_FALSE(r.ok);
    CHECK(find_issue(r, "/variants/before/steps/1/after/0", "dependency cycle: a →[back] b → a"));
}

TEST_CASE("steps of two options of one branch never both run", "[scenario]") {
    std::string text = replaced(kSmall, R"("after": ["a"]}
    ]},)", R"("after": ["a"]},
      {"id": "c", "name": "C", "kind": "review", "department": "d", "after": ["e"]},
      {"id": "e", "name": "E", "kind": "review", "department": "d"}
    ], "branches": [{"id": "q", "question": "?", "options": [
      {"id": "x", "label": "X", "probability": 0.5, "steps": ["c"]},
      {"id": "y", "label": "Y", "probability": 0.5, "steps": ["e"]}]}]},)");
    LoadResult r = load_scenario(text, "f");
    INFO(all_issues(r));
    CHECK(r.ok);
    CHECK(find_issue(r, "/variants/before/steps/2/after/0", "they never both run"));
}

TEST_CASE("format_issue writes one line", "[scenario]") {
    Issue i;
    i.path = "/a/0";
    i.line = 3;
    i.column = 7;
    i.message_zh = "错";
    i.message_en = "wrong";
    CHECK(format_issue("x.json", i) == "x.json:3:7: /a/0: 错 / wrong");
    i.warning = true;
    CHECK(format_issue("x.json", i) == "x.json:3:7: /a/0: 警告：错 / warning: wrong");
    Issue bare;
    bare.message_zh = "大";
    bare.message_en = "big";
    CHECK(format_issue("x.json", bare) == "x.json: 大 / big");
}

TEST_CASE("mutated files never crash the loader", "[scenario]") {
    // A small deterministic fuzz: truncations and byte changes of a valid file.
    std::string text = kSmall;
    std::uint32_t state = 12345;
    auto next = [&] {
        state = state * 1664525u + 1013904223u;
        return state >> 8;
    };
    int loaded = 0;
    for (int round = 0; round < 400; ++round) {
        std::string t = text;
        if (round % 4 == 0) {
            t.resize(next() % t.size());
        } else {
            for (int k = 0; k < 1 + round % 3; ++k)
                t[next() % t.size()] = "{}[],:\"0a-.\\ e"[next() % 14];
        }
        LoadResult r = load_scenario(t, "f");
        if (r.ok) {
            ++loaded;
            LoadResult again = load_scenario(save_scenario(r.scenario), "f");
            CHECK(again.ok);
            CHECK(again.scenario == r.scenario);
        } else {
            CHECK_FALSE(r.issues.empty());
        }
    }
    CHECK(loaded < 400);
}

TEST_CASE("the example in docs/scenario-format.md is valid and round-trips", "[scenario]") {
    std::string doc = read_text(source_dir() / "docs" / "scenario-format.md");
    auto begin = doc.find("```json\n");
    REQUIRE(begin != std::string::npos);
    begin += 8;
    auto end = doc.find("```", begin);
    REQUIRE(end != std::string::npos);
    LoadResult r = load_scenario(doc.substr(begin, end - begin), "example");
    INFO(all_issues(r));
    REQUIRE(r.ok);
    CHECK(r.scenario.variants.size() == 2);
    CHECK(r.scenario.variants[0].steps[1].review == Duration::working_days(5));
    LoadResult again = load_scenario(save_scenario(r.scenario), "saved");
    REQUIRE(again.ok);
    CHECK(again.scenario == r.scenario);
}

TEST_CASE("a run on dates outside the holiday data says so in a warning", "[scenario][calendar]") {
    auto warnings_for = [](const std::string& start) {
        LoadResult r = load_scenario(replaced(kSmall, "2025-09-29T09:00", start), "t.json");
        REQUIRE(r.ok);
        EngineOptions o;
        o.citizens = 5;
        const RunResult run = run_monte_carlo(r.scenario, r.scenario.variants.front(), scenario_calendar(r.scenario), o);
        CHECK(run.cases.size() == 5);
        std::string all;
        for (const auto& w : run.warnings) all += w + "\n";
        return all;
    };
    // The data cites the State Council notices for 2024–2026; 2028 falls back to weekends.
    CHECK(warnings_for("2025-09-29T09:00").find("holiday data") == std::string::npos);
    const std::string w = warnings_for("2028-09-29T09:00");
    CHECK(w.find("dates outside the holiday data") != std::string::npos);
    CHECK(w.find("超出节假日数据覆盖年份") != std::string::npos);
}
