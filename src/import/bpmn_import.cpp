// BPMN 2.0 XML → draft. Elements are matched by namespace URI, never by prefix; the
// dependencies come from the sequence flows (not from incoming/outgoing children, which
// real files omit); BIMP/QBP parameters inside the file, Prosimos parameters beside it.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <set>

#include "bpmn.hpp"
#include "scenario/json_text.hpp"
#include "scenario/parse_count.hpp"
#include "scenario/scenario_read.hpp"

namespace peizou::import {

namespace {
const char* kBpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
const char* kQbp = "http://www.qbp-simulator.com/Schema201212";

std::string local_name(const pugi::xml_node& n) {
    const char* s = n.name();
    const char* c = std::strrchr(s, ':');
    return c ? c + 1 : s;
}

std::string ns_of(const pugi::xml_node& n) {
    const std::string name = n.name();
    const auto c = name.find(':');
    const std::string attr = c == std::string::npos ? "xmlns" : "xmlns:" + name.substr(0, c);
    for (pugi::xml_node p = n; p; p = p.parent())
        if (auto a = p.attribute(attr.c_str())) return a.value();
    return "";
}

bool is(const pugi::xml_node& n, const char* ns, const char* local) {
    return n.type() == pugi::node_element && local_name(n) == local && ns_of(n) == ns;
}
bool in_ns(const pugi::xml_node& n, const char* ns) {
    return n.type() == pugi::node_element && ns_of(n) == ns;
}

// An unprefixed attribute (BPMN attributes have no namespace).
std::string attr(const pugi::xml_node& n, const char* name) { return n.attribute(name).value(); }

bool utf16_to_utf8(const std::string& t, std::string& out) {
    bool le = true;
    std::size_t i = 0;
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(t[k]); };
    if (t.size() >= 2 && b(0) == 0xFF && b(1) == 0xFE) i = 2;
    else if (t.size() >= 2 && b(0) == 0xFE && b(1) == 0xFF) le = false, i = 2;
    else if (t.size() >= 2 && b(0) == 0) le = false;
    out.clear();
    for (; i + 1 < t.size(); i += 2) {
        std::uint32_t u = le ? (b(i) | b(i + 1) << 8) : (b(i) << 8 | b(i + 1));
        if (u >= 0xD800 && u < 0xDC00) {
            if (i + 3 >= t.size()) return false;
            const std::uint32_t lo = le ? (b(i + 2) | b(i + 3) << 8) : (b(i + 2) << 8 | b(i + 3));
            if (lo < 0xDC00 || lo > 0xDFFF) return false;
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            i += 2;
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            return false;
        }
        scenario::append_utf8(out, u);
    }
    return true;
}

std::string lower(std::string s) {
    for (auto& c : s) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// ISO 8601 duration (PnYnMnWnDTnHnMnS) → a Duration in the largest unit given.
bool iso_duration(const std::string& raw, Duration& d, bool& approx) {
    std::string t;
    for (char c : raw) if (c != ' ' && c != '\n' && c != '\t' && c != '\r') t += c;
    if (t.size() < 3 || t[0] != 'P') return false;
    double days = 0, seconds = 0, v = 0;
    bool time = false, any = false, has_num = false;
    double frac = 0;
    for (std::size_t i = 1; i < t.size(); ++i) {
        const char c = t[i];
        if (c == 'T') { time = true; continue; }
        if (c >= '0' && c <= '9') { if (frac > 0) v += (c - '0') * frac, frac /= 10; else v = v * 10 + (c - '0'); has_num = true; continue; }
        if (c == '.' || c == ',') { frac = 0.1; continue; }
        if (!has_num) return false;
        if (!time && c == 'Y') days += v * 365, approx = true;
        else if (!time && c == 'M') days += v * 30, approx = true;
        else if (!time && c == 'W') days += v * 7;
        else if (!time && c == 'D') days += v;
        else if (time && c == 'H') seconds += v * 3600;
        else if (time && c == 'M') seconds += v * 60;
        else if (time && c == 'S') seconds += v;
        else return false;
        v = 0, frac = 0, has_num = false, any = true;
    }
    if (!any || has_num) return false;
    d = Duration{};
    if (seconds == 0) {
        d.unit = TimeUnit::calendar_days;
        d.value = days;
    } else {
        const double minutes = days * 1440 + seconds / 60;
        if (minutes >= 1440 && std::fmod(minutes, 60) == 0) d.unit = TimeUnit::hours, d.value = minutes / 60;
        else d.value = minutes;
    }
    return true;
}

std::string fmt(double v) {
    if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
    std::string s = std::to_string(v);
    while (!s.empty() && s.back() == '0') s.pop_back();
    return s;
}

bool number(const std::string& s, double& out) {
    if (s.empty()) return false;
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end == s.c_str() || *end || !std::isfinite(v)) return false;
    out = v;
    return true;
}

// A distribution of seconds → a Duration in minutes. `how` says what was approximated.
struct Dist {
    std::string name;               // lower case: fixed, expon, exponential, norm, normal, …
    std::vector<double> p;          // parameters in seconds (variance in seconds²)
};
bool to_duration(const Dist& d, Duration& out, std::string& how_zh, std::string& how_en) {
    const auto& p = d.p;
    auto m = [](double s) { return s / 60; };
    out = Duration{};
    const std::string n = d.name;
    if ((n == "fixed" || n == "fix") && p.size() >= 1) { out.value = m(p[0]); return true; }
    if ((n == "exponential" || n == "expon") && p.size() >= 1) {
        out.dist = DistKind::exponential; out.mean = m(p[0]);
        if (p.size() >= 3 && (p[1] > 0 || p[2] > 0)) how_zh = "指数分布的上下限未建模", how_en = "the exponential's bounds are not modelled";
        return true;
    }
    if ((n == "uniform") && p.size() >= 2) { out.dist = DistKind::uniform; out.low = m(p[0]); out.high = m(p[1]); return out.low <= out.high; }
    if ((n == "triangular") && p.size() >= 3) {
        out.dist = DistKind::triangular; out.low = m(p[0]); out.mode = m(p[1]); out.high = m(p[2]);
        return out.low <= out.mode && out.mode <= out.high;
    }
    if ((n == "normal" || n == "norm") && p.size() >= 2) {
        out.dist = DistKind::normal; out.mean = m(p[0]); out.sd = m(p[1]);
        if (p.size() >= 4) how_zh = "正态分布的上下限未建模（在 0 处截断）", how_en = "the normal's bounds are not modelled (truncated at 0)";
        return out.sd >= 0;
    }
    if ((n == "lognormal" || n == "lognorm" || n == "gamma") && p.size() >= 2 && p[0] > 0 && p[1] >= 0) {
        out.dist = DistKind::lognormal; out.mean = m(p[0]); out.sd = m(std::sqrt(p[1]));
        if (out.sd > 10 * out.mean) out.sd = 10 * out.mean;
        if (n == "gamma") how_zh = "伽马分布按均值、标准差相同的对数正态分布近似", how_en = "gamma approximated by a lognormal of the same mean and spread";
        if (p.size() >= 4 && (p[2] > 0 || p[3] > 0)) {  // Prosimos [mean, variance, min, max]
            how_zh += std::string(how_zh.empty() ? "" : "；") + "上下限未建模";
            how_en += std::string(how_en.empty() ? "" : "; ") + "its bounds are not modelled";
        }
        return true;
    }
    if (!p.empty() && p[0] >= 0) {
        out.value = m(p[0]);
        how_zh = "不支持的分布 " + n + " 按其第一个参数（均值）取固定值";
        how_en = "distribution " + n + " not supported: fixed at its first parameter (the mean)";
        return true;
    }
    return false;
}

struct Node {
    std::string id, name, type;     // type: BPMN local name
    pugi::xml_node xml;
    std::string lane;               // leaf lane id
    bool step = false;              // becomes a step (task, call activity, sub-process, timer)
    std::string step_id;
    Duration timer;
    bool ext = false;               // a Peizou export: <peizou:step> gives our parameters
    Step ext_step;
};
struct Flow {
    std::string id, name, source, target;
    pugi::xml_node xml;
    bool back = false;
};

const std::set<std::string> kTasks = {"task", "userTask", "manualTask", "serviceTask", "scriptTask",
                                      "businessRuleTask", "sendTask", "receiveTask", "callActivity",
                                      "subProcess", "adHocSubProcess", "transaction"};
const std::set<std::string> kStructural = {"startEvent", "endEvent", "intermediateThrowEvent",
                                           "intermediateCatchEvent", "exclusiveGateway",
                                           "parallelGateway", "inclusiveGateway",
                                           "eventBasedGateway", "complexGateway", "boundaryEvent"};

bool citizen_lane(const std::string& name) {
    const std::string l = lower(name);
    for (const char* w : {"citizen", "applicant", "customer", "client", "申请人", "群众", "办事人", "市民", "申请单位", "企业"})
        if (l.find(w) != std::string::npos) return true;
    return false;
}

class Importer {
public:
    Importer(const std::string& utf8, ImportResult& r) : text_(utf8), index_(text_), r_(r) {}
    bool run(const std::string& params);

private:
    std::string at(const pugi::xml_node& n) const {
        const auto off = n.offset_debug();
        if (off < 0) return "";
        const auto p = index_.at(off > 0 ? static_cast<std::size_t>(off - 1) : 0);
        return std::to_string(p.line) + ":" + std::to_string(p.column);
    }
    std::string label(const pugi::xml_node& n) const {
        std::string s = local_name(n);
        if (!attr(n, "id").empty()) s += " id=" + attr(n, "id");
        if (!attr(n, "name").empty()) s += " \"" + attr(n, "name") + "\"";
        return s;
    }
    void collect(const pugi::xml_node& process);
    void lanes(const pugi::xml_node& lane_set);
    void qbp(const pugi::xml_node& info);
    void prosimos(const std::string& params);
    std::vector<std::string> task_preds(const std::string& node) const;
    std::set<std::string> reach_steps(const std::string& from) const;

