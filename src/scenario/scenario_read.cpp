// Reading a scenario file's JSON into the model, with every problem reported.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "core/lever_spec.hpp"
#include "json_text.hpp"
#include "scenario_read.hpp"

namespace peizou::scenario {

using J = nlohmann::ordered_json;

std::string variant_path(const std::string& variant_id) {
    return pointer_append("/variants", variant_id);
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string closest(const std::string& word, const std::vector<std::string>& options) {
    if (word.size() > 64) return "";
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(2, word.size() / 2) + 1;
    for (const auto& option : options) {
        std::size_t gap = option.size() > word.size() ? option.size() - word.size()
                                                      : word.size() - option.size();
        if (gap >= best_distance) continue;  // cannot be closer; also skips long ids
        std::size_t d = edit_distance(word, option);
        if (d < best_distance) {
            best_distance = d;
            best = option;
        }
    }
    return best;
}

bool parse_clock(const std::string& text, Seconds& out) {
    if (text.size() != 5 || text[2] != ':') return false;
    for (int i : {0, 1, 3, 4})
        if (text[static_cast<std::size_t>(i)] < '0' || text[static_cast<std::size_t>(i)] > '9')
            return false;
    int hour = (text[0] - '0') * 10 + (text[1] - '0');
    int minute = (text[3] - '0') * 10 + (text[4] - '0');
    if (minute > 59 || hour > 24 || (hour == 24 && minute != 0)) return false;
    out = hour * kHour + minute * kMinute;
    return true;
}

std::string format_clock(Seconds s) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", static_cast<int>(s / kHour),
                  static_cast<int>(s % kHour / kMinute));
    return buffer;
}

namespace {
bool digits(const std::string& text, std::size_t at, std::size_t count, int& out) {
    out = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (i >= text.size() || text[i] < '0' || text[i] > '9') return false;
        out = out * 10 + (text[i] - '0');
    }
    return true;
}

int days_in_month(int year, int month) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}
}  // namespace

bool parse_start(const std::string& text, Seconds& out) {
    // YYYY-MM-DDTHH:MM[:SS]
    if (text.size() != 16 && text.size() != 19) return false;
    int year, month, day, hour, minute, second = 0;
    if (!digits(text, 0, 4, year) || text[4] != '-' || !digits(text, 5, 2, month) ||
        text[7] != '-' || !digits(text, 8, 2, day) || text[10] != 'T' ||
        !digits(text, 11, 2, hour) || text[13] != ':' || !digits(text, 14, 2, minute))
        return false;
    if (text.size() == 19 && (text[16] != ':' || !digits(text, 17, 2, second))) return false;
    if (year < 1970 || year > 2200 || month < 1 || month > 12 || day < 1 ||
        day > days_in_month(year, month) || hour > 23 || minute > 59 || second > 59)
        return false;
    out = make_time(CivilDate{year, month, day}, hour, minute, second);
    return true;
}

std::string format_start(Seconds t) {
    CivilDate d = civil_from_days(day_of(t));
    Seconds s = second_of_day(t);
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d", d.year, d.month, d.day,
                  static_cast<int>(s / kHour), static_cast<int>(s % kHour / kMinute));
    std::string out = buffer;
    if (s % kMinute) {
        std::snprintf(buffer, sizeof buffer, ":%02d", static_cast<int>(s % kMinute));
        out += buffer;
    }
    return out;
}

