#include "run_report.hpp"

#include <cmath>
#include <cstdio>

namespace peizou::scenario {

double rounded(double v) {
    if (!std::isfinite(v)) return 0;
    return static_cast<double>(std::llround(v * 10000.0)) / 10000.0;
}

namespace {
const Measure kMeasures[] = {
    Measure::calendar_days, Measure::working_days, Measure::citizen_hours, Measure::trips,
    Measure::window_visits, Measure::departments, Measure::submissions,
    Measure::repeat_submissions, Measure::rejections, Measure::fees_yuan,
};

ordered_json summary_json(const Summary& s) {
    return ordered_json{{"mean", rounded(s.mean)}, {"p50", rounded(s.p50)}, {"p90", rounded(s.p90)},
                        {"min", rounded(s.min)}, {"max", rounded(s.max)}};
}

const char* measure_label_zh(Measure m) {
    switch (m) {
    case Measure::calendar_days: return "自然日";
    case Measure::working_days: return "工作日";
    case Measure::citizen_hours: return "群众耗时(小时)";
    case Measure::trips: return "跑动次数";
    case Measure::window_visits: return "窗口次数";
    case Measure::departments: return "部门数";
    case Measure::submissions: return "提交材料";
    case Measure::repeat_submissions: return "重复提交";
    case Measure::rejections: return "退回次数";
    case Measure::fees_yuan: return "费用(元)";
    }
    return "";
}

std::string fmt(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", rounded(v));
    return buf;
}
}  // namespace

ordered_json run_json(const RunResult& r) {
    ordered_json j;
    j["scenario"] = r.scenario;
    j["variant"] = r.variant;
    j["citizens"] = r.citizens;
    j["seed"] = r.seed;
    j["events"] = r.events;
    j["stuck"] = r.stuck.size();
    j["warnings"] = r.warnings;
    ordered_json measures = ordered_json::object();
    for (Measure m : kMeasures) measures[measure_key(m)] = summary_json(summarise(r.cases, m));
    j["measures"] = measures;
    j["rates"] = ordered_json{{"one_trip", rounded(one_trip_rate(r.cases))},
                              {"legal_limits_met", rounded(legal_limits_met_rate(r.cases))}};
    if (r.promised_trips >= 0) {  // 承诺兑现: only when the scenario states its promise (issue 16)
        j["rates"]["promised_limits_met"] = rounded(promised_limits_met_rate(r.cases));
        j["rates"]["promised_trips"] = rounded(promised_trips_rate(r.cases, r.promised_trips));
    }
    ordered_json depts = ordered_json::object();
    for (const auto& d : r.departments)
        depts[d.id] = ordered_json{{"mean_wait_minutes", rounded(d.mean_wait_minutes())},
                                   {"utilisation", rounded(d.utilisation())},
                                   {"overtime_hours", rounded(d.overtime_seconds / 3600)}};
    j["departments"] = depts;
    j["finished"] = r.cases.size();
    j["simulated"] = r.simulated;  // finished + stuck; equals citizens unless cut short
    return j;
}

std::string run_text(const RunResult& r, const Scenario& s) {
    std::string out;
    out += s.title + " · " + r.variant + " — " + std::to_string(r.citizens) + " 人 · 种子 " +
           std::to_string(r.seed) + " · " + std::to_string(r.events) + " events\n";
    out += "指标 measure                      mean      p50      p90      min      max\n";
    for (Measure m : kMeasures) {
        const Summary sm = summarise(r.cases, m);
        char line[256];
        std::snprintf(line, sizeof line, "%-20s %-12s %8s %8s %8s %8s %8s\n", measure_key(m),
                      measure_label_zh(m), fmt(sm.mean).c_str(), fmt(sm.p50).c_str(),
                      fmt(sm.p90).c_str(), fmt(sm.min).c_str(), fmt(sm.max).c_str());
        out += line;
    }
    out += "一次办好 one_trip: " + fmt(one_trip_rate(r.cases) * 100) + "%   法定时限内 legal_limits_met: " +
           fmt(legal_limits_met_rate(r.cases) * 100) + "%\n";
    for (const auto& d : r.departments) {
        char line[256];
        std::snprintf(line, sizeof line, "  %-24s wait %8s min  utilisation %6s%%  overtime %s h\n", d.id.c_str(),
                      fmt(d.mean_wait_minutes()).c_str(), fmt(d.utilisation() * 100).c_str(),
                      fmt(d.overtime_seconds / 3600).c_str());
        out += line;
    }
    if (!r.stuck.empty()) out += "stuck / 未办结: " + std::to_string(r.stuck.size()) + "\n";
    for (const auto& w : r.warnings) out += "warning: " + w + "\n";
    return out;
}

ordered_json compare_json(const std::vector<RunResult>& runs) {
    ordered_json j;
    if (runs.empty()) return j;
    j["scenario"] = runs.front().scenario;
    j["citizens"] = runs.front().citizens;
    j["seed"] = runs.front().seed;
    ordered_json variants = ordered_json::array();
    for (const auto& r : runs) variants.push_back(run_json(r));
    j["variants"] = variants;
    ordered_json changes = ordered_json::array();
    for (std::size_t i = 1; i < runs.size(); ++i) {
        ordered_json c;
        c["from"] = runs.front().variant;
        c["to"] = runs[i].variant;
        for (Measure m : kMeasures) {
            const Summary a = summarise(runs.front().cases, m), b = summarise(runs[i].cases, m);
            c[measure_key(m)] = ordered_json{
                {"mean", rounded(b.mean - a.mean)},
                {"mean_percent", a.mean != 0 ? rounded((b.mean - a.mean) / a.mean * 100) : 0.0},
                {"p50", rounded(b.p50 - a.p50)}};
        }
        c["one_trip"] = rounded(one_trip_rate(runs[i].cases) - one_trip_rate(runs.front().cases));
        changes.push_back(c);
    }
    j["changes"] = changes;
    return j;
}

std::string compare_text(const std::vector<RunResult>& runs, const Scenario& s) {
    std::string out;
    if (runs.empty()) return out;
    out += s.title + " — " + std::to_string(runs.front().citizens) + " 人 · 种子 " +
           std::to_string(runs.front().seed) + "\n";
    char line[512];
    std::snprintf(line, sizeof line, "%-20s", "measure (mean/p50)");
    out += line;
    for (const auto& r : runs) {
        std::snprintf(line, sizeof line, " %20s", r.variant.c_str());
        out += line;
    }
    out += "   change\n";
    for (Measure m : kMeasures) {
        std::snprintf(line, sizeof line, "%-20s", measure_key(m));
        out += line;
        Summary first;
        for (std::size_t i = 0; i < runs.size(); ++i) {
            const Summary sm = summarise(runs[i].cases, m);
            if (i == 0) first = sm;
            std::snprintf(line, sizeof line, " %10s/%-9s", fmt(sm.mean).c_str(), fmt(sm.p50).c_str());
            out += line;
        }
        if (runs.size() > 1) {
            const Summary last = summarise(runs.back().cases, m);
            const double d = last.mean - first.mean;
            std::snprintf(line, sizeof line, "   %+.2f (%s%%)", rounded(d),
                          first.mean != 0 ? fmt(d / first.mean * 100).c_str() : "–");
            out += line;
        }
        out += "\n";
    }
    return out;
}

}  // namespace peizou::scenario
