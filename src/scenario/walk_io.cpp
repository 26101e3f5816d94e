#include "walk_io.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include <nlohmann/json.hpp>

#include "core/sha256.hpp"
#include "json_text.hpp"
#include "parse_count.hpp"
#include "report.hpp"

namespace peizou::scenario {

using ojson = nlohmann::ordered_json;

namespace {
const char* kFormat = "peizou-walk/1";

// "2025-09-30T15:42:07" <-> seconds; strict, so a typo is reported, not guessed.
std::string iso(Seconds t) {
    const CivilDate d = civil_from_days(day_of(t));
    const Seconds s = second_of_day(t);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", d.year, d.month, d.day,
                  static_cast<int>(s / 3600), static_cast<int>(s / 60 % 60), static_cast<int>(s % 60));
    return buf;
}
bool digits(const std::string& s, std::size_t at, std::size_t n, int& v) {
    v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    return true;
}
bool parse_iso(const std::string& s, Seconds& out) {
    // Exactly YYYY-MM-DDTHH:MM:SS, a real date (no 2025-02-31) in the years scenarios use.
    std::int64_t day = 0;
    int h = 0, mi = 0, se = 0;
    if (s.size() != 19 || !parse_date(s.substr(0, 10), day) || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
        !digits(s, 11, 2, h) || !digits(s, 14, 2, mi) || !digits(s, 17, 2, se) || h > 23 || mi > 59 || se > 59)
        return false;
    out = day * kDay + h * kHour + mi * 60 + se;
    return true;
}

// Fields a walk record may have, at the top, in a choice and in a flag.
const std::vector<std::string> kWalkFields = {"format", "scenario", "scenario_sha256", "variant",
                                              "seed", "start", "trainee", "choices", "flags"};
const std::vector<std::string> kChoiceFields = {"kind", "value", "materials"};
const std::vector<std::string> kFlagFields = {"category", "note", "time", "step"};

bool known(const std::vector<std::string>& names, const std::string& key) {
    for (const auto& n : names)
        if (n == key) return true;
    return false;
}
}  // namespace

bool parse_date(const std::string& s, std::int64_t& day) {
    int y = 0, mo = 0, d = 0;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 0, 4, y) || !digits(s, 5, 2, mo) ||
        !digits(s, 8, 2, d))
        return false;
    if (y < 1970 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false;
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > (mo == 2 && leap ? 29 : kDays[mo - 1])) return false;
    day = days_from_civil({y, mo, d});
    return true;
}

std::string save_walk(const WalkRecord& r, const std::string& scenario_sha256) {
    ojson j;
    j["format"] = kFormat;
    j["scenario"] = r.scenario;
    if (!scenario_sha256.empty()) j["scenario_sha256"] = scenario_sha256;
    j["variant"] = r.variant;
    j["seed"] = r.seed;
    if (r.start != 0) j["start"] = iso(r.start);
    if (!r.trainee.empty()) j["trainee"] = r.trainee;
    ojson choices = ojson::array();
    for (const Choice& c : r.choices) {
        ojson cj;
        cj["kind"] = to_string(c.kind);
        if (c.kind == DecisionKind::handover) cj["materials"] = c.materials;
        else cj["value"] = c.value;
        choices.push_back(cj);
    }
    j["choices"] = choices;
    ojson flags = ojson::array();
    for (const PainFlag& f : r.flags)
        flags.push_back(ojson{{"category", f.category}, {"note", f.note}, {"time", iso(f.time)}, {"step", f.step}});
    j["flags"] = flags;
    return j.dump(2) + "\n";
}

