// [SECTION] running with a log
// [SECTION] events as process mining sees them
// [SECTION] CSV and XES
// [SECTION] comparison table and per-citizen measures
// [SECTION] Shapley attribution
#include "exports.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "core/measures.hpp"
#include "core/timeline.hpp"
#include "run_report.hpp"

namespace peizou::scenario {

using ordered_json = nlohmann::ordered_json;

// ---------------------------------------------------------------- [SECTION] running with a log
LoggedRun run_with_log(const Scenario& scenario, const Variant& variant, const Calendar& calendar,
                       std::uint64_t seed, std::int32_t citizens) {
    LoggedRun out;
    EngineOptions o;
    o.seed = seed;
    o.citizens = citizens;
    o.sink = [&out](const LogEvent& e) { out.events.push_back(e); };
    Engine engine(scenario, variant, calendar, o);
    engine.run();
    out.run = result_of(engine, scenario, variant, seed, citizens);
    out.steps = variant.steps;
    out.departments = engine.departments();
    return out;
}

std::string iso_time(Seconds t) {
    const CivilDate d = civil_from_days(day_of(t));
    const Seconds s = second_of_day(t);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", d.year, d.month, d.day,
                  static_cast<int>(s / kHour), static_cast<int>(s % kHour / kMinute), static_cast<int>(s % kMinute));
    return buf;
}

// ---------------------------------------------------------------- [SECTION] mined events
namespace {

bool is_back_office(StepKind k) {
    return k == StepKind::review || k == StepKind::inspection || k == StepKind::mail;
}

// Citizen activities: what the citizen (or the hall) does around the steps.
const char* citizen_activity(Activity a) {
    switch (a) {
    case Activity::case_start: return "开始办理";
    case Activity::leave_home: return "出发去办事";
    case Activity::arrive_hall: return "到达大厅";
    case Activity::join_queue: return "排队等候";
    case Activity::service_start: return "窗口办理";
    case Activity::handover: return "递交材料";
    case Activity::accepted: return "受理";
    case Activity::rejected: return "退回补正";
    case Activity::online_submit: return "网上提交";
    case Activity::review_start: return "转入审查";
    case Activity::step_complete: return "环节办结";
    case Activity::material_received: return "取得材料";
    case Activity::branch_decided: return "分支选择";
    case Activity::go_home: return "返回";
    case Activity::arrive_home: return "到家";
    case Activity::sent_home_closed: return "下班未办回家";
    case Activity::step_skipped: return "跳过环节";
    case Activity::case_finish: return "办结";
    case Activity::case_stuck: return "未能办结";
    }
    return "?";
}

std::string name_or_id(const std::string& name, const std::string& id) { return name.empty() ? id : name; }

}  // namespace

MinedEvent mined_event(const LoggedRun& r, const LogEvent& e) {
    MinedEvent m;
    m.case_id = r.run.variant + "-" + std::to_string(e.citizen);
    m.time = e.time;
    m.detail = e.detail;
    m.code = to_string(e.activity);
    m.lifecycle = "complete";
    m.activity = citizen_activity(e.activity);
    const Step* step = (e.step >= 0 && static_cast<std::size_t>(e.step) < r.steps.size())
                           ? &r.steps[static_cast<std::size_t>(e.step)] : nullptr;
    const Department* dept = (e.department >= 0 && static_cast<std::size_t>(e.department) < r.departments.size())
                                 ? &r.departments[static_cast<std::size_t>(e.department)] : nullptr;
    if (step) m.step = step->id;
    // A step is one activity: it starts when the clerk (or the back office, or the
    // online form) takes it up and completes when its result is out.
    if (step) {
        const std::string step_name = name_or_id(step->name, step->id);
        if (e.activity == Activity::service_start || e.activity == Activity::online_submit ||
            (e.activity == Activity::review_start && is_back_office(step->kind))) {
            m.activity = step_name;
            m.lifecycle = "start";
        } else if (e.activity == Activity::step_complete) {
            m.activity = step_name;
        }
    }
    if (dept) m.department = dept->id;
    // Who acts: the clerk at the window, the back office, or the citizen themself.
    const bool clerk = e.activity == Activity::service_start || e.activity == Activity::handover ||
                       e.activity == Activity::accepted || e.activity == Activity::rejected;
    const bool back_office = e.activity == Activity::review_start || e.activity == Activity::step_complete ||
                             e.activity == Activity::material_received;
    if (dept && (clerk || back_office)) {
        std::string dn = name_or_id(dept->name, dept->id);
        const std::string window = "窗口";
        const bool ends_with_window = dn.size() >= window.size() &&
                                      dn.compare(dn.size() - window.size(), window.size(), window) == 0;
        if (back_office) m.resource = dn + "（审查）";
        else m.resource = ends_with_window ? dn : dn + window;
    } else {
        m.resource = "办事人";
    }
    return m;
}

