// [SECTION] helpers   [SECTION] swimlane Gantt   [SECTION] histogram
// [SECTION] waterfall   [SECTION] PNG: rasterise an off-screen draw list
#include "compare_charts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "compare_run.hpp"
#include "core/timeline.hpp"
#include "scenario/exports.hpp"
#include "strings.hpp"
#include "test_api.hpp"
#include "widgets.hpp"

#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

namespace peizou::app::compare {

// ---------------------------------------------------------------- [SECTION] helpers
namespace {

const char* T(const AppState& s, Str id) { return tr(s.language, id); }

const ImU32 kInk = IM_COL32(40, 44, 52, 255);
const ImU32 kGrid = IM_COL32(0, 0, 0, 28);
const ImU32 kShade = IM_COL32(120, 130, 150, 40);
const ImU32 kCritical = IM_COL32(200, 30, 40, 255);
const ImU32 kSaving = IM_COL32(46, 160, 90, 255);
const ImU32 kCost = IM_COL32(214, 70, 60, 255);

void text(ImDrawList* dl, ImVec2 at, ImU32 col, const std::string& s, float scale = 1.0f) {
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * scale, at, col, s.c_str());
}

// Text cut to [x0, x1] (labels inside bars).
void text_clipped(ImDrawList* dl, ImVec2 at, ImU32 col, const std::string& s, float x0, float x1, float scale = 1.0f) {
    const ImVec4 clip(x0, at.y - 2, x1, at.y + ImGui::GetFontSize() * scale + 2);
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * scale, at, col, s.c_str(), nullptr, 0, &clip);
}

float text_width(const std::string& s, float scale = 1.0f) {
    return ImGui::GetFont()->CalcTextSizeA(ImGui::GetFontSize() * scale, 1e9f, 0, s.c_str()).x;
}

std::string number(double v, const char* fmt = "%.1f") {
    char buf[32];
    std::snprintf(buf, sizeof buf, fmt, v);
    return buf;
}

std::string step_label(const AppState& s, const CompareVariantRun& r, std::int32_t step) {
    if (step < 0 || static_cast<std::size_t>(step) >= r.steps.size()) return {};
    const Step& st = r.steps[static_cast<std::size_t>(step)];
    const std::string& n = s.language == Language::zh ? st.name : st.name_en;
    return n.empty() ? st.id : n;
}

std::string department_label(const AppState& s, const CompareVariantRun& r, std::int32_t d) {
    if (d < 0 || static_cast<std::size_t>(d) >= r.departments.size()) return T(s, Str::cmp_lane_citizen);
    const Department& dep = r.departments[static_cast<std::size_t>(d)];
    const std::string& n = s.language == Language::zh ? dep.name : dep.name_en;
    return n.empty() ? dep.id : n;
}

// ---------------------------------------------------------------- [SECTION] swimlane Gantt
enum class SegKind { travel, queue, window, review };  // ChartRow's first four

struct Seg {
    std::int32_t lane = -1;  // department index, -1 = the citizen
    SegKind kind = SegKind::travel;
    Seconds from = 0, to = 0;
    std::int32_t step = -1;
    bool critical = false;
};

struct Trace {
    Seconds start = 0, finish = 0;
    std::vector<Seg> segs;
    std::vector<std::int32_t> lanes;   // department lanes in order of first use
    std::vector<Seconds> rejections;   // when the clerk sent the citizen back
    std::vector<std::int32_t> critical; // step indices of the critical path, first to last
};

// The median citizen's timeline (core/timeline.hpp) in the rows every time chart uses
// (chart_row), on the citizen's lane and the departments' lanes: at a window (or with
// the inspectors) on both, the back office on its department's. Waits for 补正 are
// marked by the rejections, not drawn.
Trace trace_of(const CompareVariantRun& r) {
    Trace t;
    const auto& ev = r.median.events;
    if (ev.empty() || !r.scenario || !r.variant) return t;
    const Timeline line = build_timeline(*r.scenario, *r.variant, ev, r.median.citizen, r.result.seed);
    t.start = line.start;
    t.finish = line.end;
    t.rejections = line.rejected_at;
    auto add = [&](std::int32_t lane, SegKind k, const TimelineSegment& g) {
        t.segs.push_back(Seg{lane, k, g.from, g.to, g.step, false});
        if (lane >= 0 && std::find(t.lanes.begin(), t.lanes.end(), lane) == t.lanes.end()) t.lanes.push_back(lane);
    };
    for (const TimelineSegment& g : line.segments) {
        const int row = chart_row(g.lane);
        if (row < 0 || row == static_cast<int>(ChartRow::rework)) continue;
        const auto kind = static_cast<SegKind>(row);
        if (g.lane != Lane::review) add(-1, kind, g);
        if (g.lane == Lane::window || g.lane == Lane::inspection || g.lane == Lane::review) add(g.department, kind, g);
    }
    // Critical path from the variant's step dependencies (scenario::critical_steps): the
    // chain of steps whose finishes determined the case's finish; their queue, window and
    // back-office bars are outlined.
    const std::vector<std::int32_t> chain = scenario::critical_steps(r.steps, r.variant->branches, line.ready_times());
    for (Seg& seg : t.segs)
        seg.critical = seg.step >= 0 && std::find(chain.begin(), chain.end(), seg.step) != chain.end();
    t.critical = chain;
    return t;
}

