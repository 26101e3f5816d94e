// 对比 Compare (issue 6): before vs after for many simulated citizens — KPI table with
// changes, swimlane Gantt of the median citizen, histograms, the Shapley waterfall of
// time saved per lever, department waits and utilisation, what-if sliders, exports.
// Runs advance a slice per frame (compare_run.cpp); charts are compare_charts.cpp.
// [SECTION] setup row   [SECTION] KPI table   [SECTION] departments   [SECTION] what-if
// [SECTION] charts and exports   [SECTION] layout   [SECTION] test API
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "compare_charts.hpp"
#include "compare_run.hpp"
#include "imgui.h"
#include "scenario/exports.hpp"
#include "scenario/run_report.hpp"
#include "screens.hpp"
#include "strings.hpp"
#include "test_api.hpp"

namespace peizou::app::compare {

namespace {

const char* T(const AppState& s, Str id) { return tr(s.language, id); }
constexpr double kFrameBudgetMs = 10;  // simulation work per frame

// Two decimals, one from 100 up (the table stays narrow; exact numbers are in the exports).
std::string fmt2(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, std::fabs(v) >= 100 ? "%.1f" : "%.2f", v);
    return buf;
}

// ---------------------------------------------------------------- [SECTION] setup row
// "改革前：五个部门分头跑" -> "改革前"; when two variants share that part, the rest
// ("绿色通道…") tells them apart.
std::pair<std::string, std::string> split_title(const std::string& title) {
    std::size_t cut = title.find("：");
    std::size_t skip = 3;  // UTF-8 bytes of "："
    if (cut == std::string::npos) cut = title.find(": "), skip = 2;
    if (cut == std::string::npos) return {title, ""};
    return {title.substr(0, cut), title.substr(cut + skip)};
}

std::string first_chars(const std::string& s, std::size_t n) {  // n UTF-8 characters
    std::size_t at = 0;
    for (std::size_t k = 0; k < n && at < s.size(); ++k) {
        ++at;
        while (at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) ++at;
    }
    return at < s.size() ? s.substr(0, at) + ".." : s;
}

std::string checkbox_label(const AppState& state, const Scenario& sc, const Variant& v) {
    auto title = [&](const Variant& x) {
        const std::string& t = state.language == Language::zh ? x.title : x.title_en;
        return t.empty() ? x.id : t;
    };
    const auto [head, rest] = split_title(title(v));
    for (const auto& w : sc.variants)
        if (&w != &v && split_title(title(w)).first == head && !rest.empty()) return first_chars(rest, 8);
    return head;
}

void draw_setup(AppState& state) {
    CompareState& c = state.compare;
    const auto& entries = state.library.entries;
    const int entry = selected_entry(state);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(T(state, Str::cmp_scenario));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(16));
    const std::string preview = entry >= 0 ? (state.language == Language::zh
                                                  ? entries[static_cast<std::size_t>(entry)].result.scenario.title
                                                  : entries[static_cast<std::size_t>(entry)].result.scenario.title_en)
                                           : std::string(T(state, Str::cmp_no_scenario));
    if (ImGui::BeginCombo("##cmp_scenario", preview.c_str())) {
        for (std::size_t i = 0; i < entries.size(); ++i) {
            if (!entries[i].result.ok) continue;
            const auto& sc = entries[i].result.scenario;
            if (ImGui::Selectable((state.language == Language::zh ? sc.title : sc.title_en).c_str(), static_cast<int>(i) == entry)) {
                c.scenario_file = entries[i].file;
                c.variants.clear();
            }
        }
        ImGui::EndCombo();
    }
    test_api::add_rect("compare.scenario");
    if (entry >= 0 && entries[static_cast<std::size_t>(entry)].result.ok) {
        const Scenario& sc = entries[static_cast<std::size_t>(entry)].result.scenario;
        if (c.variants.empty())
            for (std::size_t i = 0; i < sc.variants.size() && i < 2; ++i) c.variants.push_back(sc.variants[i].id);
        for (const auto& v : sc.variants) {
            ImGui::SameLine();
            bool on = std::find(c.variants.begin(), c.variants.end(), v.id) != c.variants.end();
            const std::string shown = checkbox_label(state, sc, v) + "##v_" + v.id;
            if (ImGui::Checkbox(shown.c_str(), &on)) {
                std::vector<std::string> next;
                for (const auto& w : sc.variants) {  // keep the scenario's order: the first is the reference
                    const bool was = std::find(c.variants.begin(), c.variants.end(), w.id) != c.variants.end();
                    if (w.id == v.id ? on : was) next.push_back(w.id);
                }
                c.variants = next;
            }
            test_api::add_rect("compare.variant." + v.id);
        }
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(T(state, Str::cmp_citizens));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(6));
    ImGui::InputInt("##cmp_citizens", &c.citizens, 100, 1000);
    c.citizens = std::clamp(c.citizens, 1, 100000);
    ImGui::SameLine();
    ImGui::TextUnformatted(T(state, Str::cmp_seed));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", T(state, Str::lib_seed_tip));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(6));
    ImGui::InputScalar("##cmp_seed", ImGuiDataType_S64, &c.seed);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", T(state, Str::lib_seed_tip));
    ImGui::SameLine();
    ImGui::Checkbox(T(state, Str::cmp_shapley), &c.with_shapley);
    ImGui::SameLine();
    const bool running = c.phase == ComparePhase::running;
    if (running) ImGui::BeginDisabled();
    const bool can_run = c.variants.size() >= 2;
    if (ImGui::Button(T(state, Str::cmp_run)) && can_run) start(state, entry);
    test_api::add_rect("compare.run");
    if (running) ImGui::EndDisabled();
    if (!can_run) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", T(state, Str::cmp_need_two));
    }
    if (running) {
        ImGui::SameLine();
        char overlay[64];
        std::snprintf(overlay, sizeof overlay, "%.0f%%", progress(c) * 100);
        ImGui::ProgressBar(static_cast<float>(progress(c)), ImVec2(em(10), 0), overlay);
        test_api::add_rect("compare.progress");
        ImGui::SameLine();
        if (ImGui::Button(T(state, Str::cmp_cancel))) cancel(state);
        test_api::add_rect("compare.cancel");
        // Frame times while the run goes on: the UI stays responsive (issue 6).
        ImGui::SameLine();
        float mean = 0, worst = 0;
        for (float f : c.frame_ms) mean += f, worst = std::max(worst, f);
        if (!c.frame_ms.empty()) mean /= static_cast<float>(c.frame_ms.size());
        char line[128];
        std::snprintf(line, sizeof line, T(state, Str::cmp_frames_running), static_cast<double>(mean),
                      static_cast<double>(worst), static_cast<int>(c.frame_ms.size()));
        ImGui::TextDisabled("%s", line);
        test_api::add_rect("compare.frames");
    } else if (c.phase == ComparePhase::done || c.phase == ComparePhase::cancelled) {
        ImGui::SameLine();
        float mean = 0, worst = 0;
        for (float f : c.frame_ms) mean += f, worst = std::max(worst, f);
        if (!c.frame_ms.empty()) mean /= static_cast<float>(c.frame_ms.size());
        char line[256];
        std::snprintf(line, sizeof line, T(state, c.phase == ComparePhase::done ? Str::cmp_done : Str::cmp_cancelled),
                      c.finished_at - c.started_at, static_cast<double>(c.events) / 1e6, static_cast<double>(mean),
                      static_cast<double>(worst));
        ImGui::TextDisabled("%s", line);
    }
    if (!c.message.empty()) ImGui::TextWrapped("%s", c.message.c_str());
}

