// load_scenario (limits, syntax, reading, checks, positions), save_scenario (canonical
// JSON), format_issue.
#include "scenario_io.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <set>

#include "json_text.hpp"
#include "parse_count.hpp"
#include "scenario_read.hpp"

namespace peizou::scenario {

using J = nlohmann::ordered_json;

namespace {

// Records the first syntax error of nlohmann's parser (position and message) and
// builds nothing.
class SyntaxCheck : public nlohmann::json_sax<J> {
public:
    bool failed = false;
    std::size_t position = 0;
    std::string message;

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t at, const std::string&,
                     const nlohmann::detail::exception& ex) override {
        failed = true;
        position = at;
        message = ex.what();
        return false;
    }
};

// "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while
// parsing value - unexpected end of input; …" -> the part after the position.
std::string syntax_detail(const std::string& what) {
    std::string detail = what;
    if (!detail.empty() && detail[0] == '[') {  // "[json.exception.…] "
        auto close = detail.find("] ");
        if (close != std::string::npos) detail.erase(0, close + 2);
    }
    if (detail.rfind("parse error", 0) == 0) {  // "parse error at line 1, column 5: "
        auto colon = detail.find(": ");
        if (colon != std::string::npos) detail.erase(0, colon + 2);
    }
    // "…; last read: '<raw bytes>'" may hold any bytes of the input: leave it out.
    auto last = detail.find("; last read: '");
    if (last != std::string::npos) {
        auto expected = detail.find("'; expected", last);
        detail = detail.substr(0, last) +
                 (expected == std::string::npos ? "" : detail.substr(expected + 1));
    }
    return detail;
}

// The Chinese of syntax_detail's English (nlohmann 3.11's parser and lexer messages).
std::string syntax_detail_zh(std::string detail) {
    static const std::pair<const char*, const char*> kPhrases[] = {
        {"syntax error while parsing object separator", "对象的键后应有冒号"},
        {"syntax error while parsing object key", "应为对象的键（带引号的字符串）"},
        {"syntax error while parsing object", "对象写法有误"},
        {"syntax error while parsing array", "数组写法有误"},
        {"syntax error while parsing value", "值写法有误"},
        {"invalid string: missing closing quote", "字符串缺少结尾的引号"},
        {"invalid string: ill-formed UTF-8 byte", "字符串中有不合法的 UTF-8 字节（文件须为 UTF-8 编码）"},
        {"invalid string: '\\u' must be followed by 4 hex digits", "字符串中的 \\u 后应有 4 位十六进制数字"},
        {"invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF",
         "字符串中的代理项 U+D800..U+DBFF 后应紧跟 U+DC00..U+DFFF"},
        {"invalid string: surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF",
         "字符串中的代理项 U+DC00..U+DFFF 应紧跟在 U+D800..U+DBFF 之后"},
        {"invalid string: forbidden character after backslash", "字符串中反斜杠后的字符不允许"},
        {"invalid string: control character", "字符串中含有未转义的控制字符"},
        {"invalid number; expected digit after exponent sign", "数字写法有误：指数符号后应为数字"},
        {"invalid number; expected '+', '-', or digit after exponent", "数字写法有误：指数 e 后应为 +、- 或数字"},
        {"invalid number; expected digit after '.'", "数字写法有误：小数点后应为数字"},
        {"invalid number; expected digit after '-'", "数字写法有误：负号后应为数字"},
        {"invalid BOM; must be 0xEF 0xBB 0xBF if given", "字节顺序标记（BOM）无效：UTF-8 的 BOM 应为 0xEF 0xBB 0xBF"},
        {"invalid literal", "无效的字面量（只能是 true、false、null、数字或带引号的字符串）"},
        {"invalid comment", "JSON 不允许注释"},
        {"unexpected end of input", "文件意外结束"},
        {"unexpected ", "意外的 "},
        {"; expected ", "；应为 "},
        {" - ", "："},
        {"end of input", "文件结尾"},
        {"string literal", "字符串"},
        {"number literal", "数字"},
        {"true literal", "true"},
        {"false literal", "false"},
        {"null literal", "null"},
        {"'[', '{', or a literal", "'['、'{' 或一个值"},
        {"<parse error>", "无法识别的内容"},
        {"<uninitialized>", "（无）"},
        {"unknown token", "无法识别的记号"},
    };
    std::string out;
    for (std::size_t i = 0; i < detail.size();) {
        bool matched = false;
        for (const auto& [en, zh] : kPhrases) {
            std::size_t n = std::char_traits<char>::length(en);
            if (detail.compare(i, n, en) != 0) continue;
            out += zh;
            i += n;
            // "control character U+0000 (NUL) must be escaped to \u0000": keep the code only.
            if (std::string(en) == "invalid string: control character") {
                std::size_t end = detail.find(" must be escaped", i);
                if (end == std::string::npos) end = i;
                const std::size_t code_end = std::min(detail.find(" (", i), end);  // " U+0001"
                out += detail.substr(i, code_end - i) + "（须写成 \\u 转义）";
                i = std::min(detail.find(';', end), detail.size());
            }
            matched = true;
            break;
        }
        if (!matched) out += detail[i++];
    }
    return out;
}

// UTF-16 text (with a byte order mark, or JSON's ASCII first character with a zero byte
// beside it) as UTF-8; `ok` false when a surrogate is unpaired or the length is odd.
enum class Utf16 { no, le, be };
Utf16 utf16_kind(const std::string& t) {
    if (t.size() < 2) return Utf16::no;
    const auto b0 = static_cast<unsigned char>(t[0]), b1 = static_cast<unsigned char>(t[1]);
    if (b0 == 0xFF && b1 == 0xFE) return Utf16::le;
    if (b0 == 0xFE && b1 == 0xFF) return Utf16::be;
    if (b0 != 0 && b0 < 0x80 && b1 == 0) return Utf16::le;
    if (b0 == 0 && b1 != 0 && b1 < 0x80) return Utf16::be;
    return Utf16::no;
}

std::string utf16_to_utf8(const std::string& t, Utf16 kind, bool& ok) {
    std::string out;
    ok = t.size() % 2 == 0;
    std::size_t i = 0;
    auto unit = [&](std::size_t at) {
        const auto a = static_cast<unsigned char>(t[at]), b = static_cast<unsigned char>(t[at + 1]);
        return kind == Utf16::le ? static_cast<std::uint32_t>(a | (b << 8))
                                 : static_cast<std::uint32_t>((a << 8) | b);
    };
    if (t.size() >= 2 && unit(0) == 0xFEFF) i = 2;  // the byte order mark
    for (; i + 1 < t.size(); i += 2) {
        std::uint32_t cp = unit(i);
        if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < t.size() && unit(i + 2) >= 0xDC00 &&
            unit(i + 2) < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
            i += 2;
        } else if (cp >= 0xD800 && cp < 0xE000) {
            ok = false;
            cp = 0xFFFD;
        }
        append_utf8(out, cp);
    }
    return out;
}