// ---------------------------------------------------------------- [SECTION] CSV and XES
std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string xml_escape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\n': out += "&#10;"; break;
        case '\r': out += "&#13;"; break;
        case '\t': out += "&#9;"; break;
        default:
            if (static_cast<unsigned char>(c) >= 0x20) out += c;  // other controls are not XML
        }
    }
    return out;
}

std::string event_log_csv(const LoggedRun& r) {
    std::string out = "case_id,activity,timestamp,resource,department,step,detail,lifecycle,code\n";
    for (const auto& e : r.events) {
        const MinedEvent m = mined_event(r, e);
        out += csv_field(m.case_id) + "," + csv_field(m.activity) + "," + iso_time(m.time) + "," +
               csv_field(m.resource) + "," + csv_field(m.department) + "," + csv_field(m.step) + "," +
               csv_field(m.detail) + "," + m.lifecycle + "," + m.code + "\n";
    }
    return out;
}

namespace {
void xes_string(std::string& out, const char* indent, const char* key, const std::string& value) {
    out += indent;
    out += "<string key=\"";
    out += key;
    out += "\" value=\"" + xml_escape(value) + "\"/>\n";
}
}  // namespace

std::string event_log_xes(const LoggedRun& r, const std::string& log_name) {
    return event_log_xes(std::vector<const LoggedRun*>{&r}, log_name);
}

std::string event_log_xes(const std::vector<const LoggedRun*>& runs, const std::string& log_name) {
    std::string out;
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<!-- Simulated by peizou (陪走); columns and mapping in docs/exports.md -->\n";
    out += "<log xes.version=\"1.0\" xes.features=\"\" xmlns=\"http://www.xes-standard.org/\">\n";
    out += "  <extension name=\"Concept\" prefix=\"concept\" uri=\"http://www.xes-standard.org/concept.xesext\"/>\n";
    out += "  <extension name=\"Time\" prefix=\"time\" uri=\"http://www.xes-standard.org/time.xesext\"/>\n";
    out += "  <extension name=\"Lifecycle\" prefix=\"lifecycle\" uri=\"http://www.xes-standard.org/lifecycle.xesext\"/>\n";
    out += "  <extension name=\"Organizational\" prefix=\"org\" uri=\"http://www.xes-standard.org/org.xesext\"/>\n";
    // peizou:scenario, variant, seed, step, detail, code: defined in docs/xes/peizou.xesext
    out += "  <extension name=\"Peizou\" prefix=\"peizou\" uri=\"urn:peizou:xes:peizou.xesext\"/>\n";
    out += "  <global scope=\"trace\">\n    <string key=\"concept:name\" value=\"\"/>\n  </global>\n";
    out += "  <global scope=\"event\">\n    <string key=\"concept:name\" value=\"\"/>\n";
    out += "    <date key=\"time:timestamp\" value=\"1970-01-01T00:00:00+08:00\"/>\n";
    out += "    <string key=\"lifecycle:transition\" value=\"complete\"/>\n";
    out += "    <string key=\"org:resource\" value=\"\"/>\n  </global>\n";
    out += "  <classifier name=\"Activity\" keys=\"concept:name\"/>\n";
    out += "  <classifier name=\"Activity and transition\" keys=\"concept:name lifecycle:transition\"/>\n";
    xes_string(out, "  ", "concept:name", log_name);
    if (!runs.empty()) {
        xes_string(out, "  ", "peizou:scenario", runs.front()->run.scenario);
        std::string variants;
        for (const LoggedRun* r : runs) variants += (variants.empty() ? "" : ",") + r->run.variant;
        xes_string(out, "  ", "peizou:variant", variants);
        out += "  <int key=\"peizou:seed\" value=\"" + std::to_string(runs.front()->run.seed) + "\"/>\n";
    }
    for (const LoggedRun* run : runs) {
        const LoggedRun& r = *run;
        // Group by case, keeping each case's events in time order and the cases in the
        // order they started.
        std::vector<std::int32_t> order;
        std::map<std::int32_t, std::vector<const LogEvent*>> by_case;
        for (const auto& e : r.events) {
            auto& list = by_case[e.citizen];
            if (list.empty()) order.push_back(e.citizen);
            list.push_back(&e);
        }
        for (std::int32_t c : order) {
            out += "  <trace>\n";
            xes_string(out, "    ", "concept:name", r.run.variant + "-" + std::to_string(c));
            for (const LogEvent* e : by_case[c]) {
                const MinedEvent m = mined_event(r, *e);
                out += "    <event>\n";
                xes_string(out, "      ", "concept:name", m.activity);
                out += "      <date key=\"time:timestamp\" value=\"" + iso_time(m.time) + "\"/>\n";
                xes_string(out, "      ", "lifecycle:transition", m.lifecycle);
                xes_string(out, "      ", "org:resource", m.resource);
                if (!m.department.empty()) xes_string(out, "      ", "org:group", m.department);
                if (!m.step.empty()) xes_string(out, "      ", "peizou:step", m.step);
                if (!m.detail.empty()) xes_string(out, "      ", "peizou:detail", m.detail);
                xes_string(out, "      ", "peizou:code", m.code);
                out += "    </event>\n";
            }
            out += "  </trace>\n";
        }
    }
    out += "</log>\n";
    return out;
}