ImU32 seg_color(SegKind k) {
    switch (k) {
    case SegKind::travel: return IM_COL32(120, 135, 160, 255);
    case SegKind::queue: return IM_COL32(235, 170, 60, 255);
    case SegKind::window: return IM_COL32(66, 120, 200, 255);
    case SegKind::review: return IM_COL32(110, 175, 140, 255);
    }
    return kInk;
}

float lane_h() { return ImGui::GetFontSize() * 1.5f; }
float label_w() { return ImGui::GetFontSize() * 10.5f; }

float gantt_height(const CompareState& c) {
    float h = ImGui::GetFontSize() * 4.5f;  // axis, legend, caption
    for (const auto& r : c.runs) {
        const Trace t = trace_of(r);
        h += ImGui::GetFontSize() * 1.6f + lane_h() * static_cast<float>(1 + t.lanes.size()) + ImGui::GetFontSize() * 0.6f;
    }
    return h;
}

void draw_gantt(const AppState& s, ImDrawList* dl, ImVec2 o, ImVec2 size) {
    const CompareState& c = s.compare;
    const float em1 = ImGui::GetFontSize();
    std::vector<Trace> traces;
    Seconds span = kDay;
    for (const auto& r : c.runs) {
        traces.push_back(trace_of(r));
        span = std::max(span, traces.back().finish - traces.back().start);
    }
    const double days = std::ceil(static_cast<double>(span) / kDay);
    const float x0 = o.x + label_w(), x1 = o.x + size.x - em1 * 0.5f;
    auto X = [&](Seconds elapsed) {
        return x0 + static_cast<float>(static_cast<double>(elapsed) / (days * kDay)) * (x1 - x0);
    };
    float y = o.y;
    for (std::size_t v = 0; v < c.runs.size(); ++v) {
        const CompareVariantRun& r = c.runs[v];
        const Trace& t = traces[v];
        std::string title = variant_title(s, r.id);
        if (r.median.citizen >= 0) {
            title += "  ·  " + std::string(T(s, Str::cmp_median_citizen)) + " #" + std::to_string(r.median.citizen) + "  ·  " +
                     number(static_cast<double>(t.finish - t.start) / kDay) + " " + T(s, Str::cmp_days);
        }
        dl->AddRectFilled(ImVec2(o.x, y + em1 * 0.2f), ImVec2(o.x + em1 * 0.5f, y + em1 * 1.2f), variant_color(v));
        text(dl, ImVec2(o.x + em1 * 0.8f, y + em1 * 0.15f), kInk, title);
        y += em1 * 1.6f;
        const float top = y;
        const std::size_t lanes = 1 + t.lanes.size();
        const float bottom = top + lane_h() * static_cast<float>(lanes);
        // weekends and holidays of this citizen's own dates
        if (c.calendar && c.calendar->mode() == CalendarMode::working_days && !t.segs.empty()) {
            for (std::int64_t d = day_of(t.start); d * kDay < t.start + static_cast<Seconds>(days * kDay); ++d) {
                if (c.calendar->is_working_day(d)) continue;
                const Seconds a = std::max<Seconds>(d * kDay, t.start) - t.start;
                const Seconds b = std::min<Seconds>((d + 1) * kDay - t.start, static_cast<Seconds>(days * kDay));
                dl->AddRectFilled(ImVec2(X(a), top), ImVec2(X(b), bottom), kShade);
            }
        }
        for (std::size_t l = 0; l < lanes; ++l) {
            const float ly = top + lane_h() * static_cast<float>(l);
            dl->AddLine(ImVec2(o.x, ly), ImVec2(x1, ly), kGrid);
            const std::int32_t dept = l == 0 ? -1 : t.lanes[l - 1];
            text_clipped(dl, ImVec2(o.x + em1 * 0.3f, ly + (lane_h() - em1 * 0.85f) * 0.5f), kInk, department_label(s, r, dept), o.x,
                         x0 - em1 * 0.3f, 0.85f);
        }
        dl->AddLine(ImVec2(o.x, bottom), ImVec2(x1, bottom), kGrid);
        for (const Seg& seg : t.segs) {
            std::size_t l = 0;
            if (seg.lane >= 0) l = 1 + static_cast<std::size_t>(std::find(t.lanes.begin(), t.lanes.end(), seg.lane) - t.lanes.begin());
            const float ly = top + lane_h() * static_cast<float>(l);
            const float bx0 = X(seg.from - t.start), bx1 = std::max(X(seg.to - t.start), bx0 + 2.0f);
            const ImVec2 a(bx0, ly + lane_h() * 0.18f), b(bx1, ly + lane_h() * 0.82f);
            dl->AddRectFilled(a, b, seg_color(seg.kind), 2.0f);
            if (seg.critical) dl->AddRect(ImVec2(a.x - 1, a.y - 1), ImVec2(b.x + 1, b.y + 1), kCritical, 2.0f, 0, 2.0f);
            if (seg.lane >= 0 && seg.kind == SegKind::review && bx1 - bx0 > em1 * 3)
                text_clipped(dl, ImVec2(bx0 + em1 * 0.25f, ly + (lane_h() - em1 * 0.8f) * 0.5f), IM_COL32(255, 255, 255, 255),
                             step_label(s, r, seg.step), bx0, bx1 - em1 * 0.2f, 0.8f);
        }
        for (Seconds when : t.rejections) {
            const float rx = X(when - t.start), ry = top + lane_h() * 0.5f;
            dl->AddTriangleFilled(ImVec2(rx, ry + em1 * 0.45f), ImVec2(rx - em1 * 0.35f, ry - em1 * 0.25f),
                                  ImVec2(rx + em1 * 0.35f, ry - em1 * 0.25f), kCost);
        }
        y = bottom + em1 * 0.6f;
    }
    // the shared axis: elapsed days
    dl->AddLine(ImVec2(x0, y), ImVec2(x1, y), kInk);
    const int step_days = std::max(1, static_cast<int>(std::ceil(days / 12)));
    for (int d = 0; d <= static_cast<int>(days); d += step_days) {
        const float tx = X(static_cast<Seconds>(d) * kDay);
        dl->AddLine(ImVec2(tx, y), ImVec2(tx, y + em1 * 0.3f), kInk);
        const std::string label = std::to_string(d);
        text(dl, ImVec2(tx - text_width(label, 0.85f) * 0.5f, y + em1 * 0.35f), kInk, label, 0.85f);
    }
    text(dl, ImVec2(o.x, y + em1 * 0.35f), kInk, T(s, Str::cmp_axis_elapsed_days), 0.85f);
    y += em1 * 1.6f;
    // legend
    float lx = o.x;
    const std::pair<SegKind, Str> legend[] = {{SegKind::travel, Str::cmp_legend_travel}, {SegKind::queue, Str::cmp_legend_queue},
                                              {SegKind::window, Str::cmp_legend_window}, {SegKind::review, Str::cmp_legend_review}};
    for (const auto& [kind, label] : legend) {
        dl->AddRectFilled(ImVec2(lx, y + em1 * 0.2f), ImVec2(lx + em1, y + em1 * 0.9f), seg_color(kind), 2.0f);
        text(dl, ImVec2(lx + em1 * 1.3f, y), kInk, T(s, label), 0.85f);
        lx += em1 * 1.8f + text_width(T(s, label), 0.85f);
    }
    dl->AddRect(ImVec2(lx, y + em1 * 0.2f), ImVec2(lx + em1, y + em1 * 0.9f), kCritical, 2.0f, 0, 2.0f);
    text(dl, ImVec2(lx + em1 * 1.3f, y), kInk, T(s, Str::cmp_legend_critical), 0.85f);
    lx += em1 * 1.8f + text_width(T(s, Str::cmp_legend_critical), 0.85f);
    dl->AddRectFilled(ImVec2(lx, y + em1 * 0.2f), ImVec2(lx + em1, y + em1 * 0.9f), kShade);
    text(dl, ImVec2(lx + em1 * 1.3f, y), kInk, T(s, Str::cmp_legend_closed), 0.85f);
    lx += em1 * 1.8f + text_width(T(s, Str::cmp_legend_closed), 0.85f);
    dl->AddTriangleFilled(ImVec2(lx + em1 * 0.5f, y + em1 * 0.95f), ImVec2(lx + em1 * 0.15f, y + em1 * 0.25f),
                          ImVec2(lx + em1 * 0.85f, y + em1 * 0.25f), kCost);
    text(dl, ImVec2(lx + em1 * 1.3f, y), kInk, T(s, Str::cmp_legend_rejected), 0.85f);
    y += em1 * 1.4f;
    text(dl, ImVec2(o.x, y), IM_COL32(90, 96, 110, 255), T(s, Str::cmp_gantt_caption), 0.85f);
    (void)size;
}

