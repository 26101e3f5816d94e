// The message catalogues against the source tree: the UI's Str table (src/app/strings.*)
// has one row per entry, each with a Chinese and an English text, and every entry is used
// somewhere outside the table. The oracle is the source text itself, read here as files
// (the unit tests do not link the app), so a dead or half-translated entry fails the test.
#include <catch2/catch.hpp>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

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

// The enum's entries, in order (comments removed).
std::vector<std::string> str_entries() {
    std::string h = read_text(fs::path(PEIZOU_SOURCE_DIR) / "src/app/strings.hpp");
    const std::size_t from = h.find("enum class Str {");
    const std::size_t to = h.find("count_", from);
    REQUIRE(from != std::string::npos);
    REQUIRE(to != std::string::npos);
    std::string body = h.substr(from + 16, to - from - 16);
    body = std::regex_replace(body, std::regex("//[^\n]*"), "");
    std::vector<std::string> names;
    const std::regex word("[a-z_][a-z0-9_]*");
    for (auto it = std::sregex_iterator(body.begin(), body.end(), word); it != std::sregex_iterator(); ++it)
        names.push_back(it->str());
    return names;
}

}  // namespace

TEST_CASE("every Str entry has one row with both languages and is used", "[catalogue]") {
    const std::vector<std::string> names = str_entries();
    REQUIRE(names.size() > 300);
    const std::string table = read_text(fs::path(PEIZOU_SOURCE_DIR) / "src/app/strings.cpp");
    std::map<std::string, int> rows;
    const std::set<std::string> used = names_after("Str::", sources_except({"strings.cpp", "strings.hpp"}));
    for (std::size_t at = table.find("{Str::"); at != std::string::npos; at = table.find("{Str::", at)) {
        at += 6;
        std::size_t end = table.find(',', at);
        const std::string name = table.substr(at, end - at);
        at = end + 1;
        const std::string zh = literal_at(table, at);
        REQUIRE(table[at] == ',');
        ++at;
        const std::string en = literal_at(table, at);
        INFO("Str::" << name);
        CHECK(!zh.empty());
        CHECK(!en.empty());
        // The Chinese text has Chinese in it (a byte of a multi-byte UTF-8 sequence), unless
        // it is a symbol or a name that reads the same in both.
        const bool same = zh == en;
        bool chinese = false;
        for (unsigned char ch : zh) chinese = chinese || ch >= 0x80;
        CHECK((chinese || same));
        rows[name]++;
    }
    for (const auto& n : names) {
        INFO("Str::" << n);
        CHECK(rows[n] == 1);
        CHECK(used.count(n) == 1);
    }
    CHECK(rows.size() == names.size());
}