    std::string text_;
    scenario::LineIndex index_;
    ImportResult& r_;
    std::vector<std::string> order_;               // node ids in document order
    std::map<std::string, Node> nodes_;
    std::vector<Flow> flows_;
    std::map<std::string, std::string> lane_names_;  // lane id → name
    std::map<std::string, std::string> lane_of_;     // node id → lane id
    std::vector<std::string> lane_order_;
    std::map<std::string, std::string> data_names_;  // data ref id → material name
    std::map<std::string, std::string> data_at_;     // data ref id → its line:column
    std::map<std::string, std::vector<std::string>> needs_, produces_;  // node → data ref ids
    // Simulation parameters.
    std::map<std::string, Duration> durations_;     // node id → service
    std::map<std::string, double> probability_;     // flow id → probability
    std::map<std::string, std::string> resource_of_; // node id → resource id
    std::map<std::string, std::pair<std::string, int>> resources_;  // id → name, amount
    std::optional<double> interarrival_;            // seconds
    std::optional<OfficeHours> hours_;
    CalendarMode mode_ = CalendarMode::working_days;
    std::map<std::string, OfficeHours> calendars_;            // Prosimos resource calendar id → hours
    std::map<std::string, std::string> resource_calendar_;    // resource id → its calendar id
    std::optional<OfficeHours> prosimos_hours(const nlohmann::ordered_json& periods, const std::string& what, const std::string& at);
    // A Peizou export's extension elements.
    struct LaneExt { std::string id; int windows = 1; bool online = false; };
    std::map<std::string, LaneExt> lane_ext_;
    std::vector<Branch> ext_branches_;
    std::set<std::string> ext_gateways_;
    void read_ext_step(const pugi::xml_node& n, Node& node);
    void read_ext_process(const pugi::xml_node& process);
};

pugi::xml_node peizou_child(const pugi::xml_node& n, const char* local) {
    for (auto e : n.children())
        if (local_name(e) == "extensionElements")
            for (auto c : e.children())
                if (is(c, kPeizouNs, local)) return c;
    return {};
}

Duration read_duration(const pugi::xml_node& d) {
    Duration out;
    parse_enum(attr(d, "dist"), out.dist);
    parse_enum(attr(d, "unit"), out.unit);
    const std::pair<const char*, double Duration::*> params[] = {{"value", &Duration::value}, {"low", &Duration::low},
        {"mode", &Duration::mode}, {"high", &Duration::high}, {"mean", &Duration::mean}, {"sd", &Duration::sd}};
    for (const auto& [k, m] : params) number(attr(d, k), out.*m);
    for (const auto& [k, list] : {std::pair{"values", &out.values}, std::pair{"weights", &out.weights}}) {
        const std::string t = attr(d, k);
        for (std::size_t i = 0; i < t.size();) {
            const std::size_t e = std::min(t.find(' ', i), t.size());
            double v = 0;
            if (number(t.substr(i, e - i), v)) list->push_back(v);
            i = e + 1;
        }
    }
    return out;
}

void Importer::read_ext_step(const pugi::xml_node& n, Node& node) {
    const auto e = peizou_child(n, "step");
    if (!e) return;
    node.ext = true;
    Step& st = node.ext_step;
    st.id = attr(e, "id");
    parse_enum(attr(e, "kind"), st.kind);
    st.department = attr(e, "department");
    st.reception = attr(e, "reception");
    number(attr(e, "reworkProbability"), st.rework_probability);
    st.rework_reason = attr(e, "reworkReason");
    st.legal_limit_days = std::atoi(attr(e, "legalLimitDays").c_str());
    st.promised_limit_days = std::atoi(attr(e, "promisedLimitDays").c_str());
    number(attr(e, "feeYuan"), st.fee_yuan);
    for (auto c : e.children()) {
        if (is(c, kPeizouNs, "service")) st.service = read_duration(c);
        if (is(c, kPeizouNs, "review")) st.review = read_duration(c);
        if (is(c, kPeizouNs, "after")) st.after.push_back(c.text().get());
    }
    r_.add(Mapping::mapped, "peizou:step " + st.id, at(e), "本程序导出的参数", "parameters exported by this program");
}

void Importer::read_ext_process(const pugi::xml_node& process) {
    for (auto e : process.children()) {
        if (local_name(e) != "extensionElements") continue;
        for (auto b : e.children()) {
            if (!is(b, kPeizouNs, "branch")) continue;
            Branch br;
            br.id = attr(b, "id");
            br.question = attr(b, "question");
            parse_enum(attr(b, "chooser"), br.chooser);
            ext_gateways_.insert(attr(b, "gateway"));
            for (auto c : b.children()) {
                if (is(c, kPeizouNs, "after")) br.after.push_back(c.text().get());
                if (!is(c, kPeizouNs, "option")) continue;
                BranchOption o;
                o.id = attr(c, "id");
                o.label = attr(c, "label");
                number(attr(c, "probability"), o.probability);
                for (auto st : c.children()) if (is(st, kPeizouNs, "step")) o.steps.push_back(st.text().get());
                br.options.push_back(o);
            }
            ext_branches_.push_back(br);
            r_.add(Mapping::mapped, "peizou:branch " + br.id, at(b), "本程序导出的分支", "a branch exported by this program");
        }
    }
}

void Importer::lanes(const pugi::xml_node& lane_set) {
    for (auto lane : lane_set.children()) {
        if (!is(lane, kBpmn, "lane")) continue;
        bool nested = false;
        for (auto child : lane.children())
            if (is(child, kBpmn, "childLaneSet")) { nested = true; lanes(child); }
        if (nested) continue;
        const std::string id = attr(lane, "id");
        lane_names_[id] = attr(lane, "name").empty() ? id : attr(lane, "name");
        if (const auto d = peizou_child(lane, "department"))
            lane_ext_[id] = {attr(d, "id"), std::atoi(attr(d, "windows").c_str()), attr(d, "online") == "true"};
        lane_order_.push_back(id);
        for (auto ref : lane.children())
            if (is(ref, kBpmn, "flowNodeRef")) lane_of_[ref.text().get()] = id;
        r_.add(Mapping::mapped, label(lane), at(lane), "泳道 → 部门", "lane → department");
    }
}


void Importer::collect(const pugi::xml_node& process) {
    for (auto n : process.children()) {
        if (n.type() != pugi::node_element) continue;
        const std::string type = local_name(n);
        if (!in_ns(n, kBpmn)) {
            if (type == "extensionElements") continue;
            r_.add(Mapping::ignored, label(n), at(n), "不是 BPMN 元素", "not a BPMN element");
            continue;
        }
        const std::string id = attr(n, "id");
        if (type == "laneSet") { lanes(n); continue; }
        if (type == "extensionElements" || type == "documentation" || type == "ioSpecification" ||
            type == "property")
            continue;
        if (type == "sequenceFlow") {
            flows_.push_back({id, attr(n, "name"), attr(n, "sourceRef"), attr(n, "targetRef"), n, false});
            continue;
        }
        if (type == "dataObjectReference" || type == "dataStoreReference") {
            std::string name = attr(n, "name");
            if (name.empty()) {
                const std::string ref = attr(n, type == "dataObjectReference" ? "dataObjectRef" : "dataStoreRef");
                for (auto o : process.parent().children())
                    if (attr(o, "id") == ref) name = attr(o, "name");
                for (auto o : process.children())
                    if (attr(o, "id") == ref) name = attr(o, "name");
            }
            data_names_[id] = name.empty() ? id : name;
            data_at_[id] = at(n);
            continue;
        }
        if (type == "dataObject" || type == "dataStore") continue;  // named through their references
        if (kTasks.count(type) || kStructural.count(type)) {
            Node node{id, attr(n, "name"), type, n, "", false, "", {}, false, {}};
            read_ext_step(n, node);
            if (kTasks.count(type)) {
                node.step = true;
                for (auto c : n.children()) {
                    if (is(c, kBpmn, "dataInputAssociation"))
                        for (auto s : c.children())
                            if (is(s, kBpmn, "sourceRef")) needs_[id].push_back(s.text().get());
                    if (is(c, kBpmn, "dataOutputAssociation"))
                        for (auto s : c.children())
                            if (is(s, kBpmn, "targetRef")) produces_[id].push_back(s.text().get());
                }
                if (type == "subProcess" || type == "adHocSubProcess" || type == "transaction") {
                    int inner = 0;
                    for (auto c : n.children()) inner += kTasks.count(local_name(c)) > 0;
                    if (inner)
                        r_.add(Mapping::approximated, label(n), at(n),
                               "子流程（含 " + std::to_string(inner) + " 个任务）作为一个步骤",
                               "sub-process (with " + std::to_string(inner) + " tasks) as one step");
                }
            }
            if (type == "intermediateCatchEvent") {
                for (auto def : n.children()) {
                    if (!is(def, kBpmn, "timerEventDefinition")) continue;
                    auto dur = def.find_child([](pugi::xml_node c) { return local_name(c) == "timeDuration"; });
                    bool approx = false;
                    if (dur && iso_duration(dur.text().get(), node.timer, approx)) {
                        node.step = true;
                        r_.add(approx ? Mapping::approximated : Mapping::mapped, label(n), at(n),
                               std::string("定时事件 ") + dur.text().get() + " → 审查等待" + (approx ? "（年按 365 天、月按 30 天）" : ""),
                               std::string("timer ") + dur.text().get() + " → a review wait" + (approx ? " (a year as 365 days, a month as 30)" : ""));
                    } else {
                        r_.add(Mapping::ignored, label(n), at(n), "定时事件没有可读的 ISO 8601 时长（timeDuration），当作直接通过",
                               "timer without a readable ISO 8601 timeDuration: passed through at once");
                    }
                }
            }
            if (type == "boundaryEvent")
                r_.add(Mapping::ignored, label(n), at(n), "边界事件未建模：所附任务按不发生该事件办理，其后的异常路径不计",
                       "boundary event not modelled: the task runs as if it never occurs; its exception path is left out");
            if (type == "inclusiveGateway")
                r_.add(Mapping::approximated, label(n), at(n), "包容网关按并行网关处理：每条路径都走",
                       "inclusive gateway treated as parallel: every path runs");
            if (type == "eventBasedGateway")
                r_.add(Mapping::approximated, label(n), at(n), "事件网关按排他网关处理", "event-based gateway treated as exclusive");
            if (type == "complexGateway")
                r_.add(Mapping::approximated, label(n), at(n), "复杂网关按并行网关处理", "complex gateway treated as parallel");
            nodes_[id] = node;
            order_.push_back(id);
            continue;
        }
        r_.add(Mapping::ignored, label(n), at(n), "这种元素不影响办理流程", "this kind of element does not change the process");
    }
}

void Importer::qbp(const pugi::xml_node& info) {
    r_.add(Mapping::mapped, "qbp:processSimulationInfo", at(info), "BIMP/QBP 仿真参数（时间单位一律为秒）",
           "BIMP/QBP simulation parameters (values in seconds whatever timeUnit says)");
    auto dist_of = [&](const pugi::xml_node& d, Dist& out) {
        out.name = lower(attr(d, "type"));
        double mean = NAN, a1 = NAN, a2 = NAN;
        number(attr(d, "mean"), mean), number(attr(d, "arg1"), a1), number(attr(d, "arg2"), a2);
        if (out.name == "exponential") {
            // BIMP keeps the mean in arg1; some exporters fill `mean` too: the number over NaN.
            const bool use_arg = !std::isnan(a1) && a1 > 0;
            out.p = {use_arg ? a1 : mean};
            r_.add(Mapping::approximated, "qbp:durationDistribution", at(d),
                   std::string("指数分布均值取 ") + (use_arg ? "arg1" : "mean") + " = " + fmt(out.p[0]) + " 秒",
                   std::string("exponential mean from ") + (use_arg ? "arg1" : "mean") + " = " + fmt(out.p[0]) + " s");
        } else if (out.name == "uniform") out.p = {a1, a2};
        else if (out.name == "triangular") out.p = {a1, mean, a2};
        else if (out.name == "normal") out.p = {mean, a1};
        else if (out.name == "log-normal" || out.name == "lognormal") out.name = "lognormal", out.p = {mean, a1};
        else if (out.name == "gamma") out.p = {mean, a1};
        else out.p = {mean};
        for (double v : out.p) if (std::isnan(v)) return false;
        return true;
    };
    for (auto part : info.children()) {
        const std::string kind = local_name(part);
        if (kind == "arrivalRateDistribution") {
            Dist d;
            auto dd = part.find_node([](pugi::xml_node c) { return local_name(c) == "distribution"; });
            if (!dd) dd = part;
            if (dist_of(dd, d) && !d.p.empty() && d.p[0] > 0) {
                interarrival_ = d.name == "triangular" ? d.p[1] : d.p[0];
                r_.add(Mapping::approximated, "qbp:arrivalRateDistribution", at(part),
                       "到达间隔均值 " + fmt(*interarrival_) + " 秒 → 每个工作日到达人数",
                       "mean inter-arrival time " + fmt(*interarrival_) + " s → arrivals per working day");
            }
        } else if (kind == "timetables") {
            for (auto tt : part.children()) {
                if (attr(tt, "default") != "true") continue;
                for (auto rule : tt.find_child([](pugi::xml_node c) { return local_name(c) == "rules"; }).children()) {
                    const std::string from = attr(rule, "fromTime").substr(0, 5), to = attr(rule, "toTime").substr(0, 5);
                    const int fh = std::atoi(from.c_str()), fm = from.size() == 5 ? std::atoi(from.c_str() + 3) : 0;
                    const int th = std::atoi(to.c_str()), tm = to.size() == 5 ? std::atoi(to.c_str() + 3) : 0;
                    Seconds a = fh * kHour + fm * kMinute, b = th * kHour + tm * kMinute;
                    if (b == 23 * kHour + 59 * kMinute) b = kDay;
                    if (b <= a) continue;
                    if (!hours_) hours_ = OfficeHours{};
                    if (!hours_->intervals.empty() && a < hours_->intervals.back().second) continue;
                    hours_->intervals.push_back({a, b});
                    const std::string days = attr(rule, "fromWeekDay") + "-" + attr(rule, "toWeekDay");
                    if (days == "MONDAY-SUNDAY") mode_ = CalendarMode::calendar_days;
                    r_.add(days == "MONDAY-FRIDAY" || days == "MONDAY-SUNDAY" ? Mapping::mapped : Mapping::approximated,
                           "qbp:rule " + attr(rule, "name"), at(rule), "工作时间 " + from + "–" + to + "（" + days + "）",
                           "office hours " + from + "–" + to + " (" + days + ")");
                }
            }
        } else if (kind == "resources") {
            for (auto res : part.children())
                resources_[attr(res, "id")] = {attr(res, "name"), std::atoi(attr(res, "totalAmount").c_str())};
        } else if (kind == "elements") {
            for (auto el : part.children()) {
                const std::string id = attr(el, "elementId");
                for (auto c : el.children()) {
                    if (local_name(c) == "durationDistribution") {
                        Dist d;
                        Duration out;
                        std::string zh, en;
                        if (dist_of(c, d) && to_duration(d, out, zh, en)) {
                            durations_[id] = out;
                            if (!zh.empty()) r_.add(Mapping::approximated, "qbp:element " + id, at(c), zh, en);
                        } else {
                            r_.add(Mapping::ignored, "qbp:element " + id, at(c), "读不出时长分布", "duration distribution not readable");
                        }
                    }
                    if (local_name(c) == "resourceIds")
                        for (auto rid : c.children()) resource_of_[id] = rid.text().get();
                }
            }
        } else if (kind == "sequenceFlows") {
            for (auto f : part.children()) {
                double p = 0;
                if (number(attr(f, "executionProbability"), p)) probability_[attr(f, "elementId")] = p;
            }
        } else if (kind == "variables" || kind == "statsOptions" || kind == "errors" || kind == "casePriorities") {
            if (part.first_child())
                r_.add(Mapping::ignored, "qbp:" + kind, at(part), "未建模", "not modelled");
        }
    }
}

// Prosimos calendar entries {from, to, beginTime, endTime} → the office hours of a working
// day (the union of the entries' times). Monday–Friday entries map; a weekend day, an
// overnight period (split at midnight) and hours of only some weekdays (taken for every
// working day) are approximated, each reported with its reason.
std::optional<OfficeHours> Importer::prosimos_hours(const nlohmann::ordered_json& periods, const std::string& what,
                                                    const std::string& at) {
    static const char* kDays[] = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"};
    auto day = [](const nlohmann::ordered_json& o, const char* key) {
        const std::string d = o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : "";
        for (int i = 0; i < 7; ++i) if (d == kDays[i]) return i;
        return -1;
    };
    auto clock = [](const nlohmann::ordered_json& o, const char* key, Seconds& out) {
        if (!o.contains(key) || !o[key].is_string()) return false;
        const std::string t = o[key].get<std::string>();
        int h = 0, m = 0, sec = 0;
        if (std::sscanf(t.c_str(), "%d:%d:%d", &h, &m, &sec) < 2 || h < 0 || h > 24 || m < 0 || m > 59 || sec < 0 || sec > 59) return false;
        out = h * kHour + m * kMinute + sec;
        if (out >= 23 * kHour + 59 * kMinute) out = kDay;  // 23:59:59 / 24:00: to the end of the day
        return out <= kDay;
    };
    auto hm = [](Seconds v) { return scenario::format_clock(v); };
    std::vector<std::pair<Seconds, Seconds>> all;
    if (!periods.is_array()) return std::nullopt;
    for (std::size_t i = 0; i < periods.size(); ++i) {
        const auto& e = periods[i];
        const std::string where = at + "/" + std::to_string(i);
        const int from = e.is_object() ? day(e, "from") : -1, to = e.is_object() ? day(e, "to") : -1;
        Seconds b = 0, en = 0;
        if (from < 0 || to < 0 || !clock(e, "beginTime", b) || !clock(e, "endTime", en) || b == en) {
            r_.add(Mapping::ignored, what, where, "读不出日历条目（from、to、beginTime、endTime）",
                   "calendar entry not readable (from, to, beginTime, endTime)");
            continue;
        }
        std::set<int> days;
        for (int d = from;; d = (d + 1) % 7) { days.insert(d); if (d == to) break; }
        int weekdays = 0;
        for (int d = 0; d < 5; ++d) weekdays += days.count(d) > 0;
        const std::string span = std::string(kDays[from]) + "–" + kDays[to] + " " + hm(b) + "–" + hm(en);
        if (weekdays == 0) {
            r_.add(Mapping::ignored, what, where, span + "：周末办公未建模（只办工作日）",
                   span + ": weekend opening not modelled (working days only)");
            continue;
        }
        std::string zh, en_why;
        if (en < b) {
            all.push_back({b, kDay});
            if (en > 0) all.push_back({0, en});
            zh += "跨午夜的时段在午夜拆开", en_why += "the overnight period split at midnight";
        } else {
            all.push_back({b, en});
        }
        if (weekdays < 5) {
            zh += std::string(zh.empty() ? "" : "；") + "只在部分工作日的时间按每个工作日计";
            en_why += std::string(en_why.empty() ? "" : "; ") + "hours of some weekdays only, taken for every working day";
        }
        if (days.count(5) || days.count(6)) {
            zh += std::string(zh.empty() ? "" : "；") + "周末办公未建模（只办工作日）";
            en_why += std::string(en_why.empty() ? "" : "; ") + "weekend opening not modelled (working days only)";
        }
        r_.add(zh.empty() ? Mapping::mapped : Mapping::approximated, what, where,
               "办公时间 " + span + (zh.empty() ? "" : "：" + zh), "office hours " + span + (en_why.empty() ? "" : ": " + en_why));
    }
    if (all.empty()) return std::nullopt;
    return normalised(OfficeHours{all});  // overlapping periods merged, as the calendar would
}

void Importer::prosimos(const std::string& params) {
    ++scenario::parse_count().json;
    const auto j = nlohmann::ordered_json::parse(params, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        r_.add(Mapping::ignored, "--params", "", "Prosimos 参数文件不是 JSON 对象，未使用", "the Prosimos parameters are not a JSON object; not used");
        return;
    }
    auto dist = [](const nlohmann::ordered_json& o, Dist& d) {
        if (!o.is_object() || !o.contains("distribution_name") || !o["distribution_name"].is_string()) return false;
        d.name = lower(o["distribution_name"].get<std::string>());
        if (o.contains("distribution_params") && o["distribution_params"].is_array())
            for (const auto& p : o["distribution_params"])
                if (p.is_object() && p.contains("value") && p["value"].is_number()) d.p.push_back(p["value"].get<double>());
        // Prosimos: uniform [min, max] = ours; expon [mean, min, max]; norm [mean, sd, min, max];
        // lognorm and gamma [mean, variance, min, max].
        return !d.p.empty();
    };
    // The keys in sorted order, whatever the file's: the report's rows and which setting is
    // read first do not depend on how a tool wrote the file.
    std::vector<std::string> keys;
    for (const auto& item : j.items()) keys.push_back(item.key());
    std::sort(keys.begin(), keys.end());
    for (const std::string& key : keys) {
        const auto& value = j[key];
        const std::string at = "/" + key;
        if (key == "arrival_time_distribution") {
            Dist d;
            if (dist(value, d) && d.p[0] > 0) {
                interarrival_ = d.name == "uniform" && d.p.size() >= 2 ? (d.p[0] + d.p[1]) / 2 : d.p[0];
                r_.add(Mapping::approximated, key, at, "到达间隔均值 " + fmt(*interarrival_) + " 秒 → 每个工作日到达人数",
                       "mean inter-arrival time " + fmt(*interarrival_) + " s → arrivals per working day");
            }
        } else if (key == "task_resource_distribution" && value.is_array()) {
            for (std::size_t i = 0; i < value.size(); ++i) {
                const auto& t = value[i];
                if (!t.is_object() || !t.contains("task_id") || !t["task_id"].is_string() || !t.contains("resources") ||
                    !t["resources"].is_array() || t["resources"].empty())
                    continue;
                Dist d;
                Duration out;
                std::string zh, en;
                const auto& first = t["resources"][0];
                if (dist(first, d) && to_duration(d, out, zh, en)) {
                    const std::string id = t["task_id"].get<std::string>();
                    durations_[id] = out;
                    if (first.contains("resource_id") && first["resource_id"].is_string())
                        resource_of_[id] = first["resource_id"].get<std::string>();
                    const std::string where = at + "/" + std::to_string(i);
                    r_.add(zh.empty() ? Mapping::mapped : Mapping::approximated, "task " + id, where,
                           zh.empty() ? "办理时长（第一个资源的分布）" : zh,
                           en.empty() ? "service time (the first resource's distribution)" : en);
                }
            }
        } else if (key == "gateway_branching_probabilities" && value.is_array()) {
            for (const auto& g : value)
                if (g.is_object() && g.contains("probabilities") && g["probabilities"].is_array())
                    for (const auto& p : g["probabilities"])
                        if (p.is_object() && p.contains("path_id") && p["path_id"].is_string() && p.contains("value") &&
                            p["value"].is_number())
                            probability_[p["path_id"].get<std::string>()] = p["value"].get<double>();
            r_.add(Mapping::mapped, key, at, "分支概率", "branch probabilities");
        } else if (key == "resource_profiles" && value.is_array()) {
            for (const auto& prof : value)
                if (prof.is_object() && prof.contains("resource_list") && prof["resource_list"].is_array())
                    for (const auto& res : prof["resource_list"])
                        if (res.is_object() && res.contains("id") && res["id"].is_string()) {
                            const int amount = res.contains("amount") && res["amount"].is_number_integer() ? res["amount"].get<int>() : 1;
                            resources_[res["id"].get<std::string>()] = {res.value("name", std::string()), amount};
                            if (res.contains("calendar") && res["calendar"].is_string())
                                resource_calendar_[res["id"].get<std::string>()] = res["calendar"].get<std::string>();
                        }
            r_.add(Mapping::approximated, key, at, "资源数 → 窗口数；资源日历 → 部门办公时间", "resource amounts → windows; resource calendars → the departments' office hours");
        } else if (key == "arrival_time_calendar") {
            // The citizens arrive in these hours: the scenario's office hours.
            if (auto h = prosimos_hours(value, key, at)) hours_ = *h, mode_ = CalendarMode::working_days;
        } else if (key == "resource_calendars" && value.is_array()) {
            for (std::size_t i = 0; i < value.size(); ++i) {
                const auto& c = value[i];
                if (!c.is_object() || !c.contains("id") || !c["id"].is_string() || !c.contains("time_periods")) continue;
                const std::string id = c["id"].get<std::string>();
                if (auto h = prosimos_hours(c["time_periods"], "calendar " + id, at + "/" + std::to_string(i) + "/time_periods"))
                    calendars_[id] = *h;
            }
        } else if (key == "event_distribution" && value.is_array()) {
            // An intermediate event's duration → a review step that waits that long.
            for (std::size_t i = 0; i < value.size(); ++i) {
                const auto& e = value[i];
                const std::string where = at + "/" + std::to_string(i);
                const std::string id = e.is_object() && e.contains("event_id") && e["event_id"].is_string() ? e["event_id"].get<std::string>() : "";
                Dist d;
                Duration out;
                std::string zh, en;
                auto it = nodes_.find(id);
                if (it == nodes_.end() || it->second.type != "intermediateCatchEvent") {
                    r_.add(Mapping::ignored, "event " + id, where, "不是流程中的中间捕获事件，未使用", "not an intermediate catch event of the process; not used");
                } else if (!dist(e, d) || !to_duration(d, out, zh, en)) {
                    r_.add(Mapping::ignored, "event " + id, where, "读不出时长分布", "duration distribution not readable");
                } else {
                    const bool had = it->second.step;
                    it->second.step = true;
                    it->second.timer = out;
                    r_.add(zh.empty() ? Mapping::mapped : Mapping::approximated, "event " + id, where,
                           std::string("事件时长 → 审查等待") + (had ? "（取代流程图中的定时）" : "") + (zh.empty() ? "" : "；" + zh),
                           std::string("event duration → a review wait") + (had ? " (replaces the diagram's timer)" : "") + (en.empty() ? "" : "; " + en));
                }
            }
        } else {
            r_.add(Mapping::ignored, key, at, "未建模", "not modelled");
        }
    }
}

// The nearest steps before `node`, walking back through gateways and events (back flows skipped).
std::vector<std::string> Importer::task_preds(const std::string& node) const {
    std::set<std::string> seen{node}, found;
    std::vector<std::string> stack{node};
    while (!stack.empty()) {
        const std::string n = stack.back();
        stack.pop_back();
        for (const auto& f : flows_) {
            if (f.back || f.target != n || !nodes_.count(f.source) || !seen.insert(f.source).second) continue;
            if (nodes_.at(f.source).step) found.insert(f.source);
            else stack.push_back(f.source);
        }
    }
    std::vector<std::string> out;
    for (const auto& id : order_) if (found.count(id)) out.push_back(id);
    return out;
}

// Steps reachable from `from` (itself included) along forward flows.
std::set<std::string> Importer::reach_steps(const std::string& from) const {
    std::set<std::string> seen{from}, out;
    std::vector<std::string> stack{from};
    while (!stack.empty()) {
        const std::string n = stack.back();
        stack.pop_back();
        if (nodes_.count(n) && nodes_.at(n).step) out.insert(n);
        for (const auto& f : flows_)
            if (!f.back && f.source == n && seen.insert(f.target).second) stack.push_back(f.target);
    }
    return out;
}

bool Importer::run(const std::string& params) {
    pugi::xml_document doc;
    ++scenario::parse_count().xml;
    const auto res = doc.load_buffer(text_.data(), text_.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!res) {
        const auto p = index_.at(static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, res.offset)));
        r_.error(std::to_string(p.line) + ":" + std::to_string(p.column),
                 std::string("XML 格式错误：") + res.description(), std::string("malformed XML: ") + res.description());
        return false;
    }
    const pugi::xml_node root = doc.document_element();
    if (!is(root, kBpmn, "definitions")) {
        r_.error(at(root), "不是 BPMN 2.0：根元素应是命名空间 " + std::string(kBpmn) + " 中的 definitions",
                 "not BPMN 2.0: the root must be definitions in the namespace " + std::string(kBpmn));
        return false;
    }
    // One pool: the process with the most tasks; the others reported.
    std::map<std::string, std::string> participant;  // processRef → participant name
    pugi::xml_node process, info;
    int best = -1;
    for (auto c : root.children()) {
        if (is(c, kBpmn, "collaboration")) {
            for (auto p : c.children()) {
                if (is(p, kBpmn, "participant")) participant[attr(p, "processRef")] = attr(p, "name");
                if (is(p, kBpmn, "messageFlow"))
                    r_.add(Mapping::ignored, label(p), at(p), "消息流未建模（只取一个池）", "message flow not modelled (one pool is taken)");
            }
        }
        if (is(c, kQbp, "processSimulationInfo")) info = c;
        if (!is(c, kBpmn, "process")) continue;
        int tasks = 0;
        for (auto n : c.children()) tasks += kTasks.count(local_name(n)) > 0;
        if (tasks > best) best = tasks, process = c;
    }
    if (!process) {
        r_.error(at(root), "文件中没有流程（process）", "the file has no process");
        return false;
    }
    for (auto c : root.children())
        if (is(c, kBpmn, "process") && c != process)
            r_.add(Mapping::ignored, label(c), at(c), "只导入任务最多的一个池", "only the pool with the most tasks is imported");
    for (auto c : process.children())
        if (local_name(c) == "extensionElements")
            for (auto e : c.children())
                if (is(e, kQbp, "processSimulationInfo")) info = e;

    collect(process);
    read_ext_process(process);
    if (info) qbp(info);
    if (!params.empty()) prosimos(params);

    // Flows between known nodes only.
    std::vector<Flow> kept;
    for (const auto& f : flows_) {
        if (nodes_.count(f.source) && nodes_.count(f.target)) kept.push_back(f);
        else r_.add(Mapping::ignored, "sequenceFlow id=" + f.id, at(f.xml), "连接的元素不在流程中", "connects elements outside the process");
    }
    flows_ = kept;
    // Nodes reached only through boundary events are left out.
    {
        std::set<std::string> reached;
        std::vector<std::string> stack;
        for (const auto& id : order_) {
            bool incoming = false;
            for (const auto& f : flows_) incoming = incoming || f.target == id;
            if (!incoming && nodes_[id].type != "boundaryEvent") stack.push_back(id), reached.insert(id);
        }
        while (!stack.empty()) {
            const std::string n = stack.back();
            stack.pop_back();
            for (const auto& f : flows_)
                if (f.source == n && reached.insert(f.target).second) stack.push_back(f.target);
        }
        std::vector<std::string> order;
        for (const auto& id : order_) {
            if (reached.count(id)) { order.push_back(id); continue; }
            if (nodes_[id].step)
                r_.add(Mapping::ignored, label(nodes_[id].xml), at(nodes_[id].xml), "只能经边界事件到达，未导入",
                       "reached only through a boundary event; not imported");
            nodes_.erase(id);
        }
        order_ = order;
        kept.clear();
        for (const auto& f : flows_) if (nodes_.count(f.source) && nodes_.count(f.target)) kept.push_back(f);
        flows_ = kept;
    }
    // Back flows: depth-first from the nodes without incoming flows, in document order.
    {
        std::map<std::string, int> state;  // 0 new, 1 on the stack, 2 done
        for (const auto& start : order_) {
            if (state[start]) continue;
            std::vector<std::pair<std::string, std::size_t>> stack{{start, 0}};
            state[start] = 1;
            while (!stack.empty()) {
                auto& [n, next] = stack.back();
                bool pushed = false;
                for (; next < flows_.size(); ++next) {
                    Flow& f = flows_[next];
                    if (f.source != n) continue;
                    if (state[f.target] == 1) { f.back = true; continue; }
                    if (state[f.target] == 0) {
                        state[f.target] = 1;
                        ++next;
                        stack.push_back({f.target, 0});
                        pushed = true;
                        break;
                    }
                }
                if (!pushed) { state[stack.back().first] = 2; stack.pop_back(); }
            }
        }
    }
    // A loop with no exit: a node from which no end (a node without outgoing flows) is reachable.
    {
        std::set<std::string> ends;
        std::vector<std::string> stack;
        for (const auto& id : order_) {
            bool out = false;
            for (const auto& f : flows_) out = out || f.source == id;
            if (!out) ends.insert(id), stack.push_back(id);
        }
        while (!stack.empty()) {
            const std::string n = stack.back();
            stack.pop_back();
            for (const auto& f : flows_)
                if (f.target == n && ends.insert(f.source).second) stack.push_back(f.source);
        }
        for (const auto& id : order_) {
            if (ends.count(id)) continue;
            r_.error(at(nodes_[id].xml), "循环没有出口：从“" + (nodes_[id].name.empty() ? id : nodes_[id].name) + "”永远走不到结束",
                     "a loop with no exit: from \"" + (nodes_[id].name.empty() ? id : nodes_[id].name) + "\" no end is ever reached");
            return false;
        }
    }

    struct Rework { std::string gate; double p; std::string reason; };
    std::vector<Rework> reworks;
    // Back flows (補正 loops) → rework on the steps before the gateway that sends the case
    // back; the steps on the way back (the citizen's correction) fold into that rework.
    for (std::size_t bi = 0; bi < flows_.size(); ++bi) {
        if (!flows_[bi].back || !nodes_.count(flows_[bi].source)) continue;
        const Flow back = flows_[bi];
        // The loop's body: reachable from the target and reaching the source, forward flows only.
        std::set<std::string> from_v{back.target}, to_u{back.source};
        for (bool grew = true; grew;) {
            grew = false;
            for (const auto& f : flows_) {
                if (f.back) continue;
                if (from_v.count(f.source) && from_v.insert(f.target).second) grew = true;
                if (to_u.count(f.target) && to_u.insert(f.source).second) grew = true;
            }
        }
        std::set<std::string> body;
        for (const auto& id : from_v) if (to_u.count(id)) body.insert(id);
        // The gateway that decides: an exclusive gateway of the body with a flow out of it.
        std::string gate;
        for (const auto& id : order_) {
            if (!body.count(id) || (nodes_[id].type != "exclusiveGateway" && nodes_[id].type != "eventBasedGateway")) continue;
            for (const auto& f : flows_) if (!f.back && f.source == id && !body.count(f.target)) gate = id;
        }
        if (gate.empty()) {
            r_.error(at(back.xml), "循环没有出口：没有从循环中出去的排他网关", "a loop with no exit: no exclusive gateway leads out of it");
            return false;
        }
        // The flows from the gateway back into the loop, and the steps on them.
        double p = 0;
        bool given = true;
        std::set<std::string> folded;
        for (auto& f : flows_) {
            const bool into = f.source == gate && (body.count(f.target) || &f == &flows_[bi]);
            if (!into) continue;
            if (probability_.count(f.id)) p += probability_[f.id];
            else given = false;
            f.back = true;
            std::vector<std::string> stack{f.target};
            while (!stack.empty()) {
                const std::string n = stack.back();
                stack.pop_back();
                if (n == back.target || !body.count(n) || !folded.insert(n).second) continue;
                for (const auto& g : flows_) if (g.source == n) stack.push_back(g.target);
            }
        }
        if (!given) p = 0.2;
        if (p >= 1) {
            r_.error(at(back.xml), "循环没有出口：退回的概率是 1", "a loop with no exit: the flow back is always taken");
            return false;
        }
        std::string folded_names;
        for (const auto& id : order_) {
            if (!folded.count(id) || !nodes_[id].step) continue;
            nodes_[id].step = false;
            folded_names += (folded_names.empty() ? "" : "、") + (nodes_[id].name.empty() ? id : nodes_[id].name);
            r_.add(Mapping::approximated, label(nodes_[id].xml), at(nodes_[id].xml), "退回路上的步骤并入补正（重办）",
                   "a step on the way back folds into the rework");
        }
        const Node& g = nodes_[gate];
        const std::string target = nodes_[back.target].name.empty() ? back.target : nodes_[back.target].name;
        std::string reason = !g.name.empty() ? g.name : !back.name.empty() ? back.name : "退回：" + target;
        for (const auto& f : flows_) if (f.source == gate && f.back && !f.name.empty()) reason = f.name;
        reworks.push_back({gate, std::min(0.95, p), reason});
        if (!given)
            r_.assume("rework_probability", at(back.xml), "退回到“" + target + "”的概率取 0.2", "the flow back to \"" + target + "\" taken with probability 0.2");
        r_.add(Mapping::approximated, "sequenceFlow id=" + back.id, at(back.xml),
               "退回到前面的“" + target + "”按补正处理：网关前的步骤以概率 " + fmt(p) + " 重办",
               "the flow back to \"" + target + "\" as rework (补正): the steps before the gateway are redone with probability " + fmt(p));
    }
    Scenario& s = r_.draft;
    std::string title = attr(process, "name");
    if (title.empty()) title = participant[attr(process, "id")];
    if (title.empty()) title = attr(root, "name");
    if (title.empty()) title = "导入的 BPMN 流程";
    s.id = make_id(attr(process, "id"), "bpmn");
    s.title = title;
    s.illustrative = true;
    s.sources.push_back({"", "BPMN 2.0: " + title + (attr(root, "exporter").empty() ? "" : " (" + attr(root, "exporter") + ")"),
                         "流程结构（任务、顺序流、网关、泳道）"});
    s.start = default_start();
    r_.assume("start", "", "出发时间取 2025-09-01（星期一）9:00", "the citizen sets out on Monday 2025-09-01 at 9:00");
    if (hours_) {
        s.office_hours = *hours_;
        s.calendar_mode = mode_;
    } else {
        r_.assume("office_hours", "", "办公时间取工作日 9:00–12:00、13:30–17:00", "office hours: working days 9:00–12:00, 13:30–17:00");
    }
    if (interarrival_) {
        const double per_day = static_cast<double>(s.office_hours.seconds_per_day()) / *interarrival_;
        s.arrivals_per_working_day = std::min(100000.0, std::max(0.01, std::round(per_day * 100) / 100));
    } else {
        r_.assume("arrivals_per_working_day", "", "每个工作日 10 名办事人", "10 citizens per working day");
    }
    s.places.push_back({"home", "申请人住所", "Applicant's home", 0});
    s.places.push_back({"hall", "办事大厅", "Service hall", 30});
    r_.assume("travel_minutes", "", "从住所到办事大厅单程 30 分钟", "30 minutes one way from home to the hall");

    // Departments: one per lane (a citizen lane: the citizen's own work), or the pool.
    std::map<std::string, std::string> dept_of_lane;
    std::set<std::string> dept_ids;
    auto add_dept = [&](const std::string& key, const std::string& name, bool citizen) {
        Department d;
        d.id = lane_ext_.count(key) ? lane_ext_[key].id : make_id(name, make_id(key, "dept"));
        while (dept_ids.count(d.id)) d.id += "_";
        dept_ids.insert(d.id);
        d.name = name;
        d.place = citizen ? "home" : "hall";
        d.windows = citizen ? 0 : 1;
        d.online = citizen;
        if (lane_ext_.count(key)) d.windows = lane_ext_[key].windows, d.online = lane_ext_[key].online;
        s.departments.push_back(d);
        dept_of_lane[key] = d.id;
    };
    std::string pool_dept;
    for (const auto& lane : lane_order_) {
        bool used = false;
        for (const auto& id : order_) used = used || (nodes_[id].step && lane_of_[id] == lane);
        if (used || lane_ext_.count(lane)) add_dept(lane, lane_names_[lane], citizen_lane(lane_names_[lane]) && !lane_ext_.count(lane));
    }
    auto resource_name = [&](const std::string& node) -> std::string {
        auto it = resource_of_.find(node);
        if (it == resource_of_.end() || !resources_.count(it->second)) return "";
        return resources_[it->second].first;
    };
    for (const auto& id : order_) {
        Node& n = nodes_[id];
        n.lane = lane_of_.count(id) ? lane_of_[id] : "";
        if (!n.step || dept_of_lane.count(n.lane)) continue;
        // No lane: the pool's department, or the QBP/Prosimos resource's.
        const std::string res = resource_name(id);
        const std::string key = res.empty() ? "" : "res:" + res;
        n.lane = key;
        if (!dept_of_lane.count(key)) {
            std::string name = res;
            if (name.empty()) name = participant[attr(process, "id")];
            if (name.empty()) name = title;
            add_dept(key, name, !res.empty() && citizen_lane(res));
            if (res.empty())
                r_.add(Mapping::approximated, label(process), at(process), "没有泳道的任务归入一个以池命名的部门",
                       "tasks outside lanes go to one department named after the pool");
        }
    }
    if (s.departments.empty()) {
        r_.error(at(process), "流程中没有任务，无法起草步骤", "the process has no task to draft a step from");
        return false;
    }
    // Windows: the largest resource amount among a department's tasks.
    std::map<std::string, int> windows;
    for (const auto& id : order_) {
        const Node& n = nodes_[id];
        auto it = resource_of_.find(id);
        if (!n.step || it == resource_of_.end() || !resources_.count(it->second)) continue;
        int& w = windows[dept_of_lane[n.lane]];
        w = std::max(w, std::min(1000, resources_[it->second].second));
    }
    // Office hours: the Prosimos calendar of the resources a department's tasks use (the
    // first one when its tasks use several), when it differs from the scenario's.
    std::map<std::string, std::string> dept_calendar;
    for (const auto& id : order_) {
        const Node& n = nodes_[id];
        auto res = resource_of_.find(id);
        if (!n.step || res == resource_of_.end() || !resource_calendar_.count(res->second)) continue;
        const std::string cal = resource_calendar_[res->second], dept = dept_of_lane[n.lane];
        if (!calendars_.count(cal)) continue;
        if (!dept_calendar.count(dept)) dept_calendar[dept] = cal;
        else if (calendars_[dept_calendar[dept]] != calendars_[cal])
            r_.add(Mapping::approximated, "calendar " + cal, "/resource_calendars",
                   "部门“" + dept + "”的任务用了几个日历：取第一个（" + dept_calendar[dept] + "）",
                   "the tasks of department \"" + dept + "\" use several calendars: the first (" + dept_calendar[dept] + ") taken");
    }
    for (auto& d : s.departments) {
        if (!dept_calendar.count(d.id)) continue;
        const OfficeHours& h = calendars_[dept_calendar[d.id]];
        if (h != s.office_hours) d.hours = h;
        r_.add(Mapping::mapped, "calendar " + dept_calendar[d.id], "/resource_calendars",
               "部门“" + d.name + "”的办公时间", "the office hours of department \"" + d.name + "\"");
    }
    std::vector<std::string> default_windows;
    for (auto& d : s.departments) {
        bool ext = false;
        for (const auto& [k, e] : lane_ext_) ext = ext || e.id == d.id;
        if (d.place == "home" || ext) continue;
        if (windows[d.id] > 0) d.windows = windows[d.id];
        else default_windows.push_back(d.name);
    }
    if (!default_windows.empty()) {
        std::string names;
        for (const auto& n : default_windows) names += (names.empty() ? "" : "、") + n;
        r_.assume("windows", "", names + "：各 1 个窗口", names + ": one window each");
    }

    // Steps.
    Variant v;
    v.id = "before";
    v.title = "按流程图";
    v.title_en = "As drawn";
    std::set<std::string> step_ids{"wait", "home"};
    std::vector<std::string> default_service;
    std::map<std::string, std::string> material_id;  // material name → id
    std::map<std::string, std::string> material_at;  // material id → where its data object is
    std::set<std::string> produced;
    for (const auto& id : order_) {
        Node& n = nodes_[id];
        if (!n.step) continue;
        if (n.ext && !n.ext_step.id.empty() && !step_ids.count(n.ext_step.id)) {
            Step e = n.ext_step;
            e.name = n.name.empty() ? id : n.name;
            if (e.department.empty()) e.department = dept_of_lane[n.lane];
            step_ids.insert(e.id);
            n.step_id = e.id;
            v.steps.push_back(e);
            continue;
        }
        Step st;
        st.id = make_id(id, "step");
        while (step_ids.count(st.id)) st.id += "_";
        step_ids.insert(st.id);
        n.step_id = st.id;
        st.name = n.name.empty() ? id : n.name;
        st.department = dept_of_lane[n.lane];
        const Department* d = nullptr;
        for (const auto& dd : s.departments) if (dd.id == st.department) d = &dd;
        const bool citizen = d && d->place == "home";
        if (n.type == "intermediateCatchEvent") {
            st.kind = StepKind::review;
            st.service = Duration::minutes(0);
            st.review = n.timer;
        } else if (citizen) {
            st.kind = StepKind::online;
            r_.add(Mapping::approximated, label(n.xml), at(n.xml), "申请人自己的工作：在线步骤（不跑动、不排队）",
                   "the citizen's own work: an online step (no trip, no queue)");
        } else if (n.type == "serviceTask" || n.type == "scriptTask" || n.type == "businessRuleTask" ||
                   n.type == "receiveTask" || n.type == "callActivity" || n.type == "subProcess" ||
                   n.type == "adHocSubProcess" || n.type == "transaction") {
            st.kind = StepKind::review;
            r_.add(Mapping::mapped, label(n.xml), at(n.xml), "后台审查步骤", "a back-office review step");
        } else if (n.type == "sendTask") {
            st.kind = StepKind::mail;
            r_.add(Mapping::mapped, label(n.xml), at(n.xml), "邮寄送达步骤", "a mail step");
        } else {
            st.kind = StepKind::window;
            r_.add(Mapping::mapped, label(n.xml), at(n.xml), "窗口步骤", "a window step");
        }
        if (n.type != "intermediateCatchEvent") {
            auto it = durations_.find(id);
            if (it != durations_.end()) {
                if (st.kind == StepKind::review || st.kind == StepKind::mail) st.review = it->second, st.service = Duration::minutes(0);
                else st.service = it->second;
            } else if (st.kind == StepKind::review || st.kind == StepKind::mail) {
                st.service = Duration::minutes(0);
                st.review = Duration::working_days(1);
                default_service.push_back(st.name + "（1 个工作日）");
            } else {
                default_service.push_back(st.name + "（15 分钟）");
            }
        }
        for (const auto& [list, out] : {std::pair{&needs_, &st.needs}, std::pair{&produces_, &st.produces}}) {
            auto it = list->find(id);
            if (it == list->end()) continue;
            for (const auto& ref : it->second) {
                if (!data_names_.count(ref)) continue;
                const std::string name = data_names_[ref];
                if (!material_id.count(name)) {
                    Material m;
                    m.id = make_id(ref, "material");
                    for (const auto& mm : s.materials) if (mm.id == m.id) m.id += "_";
                    m.name = name;
                    material_at[m.id] = data_at_[ref];
                    s.materials.push_back(m);
                    material_id[name] = m.id;
                }
                const std::string mid = material_id[name];
                if (std::find(out->begin(), out->end(), mid) == out->end()) out->push_back(mid);
                if (out == &st.produces) produced.insert(mid);
            }
        }
        v.steps.push_back(st);
    }
    for (auto& m : s.materials) {
        if (!produced.count(m.id)) m.held_at_start = true;
        r_.add(Mapping::mapped, m.name, material_at[m.id], produced.count(m.id) ? "数据对象 → 材料（由步骤产生）" : "数据对象 → 材料（申请人出发时已有）",
               produced.count(m.id) ? "data object → material (produced by a step)" : "data object → material (held at the start)");
    }
    if (!default_service.empty()) {
        std::string names;
        for (const auto& n : default_service) names += (names.empty() ? "" : "、") + n;
        r_.assume("service", "", "未给出办理时长的步骤取默认值：" + names, "steps without a duration take a default: " + names);
    }
    auto step_of = [&](const std::string& node) -> Step* {
        for (auto& st : v.steps) if (st.id == nodes_[node].step_id) return &st;
        return nullptr;
    };
    for (const auto& id : order_) {
        if (!nodes_[id].step || nodes_[id].ext) continue;
        for (const auto& p : task_preds(id)) step_of(id)->after.push_back(nodes_[p].step_id);
    }
    for (const auto& w : reworks) {
        for (const auto& sid : task_preds(w.gate)) {
            Step* st = step_of(sid);
            st->rework_probability = w.p;
            st->rework_reason = w.reason;
        }
    }
    // Exclusive splits → branches.
    std::set<std::string> in_option;
    int branch_no = 0;
    for (const auto& id : order_) {
        const Node& g = nodes_[id];
        if ((g.type != "exclusiveGateway" && g.type != "eventBasedGateway") || ext_gateways_.count(id)) continue;
        std::vector<const Flow*> outs;
        for (const auto& f : flows_) if (!f.back && f.source == id) outs.push_back(&f);
        if (outs.size() < 2) continue;
        Branch b;
        b.id = "b" + std::to_string(++branch_no);
        b.question = g.name.empty() ? "走哪条路径？" : g.name;
        for (const auto& p : task_preds(id)) b.after.push_back(nodes_[p].step_id);
        std::vector<std::set<std::string>> reach;
        for (const Flow* f : outs) reach.push_back(reach_steps(f->target));
        double sum = 0;
        bool all_given = true;
        for (const Flow* f : outs) {
            if (probability_.count(f->id)) sum += probability_[f->id];
            else all_given = false;
        }
        for (std::size_t i = 0; i < outs.size(); ++i) {
            BranchOption o;
            o.id = "o" + std::to_string(i + 1);
            const std::string tname = nodes_[outs[i]->target].name;
            o.label = !outs[i]->name.empty() ? outs[i]->name : !tname.empty() ? tname : "路径 " + std::to_string(i + 1);
            o.probability = all_given && sum > 0 ? probability_[outs[i]->id] / sum : 1.0 / static_cast<double>(outs.size());
            for (const auto& sid : order_) {
                if (!reach[i].count(sid) || in_option.count(sid)) continue;
                bool elsewhere = false;
                for (std::size_t k = 0; k < reach.size(); ++k) elsewhere = elsewhere || (k != i && reach[k].count(sid));
                if (elsewhere) continue;
                o.steps.push_back(nodes_[sid].step_id);
            }
            b.options.push_back(o);
        }
        bool any_step = false;
        for (const auto& o : b.options) any_step = any_step || !o.steps.empty();
        if (!any_step) {
            // Every step after it is shared by all paths, or already in an option of an
            // enclosing choice (a step can be in one option only).
            r_.add(Mapping::approximated, label(g.xml), at(g.xml),
                   "这个排他网关的各路径没有只属于自己的步骤（或已属于外层分支的某个选项）：不作分支，其后的步骤都办",
                   "no step belongs to one path of this exclusive gateway alone (or they belong to an option of an enclosing choice): no branch, the steps after it all run");
            --branch_no;
            continue;
        }
        for (const auto& o : b.options) for (const auto& st : o.steps) for (const auto& sid : order_) if (nodes_[sid].step_id == st) in_option.insert(sid);
        if (!all_given)
            r_.assume("branch " + b.id, at(g.xml), "“" + b.question + "”各路径概率相等（" + fmt(1.0 / static_cast<double>(outs.size())) + "）",
                      "\"" + b.question + "\": paths equally likely (" + fmt(1.0 / static_cast<double>(outs.size())) + ")");
        else if (std::fabs(sum - 1) > 1e-6)
            r_.add(Mapping::approximated, label(g.xml), at(g.xml), "路径概率之和为 " + fmt(sum) + "，已按比例归一",
                   "path probabilities summed to " + fmt(sum) + "; scaled to 1");
        r_.add(Mapping::mapped, label(g.xml), at(g.xml), "排他网关 → 分支 " + b.id, "exclusive gateway → branch " + b.id);
        v.branches.push_back(b);
    }
    for (const auto& b : ext_branches_) v.branches.push_back(b);
    for (const auto& id : order_) {
        const Node& g = nodes_[id];
        if (g.type == "parallelGateway")
            r_.add(Mapping::mapped, label(g.xml), at(g.xml), "并行网关 → 并行依赖", "parallel gateway → parallel dependencies");
    }
    // The diagram (bpmndi): each step's shape bounds (top left) → its `diagram` position.
    for (auto c : root.children()) {
        if (local_name(c) != "BPMNDiagram") continue;
        std::map<std::string, DiagramAt> shape_at;  // element id → its shape's top left
        for (auto plane : c.children())
            for (auto shape : plane.children()) {
                if (local_name(shape) != "BPMNShape") continue;
                auto b = shape.find_child([](pugi::xml_node x) { return local_name(x) == "Bounds"; });
                double x = 0, y = 0;
                if (b && number(attr(b, "x"), x) && number(attr(b, "y"), y) && std::fabs(x) < 1e9 && std::fabs(y) < 1e9)
                    shape_at.emplace(attr(shape, "bpmnElement"), DiagramAt{static_cast<int>(std::lround(x)), static_cast<int>(std::lround(y))});
            }
        std::map<std::string, std::string> node_of_step;
        for (const auto& id : order_) if (nodes_[id].step) node_of_step[nodes_[id].step_id] = id;
        int kept = 0;
        for (auto& st : v.steps) {
            auto it = shape_at.find(node_of_step[st.id]);
            if (it != shape_at.end()) st.diagram = it->second, ++kept;
        }
        r_.add(kept ? Mapping::mapped : Mapping::ignored, label(c), at(c),
               kept ? std::to_string(kept) + " 个步骤的图中位置保留给编辑器的流程图" : "图中没有步骤的形状",
               kept ? "the diagram positions of " + std::to_string(kept) + " steps kept for the Editor's graph" : "no shape of a step in the diagram");
        break;
    }
    s.variants.push_back(v);
    return true;
}

}  // namespace