// ---------------------------------------------------------------- [SECTION] KPI table
struct Row {
    Measure measure;
    Str label;
};
const Row kRows[] = {
    {Measure::calendar_days, Str::cmp_m_calendar_days}, {Measure::working_days, Str::cmp_m_working_days},
    {Measure::trips, Str::cmp_m_trips},                 {Measure::window_visits, Str::cmp_m_window_visits},
    {Measure::departments, Str::cmp_m_departments},     {Measure::submissions, Str::cmp_m_submissions},
    {Measure::repeat_submissions, Str::cmp_m_repeat_submissions},
    {Measure::citizen_hours, Str::cmp_m_citizen_hours}, {Measure::rejections, Str::cmp_m_rejections},
    {Measure::fees_yuan, Str::cmp_m_fees},
};

// A change cell: absolute and %, green when better (lower, or higher for `higher_better`).
void change_cell(const AppState& state, double from, double to, bool higher_better, bool percent_points) {
    const double d = to - from;
    const bool same = std::fabs(d) < 5e-5;
    const bool better = higher_better ? d > 0 : d < 0;
    const ImVec4 col = same ? ImVec4(0.45f, 0.45f, 0.5f, 1) : better ? ImVec4(0.1f, 0.55f, 0.25f, 1) : ImVec4(0.8f, 0.2f, 0.15f, 1);
    char buf[64];
    if (percent_points) std::snprintf(buf, sizeof buf, "%+.1f%s", d * 100, "pp");
    else if (from != 0) std::snprintf(buf, sizeof buf, std::fabs(d) >= 100 ? "%+.1f (%+.0f%%)" : "%+.2f (%+.0f%%)", d, d / from * 100);
    else std::snprintf(buf, sizeof buf, "%+.2f", d);
    ImGui::TextColored(col, "%s %s", buf, same ? "" : T(state, d < 0 ? Str::cmp_down : Str::cmp_up));
}

