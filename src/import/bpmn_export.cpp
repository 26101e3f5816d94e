// A variant → BPMN 2.0 with a bpmndi diagram (lanes = departments, columns = dependency
// depth) and our parameters as extension elements (namespace kPeizouNs), which
// import_bpmn reads back: importing an export gives the same steps, dependencies,
// departments, durations and branch probabilities.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "bpmn.hpp"
#include "scenario/exports.hpp"

namespace peizou::import {

namespace {
// Attribute and text values: exports.hpp's XML escaping (also used for XES).
std::string esc(const std::string& s) { return scenario::xml_escape(s); }

// The shortest of %.15g / %.17g that reads back exactly.
std::string num(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    if (std::strtod(buf, nullptr) != v) std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

std::string duration(const char* tag, const Duration& d) {
    std::string o = std::string("<peizou:") + tag + " dist=\"" + to_string(d.dist) + "\" unit=\"" + to_string(d.unit) + "\"";
    const std::pair<const char*, double> params[] = {{"value", d.value}, {"low", d.low}, {"mode", d.mode},
                                                     {"high", d.high}, {"mean", d.mean}, {"sd", d.sd}};
    for (const auto& [k, v] : params)
        if (v != 0) o += std::string(" ") + k + "=\"" + num(v) + "\"";
    auto list = [](const std::vector<double>& xs) {
        std::string s;
        for (double x : xs) s += (s.empty() ? "" : " ") + num(x);
        return s;
    };
    if (!d.values.empty()) o += " values=\"" + list(d.values) + "\" weights=\"" + list(d.weights) + "\"";
    return o + "/>";
}

struct Box { int x, y, w, h; };
}  // namespace

std::string export_bpmn(const Scenario& s, const Variant& v) {
    // Ids: BPMN ids are XML names, ours are free text: number them.
    std::map<std::string, std::string> sid;
    for (std::size_t i = 0; i < v.steps.size(); ++i) sid[v.steps[i].id] = "Step_" + std::to_string(i + 1);
    std::vector<const Department*> depts;
    for (const auto& st : v.steps)
        for (const auto& id : {st.department, st.reception}) {
            const Department* d = s.department(id);
            if (!d) for (const auto& e : v.extra_departments) if (e.id == id) d = &e;
            if (d && std::find(depts.begin(), depts.end(), d) == depts.end()) depts.push_back(d);
        }
    // Depth: 1 + the deepest step it waits for (steps are in dependency order after validation,
    // but do not rely on it: iterate to a fixed point, bounded by the step count).
    std::map<std::string, int> depth;
    for (std::size_t round = 0; round <= v.steps.size(); ++round)
        for (const auto& st : v.steps) {
            int d = 1;
            for (const auto& a : st.after) d = std::max(d, depth[a] + 1);
            depth[st.id] = std::min<int>(d, static_cast<int>(v.steps.size()));
        }
    // Layout: a lane per department, a column per depth; steps of one lane and depth stacked.
    const int col = 190, row = 110, left = 150, head = 30;
    std::map<std::string, int> lane_rows, lane_y;
    std::map<std::pair<std::string, int>, int> stack;
    std::map<std::string, Box> box;
    for (const auto& st : v.steps) lane_rows[st.department] = std::max(lane_rows[st.department], ++stack[{st.department, depth[st.id]}]);
    int y = 0, max_depth = 1;
    for (const auto* d : depts) lane_y[d->id] = y, y += lane_rows[d->id] * row + 20;
    stack.clear();
    for (const auto& st : v.steps) {
        const int k = stack[{st.department, depth[st.id]}]++;
        box[sid[st.id]] = {left + depth[st.id] * col, lane_y[st.department] + 20 + k * row, 100, 80};
        max_depth = std::max(max_depth, depth[st.id]);
    }
    const int height = std::max(y, row + 20), width = left + (max_depth + 2) * col;

    std::string flows, nodes, extra_shapes;
    std::vector<std::tuple<std::string, std::string, std::string>> edges;  // id, from, to
    int flow_no = 0, gw_no = 0;
    auto flow = [&](const std::string& from, const std::string& to, const std::string& name = "",
                    const std::string& ext = "") {
        const std::string id = "Flow_" + std::to_string(++flow_no);
        flows += "    <bpmn:sequenceFlow id=\"" + id + "\"" + (name.empty() ? "" : " name=\"" + esc(name) + "\"") +
                 " sourceRef=\"" + from + "\" targetRef=\"" + to + "\"" +
                 (ext.empty() ? "/>\n" : ">\n      <bpmn:extensionElements>" + ext + "</bpmn:extensionElements>\n    </bpmn:sequenceFlow>\n");
        edges.emplace_back(id, from, to);
    };
    auto gateway = [&](const char* type, const Box& near, const std::string& name = "") {
        const std::string id = "Gateway_" + std::to_string(++gw_no);
        nodes += std::string("    <bpmn:") + type + " id=\"" + id + "\"" + (name.empty() ? "" : " name=\"" + esc(name) + "\"") + "/>\n";
        box[id] = {near.x - 70, near.y + 15, 50, 50};
        return id;
    };
    // Right of the pool's and the lanes' name strips (30 px each from x = 0): drawn at x = 40 it
    // sat on the lanes' names (seen in bpmn-js, tests/e2e/bpmn-render.test.mjs).
    box["StartEvent_1"] = {head + 50, height / 2 - 18, 36, 36};
    box["EndEvent_1"] = {left + (max_depth + 1) * col, height / 2 - 18, 36, 36};
    Box pool{0, 0, width, height};
    std::map<std::string, Box> lane_box;
    for (const auto* d : depts) lane_box[d->id] = {head, lane_y[d->id], width - head, lane_rows[d->id] * row + 20};
    // A drawn layout (every step has a `diagram` position, e.g. imported from bpmndi): the
    // boxes where the drawing put them (so a re-export keeps the user's layout), each lane
    // around its boxes in the lanes' order, the pool around the lanes, the events either side.
    const bool drawn = !v.steps.empty() &&
                       std::all_of(v.steps.begin(), v.steps.end(), [](const Step& st) { return st.diagram.has_value(); });
    if (drawn) {
        int x0 = v.steps[0].diagram->x, x1 = x0, top = v.steps[0].diagram->y - 20;
        for (const auto& st : v.steps) {
            box[sid[st.id]] = {st.diagram->x, st.diagram->y, 100, 80};
            x0 = std::min(x0, st.diagram->x), x1 = std::max(x1, st.diagram->x), top = std::min(top, st.diagram->y - 20);
        }
        const int px = x0 - 190, right = x1 + 250;  // the name strips and the start event left of the boxes
        int next = top;
        for (const auto* d : depts) {
            int a = next, b = next + row + 20;
            bool any = false;
            for (const auto& st : v.steps) {
                if (st.department != d->id) continue;
                a = any ? std::min(a, st.diagram->y - 20) : st.diagram->y - 20;
                b = any ? std::max(b, st.diagram->y + 100) : st.diagram->y + 100;
                any = true;
            }
            a = std::max(a, next);
            b = std::max(b, a + 60);
            lane_box[d->id] = {px + head, a, right - px - head, b - a};
            next = b;
        }
        pool = {px, top, right - px, next - top};
        const Box& first = box[sid[v.steps.front().id]];
        const Box& last = box[sid[v.steps.back().id]];
        box["StartEvent_1"] = {x0 - 120, first.y + 22, 36, 36};
        box["EndEvent_1"] = {x1 + 150, last.y + 22, 36, 36};
    }
    nodes += "    <bpmn:startEvent id=\"StartEvent_1\"/>\n    <bpmn:endEvent id=\"EndEvent_1\"/>\n";
    // Predecessors → a step: one flow, or through a parallel join.
    auto into = [&](const std::vector<std::string>& from, const std::string& to) {
        if (from.empty()) { flow("StartEvent_1", to); return; }
        if (from.size() == 1) { flow(from[0], to); return; }
        const std::string j = gateway("parallelGateway", box[to]);
        for (const auto& f : from) flow(f, j);
        flow(j, to);
    };
    std::set<std::string> has_successor;
    for (const auto& st : v.steps) {
        std::vector<std::string> from;
        for (const auto& a : st.after) if (sid.count(a)) from.push_back(sid[a]), has_successor.insert(a);
        into(from, sid[st.id]);
    }
    std::vector<std::string> sinks;
    for (const auto& st : v.steps) if (!has_successor.count(st.id)) sinks.push_back(sid[st.id]);
    into(sinks, "EndEvent_1");
    // Branches: an exclusive split after the branch's steps, one labelled flow per option
    // to its steps (an empty option to the end), probabilities as extension elements.
    std::string branch_ext;
    for (const auto& b : v.branches) {
        std::vector<std::string> from;
        for (const auto& a : b.after) if (sid.count(a)) from.push_back(sid[a]);
        Box near = from.empty() ? box["StartEvent_1"] : box[from[0]];
        near.x += col;
        const std::string g = gateway("exclusiveGateway", near, b.question);
        into(from, g);
        branch_ext += "      <peizou:branch id=\"" + esc(b.id) + "\" question=\"" + esc(b.question) + "\" chooser=\"" +
                      to_string(b.chooser) + "\" gateway=\"" + g + "\">";
        for (const auto& a : b.after) branch_ext += "<peizou:after>" + esc(a) + "</peizou:after>";
        for (const auto& o : b.options) {
            branch_ext += "<peizou:option id=\"" + esc(o.id) + "\" label=\"" + esc(o.label) + "\" probability=\"" + num(o.probability) + "\">";
            for (const auto& st : o.steps) branch_ext += "<peizou:step>" + esc(st) + "</peizou:step>";
            branch_ext += "</peizou:option>";
            // Flows to the option's first steps (those waiting for no other step of the option).
            bool any = false;
            for (const auto& st : o.steps) {
                const Step* p = nullptr;
                for (const auto& x : v.steps) if (x.id == st) p = &x;
                if (!p) continue;
                bool first = true;
                for (const auto& a : p->after) first = first && std::find(o.steps.begin(), o.steps.end(), a) == o.steps.end();
                if (!first) continue;
                flow(g, sid[st], o.label, "<peizou:option probability=\"" + num(o.probability) + "\"/>");
                any = true;
            }
            if (!any) flow(g, "EndEvent_1", o.label, "<peizou:option probability=\"" + num(o.probability) + "\"/>");
        }
        branch_ext += "</peizou:branch>\n";
    }

    std::string x;
    x += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    x += "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
         "xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\" "
         "xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\" xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\" "
         "xmlns:peizou=\"" + std::string(kPeizouNs) + "\" id=\"Definitions_1\" "
         "targetNamespace=\"" + std::string(kPeizouNs) + "\" exporter=\"peizou\" exporterVersion=\"1\">\n";
    x += "  <bpmn:collaboration id=\"Collaboration_1\">\n    <bpmn:participant id=\"Participant_1\" name=\"" +
         esc(s.title + " — " + v.title) + "\" processRef=\"Process_1\"/>\n  </bpmn:collaboration>\n";
    x += "  <bpmn:process id=\"Process_1\" name=\"" + esc(s.title) + "\" isExecutable=\"false\">\n";
    x += "    <bpmn:extensionElements>\n      <peizou:scenario id=\"" + esc(s.id) + "\" variant=\"" + esc(v.id) + "\"/>\n" + branch_ext +
         "    </bpmn:extensionElements>\n";
    x += "    <bpmn:laneSet id=\"LaneSet_1\">\n";
    for (std::size_t i = 0; i < depts.size(); ++i) {
        const Department* d = depts[i];
        // A lever may put an online step at a department without a portal of its own.
        bool online = d->online;
        for (const auto& st : v.steps)
            online = online || (st.kind == StepKind::online && (st.reception.empty() ? st.department : st.reception) == d->id);
        x += "      <bpmn:lane id=\"Lane_" + std::to_string(i + 1) + "\" name=\"" + esc(d->name) + "\">\n";
        x += "        <bpmn:extensionElements><peizou:department id=\"" + esc(d->id) + "\" windows=\"" +
             std::to_string(d->windows) + "\" online=\"" + (online ? "true" : "false") + "\"/></bpmn:extensionElements>\n";
        for (const auto& st : v.steps)
            if (st.department == d->id) x += "        <bpmn:flowNodeRef>" + sid[st.id] + "</bpmn:flowNodeRef>\n";
        x += "      </bpmn:lane>\n";
    }
    x += "    </bpmn:laneSet>\n";
    for (const auto& st : v.steps) {
        const char* type = st.kind == StepKind::review ? "serviceTask" : st.kind == StepKind::mail ? "sendTask"
                         : st.kind == StepKind::inspection ? "manualTask" : "userTask";
        x += std::string("    <bpmn:") + type + " id=\"" + sid[st.id] + "\" name=\"" + esc(st.name) + "\">\n";
        x += "      <bpmn:extensionElements><peizou:step id=\"" + esc(st.id) + "\" kind=\"" + to_string(st.kind) +
             "\" department=\"" + esc(st.department) + "\"";
        if (!st.reception.empty()) x += " reception=\"" + esc(st.reception) + "\"";
        if (st.rework_probability != 0) x += " reworkProbability=\"" + num(st.rework_probability) + "\" reworkReason=\"" + esc(st.rework_reason) + "\"";
        if (st.legal_limit_days) x += " legalLimitDays=\"" + std::to_string(st.legal_limit_days) + "\"";
        if (st.promised_limit_days) x += " promisedLimitDays=\"" + std::to_string(st.promised_limit_days) + "\"";
        if (st.fee_yuan != 0) x += " feeYuan=\"" + num(st.fee_yuan) + "\"";
        x += ">" + duration("service", st.service) + duration("review", st.review);
        for (const auto& a : st.after) x += "<peizou:after>" + esc(a) + "</peizou:after>";
        x += "</peizou:step></bpmn:extensionElements>\n";
        x += std::string("    </bpmn:") + type + ">\n";
    }
    x += nodes + flows + "  </bpmn:process>\n";
    // The diagram.
    x += "  <bpmndi:BPMNDiagram id=\"BPMNDiagram_1\">\n    <bpmndi:BPMNPlane id=\"BPMNPlane_1\" bpmnElement=\"Collaboration_1\">\n";
    auto bounds = [](const Box& b) {
        return "<dc:Bounds x=\"" + std::to_string(b.x) + "\" y=\"" + std::to_string(b.y) + "\" width=\"" +
               std::to_string(b.w) + "\" height=\"" + std::to_string(b.h) + "\"/>";
    };
    x += "      <bpmndi:BPMNShape id=\"Participant_1_di\" bpmnElement=\"Participant_1\" isHorizontal=\"true\">" +
         bounds(pool) + "</bpmndi:BPMNShape>\n";
    for (std::size_t i = 0; i < depts.size(); ++i)
        x += "      <bpmndi:BPMNShape id=\"Lane_" + std::to_string(i + 1) + "_di\" bpmnElement=\"Lane_" + std::to_string(i + 1) +
             "\" isHorizontal=\"true\">" + bounds(lane_box[depts[i]->id]) +
             "</bpmndi:BPMNShape>\n";
    for (const auto& [id, b] : box)
        x += "      <bpmndi:BPMNShape id=\"" + id + "_di\" bpmnElement=\"" + id + "\">" + bounds(b) + "</bpmndi:BPMNShape>\n";
    for (const auto& [id, from, to] : edges) {
        const Box& a = box[from];
        const Box& b = box[to];
        x += "      <bpmndi:BPMNEdge id=\"" + id + "_di\" bpmnElement=\"" + id + "\"><di:waypoint x=\"" + std::to_string(a.x + a.w) +
             "\" y=\"" + std::to_string(a.y + a.h / 2) + "\"/><di:waypoint x=\"" + std::to_string(b.x) + "\" y=\"" +
             std::to_string(b.y + b.h / 2) + "\"/></bpmndi:BPMNEdge>\n";
    }
    x += "    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n</bpmn:definitions>\n";
    return x;
}

}  // namespace peizou::import