// ---------------------------------------------------------------- [SECTION] histogram
void draw_histogram(const AppState& s, ImDrawList* dl, ImVec2 o, ImVec2 size) {
    const CompareState& c = s.compare;
    const float em1 = ImGui::GetFontSize();
    double top = 0;
    for (const auto& r : c.runs)
        for (const auto& k : r.result.cases) top = std::max(top, k.calendar_days());
    if (top <= 0) return;
    const int bins = 30;
    const double width = std::max(0.1, std::ceil(top * 1.02 / bins * 10) / 10);  // bin width in days
    std::vector<std::vector<double>> share(c.runs.size(), std::vector<double>(bins, 0));
    double peak = 0;
    for (std::size_t v = 0; v < c.runs.size(); ++v) {
        const auto& cases = c.runs[v].result.cases;
        for (const auto& k : cases) {
            const int b = std::min(bins - 1, static_cast<int>(k.calendar_days() / width));
            share[v][static_cast<std::size_t>(b)] += 1.0 / static_cast<double>(cases.size());
        }
        for (double x : share[v]) peak = std::max(peak, x);
    }
    const float x0 = o.x + em1 * 3.5f, x1 = o.x + size.x - em1 * 0.5f;
    const float y0 = o.y + em1 * 1.6f, y1 = o.y + size.y - em1 * 4.2f;
    // legend
    float lx = x0;
    for (std::size_t v = 0; v < c.runs.size(); ++v) {
        dl->AddRectFilled(ImVec2(lx, o.y + em1 * 0.2f), ImVec2(lx + em1, o.y + em1 * 0.9f), variant_color(v, 150));
        const std::string name = variant_title(s, c.runs[v].id);
        text(dl, ImVec2(lx + em1 * 1.3f, o.y), kInk, name, 0.85f);
        lx += em1 * 2.2f + text_width(name, 0.85f);
    }
    // y grid: share of citizens
    const double ymax = std::max(0.01, std::ceil(peak * 20) / 20);
    for (int g = 0; g <= 4; ++g) {
        const float gy = y1 - (y1 - y0) * static_cast<float>(g) / 4;
        dl->AddLine(ImVec2(x0, gy), ImVec2(x1, gy), kGrid);
        const std::string label = number(ymax * g / 4 * 100, "%.0f%%");
        text(dl, ImVec2(x0 - em1 * 0.3f - text_width(label, 0.8f), gy - em1 * 0.4f), kInk, label, 0.8f);
    }
    const float bw = (x1 - x0) / bins;
    for (std::size_t v = 0; v < c.runs.size(); ++v) {
        for (int b = 0; b < bins; ++b) {
            const double h = share[v][static_cast<std::size_t>(b)];
            if (h <= 0) continue;
            const float bx = x0 + bw * static_cast<float>(b);
            const float by = y1 - static_cast<float>(h / ymax) * (y1 - y0);
            dl->AddRectFilled(ImVec2(bx + 1, by), ImVec2(bx + bw - 1, y1), variant_color(v, 110));
            dl->AddRect(ImVec2(bx + 1, by), ImVec2(bx + bw - 1, y1), variant_color(v, 255));
        }
        // the mean as a dashed marker
        const Summary m = summarise(c.runs[v].result.cases, Measure::calendar_days);
        const float mx = x0 + static_cast<float>(m.mean / (width * bins)) * (x1 - x0);
        for (float dy = y0; dy < y1; dy += em1 * 0.6f) dl->AddLine(ImVec2(mx, dy), ImVec2(mx, std::min(y1, dy + em1 * 0.3f)), variant_color(v), 2.0f);
    }
    dl->AddLine(ImVec2(x0, y1), ImVec2(x1, y1), kInk);
    for (int b = 0; b <= bins; b += 5) {
        const float tx = x0 + bw * static_cast<float>(b);
        dl->AddLine(ImVec2(tx, y1), ImVec2(tx, y1 + em1 * 0.3f), kInk);
        const std::string label = number(width * b, width * b < 10 ? "%.1f" : "%.0f");
        text(dl, ImVec2(tx - text_width(label, 0.8f) * 0.5f, y1 + em1 * 0.35f), kInk, label, 0.8f);
    }
    text(dl, ImVec2(x0, y1 + em1 * 1.5f), kInk, T(s, Str::cmp_axis_calendar_days), 0.85f);
    text(dl, ImVec2(o.x, y1 + em1 * 2.8f), IM_COL32(90, 96, 110, 255), T(s, Str::cmp_histogram_caption), 0.85f);
}