// "改革前：五个部门分头跑" -> "改革前" when that part tells the variants apart.
std::vector<std::string> short_titles(const AppState& state) {
    const CompareState& c = state.compare;
    std::vector<std::string> out;
    for (const auto& r : c.runs) {
        const std::string full = variant_title(state, r.id);
        std::size_t cut = full.find("：");
        if (cut == std::string::npos) cut = full.find(": ");
        out.push_back(cut == std::string::npos ? full : full.substr(0, cut));
    }
    for (std::size_t i = 0; i < out.size(); ++i)
        for (std::size_t j = 0; j < out.size(); ++j)
            if (i != j && out[i] == out[j]) out[i] = c.runs[i].id;
    return out;
}

void draw_kpi(AppState& state) {
    CompareState& c = state.compare;
    const std::size_t n = c.runs.size();
    const int columns = static_cast<int>(1 + n + (n - 1));
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
    ImGui::TextUnformatted(T(state, Str::cmp_kpi));
    const std::vector<std::string> shorts = short_titles(state);
    for (std::size_t v = 0; v < n; ++v) {  // legend: colour, short name, full title
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + em(0.25f)), ImVec2(p.x + em(0.7f), p.y + em(0.95f)),
                                                  variant_color(v));
        ImGui::Dummy(ImVec2(em(0.9f), em(1)));
        ImGui::SameLine();
        ImGui::TextWrapped("%s", variant_title(state, c.runs[v].id).c_str());
    }
    if (!ImGui::BeginTable("##kpi", columns, flags)) return;
    ImGui::TableSetupColumn(T(state, Str::cmp_col_measure), ImGuiTableColumnFlags_WidthFixed, em(7.2f));
    for (std::size_t v = 0; v < n; ++v) ImGui::TableSetupColumn(shorts[v].c_str(), ImGuiTableColumnFlags_WidthFixed, em(11.5f));
    for (std::size_t v = 1; v < n; ++v) ImGui::TableSetupColumn(T(state, Str::cmp_col_change), ImGuiTableColumnFlags_WidthFixed, em(8.3f));
    ImGui::TableHeadersRow();
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", T(state, Str::cmp_mean_p50_p90));
    for (const Row& row : kRows) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", T(state, row.label));
        std::vector<Summary> sums;
        for (const auto& r : c.runs) sums.push_back(summarise(r.result.cases, row.measure));
        for (const Summary& sm : sums) {
            ImGui::TableNextColumn();
            ImGui::Text("%s / %s / %s", fmt2(sm.mean).c_str(), fmt2(sm.p50).c_str(), fmt2(sm.p90).c_str());
        }
        for (std::size_t v = 1; v < n; ++v) {
            ImGui::TableNextColumn();
            change_cell(state, sums[0].mean, sums[v].mean, false, false);
        }
    }
    auto rate_row = [&](Str label, auto rate) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", T(state, label));
        for (const auto& r : c.runs) {
            ImGui::TableNextColumn();
            ImGui::Text("%.1f%%", rate(r.result.cases) * 100);
        }
        for (std::size_t v = 1; v < n; ++v) {
            ImGui::TableNextColumn();
            change_cell(state, rate(c.runs[0].result.cases), rate(c.runs[v].result.cases), true, true);
        }
    };
    rate_row(Str::cmp_rate_one_trip, one_trip_rate);
    rate_row(Str::cmp_rate_legal, legal_limits_met_rate);
    const int promised = c.runs.empty() ? -1 : c.runs[0].result.promised_trips;
    if (promised >= 0) {  // 承诺兑现, when the scenario states its promised trips (issue 16)
        rate_row(Str::cmp_rate_promised_limits, promised_limits_met_rate);
        rate_row(Str::cmp_rate_promised_trips,
                 [promised](const std::vector<CaseMeasures>& cases) { return promised_trips_rate(cases, promised); });
    }
    ImGui::EndTable();
    test_api::add_rect("compare.kpi");
}

