// The message catalogues against the source tree: the UI's Str table (src/app/strings.*)
// and the core's diagnostics (src/core/diagnostics.*) have one row per entry, each with a
// Chinese and an English text, and every entry is used somewhere outside the catalogue. The oracle is the source text itself, read here as files
// (the unit tests do not link the app), so a dead or half-translated entry fails the test.
#include <catch2/catch.hpp>

#include "core/diagnostics.hpp"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace peizou;

namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Every source file under src/ but those named, concatenated.
std::string sources_except(const std::set<std::string>& skip) {
    std::string all;
    for (const auto& e : fs::recursive_directory_iterator(fs::path(PEIZOU_SOURCE_DIR) / "src")) {
        const std::string ext = e.path().extension().string();
        if (!e.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
        if (skip.count(e.path().filename().string())) continue;
        all += read_text(e.path());
        all += '\n';
    }
    return all;
}

// Every identifier written right after `prefix` in `text` ("Str::" → the entries used).
std::set<std::string> names_after(const std::string& prefix, const std::string& text) {
    std::set<std::string> out;
    for (std::size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at)) {
        at += prefix.size();
        std::size_t end = at;
        while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
        out.insert(text.substr(at, end - at));
        at = end;
    }
    return out;
}

// The C string literals from `at` on, adjacent ones joined, up to the next ',' or '}'.
std::string literal_at(const std::string& s, std::size_t& at) {
    std::string out;
    for (;;) {
        while (at < s.size() && (s[at] == ' ' || s[at] == '\n' || s[at] == '\t' || s[at] == '\r')) ++at;
        if (at >= s.size() || s[at] != '"') return out;
        for (++at; at < s.size() && s[at] != '"'; ++at) {
            if (s[at] == '\\') ++at;
            out += s[at];
        }
        ++at;
    }
}

// The entries of `enum class NAME {` in `header`, in order (comments removed).
std::vector<std::string> enum_entries(const std::string& header, const std::string& name) {
    std::string h = read_text(fs::path(PEIZOU_SOURCE_DIR) / header);
    const std::string open = "enum class " + name + " {";
    const std::size_t from = h.find(open);
    const std::size_t to = h.find("count_", from);
    REQUIRE(from != std::string::npos);
    REQUIRE(to != std::string::npos);
    std::string body = h.substr(from + open.size(), to - from - open.size());
    body = std::regex_replace(body, std::regex("//[^\n]*"), "");
    std::vector<std::string> names;
    const std::regex word("[a-z_][a-z0-9_]*");
    for (auto it = std::sregex_iterator(body.begin(), body.end(), word); it != std::sregex_iterator(); ++it)
        names.push_back(it->str());
    return names;
}

// Whether UTF-8 `text` has a Chinese character (CJK ideograph, CJK punctuation, or a
// full-width form such as "，" or "："); Latin accents or "…" alone are not Chinese.
bool has_chinese(const std::string& text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c & 0xF0) != 0xE0 || i + 2 >= text.size()) continue;  // 3-byte sequences only
        const unsigned cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6) |
                            (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
        if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF))
            return true;
    }
    return false;
}

// The text of the files whose names start with `stem` in src/`dir` and end in .cpp or
// .inc: a table and the parts of it it includes (strings.cpp, strings_*.inc).
std::string table_text(const std::string& dir, const std::string& stem) {
    std::string all;
    for (const auto& e : fs::directory_iterator(fs::path(PEIZOU_SOURCE_DIR) / "src" / dir)) {
        const std::string name = e.path().filename().string(), ext = e.path().extension().string();
        if (name.rfind(stem, 0) == 0 && (ext == ".cpp" || ext == ".inc")) all += read_text(e.path()) + "\n";
    }
    return all;
}

// Checks a catalogue: `table` holds rows {PREFIXname, "zh", "en"}; every entry of the enum
// has exactly one, both texts are there (the Chinese one with Chinese in it, unless
// `same_ok` and the two are the same) and the entry is used in a source file other than `own`.
void check_catalogue(const std::string& prefix, const std::vector<std::string>& names, const std::string& table,
                     const std::set<std::string>& own, bool same_ok) {
    const std::set<std::string> used = names_after(prefix, sources_except(own));
    std::map<std::string, int> rows;
    const std::string row = "{" + prefix;
    for (std::size_t at = table.find(row); at != std::string::npos; at = table.find(row, at)) {
        at += row.size();
        std::size_t end = table.find(',', at);
        const std::string name = table.substr(at, end - at);
        at = end + 1;
        const std::string zh = literal_at(table, at);
        REQUIRE(table[at] == ',');
        ++at;
        const std::string en = literal_at(table, at);
        INFO(prefix << name);
        CHECK(!zh.empty());
        CHECK(!en.empty());
        CHECK((has_chinese(zh) || (same_ok && zh == en)));
        rows[name]++;
    }
    for (const auto& n : names) {
        INFO(prefix << n);
        CHECK(rows[n] == 1);
        CHECK(used.count(n) == 1);
    }
    CHECK(rows.size() == names.size());
}

}  // namespace