namespace {

using Names = std::vector<std::string>;

const Names kScenarioFields = {"$schema", "format", "id", "title", "title_en", "summary",
                               "summary_en", "illustrative", "assumptions", "sources", "start",
                               "calendar", "arrivals_per_working_day", "places", "departments",
                               "materials", "variants"};
const Names kSourceFields = {"seed", "citation", "says"};
const Names kCalendarFields = {"mode", "office_hours"};
const Names kPlaceFields = {"id", "name", "name_en", "travel_minutes"};
const Names kDepartmentFields = {"id", "name", "name_en", "place", "windows", "online",
                                 "helper_desk", "background", "background_service",
                                 "office_hours"};
const Names kBackgroundFields = {"per_hour", "by_hour"};
const Names kMaterialFields = {"id", "name", "name_en", "held_at_start", "essential", "shared",
                               "obtain_hint", "in_guide"};
const Names kVariantFields = {"title", "title_en", "from", "levers", "steps", "branches"};
const Names kStepFields = {"id", "name", "name_en", "kind", "department", "reception",
                           "service", "review", "needs", "produces", "after",
                           "rework_probability", "rework_reason", "online_allowed",
                           "legal_limit_days", "promised_limit_days", "fee_yuan",
                           "blocks_successors", "agent", "presenter_pause", "caption",
                           "tells_all_missing"};
const Names kBranchFields = {"id", "question", "question_en", "chooser", "after", "options"};
const Names kOptionFields = {"id", "label", "label_en", "probability", "steps"};
// kind, the parameters of the lever table (core/lever_spec.cpp), note.
Names lever_fields() {
    Names out = {"kind"};
    for (const auto& p : lever_params()) out.push_back(p.key);
    out.push_back("note");
    return out;
}
const Names kLeverFields = lever_fields();
const Names kDurationFields = {"dist", "unit", "value", "low", "mode", "high", "mean", "sd",
                               "values", "weights"};

// Lever parameters each kind reads (besides `kind` and `note`): the lever table's.
Names lever_parameters(LeverKind kind) {
    Names out;
    for (const auto& u : lever_spec(kind).params) out.push_back(lever_param(u.param).key);
    return out;
}

Names dist_parameters(DistKind kind) {
    switch (kind) {
        case DistKind::fixed: return {"value"};
        case DistKind::uniform: return {"low", "high"};
        case DistKind::triangular: return {"low", "mode", "high"};
        case DistKind::exponential: return {"mean"};
        case DistKind::normal:
        case DistKind::lognormal: return {"mean", "sd"};
        case DistKind::empirical: return {"values", "weights"};
    }
    return {};
}

// Fewer arrivals than one per 100 working days: citizens never meet, and tiny rates put
// the first arrival beyond any horizon (1e-300 overflows the arrival time).
constexpr double kMinArrivals = 0.01;
// A lognormal with sd > 10 × mean: sigma² = ln(1 + cv²) > 4.6, and a draw at z = 8.3 (the
// largest a 53-bit uniform gives) exceeds the mean by a factor of 10^7.
constexpr double kMaxLognormalCv = 10;

// Durations beyond three years are surely a typing mistake.
double three_years_in(TimeUnit unit) {
    switch (unit) {
        case TimeUnit::minutes: return 3 * 365 * 24 * 60.0;
        case TimeUnit::hours: return 3 * 365 * 24.0;
        case TimeUnit::working_days: return 3 * 250.0;
        case TimeUnit::calendar_days: return 3 * 365.0;
    }
    return 0;
}

template <class E>
Names enum_names() {
    Names names;
    for (int i = 0;; ++i) {
        std::string name = to_string(static_cast<E>(i));
        if (name == "?") return names;
        names.push_back(name);
    }
}

std::string join(const Names& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

std::string number_text(double v) {
    J j = v;
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15)
        j = static_cast<std::int64_t>(v);
    return j.dump();
}

// The walkthrough's own answers to "what next?" besides step ids (src/core/engine.cpp,
// DecisionKind::next_step): a step with one of these ids could never be chosen.
bool is_walk_word(const std::string& id) { return id == "wait" || id == "home"; }

class Reader {
public:
    Reader(const Limits& limits, Report& report) : limits_(limits), report_(report) {}