// ---------------------------------------------------------------- [SECTION] departments
void draw_departments(AppState& state) {
    CompareState& c = state.compare;
    if (!ImGui::CollapsingHeader(T(state, Str::cmp_departments), ImGuiTreeNodeFlags_DefaultOpen)) return;
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("##depts", 1 + static_cast<int>(c.runs.size()), flags)) return;
    ImGui::TableSetupColumn(T(state, Str::cmp_col_department), ImGuiTableColumnFlags_WidthFixed, em(10));
    const std::vector<std::string> shorts = short_titles(state);
    for (const auto& name : shorts) ImGui::TableSetupColumn(name.c_str(), ImGuiTableColumnFlags_WidthFixed, em(11.5f));
    ImGui::TableHeadersRow();
    // Every department any variant runs with, in first-seen order.
    std::vector<std::pair<std::string, std::string>> depts;  // id, name
    for (const auto& r : c.runs)
        for (const auto& d : r.departments)
            if (std::find_if(depts.begin(), depts.end(), [&](const auto& x) { return x.first == d.id; }) == depts.end())
                depts.push_back({d.id, state.language == Language::zh || d.name_en.empty() ? d.name : d.name_en});
    for (const auto& [id, name] : depts) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", name.empty() ? id.c_str() : name.c_str());
        for (const auto& r : c.runs) {
            ImGui::TableNextColumn();
            const DepartmentStats* st = nullptr;
            int windows = 0;
            for (std::size_t i = 0; i < r.result.departments.size(); ++i)
                if (r.result.departments[i].id == id) st = &r.result.departments[i];
            for (const auto& d : r.departments)
                if (d.id == id) windows = d.windows;
            if (!st || st->served == 0) {
                ImGui::TextDisabled("-");
                continue;
            }
            const double u = st->utilisation();
            const ImVec4 col = u > 0.9 ? ImVec4(0.8f, 0.2f, 0.15f, 1) : u > 0.75 ? ImVec4(0.75f, 0.5f, 0.05f, 1) : ImVec4(0.2f, 0.2f, 0.25f, 1);
            char buf[96];
            std::snprintf(buf, sizeof buf, T(state, Str::cmp_dept_cell), st->mean_wait_minutes(), u * 100, windows);
            ImGui::TextColored(col, "%s", buf);
            if (st->overtime_seconds >= 360)  // ≥ 0.1 h: clerks finished citizens after closing
                ImGui::TextColored(col, T(state, Str::cmp_dept_overtime), st->overtime_seconds / 3600);
        }
    }
    ImGui::EndTable();
}