// ---------------------------------------------------------------- [SECTION] tables
std::string cases_csv(const RunResult& r) {
    std::string out =
        "case_id,start,finish,calendar_days,working_days,citizen_hours,agent_hours,trips,window_visits,"
        "departments,submissions,repeat_submissions,rejections,fees_yuan,one_trip,legal_limits_met\n";
    for (const auto& c : r.cases) {
        char line[512];
        std::snprintf(line, sizeof line, "%s,%s,%.4f,%d,%.4f,%.4f,%d,%d,%d,%d,%d,%d,%.2f,%d,%d\n",
                      iso_time(c.start).c_str(), iso_time(c.finish).c_str(), rounded(c.calendar_days()),
                      c.working_days, rounded(c.citizen_hours()),
                      rounded(static_cast<double>(c.agent_seconds) / kHour), c.trips, c.window_visits,
                      c.departments, c.submissions, c.repeat_submissions, c.rejections, c.fees_yuan,
                      c.one_trip() ? 1 : 0, c.legal_limits_met ? 1 : 0);
        out += csv_field(r.variant + "-" + std::to_string(c.citizen)) + "," + line;
    }
    return out;
}

ordered_json cases_json(const RunResult& r) {
    ordered_json cases = ordered_json::array();
    for (const auto& c : r.cases) {
        // Rounded as the CSV prints them (%.4f, %.2f), so the two agree.
        auto fixed = [](double v, const char* fmt) {
            char buf[64];
            std::snprintf(buf, sizeof buf, fmt, v);
            return std::strtod(buf, nullptr);
        };
        cases.push_back({{"case_id", r.variant + "-" + std::to_string(c.citizen)},
                         {"citizen", c.citizen},
                         {"start", iso_time(c.start)},
                         {"finish", iso_time(c.finish)},
                         {"calendar_days", fixed(rounded(c.calendar_days()), "%.4f")},
                         {"working_days", c.working_days},
                         {"citizen_hours", fixed(rounded(c.citizen_hours()), "%.4f")},
                         {"agent_hours", fixed(rounded(static_cast<double>(c.agent_seconds) / kHour), "%.4f")},
                         {"trips", c.trips},
                         {"window_visits", c.window_visits},
                         {"departments", c.departments},
                         {"submissions", c.submissions},
                         {"repeat_submissions", c.repeat_submissions},
                         {"rejections", c.rejections},
                         {"fees_yuan", fixed(c.fees_yuan, "%.2f")},
                         {"one_trip", c.one_trip()},
                         {"legal_limits_met", c.legal_limits_met}});
    }
    return {{"scenario", r.scenario}, {"variant", r.variant}, {"seed", r.seed}, {"citizens", r.citizens},
            {"finished", r.cases.size()}, {"stuck", r.stuck.size()}, {"cases", std::move(cases)}};
}

// ---------------------------------------------------------------- critical path
std::vector<Seconds> step_ready_times(const std::vector<Step>& steps, const std::vector<LogEvent>& case_events) {
    if (case_events.empty()) return std::vector<Seconds>(steps.size(), -1);
    Variant v;  // readiness needs only the steps (not the places or the draws)
    v.steps = steps;
    return build_timeline(Scenario{}, v, case_events, case_events.front().citizen, 0).ready_times();
}