WalkLoad load_walk(const std::string& text) {
    WalkLoad out;
    const std::size_t listed_max = 500;
    std::size_t found = 0;
    std::vector<bool> at_key;           // per listed issue: locate the member's key, not its value
    std::vector<std::size_t> offset_of;  // per listed issue: its offset when already known
    auto add = [&](const std::string& path, const std::string& zh, const std::string& en, bool warning,
                   bool key, std::size_t offset = std::string::npos) {
        ++found;
        if (out.issues.size() >= listed_max) return;
        Issue i;
        i.path = path;
        i.message_zh = zh;
        i.message_en = en;
        i.warning = warning;
        out.issues.push_back(i);
        at_key.push_back(key);
        offset_of.push_back(offset);
    };
    auto problem = [&](const std::string& path, const std::string& zh, const std::string& en) {
        add(path, zh, en, false, false);
    };
    if (text.size() > (4u << 20)) {
        problem("", "文件过大（上限 4 MB）", "file too large (limit 4 MB)");
        return out;
    }
    // nlohmann's parser recurses: refuse deep nesting first, as scenarios do.
    if (const DepthCheck depth = check_depth(text, 32); depth.exceeded) {
        problem("", "嵌套层数超过上限 32", "nesting deeper than the limit of 32");
        const TextPosition pos = LineIndex(text).at(depth.offset);
        out.issues.back().line = pos.line;
        out.issues.back().column = pos.column;
        return out;
    }
    ++parse_count().json;
    const ojson j = ojson::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        const LoadResult syntax = load_scenario(text, "");  // the same located syntax message
        Issue i;
        for (const Issue& s : syntax.issues)
            if (!s.warning && s.path.empty()) { i = s; break; }
        if (i.message_en.empty() || j.is_object() || !j.is_discarded()) {
            i = Issue{};
            i.message_zh = "不是有效的 JSON 对象";
            i.message_en = "not a valid JSON object";
            i.line = i.column = 1;
        }
        out.issues.push_back(i);
        return out;
    }
    auto unknown_fields = [&](const ojson& obj, const std::string& path, const std::vector<std::string>& names) {
        for (const auto& item : obj.items())
            if (!known(names, item.key()))
                add(pointer_append(path, item.key()), "未知字段 " + quote_value(item.key()),
                    "unknown field " + quote_value(item.key()), false, true);
    };
    unknown_fields(j, "", kWalkFields);
    auto str = [&](const char* key, std::string& dst, bool required) {
        if (!j.contains(key)) {
            if (required) problem(std::string("/") + key, std::string("缺少字段 ") + key, std::string("missing field ") + key);
            return;
        }
        if (!j[key].is_string()) { problem(std::string("/") + key, "应为字符串", "must be a string"); return; }
        dst = j[key].get<std::string>();
    };
    std::string format;
    str("format", format, true);
    if (j.contains("format") && format != kFormat)
        problem("/format", std::string("格式应为 ") + kFormat, std::string("format must be ") + kFormat);
    str("scenario", out.record.scenario, true);
    str("scenario_sha256", out.scenario_sha256, false);
    if (!out.scenario_sha256.empty() &&
        (out.scenario_sha256.size() != 64 ||
         out.scenario_sha256.find_first_not_of("0123456789abcdef") != std::string::npos))
        problem("/scenario_sha256", "应为 64 位十六进制小写的 SHA-256", "must be a SHA-256 in 64 lower-case hex digits");
    str("variant", out.record.variant, true);
    if (!j.contains("seed") || !j["seed"].is_number_unsigned() || j["seed"].get<std::uint64_t>() > (1ull << 53) - 1)
        problem("/seed", "种子应为 0 到 2^53-1 的整数", "seed must be an integer 0 … 2^53-1");
    else
        out.record.seed = j["seed"].get<std::uint64_t>();
    if (j.contains("start") && (!j["start"].is_string() || !parse_iso(j["start"].get<std::string>(), out.record.start)))
        problem("/start", "开始时间应为真实存在的日期时刻，格式如 2025-09-29T09:00:00",
                "start must be a real date and time like 2025-09-29T09:00:00");
    str("trainee", out.record.trainee, false);
    if (out.record.trainee.size() > 200) problem("/trainee", "学员姓名过长（上限 200 字节）", "trainee name too long (limit 200 bytes)");
    if (j.contains("choices") && j["choices"].is_array()) {
        if (j["choices"].size() > 100000) problem("/choices", "选择过多（上限 100000）", "too many choices (limit 100000)");
        for (std::size_t i = 0; i < j["choices"].size() && i < 100000; ++i) {
            const ojson& c = j["choices"][i];
            const std::string path = "/choices/" + std::to_string(i);
            Choice ch;
            if (c.is_object()) unknown_fields(c, path, kChoiceFields);
            const std::string kind = c.is_object() && c.contains("kind") && c["kind"].is_string() ? c["kind"].get<std::string>() : "";
            if (kind == "next_step") ch.kind = DecisionKind::next_step;
            else if (kind == "channel") ch.kind = DecisionKind::channel;
            else if (kind == "branch") ch.kind = DecisionKind::branch;
            else if (kind == "handover") ch.kind = DecisionKind::handover;
            else { problem(c.is_object() ? path + "/kind" : path, "选择类型应为 next_step/channel/branch/handover", "kind must be next_step, channel, branch or handover"); continue; }
            if (ch.kind == DecisionKind::handover) {
                if (!c.contains("materials") || !c["materials"].is_array()) { problem(path + "/materials", "应为材料列表", "must be a list of material ids"); continue; }
                if (c.contains("value")) add(path + "/value", "交材料（handover）的选择不用 value", "a handover choice has no value", false, true);
                for (std::size_t m = 0; m < c["materials"].size(); ++m) {
                    if (c["materials"][m].is_string()) ch.materials.push_back(c["materials"][m].get<std::string>());
                    else problem(path + "/materials/" + std::to_string(m), "应为材料标识（字符串）", "must be a material id (a string)");
                }
            } else {
                if (!c.contains("value") || !c["value"].is_string()) { problem(path + "/value", "应为字符串", "must be a string"); continue; }
                if (c.contains("materials")) add(path + "/materials", "只有交材料（handover）的选择才有 materials", "only a handover choice has materials", false, true);
                ch.value = c["value"].get<std::string>();
            }
            out.record.choices.push_back(ch);
        }
    } else {
        problem("/choices", "缺少选择列表", "missing list of choices");
    }
    if (j.contains("flags") && !j["flags"].is_array()) problem("/flags", "应为数组", "must be an array");
    if (j.contains("flags") && j["flags"].is_array()) {
        if (j["flags"].size() > 10000) problem("/flags", "标记过多（上限 10000）", "too many flags (limit 10000)");
        for (std::size_t i = 0; i < j["flags"].size() && i < 10000; ++i) {
            const ojson& f = j["flags"][i];
            const std::string path = "/flags/" + std::to_string(i);
            PainFlag p;
            if (!f.is_object()) { problem(path, "应为对象", "must be an object"); continue; }
            unknown_fields(f, path, kFlagFields);
            for (const char* key : {"category", "note", "step"}) {
                if (!f.contains(key)) continue;
                if (!f[key].is_string()) { problem(path + "/" + key, "应为字符串", "must be a string"); continue; }
                std::string& dst = key[0] == 'c' ? p.category : key[0] == 'n' ? p.note : p.step;
                dst = f[key].get<std::string>();
            }
            if (f.contains("time") && (!f["time"].is_string() || !parse_iso(f["time"].get<std::string>(), p.time)))
                problem(path + "/time", "时间应为真实存在的日期时刻，格式如 2025-09-30T15:42:00",
                        "time must be a real date and time like 2025-09-30T15:42:00");
            out.record.flags.push_back(p);
        }
    }
    // Repeated keys: nlohmann keeps the last silently; a record is read as strictly as a scenario.
    std::set<std::string> wanted;
    for (const Issue& i : out.issues)
        for (std::string q = i.path;; q = pointer_parent(q)) {
            wanted.insert(q);
            if (q.empty()) break;
        }
    const ScanResult scan = scan_json(text, wanted, listed_max);
    for (const DuplicateKey& d : scan.duplicates) {
        const std::string key = d.pointer.substr(d.pointer.rfind('/') + 1);
        add(d.pointer, "同一对象中字段 " + quote_value(key) + " 出现了不止一次（只会用到最后一个）",
            "field " + quote_value(key) + " appears more than once in the same object (only the last would count)",
            false, false, d.key_offset);
    }
    found += scan.duplicate_count - scan.duplicates.size();
    const LineIndex lines(text);
    std::vector<std::pair<std::size_t, std::size_t>> order;  // offset, issue
    for (std::size_t k = 0; k < out.issues.size(); ++k) {
        const Issue& i = out.issues[k];
        std::size_t offset = offset_of[k];
        for (std::string q = i.path; offset == std::string::npos; q = pointer_parent(q)) {
            auto it = scan.found.find(q);
            if (it != scan.found.end()) {
                offset = q == i.path && at_key[k] ? it->second.key_offset : it->second.value_offset;
                break;
            }
            if (q.empty()) break;
        }
        if (offset != std::string::npos) order.emplace_back(offset, k);
    }
    std::sort(order.begin(), order.end());
    for (const auto& [offset, k] : order) {
        const TextPosition pos = lines.at(offset);
        out.issues[k].line = pos.line;
        out.issues[k].column = pos.column;
    }
    std::stable_sort(out.issues.begin(), out.issues.end(), [](const Issue& a, const Issue& b) {
        int la = a.line ? a.line : 1 << 30, lb = b.line ? b.line : 1 << 30;
        return la != lb ? la < lb : a.column < b.column;
    });
    if (found > out.issues.size()) {
        Issue more;
        more.message_zh = "还有 " + std::to_string(found - out.issues.size()) + " 个问题未列出";
        more.message_en = std::to_string(found - out.issues.size()) + " more problems not listed";
        out.issues.push_back(more);
    }
    out.ok = true;
    for (const Issue& i : out.issues)
        if (!i.warning) out.ok = false;
    return out;
}