    void scenario(const J& root, Scenario& s);

private:
    // ---- generic helpers
    void type_error(const std::string& path, const char* zh, const char* en) {
        report_.error(path, std::string("类型错误：应为") + zh,
                      std::string("wrong type: expected ") + en);
    }
    bool object(const J& v, const std::string& path) {
        if (v.is_object()) return true;
        type_error(path, "对象 {…}", "an object {…}");
        return false;
    }
    bool array(const J& v, const std::string& path) {
        if (v.is_array()) return true;
        type_error(path, "数组 […]", "an array […]");
        return false;
    }
    void fields(const J& obj, const std::string& path, const Names& allowed) {
        for (const auto& item : obj.items()) {
            const std::string& key = item.key();
            if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
            std::string hint = report_.suggesting() ? closest(key, allowed) : "";
            std::string zh = "未知字段 " + quote_value(key);
            std::string en = "unknown field " + quote_value(key);
            if (!hint.empty()) {
                zh += "，是否想写 " + quote_value(hint) + "？";
                en += "; did you mean " + quote_value(hint) + "?";
            }
            report_.error(pointer_append(path, key), zh, en, true);
        }
    }
    const J* member(const J& obj, const std::string& path, const char* key, bool required) {
        auto it = obj.find(key);
        if (it != obj.end()) return &*it;
        if (required)
            report_.error(pointer_append(path, key),
                          std::string("缺少必填字段 \"") + key + "\"",
                          std::string("missing required field \"") + key + "\"");
        return nullptr;
    }
    bool string(const J& obj, const std::string& path, const char* key, std::string& out,
                bool required = false) {
        const J* v = member(obj, path, key, required);
        if (!v) return false;
        if (!v->is_string()) {
            type_error(pointer_append(path, key), "字符串", "a string");
            return false;
        }
        out = v->get<std::string>();
        if (required && out.empty()) {
            report_.error(pointer_append(path, key), std::string("\"") + key + "\" 不能为空",
                          std::string("\"") + key + "\" must not be empty");
            return false;
        }
        return true;
    }
    bool boolean(const J& obj, const std::string& path, const char* key, bool& out) {
        const J* v = member(obj, path, key, false);
        if (!v) return false;
        if (!v->is_boolean()) {
            type_error(pointer_append(path, key), " true 或 false", "true or false");
            return false;
        }
        out = v->get<bool>();
        return true;
    }
    bool number_value(const J& v, const std::string& path, double& out) {
        if (!v.is_number()) {
            type_error(path, "数字", "a number");
            return false;
        }
        double d = v.get<double>();
        if (!std::isfinite(d)) {
            report_.error(path, "数值超出范围", "number out of range");
            return false;
        }
        out = d;
        return true;
    }
    bool number(const J& obj, const std::string& path, const char* key, double& out,
                bool required = false) {
        const J* v = member(obj, path, key, required);
        return v && number_value(*v, pointer_append(path, key), out);
    }
    bool integer(const J& obj, const std::string& path, const char* key, int& out) {
        const J* v = member(obj, path, key, false);
        if (!v) return false;
        std::string p = pointer_append(path, key);
        if (!v->is_number()) {
            type_error(p, "整数", "an integer");
            return false;
        }
        double d = 0;
        if (!number_value(*v, p, d)) return false;
        if (d != std::floor(d) || std::fabs(d) > 1e9) {
            type_error(p, "整数", "an integer");
            return false;
        }
        out = static_cast<int>(d);
        return true;
    }
    // Checks lo <= v <= hi; messages name the range.
    bool range(const std::string& path, double v, double lo, double hi) {
        if (v >= lo && v <= hi) return true;
        if (lo == 0 && v < 0) {
            report_.error(path, "不能为负数：" + number_text(v),
                          "must not be negative: " + number_text(v));
        } else {
            report_.error(path,
                          "取值 " + number_text(v) + " 不合理（应在 " + number_text(lo) +
                              " 到 " + number_text(hi) + " 之间）",
                          "value " + number_text(v) + " is out of range (expected " +
                              number_text(lo) + " to " + number_text(hi) + ")");
        }
        return false;
    }
    // An array of strings; `ids` also requires them non-empty and distinct.
    void strings(const J& obj, const std::string& path, const char* key,
                 std::vector<std::string>& out, bool ids) {
        const J* v = member(obj, path, key, false);
        if (!v) return;
        std::string p = pointer_append(path, key);
        if (!array(*v, p)) return;
        std::set<std::string> seen;
        for (std::size_t i = 0; i < v->size(); ++i) {
            const J& item = (*v)[i];
            std::string ip = pointer_append(p, i);
            if (!item.is_string()) {
                type_error(ip, "字符串", "a string");
                continue;
            }
            std::string text = item.get<std::string>();
            if (ids && text.empty()) {
                report_.error(ip, "标识不能为空", "id must not be empty");
                continue;
            }
            if (ids && !seen.insert(text).second) {
                report_.warning(ip, "重复列出 " + quote_value(text), quote_value(text) + " is listed twice");
                continue;
            }
            out.push_back(std::move(text));
        }
    }
    template <class E>
    bool enumeration(const J& obj, const std::string& path, const char* key, E& out,
                     bool required = false) {
        std::string text;
        if (!string(obj, path, key, text, required)) return false;
        if (parse_enum(text, out)) return true;
        Names names = enum_names<E>();
        std::string hint = report_.suggesting() ? closest(text, names) : "";
        std::string zh = "未知的取值 " + quote_value(text) + "（可选：" + join(names) + "）";
        std::string en = "unknown value " + quote_value(text) + " (one of: " + join(names) + ")";
        if (!hint.empty()) {
            zh += "，是否想写 " + quote_value(hint) + "？";
            en += "; did you mean " + quote_value(hint) + "?";
        }
        report_.error(pointer_append(path, key), zh, en);
        return false;
    }
    // Array `key` of objects, at most `max` long; calls read(item, path, index).
    template <class F>
    void items(const J& obj, const std::string& path, const char* key, int max, bool required,
               const char* what_zh, const char* what_en, F read) {
        const J* v = member(obj, path, key, required);
        if (!v) return;
        std::string p = pointer_append(path, key);
        if (!array(*v, p)) return;
        if (v->size() > static_cast<std::size_t>(max)) {
            report_.error(p,
                          std::string(what_zh) + "过多：" + std::to_string(v->size()) +
                              " 个（上限 " + std::to_string(max) + "）",
                          std::string("too many ") + what_en + ": " +
                              std::to_string(v->size()) + " (limit " + std::to_string(max) +
                              ")");
            return;
        }
        for (std::size_t i = 0; i < v->size(); ++i) {
            read((*v)[i], pointer_append(p, i), i);
        }
    }