std::string size_text(std::size_t bytes) { return std::to_string(bytes) + " bytes"; }

// Turns problems' pointers into positions, adds duplicate-key errors (as many as the
// list has room for; `duplicate_count` gets them all), sorts by position.
std::vector<Issue> locate(const std::string& text, Report& report, int max_issues,
                          std::size_t& duplicate_count) {
    std::set<std::string> wanted;
    for (const Problem& p : report.problems())
        for (std::string q = p.issue.path;; q = pointer_parent(q)) {
            wanted.insert(q);
            if (q.empty()) break;
        }
    std::size_t room = static_cast<std::size_t>(
        std::max(0, max_issues - static_cast<int>(report.problems().size())));
    ScanResult scan = scan_json(text, wanted, room);
    duplicate_count = scan.duplicate_count;
    std::vector<Issue> issues;
    std::vector<std::size_t> offsets;  // of each issue; npos when unknown
    for (Problem& p : report.problems()) {
        Issue issue = std::move(p.issue);
        std::size_t offset = std::string::npos;
        for (std::string q = issue.path;; q = pointer_parent(q)) {
            auto it = scan.found.find(q);
            if (it != scan.found.end()) {
                bool exact = q == issue.path;
                offset = exact && p.at_key ? it->second.key_offset : it->second.value_offset;
                break;
            }
            if (q.empty()) break;
        }
        issues.push_back(std::move(issue));
        offsets.push_back(offset);
    }
    for (const DuplicateKey& d : scan.duplicates) {
        Issue issue;
        issue.path = d.pointer;
        std::string key = d.pointer.substr(d.pointer.rfind('/') + 1);
        DiagText message = render_text(Diag::load_duplicate_key, {quote_value(key)});
        issue.message_zh = std::move(message.zh);
        issue.message_en = std::move(message.en);
        issues.push_back(std::move(issue));
        offsets.push_back(d.key_offset);
    }
    // Positions in increasing offset order: LineIndex then walks a long line once.
    std::vector<std::size_t> order(issues.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return offsets[a] < offsets[b]; });
    LineIndex lines(text);
    std::vector<Issue> sorted;
    sorted.reserve(issues.size());
    for (std::size_t i : order) {
        if (offsets[i] != std::string::npos) {
            TextPosition pos = lines.at(offsets[i]);
            issues[i].line = pos.line;
            issues[i].column = pos.column;
        }
        sorted.push_back(std::move(issues[i]));
    }
    return sorted;
}

}  // namespace