// ---------------------------------------------------------------- [SECTION] waterfall
// The attribution the waterfall shows: the one the user chose, else the first done.
const ShapleyResult* waterfall_result(const CompareState& c, std::size_t* index) {
    const int pick = c.waterfall_index;
    if (pick >= 0 && static_cast<std::size_t>(pick) < c.attributions.size()) {
        if (index) *index = static_cast<std::size_t>(pick);
        return c.attributions[static_cast<std::size_t>(pick)].complete ? &c.attributions[static_cast<std::size_t>(pick)] : nullptr;
    }
    for (std::size_t i = 0; i < c.attributions.size(); ++i) {
        if (c.attributions[i].complete) {
            if (index) *index = i;
            return &c.attributions[i];
        }
    }
    return nullptr;
}

// The lines under the waterfall: the caption, then the subsets that could not apply
// (each with its reason), wrapped to `width`.
struct Note {
    std::string text;
    ImU32 color;
};
std::vector<Note> waterfall_notes(const AppState& s, const ShapleyResult& r, float width) {
    const float size = ImGui::GetFontSize() * 0.85f;
    std::vector<Note> out;
    auto add = [&](const std::string& text, ImU32 color) {
        for (auto& line : wrap_lines(text, width, size)) out.push_back({std::move(line), color});
    };
    char caption[512];
    std::snprintf(caption, sizeof caption, T(s, Str::cmp_waterfall_caption), static_cast<int>(r.levers.size()),
                  static_cast<int>(r.subsets.size()));
    add(caption, IM_COL32(90, 96, 110, 255));
    if (r.failed_subsets > 0) {
        std::snprintf(caption, sizeof caption, T(s, Str::cmp_waterfall_failed), r.failed_subsets, r.feasible_orders,
                      r.all_orders);
        add(caption, kCost);
        add(T(s, Str::cmp_waterfall_failed_title), kCost);
        constexpr int kShown = 8;
        int shown = 0;
        for (const ShapleySubset& sub : r.subsets) {
            if (sub.ok || sub.failed_lever < 0) continue;
            if (++shown > kShown) {
                add("…", kCost);
                break;
            }
            std::string levers;
            for (std::size_t i = 0; i < r.levers.size(); ++i)
                if (sub.mask & (1u << i)) levers += (levers.empty() ? "" : "+") + std::to_string(i + 1);
            std::snprintf(caption, sizeof caption, T(s, Str::cmp_waterfall_failed_item), levers.c_str(),
                          (s.language == Language::zh ? sub.error_zh : sub.error_en).c_str());
            add(std::string("· ") + caption, kCost);
        }
    }
    return out;
}
float note_line_h() { return ImGui::GetFontSize() * 0.85f * 1.2f; }