    // ---- the parts of a scenario
    void duration(const J& v, const std::string& path, Duration& d);
    void office_hours(const J& v, const std::string& path, OfficeHours& out);
    void source(const J& v, const std::string& path, Source& out);
    void place(const J& v, const std::string& path, Place& out);
    void department(const J& v, const std::string& path, Department& out);
    void material(const J& v, const std::string& path, Material& out);
    void variant(const J& v, const std::string& path, Variant& out);
    void step(const J& v, const std::string& path, Step& out);
    void branch(const J& v, const std::string& path, Branch& out);
    void lever(const J& v, const std::string& path, Lever& out);

    const Limits& limits_;
    Report& report_;
};

void Reader::scenario(const J& root, Scenario& s) {
    if (!object(root, "")) return;
    fields(root, "", kScenarioFields);

    std::string format;
    if (string(root, "", "format", format, true) && format != kFormatVersion) {
        report_.error("/format",
                      "不支持的格式版本 " + quote_value(format) + "（应为 \"" + kFormatVersion + "\"）",
                      "unsupported format version " + quote_value(format) + " (expected \"" +
                          kFormatVersion + "\")");
    }
    string(root, "", "id", s.id, true);
    string(root, "", "title", s.title, true);
    string(root, "", "title_en", s.title_en);
    string(root, "", "summary", s.summary);
    string(root, "", "summary_en", s.summary_en);
    boolean(root, "", "illustrative", s.illustrative);
    strings(root, "", "assumptions", s.assumptions, false);
    items(root, "", "sources", limits_.max_steps, false, "来源", "sources",
          [&](const J& v, const std::string& p, std::size_t) {
              s.sources.emplace_back();
              source(v, p, s.sources.back());
          });
    std::string start;
    if (string(root, "", "start", start, true) && !parse_start(start, s.start)) {
        report_.error("/start",
                      "开始时间 " + quote_value(start) +
                          " 无法识别（格式 \"2025-09-29T09:00\"，1970–2200 年的有效日期）",
                      "start " + quote_value(start) +
                          " is not a valid date-time (format \"2025-09-29T09:00\", years "
                          "1970–2200)");
    }
    if (const J* calendar = member(root, "", "calendar", false)) {
        if (object(*calendar, "/calendar")) {
            fields(*calendar, "/calendar", kCalendarFields);
            enumeration(*calendar, "/calendar", "mode", s.calendar_mode);
            if (const J* hours = member(*calendar, "/calendar", "office_hours", false))
                office_hours(*hours, "/calendar/office_hours", s.office_hours);
        }
    }
    if (number(root, "", "arrivals_per_working_day", s.arrivals_per_working_day)) {
        if (s.arrivals_per_working_day < kMinArrivals && s.arrivals_per_working_day >= 0) {
            const std::string v = number_text(s.arrivals_per_working_day);
            report_.error("/arrivals_per_working_day",
                          "每个工作日到达 " + v + " 人太少：至少 0.01（平均每 100 个工作日一人）。"
                          "更少时本流程的办事人从不在窗口相遇，这个数只会把到达推向 20 年模拟时长之外"
                          "（极小的值还会让到达时刻溢出、模拟停不下来）",
                          "arrivals_per_working_day " + v + " is too small: at least 0.01 (one "
                          "citizen per 100 working days on average). Below that, this process's "
                          "citizens never meet at a window and the rate only pushes arrivals past "
                          "the 20-year horizon (tiny values overflow the arrival times or never end)");
        } else {
            range("/arrivals_per_working_day", s.arrivals_per_working_day, kMinArrivals, 100000);
        }
    }

    items(root, "", "places", limits_.max_steps, true, "地点", "places",
          [&](const J& v, const std::string& p, std::size_t) {
              s.places.emplace_back();
              place(v, p, s.places.back());
          });
    items(root, "", "departments", limits_.max_steps, true, "部门", "departments",
          [&](const J& v, const std::string& p, std::size_t) {
              s.departments.emplace_back();
              department(v, p, s.departments.back());
          });
    items(root, "", "materials", limits_.max_steps, false, "材料", "materials",
          [&](const J& v, const std::string& p, std::size_t) {
              s.materials.emplace_back();
              material(v, p, s.materials.back());
          });

    const J* variants = member(root, "", "variants", true);
    if (!variants || !object(*variants, "/variants")) return;
    if (variants->size() > static_cast<std::size_t>(limits_.max_variants)) {
        report_.error("/variants",
                      "方案过多：" + std::to_string(variants->size()) + " 个（上限 " +
                          std::to_string(limits_.max_variants) + "）",
                      "too many variants: " + std::to_string(variants->size()) + " (limit " +
                          std::to_string(limits_.max_variants) + ")");
        return;
    }
    if (!variants->contains("before")) {
        report_.error("/variants/before", "缺少改革前方案 \"before\"",
                      "missing the \"before\" variant");
    }
    for (const auto& item : variants->items()) {
        Variant v;
        v.id = item.key();
        std::string p = variant_path(v.id);
        if (v.id.empty()) report_.error(p, "方案标识不能为空", "variant id must not be empty", true);
        variant(item.value(), p, v);
        // "before" comes first in the model, the others in file order.
        if (v.id == "before") s.variants.insert(s.variants.begin(), std::move(v));
        else s.variants.push_back(std::move(v));
    }
}

void Reader::duration(const J& v, const std::string& path, Duration& d) {
    d = Duration{};
    if (v.is_number()) {
        if (number_value(v, path, d.value)) range(path, d.value, 0, three_years_in(d.unit));
        return;
    }
    if (!v.is_object()) {
        type_error(path, "数字（分钟）或时长对象 {\"dist\": …}",
                   "a number (minutes) or a duration object {\"dist\": …}");
        return;
    }
    fields(v, path, kDurationFields);
    // With an unreadable dist its parameters cannot be judged: stop at that one error.
    if (!enumeration(v, path, "dist", d.dist) && v.contains("dist")) return;
    enumeration(v, path, "unit", d.unit);
    Names wanted = dist_parameters(d.dist);
    for (const auto& item : v.items()) {
        const std::string& key = item.key();
        if (key == "dist" || key == "unit") continue;
        bool known = std::find(kDurationFields.begin(), kDurationFields.end(), key) !=
                     kDurationFields.end();
        if (known && std::find(wanted.begin(), wanted.end(), key) == wanted.end()) {
            report_.error(pointer_append(path, key),
                          "字段 " + quote_value(key) + " 不是 " + to_string(d.dist) +
                              " 分布的参数（应为：" + join(wanted) + "）",
                          "field " + quote_value(key) + " is not a parameter of dist \"" +
                              to_string(d.dist) + "\" (expected: " + join(wanted) + ")",
                          true);
        }
    }
    const double limit = three_years_in(d.unit);
    bool ok = true;
    auto param = [&](const char* key, double& out) {
        if (!number(v, path, key, out, true)) {
            ok = false;
            return;
        }
        if (!range(pointer_append(path, key), out, 0, limit)) ok = false;
    };
    switch (d.dist) {
        case DistKind::fixed: param("value", d.value); break;
        case DistKind::uniform:
            param("low", d.low);
            param("high", d.high);
            break;
        case DistKind::triangular:
            param("low", d.low);
            param("mode", d.mode);
            param("high", d.high);
            if (ok && !(d.low <= d.mode && d.mode <= d.high)) {
                report_.error(path + "/mode", "众数应在 low 与 high 之间",
                              "mode must lie between low and high");
                ok = false;
            }
            break;
        case DistKind::exponential: param("mean", d.mean); break;
        case DistKind::normal:
        case DistKind::lognormal:
            param("mean", d.mean);
            param("sd", d.sd);
            if (ok && d.dist == DistKind::lognormal && d.mean == 0 && d.sd > 0) {
                report_.error(path + "/mean", "对数正态分布的均值必须大于 0",
                              "a lognormal mean must be greater than 0");
            } else if (ok && d.dist == DistKind::lognormal && d.sd > kMaxLognormalCv * d.mean) {
                report_.error(path + "/sd",
                              "对数正态分布的标准差 " + number_text(d.sd) + " 超过均值 " +
                                  number_text(d.mean) + " 的 10 倍（变异系数上限 10）："
                                  "离散度再大，抽到的时长可达数十年，甚至超出整数秒的范围",
                              "a lognormal sd of " + number_text(d.sd) + " is more than 10 times "
                                  "its mean " + number_text(d.mean) + " (coefficient of variation "
                                  "at most 10): wider spreads draw durations of decades and beyond "
                                  "the range of whole seconds");
            }
            break;
        case DistKind::empirical: {
            auto list = [&](const char* key, std::vector<double>& out) {
                const J* a = member(v, path, key, true);
                std::string p = pointer_append(path, key);
                if (!a || !array(*a, p)) {
                    ok = false;
                    return;
                }
                for (std::size_t i = 0; i < a->size(); ++i) {
                    double x = 0;
                    std::string ip = pointer_append(p, i);
                    if (!number_value((*a)[i], ip, x) ||
                        !range(ip, x, 0, std::string(key) == "values" ? limit : 1e9))
                        ok = false;
                    out.push_back(x);
                }
            };
            list("values", d.values);
            list("weights", d.weights);
            if (!ok) break;
            double total = 0;
            for (double w : d.weights) total += w;
            if (d.values.empty() || d.values.size() != d.weights.size()) {
                report_.error(path + "/weights", "values 与 weights 应等长且不为空",
                              "values and weights must be non-empty and of equal length");
            } else if (total <= 0) {
                report_.error(path + "/weights", "权重之和必须大于 0",
                              "the weights must sum to more than 0");
            }
            break;
        }
    }
    if (ok && (d.dist == DistKind::uniform) && d.low > d.high) {
        report_.error(path + "/low", "下限 low 大于上限 high", "low is greater than high");
    }
}

void Reader::office_hours(const J& v, const std::string& path, OfficeHours& out) {
    out.intervals.clear();
    if (!array(v, path)) return;
    if (v.empty()) {
        report_.error(path, "办公时间不能为空", "office hours must not be empty");
        return;
    }
    Seconds previous_close = -1;
    for (std::size_t i = 0; i < v.size() && i < 48; ++i) {
        std::string p = pointer_append(path, i);
        const J& pair = v[i];
        if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() ||
            !pair[1].is_string()) {
            report_.error(p, "办公时段应写成 [\"09:00\", \"12:00\"]",
                          "an office-hours interval is written [\"09:00\", \"12:00\"]");
            return;
        }
        Seconds open = 0, close = 0;
        bool ok = true;
        for (std::size_t k = 0; k < 2; ++k) {
            std::string text = pair[k].get<std::string>();
            if (!parse_clock(text, k == 0 ? open : close)) {
                report_.error(pointer_append(p, k),
                              "时刻 " + quote_value(text) + " 格式错误（应为 HH:MM，00:00–24:00）",
                              "time " + quote_value(text) + " is malformed (expected HH:MM, 00:00–24:00)");
                ok = false;
            }
        }
        if (!ok) return;
        if (open >= close) {
            report_.error(p, "开始时刻应早于结束时刻", "the opening time must be before the closing time");
            return;
        }
        if (open < previous_close) {
            report_.error(p, "办公时段应按时间顺序排列且互不重叠",
                          "office-hours intervals must be in order and must not overlap");
            return;
        }
        previous_close = close;
        out.intervals.emplace_back(open, close);
    }
    if (v.size() > 48) report_.error(path, "办公时段过多（上限 48）", "too many intervals (limit 48)");
}