namespace {
LoadResult load_utf8(const std::string& text, const Limits& limits);
}

LoadResult load_scenario(const std::string& text, const std::string& file_name,
                         const Limits& limits) {
    (void)file_name;  // positions are reported with the issues; the caller names the file
    const Utf16 kind = text.size() <= limits.max_bytes ? utf16_kind(text) : Utf16::no;
    if (kind == Utf16::no) return load_utf8(text, limits);
    // UTF-16 (as Windows Notepad may save): read as UTF-8, positions in characters as
    // before, and say so, as the file should be saved as UTF-8.
    bool ok = true;
    LoadResult result = load_utf8(utf16_to_utf8(text, kind, ok), limits);
    Issue note;
    note.warning = ok;
    note.line = 1;
    note.column = 1;
    const DiagText message =
        render_text(Diag::load_utf16, {kind == Utf16::le ? Diag::word_little_endian : Diag::word_big_endian}) +
        render_text(ok ? Diag::load_utf16_save : Diag::load_utf16_damaged);
    note.message_zh = message.zh;
    note.message_en = message.en;
    result.issues.insert(result.issues.begin(), note);
    ++(ok ? result.warnings : result.errors);
    if (!ok) result.ok = false;
    return result;
}

namespace {
LoadResult load_utf8(const std::string& text, const Limits& limits) {
    LoadResult result;
    auto fail = [&](int line, int column, DiagText message) {
        Issue issue;
        issue.line = line;
        issue.column = column;
        issue.message_zh = std::move(message.zh);
        issue.message_en = std::move(message.en);
        result.issues.push_back(std::move(issue));
        result.ok = false;
        result.errors = 1;
        return result;
    };
    if (text.size() > limits.max_bytes)
        return fail(0, 0,
                    render_text(Diag::load_too_large, {std::to_string(text.size()), std::to_string(limits.max_bytes),
                                                       size_text(text.size()), size_text(limits.max_bytes)}));
    LineIndex lines(text);
    DepthCheck depth = check_depth(text, limits.max_depth, limits.max_object_members);
    if (depth.exceeded) {
        TextPosition pos = lines.at(depth.offset);
        return fail(pos.line, pos.column, render_text(Diag::load_too_deep, {std::to_string(limits.max_depth)}));
    }
    if (depth.too_wide) {
        TextPosition pos = lines.at(depth.offset);
        return fail(pos.line, pos.column,
                    render_text(Diag::load_too_wide, {std::to_string(limits.max_object_members)}));
    }
    // Parsed once (issue 16); only a text that fails is read again, to locate its first error.
    ++parse_count().json;
    J root = J::parse(text, nullptr, false);
    SyntaxCheck syntax;
    if (root.is_discarded()) {
        ++parse_count().json;
        J::sax_parse(text, &syntax);
    }
    if (syntax.failed) {
        // nlohmann counts the byte just read (1-based); point at it.
        TextPosition pos = lines.at(syntax.position > 0 ? syntax.position - 1 : 0);
        std::string detail = syntax_detail(syntax.message);
        return fail(pos.line, pos.column,
                    render_text(Diag::load_syntax, {DiagArg::per_language(syntax_detail_zh(detail), detail)}));
    }
    if (root.is_discarded())
        return fail(1, 1, render_text(Diag::load_syntax_plain));

    Report report(limits.max_issues);
    read_scenario(root, limits, report, result.scenario);
    check_scenario(result.scenario, report);
    std::size_t duplicates = 0;
    result.issues = locate(text, report, limits.max_issues, duplicates);
    result.errors = report.errors() + static_cast<int>(duplicates);
    result.warnings = report.warnings();
    result.ok = result.errors == 0;
    const std::size_t total = static_cast<std::size_t>(result.errors) +
                              static_cast<std::size_t>(result.warnings);
    if (total > result.issues.size()) {
        std::string dropped = std::to_string(total - result.issues.size());
        DiagText message = render_text(Diag::load_more_issues, {dropped, std::to_string(result.errors),
                                                                 std::to_string(result.warnings)});
        Issue more;
        more.message_zh = std::move(message.zh);
        more.message_en = std::move(message.en);
        more.warning = result.ok;  // only warnings left out: not an error
        result.issues.push_back(std::move(more));
    }
    return result;
}
}  // namespace