TEST_CASE("every Str entry has one row with both languages and is used", "[catalogue]") {
    const std::vector<std::string> names = enum_entries("src/app/strings.hpp", "Str");
    REQUIRE(names.size() > 300);
    // The table is strings.cpp and the strings_*.inc it includes (the .inc files are not
    // sources for the "used" test: only .cpp and .hpp are).
    check_catalogue("Str::", names, table_text("app", "strings"), {"strings.cpp", "strings.hpp"}, true);
}

TEST_CASE("every core diagnostic has one row with both languages and is used", "[catalogue]") {
    const std::vector<std::string> names = enum_entries("src/core/diagnostics.hpp", "Diag");
    REQUIRE(names.size() >= 100);
    check_catalogue("Diag::", names, table_text("core", "diagnostics"), {"diagnostics.cpp", "diagnostics.hpp"},
                    false);
}

TEST_CASE("Chinese is told from other non-ASCII text", "[catalogue]") {
    CHECK(has_chinese("未知字段"));
    CHECK(has_chinese("；"));  // full-width punctuation alone
    CHECK_FALSE(has_chinese("unknown field"));
    CHECK_FALSE(has_chinese("café … — ×"));
    CHECK_FALSE(has_chinese(""));
}

TEST_CASE("no Chinese is written in the scenario reader's, checks' and replay's code", "[catalogue]") {
    // Their messages are codes of the catalogue: a Chinese literal there is a message
    // that bypasses it. (The JSON parser's own messages, translated in scenario_io.cpp,
    // are a table of that library's words, not messages of ours.)
    // walk.cpp (replaying a walk record) likewise.
    std::vector<fs::path> paths;
    for (const auto& e : fs::directory_iterator(fs::path(PEIZOU_SOURCE_DIR) / "src" / "scenario")) paths.push_back(e.path());
    paths.push_back(fs::path(PEIZOU_SOURCE_DIR) / "src" / "core" / "walk.cpp");
    int files = 0;
    for (const auto& path : paths) {
        const std::string name = path.filename().string();
        const bool ours = name.rfind("scenario_read", 0) == 0 || name.rfind("scenario_check", 0) == 0 ||
                          name == "report.hpp" || name == "walk.cpp";
        if (!ours) continue;
        ++files;
        std::istringstream lines(read_text(path));
        std::string line;
        int number = 0;
        while (std::getline(lines, line)) {
            ++number;
            const std::size_t comment = line.find("//");
            const std::string code = line.substr(0, comment);
            INFO(name << ":" << number << ": " << line);
            CHECK_FALSE(has_chinese(code));
        }
    }
    CHECK(files >= 6);
}

TEST_CASE("a diagnostic renders its arguments in both languages", "[catalogue]") {
    // Oracle: the engine's wording before the catalogue, written out by hand.
    CHECK(render_both(Diag::stuck_rejected_too_often, {"12", "apply", "申请"}) ==
          "rejected 12 times: apply / 「申请」已被退回 12 次，仍未受理");
    CHECK(render(DiagLanguage::zh, Diag::answer_not_held, {"id_card"}) == "手里没有这份材料：id_card");
    CHECK(render_both_zh_first(Diag::lever_unknown_base, {"x"}) ==
          "未知的基础方案 \"x\" / unknown base variant \"x\"");
    // Oracle: the scenario reader's wording before the catalogue (tests/bad/*.expect).
    const DiagText unknown = render_text(Diag::check_unknown_id, {Diag::word_department, "\"tax\""}) +
                             render_text(Diag::file_did_you_mean, {"\"taxes\""});
    CHECK(unknown.zh == "未知部门 \"tax\"，是否想写 \"taxes\"？");
    CHECK(unknown.en == "unknown department \"tax\"; did you mean \"taxes\"?");
    const DiagArg both = DiagArg::per_language("甲", "A");
    CHECK(render(DiagLanguage::zh, Diag::check_lever_cannot_apply, {both}) == "改革举措无法应用：甲");
    CHECK(render(DiagLanguage::en, Diag::check_lever_cannot_apply, {both}) == "the lever cannot be applied: A");
    CHECK(render(DiagLanguage::en, Diag::file_too_many, {Diag::word_variants, "9", "8"}) ==
          "too many variants: 9 (limit 8)");
}