void Reader::source(const J& v, const std::string& path, Source& out) {
    if (!object(v, path)) return;
    fields(v, path, kSourceFields);
    string(v, path, "seed", out.seed);
    string(v, path, "citation", out.citation);
    string(v, path, "says", out.says);
    if (out.seed.empty() && out.citation.empty()) {
        report_.warning(path, "来源既无 seed 也无 citation", "a source has neither seed nor citation");
    }
}

void Reader::place(const J& v, const std::string& path, Place& out) {
    if (!object(v, path)) return;
    fields(v, path, kPlaceFields);
    string(v, path, "id", out.id, true);
    string(v, path, "name", out.name, true);
    string(v, path, "name_en", out.name_en);
    if (number(v, path, "travel_minutes", out.travel_minutes))
        range(path + "/travel_minutes", out.travel_minutes, 0, 3 * 24 * 60);
}

void Reader::department(const J& v, const std::string& path, Department& out) {
    if (!object(v, path)) return;
    fields(v, path, kDepartmentFields);
    string(v, path, "id", out.id, true);
    string(v, path, "name", out.name, true);
    string(v, path, "name_en", out.name_en);
    string(v, path, "place", out.place, true);
    if (integer(v, path, "windows", out.windows)) range(path + "/windows", out.windows, 0, 1000);
    boolean(v, path, "online", out.online);
    boolean(v, path, "helper_desk", out.helper_desk);
    if (const J* b = member(v, path, "background", false)) {
        std::string p = path + "/background";
        if (object(*b, p)) {
            fields(*b, p, kBackgroundFields);
            if (number(*b, p, "per_hour", out.background.per_hour))
                range(p + "/per_hour", out.background.per_hour, 0, 10000);
            if (const J* by_hour = member(*b, p, "by_hour", false)) {
                std::string hp = p + "/by_hour";
                if (array(*by_hour, hp)) {
                    if (by_hour->size() != 24) {
                        report_.error(hp, "by_hour 应有 24 个数（每小时一个）",
                                      "by_hour must have 24 numbers (one per hour)");
                    } else {
                        for (std::size_t i = 0; i < 24; ++i) {
                            double x = 0;
                            std::string ip = pointer_append(hp, i);
                            if (number_value((*by_hour)[i], ip, x)) range(ip, x, 0, 10000);
                            out.background.by_hour.push_back(x);
                        }
                    }
                }
            }
        }
    }
    if (const J* d = member(v, path, "background_service", false))
        duration(*d, path + "/background_service", out.background_service);
    if (const J* hours = member(v, path, "office_hours", false)) {
        out.hours = OfficeHours{};
        office_hours(*hours, path + "/office_hours", *out.hours);
    }
}

