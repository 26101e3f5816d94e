// load_scenario (limits, syntax, reading, checks, positions), save_scenario (canonical
// JSON), format_issue.
#include "scenario_io.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "json_text.hpp"
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

std::string size_text(std::size_t bytes) { return std::to_string(bytes) + " bytes"; }

// Turns problems' pointers into positions, adds duplicate-key errors, sorts by position.
std::vector<Issue> locate(const std::string& text, Report& report) {
    std::set<std::string> wanted;
    for (const Problem& p : report.problems())
        for (std::string q = p.issue.path;; q = pointer_parent(q)) {
            wanted.insert(q);
            if (q.empty()) break;
        }
    ScanResult scan = scan_json(text, wanted);
    LineIndex lines(text);
    std::vector<Issue> issues;
    for (Problem& p : report.problems()) {
        Issue issue = std::move(p.issue);
        for (std::string q = issue.path;; q = pointer_parent(q)) {
            auto it = scan.found.find(q);
            if (it != scan.found.end()) {
                bool exact = q == issue.path;
                TextPosition pos =
                    lines.at(exact && p.at_key ? it->second.key_offset : it->second.value_offset);
                issue.line = pos.line;
                issue.column = pos.column;
                break;
            }
            if (q.empty()) break;
        }
        issues.push_back(std::move(issue));
    }
    for (const DuplicateKey& d : scan.duplicates) {
        Issue issue;
        issue.path = d.pointer;
        TextPosition pos = lines.at(d.key_offset);
        issue.line = pos.line;
        issue.column = pos.column;
        std::string key = d.pointer.substr(d.pointer.rfind('/') + 1);
        issue.message_zh = "同一对象中字段 " + quote_value(key) + " 出现了不止一次";
        issue.message_en = "field " + quote_value(key) + " appears more than once in the same object";
        issues.push_back(std::move(issue));
    }
    std::stable_sort(issues.begin(), issues.end(), [](const Issue& a, const Issue& b) {
        int la = a.line ? a.line : 1 << 30, lb = b.line ? b.line : 1 << 30;
        return la != lb ? la < lb : a.column < b.column;
    });
    return issues;
}

}  // namespace

LoadResult load_scenario(const std::string& text, const std::string& file_name,
                         const Limits& limits) {
    (void)file_name;  // positions are reported with the issues; the caller names the file
    LoadResult result;
    auto fail = [&](int line, int column, std::string zh, std::string en) {
        Issue issue;
        issue.line = line;
        issue.column = column;
        issue.message_zh = std::move(zh);
        issue.message_en = std::move(en);
        result.issues.push_back(std::move(issue));
        result.ok = false;
        return result;
    };
    if (text.size() > limits.max_bytes)
        return fail(0, 0,
                    "文件过大：" + std::to_string(text.size()) + " 字节（上限 " +
                        std::to_string(limits.max_bytes) + " 字节）",
                    "file too large: " + size_text(text.size()) + " (limit " +
                        size_text(limits.max_bytes) + ")");
    LineIndex lines(text);
    DepthCheck depth = check_depth(text, limits.max_depth, limits.max_object_members);
    if (depth.exceeded) {
        TextPosition pos = lines.at(depth.offset);
        return fail(pos.line, pos.column,
                    "嵌套层数超过上限 " + std::to_string(limits.max_depth),
                    "nesting deeper than the limit of " + std::to_string(limits.max_depth));
    }
    if (depth.too_wide) {
        TextPosition pos = lines.at(depth.offset);
        return fail(pos.line, pos.column,
                    "一个对象中的字段超过上限 " + std::to_string(limits.max_object_members) + " 个",
                    "more than " + std::to_string(limits.max_object_members) +
                        " fields in one object");
    }
    SyntaxCheck syntax;
    J::sax_parse(text, &syntax);
    if (syntax.failed) {
        // nlohmann counts the byte just read (1-based); point at it.
        TextPosition pos = lines.at(syntax.position > 0 ? syntax.position - 1 : 0);
        std::string detail = syntax_detail(syntax.message);
        return fail(pos.line, pos.column, "JSON 语法错误：" + detail, "JSON syntax error: " + detail);
    }
    J root = J::parse(text, nullptr, false);
    if (root.is_discarded())
        return fail(1, 1, "JSON 语法错误", "JSON syntax error");

    Report report(limits.max_issues);
    read_scenario(root, limits, report, result.scenario);
    if (report.errors() == 0 || !report.full()) check_scenario(result.scenario, report);
    int dropped = report.dropped();
    result.issues = locate(text, report);
    result.ok = true;
    for (const Issue& i : result.issues)
        if (!i.warning) result.ok = false;
    if (dropped > 0) {
        Issue more;
        more.message_zh = "还有 " + std::to_string(dropped) + " 个问题未列出";
        more.message_en = std::to_string(dropped) + " more problems not listed";
        result.issues.push_back(std::move(more));
    }
    if (report.errors() > 0) result.ok = false;
    return result;
}

std::string format_issue(const std::string& file_name, const Issue& issue) {
    std::string out = file_name;
    if (issue.line > 0) out += ":" + std::to_string(issue.line) + ":" + std::to_string(issue.column);
    out += ": ";
    if (!issue.path.empty()) out += issue.path + ": ";
    if (issue.warning) out += "警告：" + issue.message_zh + " / warning: " + issue.message_en;
    else out += issue.message_zh + " / " + issue.message_en;
    return out;
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
    put_true(o, "presenter_pause", st.presenter_pause);
    put_string(o, "caption", st.caption);
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