void draw_waterfall(const AppState& s, ImDrawList* dl, ImVec2 o, ImVec2 size) {
    const CompareState& c = s.compare;
    const float em1 = ImGui::GetFontSize();
    std::size_t which = 0;
    const ShapleyResult* r = waterfall_result(c, &which);
    const bool on_screen = dl == ImGui::GetWindowDrawList();
    if (!r) {
        const std::size_t pick = c.waterfall_index >= 0 && static_cast<std::size_t>(c.waterfall_index) < c.setups.size()
                                     ? static_cast<std::size_t>(c.waterfall_index) : 0;
        const Str why = !c.with_shapley ? Str::cmp_shapley_off
                        : pick >= c.setups.size() || !c.setups[pick].ok ? Str::cmp_shapley_none
                                                                         : Str::cmp_shapley_running;
        text(dl, ImVec2(o.x, o.y), kInk, T(s, why));
        if (pick < c.setups.size() && !c.setups[pick].ok) {
            float ly = o.y + em1 * 1.5f;
            for (const auto& line : wrap_lines(s.language == Language::zh ? c.setups[pick].error_zh : c.setups[pick].error_en,
                                               size.x, em1 * 0.85f)) {
                text(dl, ImVec2(o.x, ly), kInk, line, 0.85f);
                ly += note_line_h();
            }
        }
        return;
    }
    const int m = std::clamp(c.shapley_measure, 0, kShapleyMeasureCount - 1);
    const std::size_t k = r->levers.size();
    std::vector<double> bottoms, tops;
    std::vector<ImU32> colors;
    std::vector<std::string> labels, values;
    double running = r->none[static_cast<std::size_t>(m)];
    bottoms.push_back(0), tops.push_back(running), colors.push_back(variant_color(0, 220));
    labels.push_back(variant_title(s, r->base_id)), values.push_back(number(running, "%.2f"));
    for (std::size_t i = 0; i < k; ++i) {
        const double v = r->levers[i].value[static_cast<std::size_t>(m)];
        bottoms.push_back(std::min(running, running + v));
        tops.push_back(std::max(running, running + v));
        colors.push_back(v <= 0 ? kSaving : kCost);
        labels.push_back(s.language == Language::zh ? r->levers[i].label_zh : r->levers[i].label_en);
        values.push_back((v > 0 ? "+" : "") + number(v, "%.2f") + (r->levers[i].affected ? " *" : ""));
        running += v;
    }
    bottoms.push_back(0), tops.push_back(r->all[static_cast<std::size_t>(m)]), colors.push_back(variant_color(which + 1, 220));
    labels.push_back(variant_title(s, r->target_id)), values.push_back(number(r->all[static_cast<std::size_t>(m)], "%.2f"));

    // The axis spans the levels the bars pass through (not from 0: small levers stay
    // visible next to a long total); the first and last bars start at the axis.
    double hi = tops[0], level_lo = tops[0];
    for (std::size_t i = 0; i < tops.size(); ++i) {
        hi = std::max(hi, tops[i]);
        level_lo = std::min(level_lo, i == 0 || i + 1 == tops.size() ? tops[i] : bottoms[i]);
    }
    double lo = std::max(0.0, level_lo - (hi - level_lo) * 0.6);
    if (level_lo < 0) lo = level_lo - (hi - level_lo) * 0.1;
    if (hi - lo <= 1e-9) hi = lo + 1;
    bottoms.front() = lo;
    bottoms.back() = std::min(lo, tops.back());
    const float x0 = o.x + em1 * 3.5f, x1 = o.x + size.x - em1 * 0.5f;
    const std::vector<Note> notes = waterfall_notes(s, *r, size.x);
    const float notes_h = note_line_h() * static_cast<float>(notes.size());
    const float y0 = o.y + em1 * 1.4f, y1 = o.y + size.y - em1 * 3.6f - notes_h;
    auto Y = [&](double v) { return y1 - static_cast<float>((v - lo) / (hi - lo)) * (y1 - y0); };
    const char* measure_names[] = {T(s, Str::cmp_measure_calendar_days), T(s, Str::cmp_measure_working_days), T(s, Str::cmp_measure_trips)};
    text(dl, ImVec2(o.x, o.y), kInk, measure_names[m], 0.9f);
    for (int g = 0; g <= 4; ++g) {
        const double v = lo + (hi - lo) * g / 4;
        dl->AddLine(ImVec2(x0, Y(v)), ImVec2(x1, Y(v)), kGrid);
        const std::string label = number(v);
        text(dl, ImVec2(x0 - em1 * 0.3f - text_width(label, 0.8f), Y(v) - em1 * 0.4f), kInk, label, 0.8f);
    }
    const std::size_t n = tops.size();
    const float slot = (x1 - x0) / static_cast<float>(n);
    for (std::size_t i = 0; i < n; ++i) {
        const float bx0 = x0 + slot * static_cast<float>(i) + slot * 0.15f, bx1 = bx0 + slot * 0.7f;
        const float ya = Y(tops[i]), yb = std::max(Y(bottoms[i]), ya + 1.5f);
        dl->AddRectFilled(ImVec2(bx0, ya), ImVec2(bx1, yb), colors[i], 2.0f);
        if (i + 1 < n) {  // connector to the next bar
            const double level = i == 0 ? tops[0] : (colors[i] == kSaving ? bottoms[i] : tops[i]);
            dl->AddLine(ImVec2(bx1, Y(level)), ImVec2(bx1 + slot * 0.3f, Y(level)), kInk);
        }
        const float vw = text_width(values[i], 0.8f);
        text(dl, ImVec2((bx0 + bx1) * 0.5f - vw * 0.5f, ya - em1 * 0.95f), kInk, values[i], 0.8f);
        // the label under the bar, wrapped into the slot
        const ImVec4 clip(x0 + slot * static_cast<float>(i), y1, x0 + slot * static_cast<float>(i + 1) - 2, y1 + em1 * 3.2f);
        dl->AddText(ImGui::GetFont(), em1 * 0.8f, ImVec2(x0 + slot * static_cast<float>(i) + 2, y1 + em1 * 0.3f), kInk,
                    labels[i].c_str(), nullptr, slot - 4, &clip);
    }
    dl->AddLine(ImVec2(x0, Y(lo)), ImVec2(x1, Y(lo)), kInk);
    // caption and failed subsets, wrapped to the chart's width
    const float cy = y1 + em1 * 3.4f;
    float widest = 0;
    for (std::size_t i = 0; i < notes.size(); ++i) {
        text(dl, ImVec2(o.x, cy + note_line_h() * static_cast<float>(i)), notes[i].color, notes[i].text, 0.85f);
        widest = std::max(widest, text_width(notes[i].text, 0.85f));
    }
    if (on_screen) test_api::add_rect("compare.waterfall.caption", o.x, cy, o.x + widest, cy + notes_h);
}

}  // namespace

