// The process graph: see process_graph.hpp. Layout is scenario::layout_graph (pure,
// unit-tested); this file only turns it into pixels and handles pan, zoom and clicks.
#include "process_graph.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/levers.hpp"
#include "fonts.hpp"
#include "scenario/graph_layout.hpp"
#include "strings.hpp"
#include "test_api.hpp"
#include "walkthrough_session.hpp"
#include "widgets.hpp"

namespace peizou::app {

namespace {

const ImU32 kInk = IM_COL32(40, 44, 52, 255);
const ImU32 kMuted = IM_COL32(95, 100, 112, 255);
const ImU32 kLaneA = IM_COL32(246, 248, 251, 255);
const ImU32 kLaneB = IM_COL32(236, 240, 246, 255);
const ImU32 kLaneLine = IM_COL32(200, 206, 216, 255);
const ImU32 kAfter = IM_COL32(90, 98, 112, 255);
const ImU32 kHandoff = IM_COL32(30, 140, 150, 255);
const ImU32 kBranchLine = IM_COL32(130, 90, 170, 255);
const ImU32 kBranchFill = IM_COL32(130, 90, 170, 22);
const ImU32 kCritical = IM_COL32(200, 30, 40, 255);  // as Compare's Gantt
const ImU32 kIssue = IM_COL32(230, 120, 0, 255);
const ImU32 kSelected = IM_COL32(30, 90, 220, 255);

ImU32 kind_fill(StepKind k) {
    switch (k) {
    case StepKind::window: return IM_COL32(214, 228, 248, 255);
    case StepKind::online: return IM_COL32(220, 240, 250, 255);
    case StepKind::review: return IM_COL32(222, 240, 226, 255);
    case StepKind::inspection: return IM_COL32(246, 236, 214, 255);
    case StepKind::payment: return IM_COL32(248, 226, 226, 255);
    case StepKind::collect: return IM_COL32(232, 228, 248, 255);
    case StepKind::mail: return IM_COL32(236, 236, 236, 255);
    }
    return IM_COL32(240, 240, 240, 255);
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

template <class T>
const T* lookup(const std::vector<std::pair<std::string, T>>& v, const std::string& key) {
    for (const auto& [k, x] : v)
        if (k == key) return &x;
    return nullptr;
}

bool dark(ImU32 c) {  // luma below the middle: white ink reads better
    const float r = static_cast<float>((c >> IM_COL32_R_SHIFT) & 0xFF), g = static_cast<float>((c >> IM_COL32_G_SHIFT) & 0xFF),
                b = static_cast<float>((c >> IM_COL32_B_SHIFT) & 0xFF);
    return 0.299f * r + 0.587f * g + 0.114f * b < 140.0f;
}

void text(ImDrawList* dl, float size, ImVec2 at, ImU32 col, const std::string& s, const ImVec4* clip = nullptr) {
    dl->AddText(ImGui::GetFont(), size, at, col, s.c_str(), nullptr, 0, clip);
}

float text_width(float size, const std::string& s) {
    return ImGui::GetFont()->CalcTextSizeA(size, 1e9f, 0, s.c_str()).x;
}

// At most `max_lines` lines of `s` in `width`; the last one ends in "…" when cut.
std::vector<std::string> fit_lines(const std::string& s, float width, float size, std::size_t max_lines) {
    std::vector<std::string> lines = wrap_lines(s, width, size);
    if (lines.size() <= max_lines) return lines;
    lines.resize(max_lines);
    std::string& last = lines.back();
    while (!last.empty() && text_width(size, last + "…") > width) {
        std::size_t cut = last.size() - 1;
        while (cut > 0 && (static_cast<unsigned char>(last[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 start
        last.resize(cut);
    }
    last += "…";
    return lines;
}

void arrow(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thick, float head) {
    const float dx = std::max(head * 2, (b.x - a.x) * 0.5f);
    dl->AddBezierCubic(a, ImVec2(a.x + dx, a.y), ImVec2(b.x - dx, b.y), ImVec2(b.x - head, b.y), col, thick);
    dl->AddTriangleFilled(ImVec2(b.x, b.y), ImVec2(b.x - head, b.y - head * 0.55f), ImVec2(b.x - head, b.y + head * 0.55f), col);
}

}  // namespace

void process_graph_fonts(AppState& state, const Scenario& s) {
    for (const auto& v : s.variants) {
        for (const auto& st : v.steps) fonts_add_text(state, st.id + st.name + st.name_en);
        for (const auto& b : v.branches) {
            fonts_add_text(state, b.question + b.question_en);
            for (const auto& o : b.options) fonts_add_text(state, o.label + o.label_en + o.id);
        }
        for (const auto& d : variant_departments(s, v)) fonts_add_text(state, d.id + d.name + d.name_en);
    }
    for (const auto& m : s.materials) fonts_add_text(state, m.name + m.name_en);
}

bool draw_process_graph(const char* imgui_id, const Scenario& s, const std::string& variant_id,
                        GraphSelection& sel, const GraphMarks& marks, ImVec2 size) {
    const Language lang = marks.language;
    bool clicked = false;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1, 1, 1, 1));
    ImGui::BeginChild(imgui_id, size, true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleColor();
    const Variant* v = s.variant(variant_id);
    if (!v) {
        char buf[256];
        std::snprintf(buf, sizeof buf, tr(lang, Str::gr_no_variant), variant_id.c_str());
        text_wrapped(buf);
        ImGui::EndChild();
        return false;
    }
    const scenario::GraphLayout g = scenario::layout_graph(s, *v);
    const std::vector<Department> deps = variant_departments(s, *v);

    // view: pan (px at zoom) and zoom, kept in this child's storage
    ImGuiStorage* store = ImGui::GetStateStorage();
    const ImGuiID kPanX = ImGui::GetID("##pan_x"), kPanY = ImGui::GetID("##pan_y"), kZoom = ImGui::GetID("##zoom");
    float pan_x = store->GetFloat(kPanX, 0), pan_y = store->GetFloat(kPanY, 0), zoom = store->GetFloat(kZoom, 1.0f);

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImVec2 avail = ImGui::GetContentRegionAvail();
    avail.x = std::max(avail.x, 1.0f);
    avail.y = std::max(avail.y, 1.0f);
    ImGui::InvisibleButton("##graph.canvas", avail, ImGuiButtonFlags_MouseButtonLeft);
    const bool hovered = ImGui::IsItemHovered();
    const bool active = ImGui::IsItemActive();
    ImGuiIO& io = ImGui::GetIO();
    if (hovered && io.KeyCtrl && io.MouseWheel != 0) {
        const float old = zoom;
        zoom = std::clamp(zoom * std::pow(1.15f, io.MouseWheel), 0.3f, 3.0f);
        // keep the point under the mouse where it is
        const float mx = io.MousePos.x - origin.x, my = io.MousePos.y - origin.y;
        pan_x = mx - (mx - pan_x) * zoom / old;
        pan_y = my - (my - pan_y) * zoom / old;
    }
    const bool dragging = active && ImGui::IsMouseDragging(ImGuiMouseButton_Left);
    if (dragging) {
        pan_x += io.MouseDelta.x;
        pan_y += io.MouseDelta.y;
    }
    if (hovered && !io.KeyCtrl && io.MouseWheel != 0) pan_y += io.MouseWheel * ImGui::GetFontSize() * 3;

    // The legend and hint take their own rows below the graph (never over its lowest lane):
    // in a narrow pane (the Editor's graph at scale 1, a projector's scale 2) the keys go on
    // as many rows as they need, and the hint takes what is left of the last row, else its own.
    struct Key {
        ImU32 col;
        float thick;
        bool line;
        std::string label;
    };
    const Key keys[] = {{kCritical, 2.5f, false, tr(lang, Str::gr_legend_critical)},
                        {kIssue, 2.0f, false, tr(lang, Str::gr_legend_issue)},
                        {kHandoff, 1.0f, true, tr(lang, Str::gr_legend_handoff)}};
    const float lf = ImGui::GetFontSize() * 0.8f, lsw = lf * 1.6f, lrow = lf * 1.3f;
    const float lleft = origin.x + 0.5f * ImGui::GetFontSize(), lright = origin.x + avail.x - 0.5f * lf;
    const auto key_w = [&](const Key& k) { return lsw + lf * 0.3f + text_width(lf, k.label); };
    // Lays the keys and the hint out from `top` (drawn when dl is given); returns the rows.
    const auto legend = [&](ImDrawList* to, float top) {
        int rows = 1;
        float lx = lleft, ly = top;
        for (const Key& k : keys) {
            if (lx > lleft && lx + key_w(k) > lright) {
                ++rows;
                lx = lleft;
                ly += lrow;
            }
            if (to && k.line) to->AddLine(ImVec2(lx, ly + lf * 0.5f), ImVec2(lx + lsw, ly + lf * 0.5f), k.col, k.thick);
            else if (to) to->AddRect(ImVec2(lx, ly), ImVec2(lx + lsw, ly + lf), k.col, 2, 0, k.thick);
            if (to) text(to, lf, ImVec2(lx + lsw + lf * 0.3f, ly), kInk, k.label);
            lx += key_w(k) + lf;
        }
        if (lright - lx < lf * 8) {
            ++rows;
            lx = lleft;
            ly += lrow;
        }
        const std::vector<std::string> hl = fit_lines(tr(lang, Str::gr_hint), std::max(lright - lx, lf * 4), lf, 1);
        if (to && !hl.empty()) text(to, lf, ImVec2(lx, ly), kMuted, hl.front());
        return rows;
    };
    const float legend_h = marks.legend ? static_cast<float>(legend(nullptr, 0)) * lrow + lf * 0.6f : 0.0f;
    const float graph_h = std::max(avail.y - legend_h, 1.0f);

    // metrics in e (em at the app's scale × zoom); lane names are not zoomed
    const float label_w = std::min(ImGui::GetFontSize() * 7, avail.x * 0.3f);
    constexpr float kBoxW = 9, kBoxH = 2.9f, kColGap = 3.2f, kLanePad = 0.6f, kLeft = 1.2f, kTop = 0.4f;
    // room above a box for an option's label and its branch's question
    const bool branched = !v->branches.empty();
    const float kLaneTop = branched ? 2.3f : 0.6f, kRowGap = branched ? 1.7f : 1.0f;
    // fit the whole graph: on a double-click, and when first shown (then no smaller than
    // 0.6 nor larger than 1: readable first, pan for the rest)
    const ImGuiID kShown = ImGui::GetID("##shown");
    const bool first = store->GetInt(kShown, 0) == 0;
    store->SetInt(kShown, 1);
    if (first || (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))) {
        float height = kTop;
        for (const auto& lane : g.lanes) height += kLaneTop + static_cast<float>(lane.rows) * (kBoxH + kRowGap) + kLanePad;
        const float width = kLeft + static_cast<float>(g.columns) * (kBoxW + kColGap);
        const float f = ImGui::GetFontSize();
        const float fit = std::min((avail.x - label_w) / (width * f), graph_h / (height * f));
        zoom = first ? std::clamp(fit, 0.6f, 1.0f) : std::clamp(fit, 0.3f, 1.5f);
        pan_x = pan_y = 0;
    }
    store->SetFloat(kPanX, pan_x);
    store->SetFloat(kPanY, pan_y);
    store->SetFloat(kZoom, zoom);
    const float e = ImGui::GetFontSize() * zoom;
    const float box_w = kBoxW * e, box_h = kBoxH * e, col_gap = kColGap * e, row_gap = kRowGap * e,
                lane_top = kLaneTop * e, lane_pad = kLanePad * e;
    const float x0 = origin.x + label_w + kLeft * e + pan_x;
    const float y0 = origin.y + pan_y + kTop * e;
    std::vector<float> lane_y(g.lanes.size() + 1, y0);
    for (std::size_t l = 0; l < g.lanes.size(); ++l)
        lane_y[l + 1] = lane_y[l] + lane_top + static_cast<float>(g.lanes[l].rows) * (box_h + row_gap) + lane_pad;
    auto box_min = [&](const scenario::GraphNode& n) {
        return ImVec2(x0 + static_cast<float>(n.column) * (box_w + col_gap),
                      lane_y[static_cast<std::size_t>(n.lane)] + lane_top + static_cast<float>(n.row) * (box_h + row_gap));
    };

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 clip_min = origin, clip_max(origin.x + avail.x, origin.y + graph_h);
    dl->PushClipRect(clip_min, clip_max, true);
    const float graph_right = std::max(clip_max.x, x0 + static_cast<float>(g.columns) * (box_w + col_gap));

    // lanes
    for (std::size_t l = 0; l < g.lanes.size(); ++l) {
        dl->AddRectFilled(ImVec2(origin.x, lane_y[l]), ImVec2(graph_right, lane_y[l + 1]), l % 2 ? kLaneB : kLaneA);
        dl->AddLine(ImVec2(origin.x, lane_y[l + 1]), ImVec2(graph_right, lane_y[l + 1]), kLaneLine);
    }

    // branch groups: a box per option, a bracket per branch with its question
    const float small = std::max(e * 0.8f, 1.0f);
    for (std::size_t b = 0; b < v->branches.size(); ++b) {
        const Branch& br = v->branches[b];
        ImVec2 bmin(1e9f, 1e9f), bmax(-1e9f, -1e9f);
        for (std::size_t o = 0; o < br.options.size(); ++o) {
            ImVec2 omin(1e9f, 1e9f), omax(-1e9f, -1e9f);
            for (const auto& n : g.nodes) {
                if (n.branch != static_cast<int>(b) || n.option != static_cast<int>(o)) continue;
                const ImVec2 a = box_min(n);
                omin = ImVec2(std::min(omin.x, a.x), std::min(omin.y, a.y));
                omax = ImVec2(std::max(omax.x, a.x + box_w), std::max(omax.y, a.y + box_h));
            }
            if (omin.x > omax.x) continue;  // an option without steps
            const float pad = 0.35f * e;
            omin = ImVec2(omin.x - pad, omin.y - small * 1.3f);
            omax = ImVec2(omax.x + pad, omax.y + pad);
            dl->AddRectFilled(omin, omax, kBranchFill, 0.3f * e);
            dl->AddRect(omin, omax, kBranchLine, 0.3f * e, 0, 1.0f);
            const BranchOption& opt = br.options[o];
            char p[32];
            std::snprintf(p, sizeof p, " %.0f%%", opt.probability * 100);
            const std::string label = walkthrough::pick(lang, opt.label, opt.label_en) + p;
            const ImVec4 clip(omin.x, omin.y, omax.x, omax.y);
            text(dl, small, ImVec2(omin.x + pad, omin.y + 0.15f * e), kBranchLine, label, &clip);
            bmin = ImVec2(std::min(bmin.x, omin.x), std::min(bmin.y, omin.y));
            bmax = ImVec2(std::max(bmax.x, omax.x), std::max(bmax.y, omax.y));
        }
        if (bmin.x > bmax.x) continue;
        // bracket left of the options, the question above them
        const float bx = bmin.x - 0.5f * e;
        dl->AddLine(ImVec2(bx, bmin.y), ImVec2(bx, bmax.y), kBranchLine, 2.0f);
        dl->AddLine(ImVec2(bx, bmin.y), ImVec2(bx + 0.35f * e, bmin.y), kBranchLine, 2.0f);
        dl->AddLine(ImVec2(bx, bmax.y), ImVec2(bx + 0.35f * e, bmax.y), kBranchLine, 2.0f);
        const std::string q = "? " + walkthrough::pick(lang, br.question, br.question_en);
        const std::vector<std::string> ql = fit_lines(q, std::max(bmax.x - bmin.x, box_w), small, 1);
        if (!ql.empty()) text(dl, small, ImVec2(bmin.x, bmin.y - small * 1.2f), kBranchLine, ql.front());
    }

    // edges: dependencies, then thin hand-offs and a branch's waits
    const float head = std::max(0.45f * e, 3.0f);
    for (const auto& ed : g.edges) {
        const auto& a = g.nodes[static_cast<std::size_t>(ed.from)];
        const auto& b = g.nodes[static_cast<std::size_t>(ed.to)];
        const ImVec2 am = box_min(a), bm = box_min(b);
        const float dy = ed.kind == scenario::GraphEdgeKind::after ? 0.5f : (ed.kind == scenario::GraphEdgeKind::material ? 0.7f : 0.3f);
        const ImVec2 from(am.x + box_w, am.y + box_h * dy), to(bm.x, bm.y + box_h * dy);
        switch (ed.kind) {
        case scenario::GraphEdgeKind::after: arrow(dl, from, to, kAfter, std::max(1.5f, 0.12f * e), head); break;
        case scenario::GraphEdgeKind::material: arrow(dl, from, to, kHandoff, 1.0f, head * 0.8f); break;
        case scenario::GraphEdgeKind::branch: arrow(dl, from, to, kBranchLine, 1.0f, head * 0.8f); break;
        }
    }

    // boxes
    const float name_size = e, id_size = std::max(e * 0.72f, 1.0f), pad = 0.35f * e;
    int hovered_step = -1;
    for (const auto& n : g.nodes) {
        const Step& st = v->steps[static_cast<std::size_t>(n.step)];
        const ImVec2 a = box_min(n), b(a.x + box_w, a.y + box_h);
        const float r = 0.25f * e;
        const ImU32* heat = lookup(marks.step_fill, st.id);
        const ImU32 ink = heat && dark(*heat) ? IM_COL32(255, 255, 255, 255) : kInk;
        dl->AddRectFilled(a, b, heat ? *heat : kind_fill(st.kind), r);
        const bool critical = contains(marks.critical_steps, st.id);
        const bool issue = contains(marks.steps_with_issues, st.id);
        const bool selected = !sel.step_id.empty() && sel.step_id == st.id;
        dl->AddRect(a, b, kMuted, r, 0, 1.0f);
        if (critical) dl->AddRect(a, b, kCritical, r, 0, std::max(2.5f, 0.2f * e));
        if (issue) {
            const float t = std::max(0.9f * e, 6.0f);
            dl->AddTriangleFilled(ImVec2(b.x - t, a.y), ImVec2(b.x, a.y), ImVec2(b.x, a.y + t), kIssue);
            dl->AddRect(ImVec2(a.x - 2, a.y - 2), ImVec2(b.x + 2, b.y + 2), kIssue, r, 0, 2.0f);
        }
        if (selected) dl->AddRect(ImVec2(a.x - 4, a.y - 4), ImVec2(b.x + 4, b.y + 4), kSelected, r, 0, 3.0f);
        const ImVec4 clip(a.x, a.y, b.x, b.y);
        const std::string& name = walkthrough::pick(lang, st.name, st.name_en);
        const std::vector<std::string> lines = fit_lines(name.empty() ? st.id : name, box_w - 2 * pad, name_size, 2);
        float ty = a.y + pad * 0.6f;
        for (const auto& line : lines) {
            text(dl, name_size, ImVec2(a.x + pad, ty), ink, line, &clip);
            ty += name_size;
        }
        const std::string* badge = lookup(marks.step_badge, st.id);
        if (lines.size() < 2 && !badge)
            text(dl, id_size, ImVec2(a.x + pad, b.y - id_size - pad * 0.5f), kMuted, st.id, &clip);
        if (badge)
            text(dl, name_size, ImVec2(b.x - pad - text_width(name_size, *badge), b.y - name_size - pad * 0.4f), ink, *badge,
                 &clip);
        // the rect a test clicks: the visible part of the box
        const float cx0 = std::max(a.x, clip_min.x), cy0 = std::max(a.y, clip_min.y);
        const float cx1 = std::min(b.x, clip_max.x), cy1 = std::min(b.y, clip_max.y);
        if (cx1 - cx0 > 2 && cy1 - cy0 > 2) test_api::add_rect(marks.test_prefix + st.id, cx0, cy0, cx1, cy1);
        if (hovered && io.MousePos.x >= cx0 && io.MousePos.x < cx1 && io.MousePos.y >= cy0 && io.MousePos.y < cy1)
            hovered_step = n.step;
    }

    // lane names, fixed at the left (they stay while panning sideways)
    dl->AddRectFilled(origin, ImVec2(origin.x + label_w, clip_max.y), IM_COL32(255, 255, 255, 235));
    const float lane_font = ImGui::GetFontSize() * std::clamp(zoom, 0.6f, 1.0f);
    for (std::size_t l = 0; l < g.lanes.size(); ++l) {
        std::string name = tr(lang, Str::cmp_lane_citizen);  // as Compare's Gantt names it
        for (const auto& d : deps)
            if (!g.lanes[l].department.empty() && d.id == g.lanes[l].department) name = walkthrough::pick(lang, d.name, d.name_en);
        const float h = lane_y[l + 1] - lane_y[l];
        const std::size_t max_lines = static_cast<std::size_t>(std::max(1.0f, std::floor((h - 0.4f * e) / lane_font)));
        const std::vector<std::string> lines = fit_lines(name, label_w - 0.6f * ImGui::GetFontSize(), lane_font, std::min<std::size_t>(max_lines, 3));
        const ImVec4 clip(origin.x, lane_y[l], origin.x + label_w, lane_y[l + 1]);
        float ty = lane_y[l] + 0.3f * e;
        for (const auto& line : lines) {
            text(dl, lane_font, ImVec2(origin.x + 0.3f * ImGui::GetFontSize(), ty), kInk, line, &clip);
            ty += lane_font;
        }
        dl->AddLine(ImVec2(origin.x, lane_y[l + 1]), ImVec2(origin.x + label_w, lane_y[l + 1]), kLaneLine);
    }
    dl->AddLine(ImVec2(origin.x + label_w, origin.y), ImVec2(origin.x + label_w, clip_max.y), kLaneLine);
    if (g.cyclic) {  // along the top: the layout of a cycle is a guess
        const std::string w = tr(lang, Str::gr_cycle);
        const float f = ImGui::GetFontSize() * 0.85f;
        const ImVec2 at(origin.x + label_w + 0.5f * ImGui::GetFontSize(), origin.y + 0.2f * ImGui::GetFontSize());
        dl->AddRectFilled(ImVec2(at.x - 2, at.y - 2), ImVec2(at.x + text_width(f, w) + 4, at.y + f + 2), IM_COL32(255, 244, 230, 240));
        text(dl, f, at, kIssue, w);
    }
    dl->PopClipRect();
    if (marks.legend) {  // its own rows below the graph
        const ImVec2 lmin(origin.x, clip_max.y), lmax(origin.x + avail.x, origin.y + avail.y);
        dl->PushClipRect(lmin, lmax, true);
        dl->AddRectFilled(lmin, lmax, IM_COL32(255, 255, 255, 255));
        dl->AddLine(lmin, ImVec2(lmax.x, lmin.y), kLaneLine);
        legend(dl, lmin.y + lf * 0.3f);
        dl->PopClipRect();
        test_api::add_rect("graph.legend", lmin.x, lmin.y, lmax.x, lmax.y);
    }

    // a step selected elsewhere (the Editor's form or issues list) is brought into view once
    const ImGuiID kSel = ImGui::GetID("##sel");
    const int sel_hash = static_cast<int>(ImGui::GetID(("##sel." + sel.step_id).c_str()));
    if (store->GetInt(kSel, 0) != sel_hash) {
        store->SetInt(kSel, sel_hash);
        for (const auto& n : g.nodes) {
            if (v->steps[static_cast<std::size_t>(n.step)].id != sel.step_id) continue;
            const ImVec2 a = box_min(n);
            if (a.x < origin.x + label_w || a.x + box_w > clip_max.x || a.y < origin.y || a.y + box_h > clip_max.y) {
                store->SetFloat(kPanX, pan_x + (origin.x + label_w + (avail.x - label_w) * 0.5f) - (a.x + box_w * 0.5f));
                store->SetFloat(kPanY, pan_y + (origin.y + graph_h * 0.5f) - (a.y + box_h * 0.5f));
            }
        }
    }

    if (hovered_step >= 0 && !dragging) {
        const Step& st = v->steps[static_cast<std::size_t>(hovered_step)];
        ImGui::BeginTooltip();
        ImGui::TextUnformatted((walkthrough::pick(lang, st.name, st.name_en) + "  [" + st.id + "]").c_str());
        if (const std::string* note = lookup(marks.step_note, st.id)) ImGui::TextUnformatted(note->c_str());
        for (const auto& m : st.needs) {
            const Material* mat = s.material(m);
            ImGui::Text("← %s", mat ? walkthrough::pick(lang, mat->name, mat->name_en).c_str() : m.c_str());
        }
        for (const auto& m : st.produces) {
            const Material* mat = s.material(m);
            ImGui::Text("→ %s", mat ? walkthrough::pick(lang, mat->name, mat->name_en).c_str() : m.c_str());
        }
        ImGui::EndTooltip();
    }
    // a click (released without dragging) on a box selects its step
    if (hovered && hovered_step >= 0 && ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
        io.MouseDragMaxDistanceSqr[0] < io.MouseDragThreshold * io.MouseDragThreshold) {
        sel.step_id = v->steps[static_cast<std::size_t>(hovered_step)].id;
        clicked = true;
    }
    test_api::add_rect(std::string("graph.canvas"), clip_min.x, clip_min.y, clip_max.x, origin.y + avail.y);
    ImGui::EndChild();
    return clicked;
}

}  // namespace peizou::app