Issue locate_walk_issue(const std::string& walk_text, Issue issue) {
    const ScanResult scan = scan_json(walk_text, [&] {
        std::set<std::string> wanted;
        for (std::string q = issue.path;; q = pointer_parent(q)) {
            wanted.insert(q);
            if (q.empty()) break;
        }
        return wanted;
    }());
    for (std::string q = issue.path;; q = pointer_parent(q)) {
        auto it = scan.found.find(q);
        if (it != scan.found.end()) {
            const TextPosition pos = LineIndex(walk_text).at(it->second.value_offset);
            issue.line = pos.line;
            issue.column = pos.column;
            break;
        }
        if (q.empty()) break;
    }
    return issue;
}

std::string scenario_sha256(const std::string& scenario_text) {
    Sha256 h;
    h.update(scenario_text);
    return h.hex();
}

bool scenario_mismatch(const WalkLoad& load, const std::string& scenario_text, Issue* warning) {
    if (load.scenario_sha256.empty()) return false;
    const std::string now = scenario_sha256(scenario_text);
    if (now == load.scenario_sha256) return false;
    // Trailing whitespace alone (an editor adding or dropping the final newline) is no change.
    std::string trimmed = scenario_text;
    while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t' ||
                                trimmed.back() == '\n' || trimmed.back() == '\r'))
        trimmed.pop_back();
    for (const char* end : {"", "\n", "\r\n"})
        if (scenario_sha256(trimmed + end) == load.scenario_sha256) return false;
    if (warning) {
        *warning = Issue{};
        warning->path = "/scenario_sha256";
        warning->warning = true;
        const std::string was = load.scenario_sha256.substr(0, 12), is = now.substr(0, 12);
        warning->message_zh = "记录是在另一份场景文件上走的（记录 SHA-256 " + was + "…，现在的文件 " + is +
                              "…）：场景“" + short_text(load.record.scenario) + "”已改动，回放的结果可能与当时不同";
        warning->message_en = "the record was walked on a different scenario file (record SHA-256 " + was +
                              "…, this file " + is + "…): scenario '" + short_text(load.record.scenario) +
                              "' has changed, so the replay may differ from the walk";
    }
    return true;
}

}  // namespace peizou::scenario