// ---------------------------------------------------------------- public
std::vector<std::string> critical_path(const CompareVariantRun& r) {
    std::vector<std::string> out;
    for (std::int32_t i : trace_of(r).critical)
        if (static_cast<std::size_t>(i) < r.steps.size()) out.push_back(r.steps[static_cast<std::size_t>(i)].id);
    return out;
}

int waterfall_shown(const CompareState& c) {
    std::size_t index = 0;
    return waterfall_result(c, &index) ? static_cast<int>(index) : -1;
}

const char* chart_key(CompareChart c) {
    switch (c) {
    case CompareChart::gantt: return "gantt";
    case CompareChart::histogram: return "histogram";
    case CompareChart::waterfall: return "waterfall";
    }
    return "?";
}

bool parse_chart(const std::string& s, CompareChart& out) {
    for (CompareChart c : {CompareChart::gantt, CompareChart::histogram, CompareChart::waterfall}) {
        if (s == chart_key(c)) {
            out = c;
            return true;
        }
    }
    return false;
}

ImU32 variant_color(std::size_t index, int alpha) {
    static const ImU32 colors[] = {IM_COL32(90, 105, 135, 0), IM_COL32(230, 120, 30, 0), IM_COL32(40, 150, 150, 0),
                                   IM_COL32(150, 80, 170, 0), IM_COL32(60, 140, 60, 0)};
    return colors[index % 5] | (static_cast<ImU32>(std::clamp(alpha, 0, 255)) << IM_COL32_A_SHIFT);
}