// ---------------------------------------------------------------- [SECTION] what-if
void draw_whatif(AppState& state) {
    CompareState& c = state.compare;
    const bool open = ImGui::CollapsingHeader(T(state, Str::cmp_whatif));
    test_api::add_rect("compare.whatif");
    if (!open) return;
    ImGui::TextWrapped("%s", T(state, Str::cmp_whatif_note));
    if (c.whatif_variant < 0) whatif_reset(state, static_cast<int>(c.runs.size()) - 1);
    ImGui::SetNextItemWidth(em(14));
    const std::string current = variant_title(state, c.runs[static_cast<std::size_t>(c.whatif_variant)].id);
    if (ImGui::BeginCombo(T(state, Str::cmp_whatif_variant), current.c_str())) {
        for (std::size_t i = 0; i < c.runs.size(); ++i) {
            if (ImGui::Selectable(variant_title(state, c.runs[i].id).c_str(), static_cast<int>(i) == c.whatif_variant)) {
                const int old = c.whatif_variant;
                const bool was_active = c.whatif.active();
                whatif_reset(state, old);
                if (was_active) whatif_apply(state);  // the old variant back as written
                whatif_reset(state, static_cast<int>(i));
            }
        }
        ImGui::EndCombo();
    }
    bool changed = false;
    ImGui::SetNextItemWidth(em(14));
    changed |= ImGui::SliderFloat(T(state, Str::cmp_whatif_background), &c.whatif.background, 0.0f, 2.0f, T(state, Str::cmp_factor));
    test_api::add_rect("compare.whatif.background");
    ImGui::SetNextItemWidth(em(14));
    changed |= ImGui::SliderFloat(T(state, Str::cmp_whatif_review), &c.whatif.review, 0.1f, 2.0f, T(state, Str::cmp_factor));
    test_api::add_rect("compare.whatif.review");
    ImGui::SetNextItemWidth(em(14));
    changed |= ImGui::SliderFloat(T(state, Str::cmp_whatif_rework), &c.whatif.rework, 0.0f, 3.0f, T(state, Str::cmp_factor));
    test_api::add_rect("compare.whatif.rework");
    ImGui::TextUnformatted(T(state, Str::cmp_whatif_windows));
    const CompareVariantRun& r = c.runs[static_cast<std::size_t>(c.whatif_variant)];
    for (std::size_t i = 0; i < c.whatif.department_ids.size(); ++i) {
        std::string name = c.whatif.department_ids[i];
        for (const auto& d : r.departments)
            if (d.id == name && !d.name.empty()) name = state.language == Language::zh || d.name_en.empty() ? d.name : d.name_en;
        ImGui::SetNextItemWidth(em(10));
        const std::string label = name + "##w_" + c.whatif.department_ids[i];
        // A department that has windows keeps at least one (zero would stop its queue).
        const int written = c.whatif.windows_written[i];
        changed |= ImGui::SliderInt(label.c_str(), &c.whatif.windows[i], written > 0 ? 1 : 0, std::max(12, written * 3));
        test_api::add_rect("compare.whatif.windows." + c.whatif.department_ids[i]);
    }
    if (ImGui::Button(T(state, Str::cmp_whatif_reset))) {
        const int index = c.whatif_variant;
        whatif_reset(state, index);
        changed = true;
    }
    if (changed) whatif_apply(state);  // restarts the run: the latest value wins
    if (recomputing(c)) {
        ImGui::TextColored(ImVec4(0.75f, 0.5f, 0.05f, 1), "%s", T(state, Str::cmp_recomputing));
        test_api::add_rect("compare.recomputing");
    } else if (c.whatif_ms > 0) {
        char line[256];
        std::snprintf(line, sizeof line, T(state, Str::cmp_whatif_status2), c.whatif_ms, c.whatif_main_ms,
                      c.whatif_median_ms, c.whatif_wall_ms);
        ImGui::TextDisabled("%s", line);
    }
}