bool import_bpmn(const std::string& raw, const std::string& params, ImportResult& r) {
    r.format = "bpmn";
    std::string text = raw;
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(raw[k]); };
    const bool utf16 = raw.size() >= 2 && ((b(0) == 0xFF && b(1) == 0xFE) || (b(0) == 0xFE && b(1) == 0xFF) ||
                                           b(0) == 0 || b(1) == 0);
    if (utf16) {
        if (!utf16_to_utf8(raw, text)) {
            r.error("1:1", "UTF-16 编码有误", "invalid UTF-16");
            return false;
        }
        r.add(Mapping::mapped, "encoding", "1:1", "文件是 UTF-16 编码，已转换为 UTF-8 读取", "the file is UTF-16, read as UTF-8");
    }
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text = text.substr(3);
    // The declared encoding: UTF-8 and UTF-16 are read; GBK/GB18030 and others refused.
    const std::string head = lower(text.substr(0, std::min<std::size_t>(text.size(), text.find("?>") == std::string::npos ? 0 : text.find("?>"))));
    const auto enc = head.find("encoding");
    if (head.compare(0, 5, "<?xml") == 0 && enc != std::string::npos) {
        std::size_t q = head.find_first_of("\"'", enc);
        const std::size_t e = q == std::string::npos ? q : head.find(head[q], q + 1);
        const std::string name = q == std::string::npos || e == std::string::npos ? "" : head.substr(q + 1, e - q - 1);
        if (name.rfind("gb", 0) == 0 || name == "cp936") {
            r.error("1:1", "文件声明为 " + name + " 编码，本程序只读 UTF-8 和 UTF-16：请在编辑器中另存为 UTF-8 后再导入",
                    "the file declares the " + name + " encoding; only UTF-8 and UTF-16 are read: save it as UTF-8 and import again");
            return false;
        }
        if (!name.empty() && name != "utf-8" && name != "utf8" && name != "utf-16" && name != "us-ascii" && name != "ascii") {
            r.error("1:1", "不支持的编码 " + name + "：请另存为 UTF-8", "unsupported encoding " + name + ": save the file as UTF-8");
            return false;
        }
    }
    const auto doctype = text.find("<!DOCTYPE");
    if (doctype != std::string::npos) {
        const auto p = scenario::LineIndex(text).at(doctype);
        r.add(Mapping::ignored, "DOCTYPE", std::to_string(p.line) + ":" + std::to_string(p.column),
              "文档类型声明及其实体从不展开、从不获取", "the document type declaration and its entities are never expanded or fetched");
    }
    Importer imp(text, r);
    return imp.run(params);
}

}  // namespace peizou::import