float chart_height(const AppState& state, CompareChart chart, float width) {
    const float em1 = ImGui::GetFontSize();
    switch (chart) {
    case CompareChart::gantt: return gantt_height(state.compare);
    case CompareChart::histogram: return std::max(em1 * 16, std::min(width * 0.4f, em1 * 24));
    case CompareChart::waterfall: {
        float notes = 0;
        if (const ShapleyResult* r = waterfall_result(state.compare, nullptr))
            notes = note_line_h() * static_cast<float>(waterfall_notes(state, *r, width).size()) - em1 * 2.2f;
        return std::max(em1 * 18, std::min(width * 0.42f, em1 * 26)) + std::max(0.0f, notes);
    }
    }
    return em1 * 16;
}

void draw_chart(const AppState& state, CompareChart chart, ImDrawList* dl, ImVec2 origin, ImVec2 size) {
    if (!compare::tables_ready(state.compare)) return;
    switch (chart) {
    case CompareChart::gantt: draw_gantt(state, dl, origin, size); break;
    case CompareChart::histogram: draw_histogram(state, dl, origin, size); break;
    case CompareChart::waterfall: draw_waterfall(state, dl, origin, size); break;
    }
}

// ---------------------------------------------------------------- [SECTION] PNG
namespace {

struct Image {
    int w = 0, h = 0;
    std::vector<float> rgb;  // linear 0..1 blending in sRGB space, like the GPU does
};

struct Texture {
    const unsigned char* px = nullptr;
    int w = 0, h = 0;
    float alpha(float u, float v) const {  // bilinear, alpha channel of the RGBA atlas
        const float x = u * static_cast<float>(w) - 0.5f, y = v * static_cast<float>(h) - 0.5f;
        const int xi = static_cast<int>(std::floor(x)), yi = static_cast<int>(std::floor(y));
        const float fx = x - static_cast<float>(xi), fy = y - static_cast<float>(yi);
        auto at = [&](int i, int j) {
            i = std::clamp(i, 0, w - 1);
            j = std::clamp(j, 0, h - 1);
            return static_cast<float>(px[(static_cast<std::size_t>(j) * static_cast<std::size_t>(w) + static_cast<std::size_t>(i)) * 4 + 3]) / 255.0f;
        };
        return (at(xi, yi) * (1 - fx) + at(xi + 1, yi) * fx) * (1 - fy) + (at(xi, yi + 1) * (1 - fx) + at(xi + 1, yi + 1) * fx) * fy;
    }
};

void raster_triangle(Image& img, const Texture& tex, const ImDrawVert& a, const ImDrawVert& b, const ImDrawVert& c,
                     const ImVec4& clip, float scale) {
    const float ax = a.pos.x * scale, ay = a.pos.y * scale, bx = b.pos.x * scale, by = b.pos.y * scale,
                cx = c.pos.x * scale, cy = c.pos.y * scale;
    const float area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    if (std::fabs(area) < 1e-6f) return;
    const int minx = std::max(static_cast<int>(std::floor(std::max(std::min({ax, bx, cx}), clip.x * scale))), 0);
    const int maxx = std::min(static_cast<int>(std::ceil(std::min(std::max({ax, bx, cx}), clip.z * scale))), img.w);
    const int miny = std::max(static_cast<int>(std::floor(std::max(std::min({ay, by, cy}), clip.y * scale))), 0);
    const int maxy = std::min(static_cast<int>(std::ceil(std::min(std::max({ay, by, cy}), clip.w * scale))), img.h);
    auto channel = [](ImU32 col, int shift) { return static_cast<float>((col >> shift) & 0xFF) / 255.0f; };
    for (int y = miny; y < maxy; ++y) {
        for (int x = minx; x < maxx; ++x) {
            const float px = static_cast<float>(x) + 0.5f, py = static_cast<float>(y) + 0.5f;
            float w0 = ((bx - px) * (cy - py) - (by - py) * (cx - px)) / area;
            float w1 = ((cx - px) * (ay - py) - (cy - py) * (ax - px)) / area;
            float w2 = 1 - w0 - w1;
            if (w0 < 0 || w1 < 0 || w2 < 0) continue;
            const float u = a.uv.x * w0 + b.uv.x * w1 + c.uv.x * w2, v = a.uv.y * w0 + b.uv.y * w1 + c.uv.y * w2;
            float src[4];
            for (int ch = 0; ch < 4; ++ch) {
                const int shift = ch * 8;  // R, G, B, A in ImU32's byte order
                src[ch] = channel(a.col, shift) * w0 + channel(b.col, shift) * w1 + channel(c.col, shift) * w2;
            }
            const float alpha = src[3] * tex.alpha(u, v);
            float* dst = &img.rgb[(static_cast<std::size_t>(y) * static_cast<std::size_t>(img.w) + static_cast<std::size_t>(x)) * 3];
            for (int ch = 0; ch < 3; ++ch) dst[ch] = src[ch] * alpha + dst[ch] * (1 - alpha);
        }
    }
}

void append_bytes(void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

}  // namespace

std::string chart_png(const AppState& state) {
    if (!compare::tables_ready(state.compare)) return {};
    const float width = ImGui::GetFontSize() * 64;
    const float height = chart_height(state, state.compare.chart, width) + ImGui::GetFontSize();
    const float scale = std::max(1.0f, state.framebuffer_scale);
    ImDrawList dl(ImGui::GetDrawListSharedData());
    dl._ResetForNewFrame();
    dl.Flags = ImDrawListFlags_AntiAliasedLines | ImDrawListFlags_AntiAliasedFill;
    dl.PushTextureID(ImGui::GetIO().Fonts->TexID);
    dl.PushClipRect(ImVec2(0, 0), ImVec2(width, height));
    draw_chart(state, state.compare.chart, &dl, ImVec2(ImGui::GetFontSize() * 0.5f, ImGui::GetFontSize() * 0.5f),
               ImVec2(width - ImGui::GetFontSize(), height - ImGui::GetFontSize()));

    Texture tex;
    unsigned char* px = nullptr;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&px, &tex.w, &tex.h);
    tex.px = px;
    if (!tex.px) return {};
    Image img;
    img.w = static_cast<int>(std::ceil(width * scale));
    img.h = static_cast<int>(std::ceil(height * scale));
    img.rgb.assign(static_cast<std::size_t>(img.w) * static_cast<std::size_t>(img.h) * 3, 1.0f);  // white paper
    for (const ImDrawCmd& cmd : dl.CmdBuffer) {
        if (cmd.UserCallback || cmd.ElemCount == 0) continue;
        for (unsigned int i = 0; i + 2 < cmd.ElemCount; i += 3) {
            const ImDrawVert& a = dl.VtxBuffer[static_cast<int>(cmd.VtxOffset + dl.IdxBuffer[static_cast<int>(cmd.IdxOffset + i)])];
            const ImDrawVert& b = dl.VtxBuffer[static_cast<int>(cmd.VtxOffset + dl.IdxBuffer[static_cast<int>(cmd.IdxOffset + i + 1)])];
            const ImDrawVert& c = dl.VtxBuffer[static_cast<int>(cmd.VtxOffset + dl.IdxBuffer[static_cast<int>(cmd.IdxOffset + i + 2)])];
            raster_triangle(img, tex, a, b, c, cmd.ClipRect, scale);
        }
    }
    std::vector<unsigned char> bytes(img.rgb.size());
    for (std::size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = static_cast<unsigned char>(std::lround(std::clamp(img.rgb[i], 0.0f, 1.0f) * 255.0f));
    std::string png;
    if (!stbi_write_png_to_func(append_bytes, &png, img.w, img.h, 3, bytes.data(), img.w * 3)) return {};
    return png;
}

}  // namespace peizou::app::compare