// ---------------------------------------------------------------- [SECTION] charts and exports
void draw_charts(AppState& state) {
    CompareState& c = state.compare;
    const std::pair<CompareChart, Str> tabs[] = {{CompareChart::gantt, Str::cmp_chart_gantt},
                                                 {CompareChart::histogram, Str::cmp_chart_histogram},
                                                 {CompareChart::waterfall, Str::cmp_chart_waterfall}};
    for (const auto& [chart, label] : tabs) {
        if (ImGui::RadioButton(T(state, label), c.chart == chart)) c.chart = chart;
        test_api::add_rect(std::string("compare.chart.") + chart_key(chart));
        ImGui::SameLine();
    }
    if (c.chart == CompareChart::waterfall && c.setups.size() > 1) {
        // which after variant's attribution (with 3+ variants)
        const int shown = waterfall_shown(c);
        const int pick = c.waterfall_index >= 0 ? c.waterfall_index : std::max(shown, 0);
        ImGui::SetNextItemWidth(em(10));
        const std::string preview = variant_title(state, c.setups[static_cast<std::size_t>(pick)].target_id);
        if (ImGui::BeginCombo(T(state, Str::cmp_waterfall_variant), preview.c_str())) {
            for (std::size_t i = 0; i < c.setups.size(); ++i)
                if (ImGui::Selectable(variant_title(state, c.setups[i].target_id).c_str(), static_cast<int>(i) == pick))
                    c.waterfall_index = static_cast<int>(i);
            ImGui::EndCombo();
        }
        test_api::add_rect("compare.waterfall.variant");
        ImGui::SameLine();
    }
    if (c.chart == CompareChart::waterfall) {
        const Str measures[] = {Str::cmp_measure_calendar_days, Str::cmp_measure_working_days, Str::cmp_measure_trips};
        ImGui::SetNextItemWidth(em(8));
        if (ImGui::BeginCombo("##measure", T(state, measures[c.shapley_measure]))) {
            for (int m = 0; m < kShapleyMeasureCount; ++m)
                if (ImGui::Selectable(T(state, measures[m]), m == c.shapley_measure)) c.shapley_measure = m;
            ImGui::EndCombo();
        }
        ImGui::SameLine();
    }
    ImGui::NewLine();
    ImGui::TextUnformatted(T(state, Str::cmp_export));
    const std::pair<const char*, Str> exports[] = {{"csv", Str::cmp_export_csv},     {"json", Str::cmp_export_json},
                                                   {"cases", Str::cmp_export_cases}, {"cases_json", Str::cmp_export_cases_json},
                                                   {"events", Str::cmp_export_events}, {"xes", Str::cmp_export_xes},
                                                   {"png", Str::cmp_export_png}, {"bpmn", Str::cmp_export_bpmn}};
    const bool exporting = c.export_job != nullptr;
    if (exporting) ImGui::BeginDisabled();
    for (const auto& [kind, label] : exports) {
        // the row of buttons wraps when the next one does not fit
        const ImGuiStyle& style = ImGui::GetStyle();
        const float w = ImGui::CalcTextSize(T(state, label)).x + style.FramePadding.x * 2;
        if (ImGui::GetItemRectMax().x + style.ItemSpacing.x + w <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
            ImGui::SameLine();
        if (ImGui::SmallButton(T(state, label))) export_file(state, kind);
        test_api::add_rect(std::string("compare.export.") + kind);
    }
    if (exporting) {
        ImGui::EndDisabled();
        char line[128];
        std::snprintf(line, sizeof line, T(state, Str::cmp_export_progress), c.export_job->kind == "xes" ? "XES" : "CSV",
                      export_progress(c) * 100);
        ImGui::TextDisabled("%s", line);
        test_api::add_rect("compare.export.progress");
    }
    ImGui::BeginChild("##chart", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    const float width = std::max(ImGui::GetContentRegionAvail().x, em(24));
    const float height = chart_height(state, c.chart, width);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, height));
    test_api::add_rect("compare.chart");
    draw_chart(state, c.chart, ImGui::GetWindowDrawList(), origin, ImVec2(width, height));
    ImGui::EndChild();
}

}  // namespace

