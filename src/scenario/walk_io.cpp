#include "walk_io.hpp"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "core/sha256.hpp"

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
bool parse_iso(const std::string& s, Seconds& out) {
    int y, mo, d, h, mi, se;
    char tail;
    if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &se, &tail) != 6) return false;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 59) return false;
    out = make_time({y, mo, d}, h, mi, se);
    return true;
}
}  // namespace

std::string save_walk(const WalkRecord& r, const std::string& scenario_sha256) {
    ojson j;
    j["format"] = kFormat;
    j["scenario"] = r.scenario;
    if (!scenario_sha256.empty()) j["scenario_sha256"] = scenario_sha256;
    j["variant"] = r.variant;
    j["seed"] = r.seed;
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
    auto problem = [&](const std::string& path, const std::string& zh, const std::string& en) {
        Issue i;
        i.path = path;
        i.message_zh = zh;
        i.message_en = en;
        out.issues.push_back(i);
    };
    if (text.size() > (4u << 20)) {
        problem("", "文件过大（上限 4 MB）", "file too large (limit 4 MB)");
        return out;
    }
    const ojson j = ojson::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        problem("", "不是有效的 JSON 对象", "not a valid JSON object");
        return out;
    }
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
    if (j.contains("choices") && j["choices"].is_array()) {
        if (j["choices"].size() > 100000) problem("/choices", "选择过多", "too many choices");
        for (std::size_t i = 0; i < j["choices"].size() && i < 100000; ++i) {
            const ojson& c = j["choices"][i];
            const std::string path = "/choices/" + std::to_string(i);
            Choice ch;
            const std::string kind = c.is_object() && c.contains("kind") && c["kind"].is_string() ? c["kind"].get<std::string>() : "";
            if (kind == "next_step") ch.kind = DecisionKind::next_step;
            else if (kind == "channel") ch.kind = DecisionKind::channel;
            else if (kind == "branch") ch.kind = DecisionKind::branch;
            else if (kind == "handover") ch.kind = DecisionKind::handover;
            else { problem(path + "/kind", "选择类型应为 next_step/channel/branch/handover", "kind must be next_step, channel, branch or handover"); continue; }
            if (ch.kind == DecisionKind::handover) {
                if (!c.contains("materials") || !c["materials"].is_array()) { problem(path + "/materials", "应为材料列表", "must be a list of material ids"); continue; }
                for (const auto& m : c["materials"]) if (m.is_string()) ch.materials.push_back(m.get<std::string>());
            } else {
                if (!c.contains("value") || !c["value"].is_string()) { problem(path + "/value", "应为字符串", "must be a string"); continue; }
                ch.value = c["value"].get<std::string>();
            }
            out.record.choices.push_back(ch);
        }
    } else {
        problem("/choices", "缺少选择列表", "missing list of choices");
    }
    if (j.contains("flags") && j["flags"].is_array()) {
        for (std::size_t i = 0; i < j["flags"].size() && i < 10000; ++i) {
            const ojson& f = j["flags"][i];
            const std::string path = "/flags/" + std::to_string(i);
            PainFlag p;
            if (!f.is_object()) { problem(path, "应为对象", "must be an object"); continue; }
            if (f.contains("category") && f["category"].is_string()) p.category = f["category"].get<std::string>();
            if (f.contains("note") && f["note"].is_string()) p.note = f["note"].get<std::string>();
            if (f.contains("step") && f["step"].is_string()) p.step = f["step"].get<std::string>();
            if (f.contains("time") && (!f["time"].is_string() || !parse_iso(f["time"].get<std::string>(), p.time)))
                problem(path + "/time", "时间格式应为 2025-09-30T15:42:00", "time must look like 2025-09-30T15:42:00");
            out.record.flags.push_back(p);
        }
    }
    out.ok = out.issues.empty();
    return out;
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
    if (warning) {
        *warning = Issue{};
        warning->path = "/scenario_sha256";
        warning->warning = true;
        const std::string was = load.scenario_sha256.substr(0, 12), is = now.substr(0, 12);
        warning->message_zh = "记录是在另一份场景文件上走的（记录 SHA-256 " + was + "…，现在的文件 " + is +
                              "…）：场景“" + load.record.scenario + "”已改动，回放的结果可能与当时不同";
        warning->message_en = "the record was walked on a different scenario file (record SHA-256 " + was +
                              "…, this file " + is + "…): scenario '" + load.record.scenario +
                              "' has changed, so the replay may differ from the walk";
    }
    return true;
}

}  // namespace peizou::scenario