void Reader::material(const J& v, const std::string& path, Material& out) {
    if (!object(v, path)) return;
    fields(v, path, kMaterialFields);
    string(v, path, "id", out.id, true);
    string(v, path, "name", out.name, true);
    string(v, path, "name_en", out.name_en);
    boolean(v, path, "held_at_start", out.held_at_start);
    boolean(v, path, "essential", out.essential);
    boolean(v, path, "shared", out.shared);
    string(v, path, "obtain_hint", out.obtain_hint);
    boolean(v, path, "in_guide", out.in_guide);
}

void Reader::variant(const J& v, const std::string& path, Variant& out) {
    if (!object(v, path)) return;
    fields(v, path, kVariantFields);
    string(v, path, "title", out.title, true);
    string(v, path, "title_en", out.title_en);
    bool has_from = string(v, path, "from", out.from) && !out.from.empty();
    auto from = v.find("from");
    if (from != v.end() && from->is_string() && out.from.empty())
        report_.error(path + "/from", "\"from\" 不能为空", "\"from\" must not be empty");
    items(v, path, "levers", limits_.max_levers, false, "改革举措", "levers",
          [&](const J& item, const std::string& p, std::size_t) {
              out.levers.emplace_back();
              lever(item, p, out.levers.back());
          });
    if (has_from) {
        for (const char* key : {"steps", "branches"}) {
            if (v.contains(key)) {
                report_.error(pointer_append(path, key),
                              std::string("派生方案（有 \"from\"）的 \"") + key +
                                  "\" 由改革举措生成，不能直接填写",
                              std::string("a derived variant (with \"from\") gets its \"") + key +
                                  "\" from its levers; do not write them",
                              true);
            }
        }
        return;
    }
    if (v.contains("levers")) {
        report_.error(path + "/levers", "\"levers\" 需要同时写明 \"from\"（从哪个方案派生）",
                      "\"levers\" needs \"from\" (the variant they apply to)", true);
    }
    items(v, path, "steps", limits_.max_steps, true, "步骤", "steps",
          [&](const J& item, const std::string& p, std::size_t) {
              out.steps.emplace_back();  // kept even when unreadable, so indexes match the file
              step(item, p, out.steps.back());
          });
    auto steps = v.find("steps");
    if (steps != v.end() && steps->is_array() && steps->empty())
        report_.error(path + "/steps", "方案没有任何步骤", "the variant has no steps");
    items(v, path, "branches", limits_.max_steps, false, "分支", "branches",
          [&](const J& item, const std::string& p, std::size_t) {
              out.branches.emplace_back();
              branch(item, p, out.branches.back());
          });
}