// ---------------------------------------------------------------- [SECTION] layout
void draw(AppState& state) {
    CompareState& c = state.compare;
    if (c.phase == ComparePhase::running) {
        c.frame_ms.push_back(ImGui::GetIO().DeltaTime * 1000.0f);
        step(state, kFrameBudgetMs);
    }
    if (c.export_job) export_step(state, kFrameBudgetMs);
    draw_setup(state);
    ImGui::Separator();
    if (!tables_ready(c)) {
        if (c.phase == ComparePhase::setup) ImGui::TextWrapped("%s", T(state, Str::cmp_intro));
        return;
    }
    const float avail = ImGui::GetContentRegionAvail().x;
    const float left_w = std::min(std::max(em(40), avail * 0.45f), avail - em(30));
    ImGui::BeginChild("##cmp_left", ImVec2(left_w, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    draw_kpi(state);
    ImGui::Spacing();
    draw_departments(state);
    draw_whatif(state);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##cmp_right", ImVec2(0, 0), false);
    draw_charts(state);
    ImGui::EndChild();
}

// ---------------------------------------------------------------- [SECTION] test API
namespace {

using test_api::Json;

int entry_by_name(const AppState& state, const std::string& name) {
    const auto& entries = state.library.entries;
    for (std::size_t i = 0; i < entries.size(); ++i)
        if (entries[i].file == name || (entries[i].result.ok && entries[i].result.scenario.id == name)) return static_cast<int>(i);
    return -1;
}

// The Compare form from a test action's {scenario, variants, citizens, seed, shapley};
// shows the screen. Returns the Library entry named (or the selected one).
// `clear_variants`: a newly named scenario starts with no variant ticked.
int form_from_args(AppState& s, const Json& args, bool clear_variants) {
    CompareState& c = s.compare;
    int entry = selected_entry(s);
    if (args.contains("scenario")) {
        entry = entry_by_name(s, args["scenario"].get<std::string>());
        if (entry < 0) throw test_api::ActionError{"no such scenario"};
        c.scenario_file = s.library.entries[static_cast<std::size_t>(entry)].file;
        if (clear_variants) c.variants.clear();
    }
    if (args.contains("variants")) c.variants = args["variants"].get<std::vector<std::string>>();
    if (args.contains("citizens")) c.citizens = args["citizens"].get<int>();
    if (args.contains("seed")) c.seed = args["seed"].get<std::int64_t>();
    if (args.contains("shapley")) c.with_shapley = args["shapley"].get<bool>();
    s.screen = Screen::compare;
    s.screen_requested = true;
    return entry;
}

const bool registered = [] {
    test_api::add_state("compare", [](const AppState& s) {
        const CompareState& c = s.compare;
        Json j;
        j["phase"] = c.phase == ComparePhase::setup ? "setup" : c.phase == ComparePhase::running ? "running"
                     : c.phase == ComparePhase::done ? "done" : "cancelled";
        j["progress"] = progress(c);
        j["scenario"] = c.scenario ? c.scenario->id : "";
        j["file"] = c.file;
        j["variants"] = c.variants;
        j["citizens"] = c.citizens;
        j["seed"] = c.seed;
        j["shapley_enabled"] = c.with_shapley;
        j["events"] = c.events;
        j["chart"] = chart_key(c.chart);
        // The numbers exactly as `peizou compare --json` prints them.
        j["table"] = tables_ready(c) ? scenario::compare_json([&] {
            std::vector<RunResult> v;
            for (const auto& r : c.runs) v.push_back(r.result);
            return v;
        }()) : Json();
        Json shapley = Json::object();
        if (c.phase == ComparePhase::done && c.with_shapley) shapley = table_json(c).value("shapley", Json::object());
        j["shapley"] = shapley;
        Json medians = Json::array();
        for (const auto& r : c.runs)
            medians.push_back({{"variant", r.id}, {"citizen", r.median.citizen}, {"events", r.median.events.size()},
                               {"complete", r.median.complete}, {"critical", critical_path(r)}});
        j["median"] = medians;
        float mean = 0, worst = 0;
        for (float f : c.frame_ms) mean += f, worst = std::max(worst, f);
        if (!c.frame_ms.empty()) mean /= static_cast<float>(c.frame_ms.size());
        j["frames"] = {{"count", c.frame_ms.size()}, {"mean_ms", mean}, {"max_ms", worst}, {"work_max_ms", c.work_ms_max}};
        Json windows = Json::object();
        for (std::size_t i = 0; i < c.whatif.department_ids.size(); ++i) windows[c.whatif.department_ids[i]] = c.whatif.windows[i];
        j["whatif"] = {{"variant", c.whatif_variant >= 0 && c.whatif_variant < static_cast<int>(c.runs.size())
                                       ? c.runs[static_cast<std::size_t>(c.whatif_variant)].id : ""},
                       {"active", c.whatif.active()}, {"ms", c.whatif_ms}, {"main_ms", c.whatif_main_ms},
                       {"median_ms", c.whatif_median_ms}, {"wall_ms", c.whatif_wall_ms}, {"restarts", c.whatif_restarts},
                       {"recomputing", recomputing(c)}, {"background", c.whatif.background},
                       {"review", c.whatif.review}, {"rework", c.whatif.rework}, {"windows", windows}};
        j["exported"] = {{"name", c.exported}, {"kind", c.exported_kind}, {"bytes", c.exported_bytes}};
        j["exporting"] = c.export_job ? Json{{"kind", c.export_job->kind}, {"progress", export_progress(c)}} : Json();
        {
            const int shown = waterfall_shown(c);
            Json failed = Json::array();
            if (shown >= 0)
                for (const auto& sub : c.attributions[static_cast<std::size_t>(shown)].subsets)
                    if (!sub.ok && sub.failed_lever >= 0)
                        failed.push_back({{"mask", sub.mask}, {"failed_lever", sub.failed_lever + 1},
                                          {"reason", s.language == Language::zh ? sub.error_zh : sub.error_en}});
            j["waterfall"] = {{"variant", shown >= 0 ? c.setups[static_cast<std::size_t>(shown)].target_id : ""},
                              {"failed", failed}};
        }
        j["message"] = c.message;
        // The entry the setup form names (by key: it survives other files being deleted).
        const int entry = selected_entry(s);
        const LibraryEntry* e = entry >= 0 ? &s.library.entries[static_cast<std::size_t>(entry)] : nullptr;
        j["setup_file"] = e ? Json(e->file) : Json();
        j["setup_title"] = e ? Json(s.language == Language::zh ? e->result.scenario.title : e->result.scenario.title_en) : Json();
        return j;
    });
    // {scenario: file or id, variants: [...], citizens, seed, shapley}: sets up and runs.
    test_api::add_action("compare.run", [](AppState& s, const Json& args) {
        const int entry = form_from_args(s, args, false);
        if (!start(s, entry)) throw test_api::ActionError{s.compare.message};
        return Json{{"variants", s.compare.variants}};
    });
    // {scenario, variants, citizens, seed, shapley} without running (the form).
    test_api::add_action("compare.setup", [](AppState& s, const Json& args) {
        form_from_args(s, args, true);
        return Json::object();
    });
    test_api::add_action("compare.cancel", [](AppState& s, const Json&) {
        cancel(s);
        return Json::object();
    });
    test_api::add_action("compare.chart", [](AppState& s, const Json& args) {
        CompareChart chart;
        if (!parse_chart(args.value("name", ""), chart)) throw test_api::ActionError{"chart is gantt, histogram or waterfall"};
        s.compare.chart = chart;
        if (args.contains("variant")) {  // whose attribution the waterfall shows
            int index = -1;
            for (std::size_t i = 0; i < s.compare.setups.size(); ++i)
                if (s.compare.setups[i].target_id == args["variant"].get<std::string>()) index = static_cast<int>(i);
            if (index < 0) throw test_api::ActionError{"no attribution for that variant (not an after variant)"};
            s.compare.waterfall_index = index;
        }
        if (args.contains("measure")) s.compare.shapley_measure = std::clamp(args["measure"].get<int>(), 0, kShapleyMeasureCount - 1);
        return Json::object();
    });
    // {format: csv|json|cases|cases_json|events|xes|png}: the same download the buttons
    // make; events and xes run in slices: {pending: true}, then exported names the file.
    test_api::add_action("compare.export", [](AppState& s, const Json& args) {
        if (!export_file(s, args.value("format", ""))) throw test_api::ActionError{s.compare.message};
        if (s.compare.export_job) return Json{{"pending", true}};
        return Json{{"name", s.compare.exported}, {"bytes", s.compare.exported_bytes}};
    });
    // {variant, background, review, rework, windows: {dept: n}}: what-if, recomputed in slices.
    test_api::add_action("compare.whatif", [](AppState& s, const Json& args) {
        CompareState& c = s.compare;
        if (!tables_ready(c) && c.phase != ComparePhase::running) throw test_api::ActionError{"run a comparison first"};
        int index = c.whatif_variant >= 0 ? c.whatif_variant : static_cast<int>(c.runs.size()) - 1;
        if (args.contains("variant")) {
            index = -1;
            for (std::size_t i = 0; i < c.runs.size(); ++i)
                if (c.runs[i].id == args["variant"].get<std::string>()) index = static_cast<int>(i);
            if (index < 0) throw test_api::ActionError{"no such variant in the comparison"};
        }
        if (index != c.whatif_variant) whatif_reset(s, index);
        if (args.contains("background")) c.whatif.background = args["background"].get<float>();
        if (args.contains("review")) c.whatif.review = args["review"].get<float>();
        if (args.contains("rework")) c.whatif.rework = args["rework"].get<float>();
        if (args.contains("windows"))
            for (auto& [id, n] : args["windows"].items())
                for (std::size_t i = 0; i < c.whatif.department_ids.size(); ++i)
                    if (c.whatif.department_ids[i] == id) c.whatif.windows[i] = n.get<int>();
        whatif_apply(s);
        return Json::object();
    });
    return true;
}();

}  // namespace

}  // namespace peizou::app::compare