std::string printable(const std::string& text, bool keep_lines) {
    std::string out;
    out.reserve(text.size());
    auto escape = [&out](unsigned code) {
        static const char kHex[] = "0123456789abcdef";
        out += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(code >> shift) & 0xF];
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        const unsigned char c1 = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
        const unsigned char c2 = i + 2 < text.size() ? static_cast<unsigned char>(text[i + 2]) : 0;
        if (keep_lines && (c == '\n' || c == '\t')) out += static_cast<char>(c);
        else if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c == '\r') out += "\\r";
        else if (c < 0x20 || c == 0x7F) escape(c);
        else if (c == 0xC2 && c1 >= 0x80 && c1 <= 0x9F) {  // C1 controls U+0080–U+009F
            escape(c1);
            ++i;
        } else if (c == 0xE2 && ((c1 == 0x80 && c2 >= 0xA8 && c2 <= 0xAE) ||  // U+2028–U+202E
                                 (c1 == 0x81 && c2 >= 0xA6 && c2 <= 0xA9))) {  // U+2066–U+2069
            escape(0x2000u + ((c1 & 0x3Fu) << 6) + (c2 & 0x3Fu));
            i += 2;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string short_text(const std::string& text, std::size_t max_bytes) {
    // Only the start is needed: a huge value is not escaped whole.
    std::string s = printable(text.substr(0, std::min(text.size(), max_bytes + 8)));
    if (s.size() <= max_bytes && text.size() <= max_bytes + 8) return s;
    std::size_t cut = max_bytes > 3 ? max_bytes - 3 : 0;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return s.substr(0, cut) + "...";
}

std::string format_issue(const std::string& file_name, const Issue& issue) {
    std::string out = printable(file_name);
    if (issue.line > 0) out += ":" + std::to_string(issue.line) + ":" + std::to_string(issue.column);
    out += ": ";
    if (!issue.path.empty()) out += short_text(issue.path, 200) + ": ";
    if (issue.warning)
        out += render(DiagLanguage::zh, Diag::load_warning) + issue.message_zh + " / " +
               render(DiagLanguage::en, Diag::load_warning) + issue.message_en;
    else out += issue.message_zh + " / " + issue.message_en;
    return printable(out);
}

// ------------------------------------------------------------------ saving

namespace {

J number(double v) {
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15)
        return static_cast<std::int64_t>(v);
    return v;
}

J numbers(const std::vector<double>& values) {
    J out = J::array();
    for (double v : values) out.push_back(number(v));
    return out;
}

void put_string(J& obj, const char* key, const std::string& value) {
    if (!value.empty()) obj[key] = value;
}
void put_list(J& obj, const char* key, const std::vector<std::string>& value) {
    if (!value.empty()) obj[key] = value;
}
void put_true(J& obj, const char* key, bool value) {
    if (value) obj[key] = true;
}

J duration_json(const Duration& d) {
    if (d.dist == DistKind::fixed && d.unit == TimeUnit::minutes) return number(d.value);
    J out = J::object();
    out["dist"] = to_string(d.dist);
    switch (d.dist) {
        case DistKind::fixed: out["value"] = number(d.value); break;
        case DistKind::uniform:
            out["low"] = number(d.low);
            out["high"] = number(d.high);
            break;
        case DistKind::triangular:
            out["low"] = number(d.low);
            out["mode"] = number(d.mode);
            out["high"] = number(d.high);
            break;
        case DistKind::exponential: out["mean"] = number(d.mean); break;
        case DistKind::normal:
        case DistKind::lognormal:
            out["mean"] = number(d.mean);
            out["sd"] = number(d.sd);
            break;
        case DistKind::empirical:
            out["values"] = numbers(d.values);
            out["weights"] = numbers(d.weights);
            break;
    }
    if (d.unit != TimeUnit::minutes) out["unit"] = to_string(d.unit);
    return out;
}

J hours_json(const OfficeHours& hours) {
    J out = J::array();
    for (const auto& [open, close] : hours.intervals)
        out.push_back(J::array({format_clock(open), format_clock(close)}));
    return out;
}

J step_json(const Step& st) {
    J o = J::object();
    o["id"] = st.id;
    o["name"] = st.name;
    put_string(o, "name_en", st.name_en);
    o["kind"] = to_string(st.kind);
    o["department"] = st.department;
    put_string(o, "reception", st.reception);
    if (!(st.service == Duration::minutes(15))) o["service"] = duration_json(st.service);
    if (!(st.review == Duration{})) o["review"] = duration_json(st.review);
    put_list(o, "needs", st.needs);
    put_list(o, "produces", st.produces);
    put_list(o, "after", st.after);
    if (st.rework_probability != 0) o["rework_probability"] = number(st.rework_probability);
    put_string(o, "rework_reason", st.rework_reason);
    put_true(o, "online_allowed", st.online_allowed);
    if (st.legal_limit_days) o["legal_limit_days"] = st.legal_limit_days;
    if (st.promised_limit_days) o["promised_limit_days"] = st.promised_limit_days;
    if (st.fee_yuan != 0) o["fee_yuan"] = number(st.fee_yuan);
    if (!st.blocks_successors) o["blocks_successors"] = false;
    put_true(o, "agent", st.agent);
    put_true(o, "tells_all_missing", st.tells_all_missing);
    put_true(o, "presenter_pause", st.presenter_pause);
    put_string(o, "caption", st.caption);
    if (st.diagram) o["diagram"] = J{{"x", st.diagram->x}, {"y", st.diagram->y}};
    return o;
}

J branch_json(const Branch& b) {
    J o = J::object();
    o["id"] = b.id;
    o["question"] = b.question;
    put_string(o, "question_en", b.question_en);
    o["chooser"] = to_string(b.chooser);
    put_list(o, "after", b.after);
    J options = J::array();
    for (const auto& opt : b.options) {
        J x = J::object();
        x["id"] = opt.id;
        x["label"] = opt.label;
        put_string(x, "label_en", opt.label_en);
        x["probability"] = number(opt.probability);
        put_list(x, "steps", opt.steps);
        options.push_back(std::move(x));
    }
    o["options"] = std::move(options);
    return o;
}

J lever_json(const Lever& l) {
    J o = J::object();
    o["kind"] = to_string(l.kind);
    put_list(o, "steps", l.steps);
    put_list(o, "materials", l.materials);
    put_list(o, "departments", l.departments);
    put_string(o, "window_department", l.window_department);
    put_string(o, "window_name", l.window_name);
    if (l.windows) o["windows"] = l.windows;
    if (l.factor != 1) o["factor"] = number(l.factor);
    put_string(o, "note", l.note);
    return o;
}

J scenario_json(const Scenario& s) {
    J o = J::object();
    o["format"] = kScenarioFormat;
    o["id"] = s.id;
    o["title"] = s.title;
    put_string(o, "title_en", s.title_en);
    put_string(o, "summary", s.summary);
    put_string(o, "summary_en", s.summary_en);
    put_true(o, "illustrative", s.illustrative);
    put_list(o, "assumptions", s.assumptions);
    if (!s.sources.empty()) {
        J sources = J::array();
        for (const auto& src : s.sources) {
            J x = J::object();
            put_string(x, "seed", src.seed);
            put_string(x, "citation", src.citation);
            put_string(x, "says", src.says);
            sources.push_back(std::move(x));
        }
        o["sources"] = std::move(sources);
    }
    o["start"] = format_start(s.start);
    o["calendar"] = {{"mode", to_string(s.calendar_mode)},
                     {"office_hours", hours_json(s.office_hours)}};
    o["arrivals_per_working_day"] = number(s.arrivals_per_working_day);
    if (s.promised_trips >= 0) o["promised_trips"] = s.promised_trips;
    J places = J::array();
    for (const auto& p : s.places) {
        J x = J::object();
        x["id"] = p.id;
        x["name"] = p.name;
        put_string(x, "name_en", p.name_en);
        if (p.travel_minutes != 0) x["travel_minutes"] = number(p.travel_minutes);
        places.push_back(std::move(x));
    }
    o["places"] = std::move(places);
    J departments = J::array();
    for (const auto& d : s.departments) {
        J x = J::object();
        x["id"] = d.id;
        x["name"] = d.name;
        put_string(x, "name_en", d.name_en);
        x["place"] = d.place;
        x["windows"] = d.windows;
        put_true(x, "online", d.online);
        put_true(x, "helper_desk", d.helper_desk);
        if (!(d.background == ArrivalRate{})) {
            J b = J::object();
            b["per_hour"] = number(d.background.per_hour);
            if (!d.background.by_hour.empty()) b["by_hour"] = numbers(d.background.by_hour);
            x["background"] = std::move(b);
        }
        if (!(d.background_service == Duration::minutes(10)))
            x["background_service"] = duration_json(d.background_service);
        if (d.hours) x["office_hours"] = hours_json(*d.hours);
        departments.push_back(std::move(x));
    }
    o["departments"] = std::move(departments);
    if (!s.materials.empty()) {
        J materials = J::array();
        for (const auto& m : s.materials) {
            J x = J::object();
            x["id"] = m.id;
            x["name"] = m.name;
            put_string(x, "name_en", m.name_en);
            put_true(x, "held_at_start", m.held_at_start);
            if (!m.essential) x["essential"] = false;
            put_true(x, "shared", m.shared);
            put_string(x, "obtain_hint", m.obtain_hint);
            if (!m.in_guide) x["in_guide"] = false;
            materials.push_back(std::move(x));
        }
        o["materials"] = std::move(materials);
    }
    J variants = J::object();
    for (const auto& v : s.variants) {
        J x = J::object();
        x["title"] = v.title;
        put_string(x, "title_en", v.title_en);
        if (!v.from.empty()) {
            x["from"] = v.from;
            J levers = J::array();
            for (const auto& l : v.levers) levers.push_back(lever_json(l));
            x["levers"] = std::move(levers);
        } else {
            J steps = J::array();
            for (const auto& st : v.steps) steps.push_back(step_json(st));
            x["steps"] = std::move(steps);
            if (!v.branches.empty()) {
                J branches = J::array();
                for (const auto& b : v.branches) branches.push_back(branch_json(b));
                x["branches"] = std::move(branches);
            }
        }
        variants[v.id] = std::move(x);
    }
    o["variants"] = std::move(variants);
    return o;
}

// ---- printing: 2-space indent; short arrays and objects (at most one level of nesting
// inside) stay on one line.

std::string scalar_text(const J& v) {
    return v.dump(-1, ' ', false, J::error_handler_t::replace);
}

int nesting(const J& v) {
    if (!v.is_structured()) return 0;
    int deepest = 0;
    for (const auto& item : v) deepest = std::max(deepest, nesting(item));
    return deepest + 1;
}

void write_inline(const J& v, std::string& out) {
    if (v.is_object()) {
        out += "{";
        bool first = true;
        for (const auto& item : v.items()) {
            out += first ? "" : ", ";
            first = false;
            out += scalar_text(J(item.key())) + ": ";
            write_inline(item.value(), out);
        }
        out += "}";
    } else if (v.is_array()) {
        out += "[";
        for (std::size_t i = 0; i < v.size(); ++i) {
            out += i ? ", " : "";
            write_inline(v[i], out);
        }
        out += "]";
    } else {
        out += scalar_text(v);
    }
}

void write(const J& v, int indent, std::string& out) {
    if (!v.is_structured() || v.empty()) {
        write_inline(v, out);
        return;
    }
    if (indent > 0 && nesting(v) <= 2) {
        std::string flat;
        write_inline(v, flat);
        std::size_t width = 0;  // in characters, not UTF-8 bytes
        for (char c : flat) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        if (static_cast<std::size_t>(indent) + width <= 100) {
            out += flat;
            return;
        }
    }
    std::string pad(static_cast<std::size_t>(indent + 2), ' ');
    bool first = true;
    if (v.is_object()) {
        out += "{\n";
        for (const auto& item : v.items()) {
            out += first ? "" : ",\n";
            first = false;
            out += pad + scalar_text(J(item.key())) + ": ";
            write(item.value(), indent + 2, out);
        }
        out += "\n" + std::string(static_cast<std::size_t>(indent), ' ') + "}";
    } else {
        out += "[\n";
        for (const auto& item : v) {
            out += first ? "" : ",\n";
            first = false;
            out += pad;
            write(item, indent + 2, out);
        }
        out += "\n" + std::string(static_cast<std::size_t>(indent), ' ') + "]";
    }
}

}  // namespace

std::string save_scenario(const Scenario& s) {
    std::string out;
    write(scenario_json(s), 0, out);
    out += "\n";
    return out;
}

}  // namespace peizou::scenario