void Reader::step(const J& v, const std::string& path, Step& out) {
    if (!object(v, path)) return;
    fields(v, path, kStepFields);
    if (string(v, path, "id", out.id, true) && is_walk_word(out.id))
        report_.error(path + "/id",
                      "步骤标识 " + quote_value(out.id) +
                          " 是陪走时的保留选项（wait 等审查结果、home 回家），会与之混淆，请换一个标识",
                      "step id " + quote_value(out.id) +
                          " is reserved: the walkthrough offers it as an option (wait for a "
                          "review, go home), so the step could never be chosen; use another id");
    string(v, path, "name", out.name, true);
    string(v, path, "name_en", out.name_en);
    enumeration(v, path, "kind", out.kind);
    string(v, path, "department", out.department, true);
    string(v, path, "reception", out.reception);
    if (const J* d = member(v, path, "service", false)) duration(*d, path + "/service", out.service);
    if (const J* d = member(v, path, "review", false)) duration(*d, path + "/review", out.review);
    strings(v, path, "needs", out.needs, true);
    strings(v, path, "produces", out.produces, true);
    strings(v, path, "after", out.after, true);
    if (number(v, path, "rework_probability", out.rework_probability) &&
        out.rework_probability >= 1) {
        report_.error(path + "/rework_probability",
                      "补正概率必须小于 1（否则永远办不成）",
                      "rework_probability must be below 1 (or the step never completes)");
    } else if (out.rework_probability < 0) {
        range(path + "/rework_probability", out.rework_probability, 0, 1);
    }
    string(v, path, "rework_reason", out.rework_reason);
    boolean(v, path, "online_allowed", out.online_allowed);
    if (integer(v, path, "legal_limit_days", out.legal_limit_days))
        range(path + "/legal_limit_days", out.legal_limit_days, 0, 750);
    if (integer(v, path, "promised_limit_days", out.promised_limit_days))
        range(path + "/promised_limit_days", out.promised_limit_days, 0, 750);
    if (number(v, path, "fee_yuan", out.fee_yuan)) range(path + "/fee_yuan", out.fee_yuan, 0, 1e9);
    boolean(v, path, "blocks_successors", out.blocks_successors);
    boolean(v, path, "agent", out.agent);
    boolean(v, path, "tells_all_missing", out.tells_all_missing);
    boolean(v, path, "presenter_pause", out.presenter_pause);
    string(v, path, "caption", out.caption);
}