std::vector<std::int32_t> critical_steps(const std::vector<Step>& steps, const std::vector<Branch>& branches,
                                         const std::vector<Seconds>& ready_at) {
    std::map<std::string, std::int32_t> index;
    for (std::size_t i = 0; i < steps.size(); ++i) index[steps[i].id] = static_cast<std::int32_t>(i);
    // predecessors: `after`, plus the branch's `after` for a step of an option
    std::vector<std::vector<std::int32_t>> preds(steps.size());
    auto add = [&](std::size_t i, const std::string& id) {
        auto it = index.find(id);
        if (it != index.end() && it->second != static_cast<std::int32_t>(i)) preds[i].push_back(it->second);
    };
    for (std::size_t i = 0; i < steps.size(); ++i)
        for (const auto& a : steps[i].after) add(i, a);
    for (const Branch& b : branches)
        for (const BranchOption& o : b.options)
            for (const auto& sid : o.steps) {
                auto it = index.find(sid);
                if (it == index.end()) continue;
                for (const auto& a : b.after) add(static_cast<std::size_t>(it->second), a);
            }
    auto at = [&](std::int32_t i) { return static_cast<std::size_t>(i) < ready_at.size() ? ready_at[static_cast<std::size_t>(i)] : -1; };
    std::int32_t last = -1;
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (at(static_cast<std::int32_t>(i)) >= 0 && (last < 0 || at(static_cast<std::int32_t>(i)) > at(last)))
            last = static_cast<std::int32_t>(i);
    std::vector<std::int32_t> chain;
    std::vector<bool> seen(steps.size(), false);
    for (std::int32_t cur = last; cur >= 0 && !seen[static_cast<std::size_t>(cur)];) {
        seen[static_cast<std::size_t>(cur)] = true;
        chain.push_back(cur);
        std::int32_t next = -1;
        for (std::int32_t p : preds[static_cast<std::size_t>(cur)])
            if (at(p) >= 0 && (next < 0 || at(p) > at(next))) next = p;
        cur = next;
    }
    std::reverse(chain.begin(), chain.end());
    return chain;
}

std::string compare_csv(const std::vector<RunResult>& runs) {
    // Printed from compare_json itself, so the two can never disagree.
    const ordered_json j = compare_json(runs);
    std::string out = "measure,variant,mean,p50,p90,min,max,change_mean,change_mean_percent,change_p50\n";
    if (!j.contains("variants")) return out;
    const auto& variants = j["variants"];
    const auto& changes = j["changes"];
    const ordered_json& measures = variants[0]["measures"];
    for (auto it = measures.begin(); it != measures.end(); ++it) {
        const std::string key = it.key();
        for (std::size_t v = 0; v < variants.size(); ++v) {
            const auto& s = variants[v]["measures"][key];
            out += key + "," + csv_field(variants[v]["variant"].get<std::string>()) + "," + s["mean"].dump() + "," +
                   s["p50"].dump() + "," + s["p90"].dump() + "," + s["min"].dump() + "," + s["max"].dump();
            if (v == 0) {
                out += ",,,\n";
            } else {
                const auto& c = changes[v - 1][key];
                out += "," + c["mean"].dump() + "," + c["mean_percent"].dump() + "," + c["p50"].dump() + "\n";
            }
        }
    }
    for (const char* rate : {"one_trip", "legal_limits_met"}) {
        for (std::size_t v = 0; v < variants.size(); ++v) {
            out += std::string(rate) + "," + csv_field(variants[v]["variant"].get<std::string>()) + "," +
                   variants[v]["rates"][rate].dump() + ",,,,,";
            if (v > 0 && changes[v - 1].contains(rate)) out += changes[v - 1][rate].dump();
            out += ",,\n";
        }
    }
    return out;
}

// ---------------------------------------------------------------- [SECTION] Shapley
namespace {
ordered_json values_json(const ShapleyValues& v) {
    ordered_json j;
    for (int m = 0; m < kShapleyMeasureCount; ++m)
        j[shapley_measure_key(static_cast<ShapleyMeasure>(m))] = rounded(v[static_cast<std::size_t>(m)]);
    return j;
}
std::vector<int> mask_levers(std::uint32_t mask, std::size_t k) {
    std::vector<int> out;
    for (std::size_t i = 0; i < k; ++i)
        if (mask & (1u << i)) out.push_back(static_cast<int>(i + 1));
    return out;
}
}  // namespace

