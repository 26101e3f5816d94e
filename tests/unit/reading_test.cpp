// Reading scenario files: nothing silent. The issue list's cap never changes the model,
// counts are right, floods are read in linear time, messages cannot drive a terminal,
// UTF-16 is read, syntax errors speak Chinese, the documented example is a good one.
#include <catch2/catch.hpp>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "core/engine.hpp"
#include "scenario/scenario_io.hpp"
#include "test_files.hpp"

using namespace peizou;
using namespace peizou::scenario;
namespace fs = std::filesystem;
using peizou::test::read_text;

namespace {

// The complete small example of docs/scenario-format.md (its first ```json block).
std::string doc_example() {
    const std::string doc = read_text(fs::path(PEIZOU_SOURCE_DIR) / "docs" / "scenario-format.md");
    auto begin = doc.find("```json\n");
    REQUIRE(begin != std::string::npos);
    begin += 8;
    auto end = doc.find("```", begin);
    REQUIRE(end != std::string::npos);
    return doc.substr(begin, end - begin);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

std::string all_issues(const LoadResult& r) {
    std::string out;
    for (const auto& i : r.issues) out += format_issue("f", i) + "\n";
    return out;
}

const Issue* find_issue(const LoadResult& r, const std::string& path, const std::string& fragment) {
    for (const auto& i : r.issues)
        if (i.path == path && i.message_en.find(fragment) != std::string::npos) return &i;
    return nullptr;
}

double cpu_seconds(std::clock_t since) {
    return static_cast<double>(std::clock() - since) / CLOCKS_PER_SEC;
}

#ifdef __EMSCRIPTEN__
constexpr double kSlower = 5;  // wasm under Node, on a shared machine
#else
constexpr double kSlower = 1;
#endif

}  // namespace

TEST_CASE("501 warnings: the list is capped, the model is read whole", "[reading]") {
    // 501 repeated "needs" entries are 501 warnings ("listed twice"), more than the 500
    // issues listed; the steps after them and the variant "online" must still be read.
    std::string needs = "\"id_card\"";
    for (int i = 0; i < 501; ++i) needs += ", \"id_card\"";
    const std::string text = replaced(doc_example(), "\"needs\": [\"id_card\"]", "\"needs\": [" + needs + "]");
    const LoadResult r = load_scenario(text, "f");
    INFO(all_issues(r).substr(0, 2000));
    REQUIRE(r.ok);
    CHECK(r.warnings == 501);
    CHECK(r.errors == 0);
    CHECK(r.issues.size() == 501);  // 500 listed and one "1 more … 501 warnings in all"
    CHECK(r.issues.back().message_en == "1 more problems not listed (0 errors and 501 warnings in all)");
    CHECK(r.issues.back().warning);
    REQUIRE(r.scenario.variants.size() == 2);
    CHECK(r.scenario.variants[0].steps.size() == 3);
    CHECK(r.scenario.variant("online") != nullptr);
    // The same model as with the list uncapped.
    Limits wide;
    wide.max_issues = 1000;
    const LoadResult all = load_scenario(text, "f", wide);
    CHECK(all.issues.size() == 501);
    CHECK(all.scenario == r.scenario);
}

TEST_CASE("a duplicate-key flood is capped, counted and located in linear time", "[reading]") {
    // One line: the example with a field "flood" holding objects that repeat "id" 999
    // times each (1000 members is the per-object limit). Errors: the unknown field
    // "flood" plus 998 duplicates per object.
    const std::string example = doc_example();
    std::string object = "{";
    for (int i = 0; i < 999; ++i) object += std::string(i ? "," : "") + "\"id\":\"a\"";
    object += "}";
    for (std::size_t target : {std::size_t(1) << 20, std::size_t(4) << 20}) {
        const std::size_t count = (target - example.size() - 64) / (object.size() + 1);
        std::string flood = "\"flood\":[";
        for (std::size_t i = 0; i < count; ++i) flood += (i ? "," : "") + object;
        flood += "],";
        std::string text = example;
        text.erase(std::remove(text.begin(), text.end(), '\n'), text.end());
        text = replaced(text, "\"id\": \"shop-opening\",", flood + "\"id\": \"shop-opening\",");
        REQUIRE(text.size() <= Limits{}.max_bytes);
        INFO(text.size() << " bytes, " << count << " objects");
        const std::clock_t start = std::clock();
        const LoadResult r = load_scenario(text, "f");
        const double seconds = cpu_seconds(start);
        CHECK_FALSE(r.ok);
        CHECK(r.errors == static_cast<int>(1 + 998 * count));
        CHECK(r.issues.size() == 501);
        CHECK(r.issues.back().message_en ==
              std::to_string(r.errors - 500) + " more problems not listed (" + std::to_string(r.errors) +
                  " errors and 0 warnings in all)");
        // The first duplicate is the second "id" of the first object: 1 + the text before it.
        const std::size_t first = text.find("\"id\":\"a\",\"id\"") + 9;
        const Issue* dup = find_issue(r, "/flood/0/id", "appears more than once");
        REQUIRE(dup);
        CHECK(dup->line == 1);
        CHECK(dup->column == static_cast<int>(first + 1));  // all ASCII before it: bytes = characters
        WARN("validated " << text.size() << " bytes in " << seconds << " s of CPU");
        CHECK(seconds < kSlower * (target > (1u << 20) ? 4.0 : 1.0));
    }
}

TEST_CASE("control characters are escaped and long names cut in every message", "[reading]") {
    CHECK(printable("a\nb\tc\rd") == "a\\nb\\tc\\rd");
    CHECK(printable(std::string("x\0y", 3)) == "x\\u0000y");
    CHECK(printable("\x1b[2J") == "\\u001b[2J");
    CHECK(printable("\x7f") == "\\u007f");
    CHECK(printable("\xC2\x9B" "31m") == "\\u009b31m");  // C1 CSI
    CHECK(printable("\xE2\x80\xAE" "evil") == "\\u202eevil");  // right-to-left override
    CHECK(printable("办事人 é") == "办事人 é");  // other text untouched
    CHECK(printable("a\nb", true) == "a\nb");

    // An id that tries to clear the screen and fake an "ok" line.
    const std::string evil = "\x1b[2J\x1b[31mEVIL\nfake.json:1:1: ok";
    const std::string text = replaced(doc_example(), "\"after\": [\"register\"]}", "\"after\": [\"" +
                                                                                      std::string("\\u001b[2J\\u001b[31mEVIL\\nfake.json:1:1: ok") +
                                                                                      "\"]}");
    LoadResult r = load_scenario(text, "f");
    REQUIRE_FALSE(r.ok);
    bool found = false;
    for (const Issue& i : r.issues) {
        const std::string line = format_issue("f", i);
        for (unsigned char c : line) CHECK(c >= 0x20);
        if (i.message_en.find("EVIL") != std::string::npos) found = true;
        CHECK(i.message_en.find(evil.substr(0, 4)) == std::string::npos);
    }
    CHECK(found);

    // A field name of a megabyte: its message and path are cut.
    const std::string huge(1 << 20, 'k');
    r = load_scenario(replaced(doc_example(), "\"illustrative\": true,", "\"" + huge + "\": 1,"), "f");
    REQUIRE_FALSE(r.ok);
    REQUIRE_FALSE(r.issues.empty());
    for (const Issue& i : r.issues) CHECK(format_issue("f", i).size() < 600);
}

TEST_CASE("UTF-16 files are read, and said to be UTF-16", "[reading]") {
    // The compiler encodes u"" literals: an oracle independent of the converter.
    const std::u16string source =
        u"{\"format\": \"peizou-scenario/1\", \"id\": \"t\", \"title\": \"小型门店开业 𝄞\",\n"
        u" \"start\": \"2025-09-29T09:00\", \"places\": [{\"id\": \"home\", \"name\": \"家\"}],\n"
        u" \"departments\": [{\"id\": \"d\", \"name\": \"部门\", \"place\": \"home\", \"windows\": 1}],\n"
        u" \"variants\": {\"before\": {\"title\": \"前\", \"steps\": [{\"id\": \"s\", \"name\": \"步骤\","
        u" \"department\": \"d\", \"kind\": \"window\", \"colour\": 1}]}}}\n";
    auto encode = [&](bool little, bool bom) {
        std::string out;
        std::u16string units = (bom ? std::u16string(1, u'\xFEFF') : std::u16string()) + source;
        for (char16_t u : units) {
            const char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
            out += little ? std::string{lo, hi} : std::string{hi, lo};
        }
        return out;
    };
    const std::string utf8 =
        "{\"format\": \"peizou-scenario/1\", \"id\": \"t\", \"title\": \"小型门店开业 \xF0\x9D\x84\x9E\",\n"
        " \"start\": \"2025-09-29T09:00\", \"places\": [{\"id\": \"home\", \"name\": \"家\"}],\n"
        " \"departments\": [{\"id\": \"d\", \"name\": \"部门\", \"place\": \"home\", \"windows\": 1}],\n"
        " \"variants\": {\"before\": {\"title\": \"前\", \"steps\": [{\"id\": \"s\", \"name\": \"步骤\","
        " \"department\": \"d\", \"kind\": \"window\", \"colour\": 1}]}}}\n";
    const LoadResult plain = load_scenario(utf8, "f");
    const Issue* colour = find_issue(plain, "/variants/before/steps/0/colour", "unknown field");
    REQUIRE(colour);
    CHECK(colour->line == 4);
    for (bool little : {true, false})
        for (bool bom : {true, false}) {
            INFO((little ? "LE" : "BE") << (bom ? " with BOM" : ""));
            const LoadResult r = load_scenario(encode(little, bom), "f");
            INFO(all_issues(r));
            REQUIRE(r.issues.size() == plain.issues.size() + 1);
            CHECK(r.issues[0].warning);
            CHECK(r.issues[0].message_en.find(little ? "UTF-16 (little-endian)" : "UTF-16 (big-endian)") !=
                  std::string::npos);
            CHECK(r.issues[0].message_zh.find("UTF-16") != std::string::npos);
            CHECK(r.scenario.title == "小型门店开业 \xF0\x9D\x84\x9E");
            const Issue* same = find_issue(r, "/variants/before/steps/0/colour", "unknown field");
            REQUIRE(same);
            CHECK(same->line == colour->line);
            CHECK(same->column == colour->column);
        }
    // The valid example, in UTF-16: valid, with the one warning.
    std::string example16;
    for (unsigned char c : std::string("{\"a\": 1}")) example16 += std::string{static_cast<char>(c), '\0'};
    const LoadResult tiny = load_scenario(example16, "f");
    CHECK(tiny.issues.front().message_en.find("UTF-16") != std::string::npos);
}

TEST_CASE("the Chinese half of a syntax error is Chinese", "[reading]") {
    const std::regex english_word("[A-Za-z]{3,}");
    const char* broken[] = {"{\"a\": tru}", "{\"a\": 1,}", "{\"a\" 1}", "[1, 2", "{\"a\": \"x",
                            "{\"a\": 1} x", "{\"a\": -}", "{\"a\": 1.}", "{\"a\": \"\\q\"}", "{a: 1}",
                            "{\"a\": \"\x01\"}", "", "{\"a\": \"\xff\"}"};
    for (const char* text : broken) {
        const LoadResult r = load_scenario(text, "f");
        REQUIRE_FALSE(r.issues.empty());
        const Issue& i = r.issues.front();
        INFO(text << " -> " << i.message_zh << " / " << i.message_en);
        CHECK(i.message_en.rfind("JSON syntax error: ", 0) == 0);
        std::string zh = i.message_zh;
        for (const char* allowed : {"JSON", "UTF", "true", "false", "null", "BOM"})
            for (auto at = zh.find(allowed); at != std::string::npos; at = zh.find(allowed))
                zh.erase(at, std::string(allowed).size());
        CHECK_FALSE(std::regex_search(zh, english_word));
    }
}

TEST_CASE("the documented example runs without stuck citizens", "[reading]") {
    // Its "open" step waits for the fire check only when the branch asks for one; it used
    // to need the check's certificate always, and the 60 % with no check got stuck.
    const LoadResult r = load_scenario(doc_example(), "example");
    INFO(all_issues(r));
    REQUIRE(r.ok);
    CHECK(r.warnings == 0);
    for (const Variant& v : r.scenario.variants) {
        EngineOptions o;
        o.citizens = 500;
        o.seed = 7;
        const RunResult run = run_monte_carlo(r.scenario, v, scenario_calendar(r.scenario), o);
        INFO(v.id);
        CHECK(run.stuck.empty());
        CHECK(run.cases.size() == 500);
    }
}

TEST_CASE("numbers the engine cannot compute are refused where they are written", "[reading]") {
    auto issue = [](const std::string& text, const std::string& path, const std::string& fragment) {
        const LoadResult r = load_scenario(text, "f");
        INFO(all_issues(r));
        CHECK_FALSE(r.ok);
        const Issue* i = find_issue(r, path, fragment);
        CHECK(i);
        return i ? i->line : 0;
    };
    const std::string example = doc_example();
    for (const char* tiny : {"1e-300", "1e-12", "0.009", "0"})
        issue(replaced(example, "\"arrivals_per_working_day\": 12", std::string("\"arrivals_per_working_day\": ") + tiny),
              "/arrivals_per_working_day", "too small");
    CHECK(load_scenario(replaced(example, "\"arrivals_per_working_day\": 12", "\"arrivals_per_working_day\": 0.01"), "f").ok);
    // Lognormal: sd up to 10 × mean (the mean of the value; cv = sd / mean).
    const std::string service = "\"service\": {\"dist\": \"triangular\", \"low\": 10, \"mode\": 20, \"high\": 40}";
    CHECK(load_scenario(replaced(example, service, "\"service\": {\"dist\": \"lognormal\", \"mean\": 2, \"sd\": 20}"), "f").ok);
    CHECK(issue(replaced(example, service, "\"service\": {\"dist\": \"lognormal\", \"mean\": 2, \"sd\": 20.5}"),
                "/variants/before/steps/0/service/sd", "more than 10 times its mean") == 32);
    issue(replaced(example, service, "\"service\": {\"dist\": \"lognormal\", \"mean\": 1e-300, \"sd\": 1576800}"),
          "/variants/before/steps/0/service/sd", "more than 10 times its mean");
    // compress_time shortens: (0, 1].
    for (const char* factor : {"1.5", "10", "0", "-1"})
        issue(replaced(example, "\"factor\": 0.5", std::string("\"factor\": ") + factor),
              "/variants/online/levers/1/factor", "factor must be in (0, 1]");
    CHECK(load_scenario(replaced(example, "\"factor\": 0.5", "\"factor\": 1"), "f").ok);
    // Step ids the walkthrough uses for its own options.
    for (const char* id : {"wait", "home"})
        issue(replaced(example, "\"id\": \"open\"", std::string("\"id\": \"") + id + "\""),
              "/variants/before/steps/2/id", "is reserved");
}