void Reader::branch(const J& v, const std::string& path, Branch& out) {
    if (!object(v, path)) return;
    fields(v, path, kBranchFields);
    string(v, path, "id", out.id, true);
    string(v, path, "question", out.question, true);
    string(v, path, "question_en", out.question_en);
    enumeration(v, path, "chooser", out.chooser);
    strings(v, path, "after", out.after, true);
    items(v, path, "options", limits_.max_steps, true, "选项", "options",
          [&](const J& item, const std::string& p, std::size_t) {
              out.options.emplace_back();
              BranchOption& o = out.options.back();
              if (!object(item, p)) return;
              fields(item, p, kOptionFields);
              string(item, p, "id", o.id, true);
              string(item, p, "label", o.label, true);
              string(item, p, "label_en", o.label_en);
              if (number(item, p, "probability", o.probability, true))
                  range(p + "/probability", o.probability, 0, 1);
              strings(item, p, "steps", o.steps, true);
          });
}

void Reader::lever(const J& v, const std::string& path, Lever& out) {
    if (!object(v, path)) return;
    fields(v, path, kLeverFields);
    bool kind_ok = enumeration(v, path, "kind", out.kind, true);
    strings(v, path, "steps", out.steps, true);
    strings(v, path, "materials", out.materials, true);
    strings(v, path, "departments", out.departments, true);
    string(v, path, "window_department", out.window_department);
    string(v, path, "window_name", out.window_name);
    if (integer(v, path, "windows", out.windows)) range(path + "/windows", out.windows, 0, 1000);
    if (number(v, path, "factor", out.factor) && !(out.factor > 0 && out.factor <= 1)) {
        // compress_time shortens: review times and promised limits × factor, 0 < factor ≤ 1.
        report_.error(path + "/factor",
                      "压缩系数须在 0 与 1 之间（0 < factor ≤ 1，压缩时限只会缩短时间），现为 " +
                          number_text(out.factor),
                      "factor must be in (0, 1] (compress_time only shortens times), got " +
                          number_text(out.factor));
    }
    string(v, path, "note", out.note);
    if (!kind_ok) return;
    Names used = lever_parameters(out.kind);
    for (const auto& item : v.items()) {
        const std::string& key = item.key();
        if (key == "kind" || key == "note") continue;
        bool known = std::find(kLeverFields.begin(), kLeverFields.end(), key) != kLeverFields.end();
        if (known && std::find(used.begin(), used.end(), key) == used.end()) {
            report_.error(pointer_append(path, key),
                          "举措 " + std::string(to_string(out.kind)) + " 不使用字段 " +
                              quote_value(key) + "（它读取：" + join(used) + "）",
                          "lever kind \"" + std::string(to_string(out.kind)) +
                              "\" does not use field " + quote_value(key) + " (it reads: " +
                              join(used) + ")",
                          true);
        }
    }
    auto at_least = [&](const char* key, std::size_t n, std::size_t count) {
        if (count >= n) return;
        report_.error(
            v.contains(key) ? pointer_append(path, key) : path,
            "举措 " + std::string(to_string(out.kind)) + " 至少需要 " + std::to_string(n) +
                " 个 " + key,
            "lever kind \"" + std::string(to_string(out.kind)) + "\" needs at least " +
                std::to_string(n) + " " + key);
    };
    for (const auto& u : lever_spec(out.kind).params) {
        const LeverParamInfo& p = lever_param(u.param);
        if (p.type == ParamType::ids) {
            at_least(p.key, static_cast<std::size_t>(u.min_count), given_count(out, u.param));
        } else if (u.min_count > 0 && given_count(out, u.param) == 0) {
            report_.error(pointer_append(path, p.key),
                          "举措 " + std::string(to_string(out.kind)) + " 需要 \"" + p.key + "\"（" +
                              p.noun_zh + "）",
                          "lever kind \"" + std::string(to_string(out.kind)) + "\" needs \"" + p.key + "\"");
        }
    }
}

}  // namespace

void read_scenario(const J& root, const Limits& limits, Report& report, Scenario& out) {
    Reader(limits, report).scenario(root, out);
}

}  // namespace peizou::scenario