ordered_json shapley_json(const ShapleyResult& r) {
    ordered_json j;
    j["method"] = "shapley: all 2^k lever subsets, applied in declared order, common random numbers";
    j["base"] = r.base_id;
    j["target"] = r.target_id;
    j["seed"] = r.seed;
    j["citizens"] = r.citizens;
    j["complete"] = r.complete;
    j["cancelled"] = r.cancelled;
    ordered_json levers = ordered_json::array();
    for (std::size_t i = 0; i < r.levers.size(); ++i) {
        const ShapleyLever& l = r.levers[i];
        ordered_json lj;
        lj["index"] = i + 1;
        lj["kind"] = l.kind;
        lj["label_zh"] = l.label_zh;
        lj["label_en"] = l.label_en;
        lj["note"] = l.note;
        for (int m = 0; m < kShapleyMeasureCount; ++m)
            lj[shapley_measure_key(static_cast<ShapleyMeasure>(m))] = rounded(l.value[static_cast<std::size_t>(m)]);
        lj["affected"] = l.affected;
        if (l.affected) {
            lj["affected_why_zh"] = l.affected_why_zh;
            lj["affected_why_en"] = l.affected_why_en;
        }
        levers.push_back(lj);
    }
    j["levers"] = levers;
    j["none"] = values_json(r.none);
    j["all"] = values_json(r.all);
    j["total"] = values_json(r.total);
    ordered_json failed = ordered_json::array();
    for (const auto& s : r.subsets) {
        if (s.failed_lever < 0) continue;
        failed.push_back(ordered_json{{"levers", mask_levers(s.mask, r.levers.size())},
                                      {"failed_lever", s.failed_lever + 1},
                                      {"error_zh", s.error_zh},
                                      {"error_en", s.error_en}});
    }
    j["failed_subsets"] = failed;
    j["subsets"] = r.subsets.size();
    j["feasible_orders"] = r.feasible_orders;
    j["all_orders"] = r.all_orders;
    j["runs"] = r.runs;
    j["events"] = r.events;
    return j;
}

std::string shapley_text(const ShapleyResult& r) {
    std::string out;
    char line[512];
    out += "节省来源 lever attribution (Shapley over all " + std::to_string(r.subsets.size()) +
           " lever subsets, common random numbers): " + r.base_id + " → " + r.target_id + "\n";
    if (!r.complete) {
        out += r.cancelled ? "  cancelled / 已取消\n" : "  not computed / 未计算\n";
        return out;
    }
    std::snprintf(line, sizeof line, "%-26s %14s %13s %8s   %s\n", "lever", "calendar_days", "working_days", "trips",
                  "举措");
    out += line;
    for (const auto& l : r.levers) {
        std::snprintf(line, sizeof line, "%-24s%s %+14.2f %+13.2f %+8.2f   ", l.label_en.c_str(),
                      l.affected ? " *" : "  ", rounded(l.value[0]), rounded(l.value[1]), rounded(l.value[2]));
        out += line + l.label_zh + (l.note.empty() ? "" : "（" + l.note + "）") + "\n";
    }
    std::snprintf(line, sizeof line, "%-26s %+14.2f %+13.2f %+8.2f   %s\n", "total (all - none)", rounded(r.total[0]),
                  rounded(r.total[1]), rounded(r.total[2]), "合计");
    out += line;
    out += std::to_string(r.runs) + " runs for " + std::to_string(r.subsets.size()) +
           " subsets (a subset giving the same process as an earlier one reuses its run), " +
           std::to_string(r.events) + " events\n";
    if (r.failed_subsets > 0) {
        std::snprintf(line, sizeof line, "%d subsets cannot apply / 无法实施的组合; values average over %.0f of %.0f orders\n",
                      r.failed_subsets, r.feasible_orders, r.all_orders);
        out += line;
        for (const auto& s : r.subsets) {
            if (s.failed_lever < 0) continue;
            std::string ids;
            for (int i : mask_levers(s.mask, r.levers.size())) ids += (ids.empty() ? "" : ",") + std::to_string(i);
            out += "  {" + ids + "}: " + s.error_zh + " / " + s.error_en + "\n";
        }
        for (const auto& l : r.levers)
            if (l.affected) out += "  * " + l.label_zh + ": " + l.affected_why_zh + " / " + l.affected_why_en + "\n";
    }
    return out;
}

}  // namespace peizou::scenario
