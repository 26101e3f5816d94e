// The debrief after the walk: where the time went (Gantt), the burden measures (from
// Walk::result(), the numbers `peizou replay` prints), the steps that cost the most
// with the pain points flagged on them, the 问题清单 exports, and the same citizen
// after the reform, side by side.
// [SECTION] toolbar   [SECTION] Gantt   [SECTION] measures   [SECTION] costly steps
#include <algorithm>
#include <cmath>

#include "imgui.h"
#include "platform/backend.hpp"
#include "test_api.hpp"
#include "walkthrough_panels.hpp"
#include "walkthrough_session.hpp"

namespace peizou::app::walkthrough {

namespace {
const ImVec4 kBlue(0.15f, 0.35f, 0.65f, 1);
const ImVec4 kGreen(0.10f, 0.50f, 0.20f, 1);
const ImVec4 kRed(0.75f, 0.10f, 0.10f, 1);

const Str kCostLabels[kChartRows] = {Str::wt_row_travel, Str::wt_row_queue, Str::wt_row_window, Str::wt_row_review,
                                     Str::wt_row_rework};
const ImU32 kCostColors[kChartRows] = {IM_COL32(70, 130, 200, 255), IM_COL32(230, 150, 40, 255),
                                       IM_COL32(60, 160, 90, 255), IM_COL32(150, 110, 190, 200),
                                       IM_COL32(210, 60, 60, 220)};

// ---------------------------------------------------------------- [SECTION] toolbar

// "改革前：五个部门分头跑" -> "改革前": column headers stay short.
std::string short_title(Language language, const Variant& v) {
    std::string t = pick(language, v.title, v.title_en);
    for (const char* sep : {"：", ": "}) {
        const auto at = t.find(sep);
        if (at != std::string::npos && at > 0) return t.substr(0, at);
    }
    return t;
}


void draw_toolbar(AppState& state) {
    WalkState& w = state.walk;
    const Language L = state.language;
    const WalkSession& s = w.session;
    const Variant& v = s.walk->variant();
    ImGui::SetWindowFontScale(1.3f);
    ImGui::TextColored(kBlue, "%s", format(S(state, Str::wt_debrief), pick(L, s.scenario->title, s.scenario->title_en).c_str(),
                                           pick(L, v.title, v.title_en).c_str()).c_str());
    ImGui::SetWindowFontScale(1.0f);
    draw_trainee_field(state, em(6));  // the name goes into the record exported below (issue 18)
    if (ImGui::Button(S(state, Str::wt_export_json))) export_record(state);
    test_api::add_rect("walkthrough.export.json");
    same_line_if_fits(S(state, Str::wt_export_md));
    if (ImGui::Button(S(state, Str::wt_export_md))) export_problems_markdown(state);
    test_api::add_rect("walkthrough.export.md");
    same_line_if_fits(S(state, Str::wt_export_csv));
    if (ImGui::Button(S(state, Str::wt_export_csv))) export_problems_csv(state);
    test_api::add_rect("walkthrough.export.csv");
    same_line_if_fits(S(state, Str::wt_import));
    if (ImGui::Button(S(state, Str::wt_import))) import_record_file(state);
    test_api::add_rect("walkthrough.import");
    // Second row: the model citizen's walks, rewind, flag, restart.
    const Scenario& sc = *s.scenario;
    if (const Variant* other = sc.variant(after_variant(sc, s.walk->record().variant))) {
        ImGui::BeginDisabled(w.after.walk != nullptr);
        if (ImGui::Button(format(S(state, Str::wt_after_model), pick(L, other->title, other->title_en).c_str()).c_str()))
            walk_after(state);
        ImGui::EndDisabled();
        test_api::add_rect("walkthrough.after");
        same_line_if_fits(S(state, Str::wt_rewind));
    }
    if (ImGui::Button(S(state, Str::wt_rewind))) rewind_one(state);
    test_api::add_rect("walkthrough.rewind");
    same_line_if_fits(S(state, Str::wt_pick_button));
    if (ImGui::Button(S(state, Str::wt_pick_button))) open_rewind_picker(state);
    test_api::add_rect("walkthrough.pick");
    draw_flag_and_restart(state);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", S(state, Str::wt_keys_debrief));
    ImGui::PopStyleColor();
    test_api::add_rect("walkthrough.keys");
    const std::string& msg = L == Language::zh ? w.message_zh : w.message_en;
    if (!w.exported.empty()) ImGui::TextColored(kGreen, "%s", format(S(state, Str::wt_exported), w.exported.c_str()).c_str());
    else if (!msg.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, w.message_is_error ? kRed : ImVec4(0.45f, 0.45f, 0.45f, 1));
        ImGui::TextWrapped("%s", msg.c_str());
        ImGui::PopStyleColor();
    }
    // Who walked the comparison, said plainly.
    if (w.after.walk && w.model.walk) {
        ImGui::PushStyleColor(ImGuiCol_Text, kBlue);
        ImGui::TextWrapped(S(state, Str::wt_model_note), static_cast<unsigned long long>(s.walk->record().seed),
                           short_title(L, w.model.walk->variant()).c_str(), short_title(L, w.after.walk->variant()).c_str());
        ImGui::PopStyleColor();
        test_api::add_rect("walkthrough.model_note");
    }
}

// ---------------------------------------------------------------- [SECTION] Gantt

// One walk's timeline in the five chart rows (travel, queue, window, review, rework:
// chart_row) on [t0, t1], with the closed days shaded. Segments are at least 2 px wide: a 20-minute queue in a
// 40-day walk must still show.
void draw_gantt(const AppState& state, const WalkSession& s, const char* title, Seconds t0, Seconds t1, float width) {
    const float row_h = em(1.25f), label_w = em(4.5f), axis_h = em(1.3f);
    ImGui::TextColored(kBlue, "%s", title);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float height = row_h * kChartRows + axis_h;
    ImGui::Dummy(ImVec2(width, height));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float x0 = origin.x + label_w, x1 = origin.x + width - em(0.5f);
    const double span = static_cast<double>(std::max<Seconds>(t1 - t0, kHour));
    auto X = [&](Seconds t) { return x0 + static_cast<float>(static_cast<double>(t - t0) / span) * (x1 - x0); };
    const Calendar& cal = *s.calendar;
    for (std::int64_t day = day_of(t0); day <= day_of(t1); ++day)
        if (!cal.is_working_day(day)) {
            const float a = std::max(x0, X(day * kDay)), b = std::min(x1, X((day + 1) * kDay));
            dl->AddRectFilled(ImVec2(a, origin.y), ImVec2(b, origin.y + row_h * kChartRows),
                              cal.holiday_at(day) ? IM_COL32(250, 225, 200, 255) : IM_COL32(228, 228, 228, 255));
        }
    for (int k = 0; k < kChartRows; ++k) {
        const float y = origin.y + row_h * static_cast<float>(k);
        dl->AddText(ImVec2(origin.x, y + em(0.1f)), IM_COL32(40, 40, 40, 255), tr(state.language, kCostLabels[k]));
        dl->AddLine(ImVec2(x0, y + row_h), ImVec2(x1, y + row_h), IM_COL32(210, 210, 210, 255));
    }
    for (const TimelineSegment& g : timeline(s).segments) {
        const int k = chart_row(g.lane);
        if (k < 0) continue;
        const float y = origin.y + row_h * static_cast<float>(k);
        float a = X(g.from), b = X(g.to);
        if (b - a < 2) b = a + 2;
        dl->AddRectFilled(ImVec2(a, y + em(0.2f)), ImVec2(b, y + row_h - em(0.2f)), kCostColors[k]);
    }
    // Day ticks: about one label per 6 em.
    const double days = span / kDay;
    const int every = std::max(1, static_cast<int>(std::ceil(days / std::max(1.0, static_cast<double>((x1 - x0) / em(6)))))) ;
    const float ay = origin.y + row_h * kChartRows;
    for (std::int64_t day = day_of(t0); day <= day_of(t1); day += every) {
        const float x = X(std::max(t0, day * kDay));
        const CivilDate d = civil_from_days(day);
        char text[16];
        std::snprintf(text, sizeof text, "%02d-%02d", d.month, d.day);
        dl->AddLine(ImVec2(x, ay), ImVec2(x, ay + em(0.3f)), IM_COL32(120, 120, 120, 255));
        if (x + ImGui::CalcTextSize(text).x < x1 + em(0.5f)) dl->AddText(ImVec2(x + 2, ay), IM_COL32(90, 90, 90, 255), text);
    }
}

// Totals per kind of time, for the line under the chart.
std::string totals_line(const AppState& state, const WalkSession& s) {
    Seconds total[kChartRows] = {};
    for (const TimelineSegment& g : timeline(s).segments)
        if (chart_row(g.lane) >= 0) total[chart_row(g.lane)] += g.to - g.from;
    std::string out;
    for (int k = 0; k < kChartRows; ++k) {
        const double h = static_cast<double>(total[k]) / kHour;
        out += format("%s %s  ", tr(state.language, kCostLabels[k]),
                      h >= 48 ? format(tr(state.language, Str::wt_unit_days), h / 24).c_str()
                              : format(tr(state.language, Str::wt_unit_hours), h).c_str());
    }
    return out;
}

// ---------------------------------------------------------------- [SECTION] measures

const Measure kMeasures[] = {Measure::calendar_days, Measure::working_days, Measure::citizen_hours, Measure::trips,
                             Measure::window_visits, Measure::departments, Measure::submissions,
                             Measure::repeat_submissions, Measure::rejections, Measure::fees_yuan};
const Str kMeasureLabels[] = {Str::wt_b_days, Str::wt_b_working_days, Str::wt_b_hours, Str::wt_b_trips,
                              Str::wt_b_windows, Str::wt_b_departments, Str::wt_b_submissions,
                              Str::wt_b_repeats, Str::wt_b_rejections, Str::wt_b_fees};


void change_cell(double from, double to) {
    const double d = to - from;
    ImGui::TextColored(d < 0 ? kGreen : d > 0 ? kRed : ImVec4(0.4f, 0.4f, 0.4f, 1), "%+.2f%s", d,
                       from != 0 ? format(" (%+.0f%%)", 100.0 * d / from).c_str() : "");
}

// My walk; with the model citizen's two walks: model on my variant, model on the other,
// the reform effect (model vs model: same policy both sides) and the other vs my walk.
void draw_measures(AppState& state) {
    const WalkState& w = state.walk;
    const Language L = state.language;
    const RunResult mine = w.session.walk->result();
    const bool with_after = w.after.walk && w.after.walk->finished() && w.model.walk && w.model.walk->finished();
    const RunResult after = with_after ? w.after.walk->result() : RunResult{};
    const RunResult model = with_after ? w.model.walk->result() : RunResult{};
    ImGui::TextColored(kBlue, "%s", S(state, Str::wt_measures));
    if (mine.cases.empty()) return;
    const bool both = with_after && !after.cases.empty() && !model.cases.empty();
    const int cols = both ? 6 : 2;
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##measures", cols, flags)) return;
    ImGui::TableSetupColumn(S(state, Str::wt_col_measure), ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn(both ? S(state, Str::wt_col_me) : short_title(L, w.session.walk->variant()).c_str(),
                            ImGuiTableColumnFlags_WidthStretch, 1);
    if (both) {
        ImGui::TableSetupColumn(format(S(state, Str::wt_col_model), short_title(L, w.model.walk->variant()).c_str()).c_str(),
                                ImGuiTableColumnFlags_WidthStretch, 1);
        ImGui::TableSetupColumn(format(S(state, Str::wt_col_model), short_title(L, w.after.walk->variant()).c_str()).c_str(),
                                ImGuiTableColumnFlags_WidthStretch, 1);
        ImGui::TableSetupColumn(S(state, Str::wt_col_reform), ImGuiTableColumnFlags_WidthStretch, 1.3f);
        ImGui::TableSetupColumn(S(state, Str::wt_col_vs_me), ImGuiTableColumnFlags_WidthStretch, 1.3f);
    }
    // Headers wrap (Chinese-aware) instead of being cut off in narrow columns.
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < cols; ++c) {
        ImGui::TableSetColumnIndex(c);
        ImGui::PushStyleColor(ImGuiCol_Text, kBlue);
        ImGui::TextWrapped("%s", ImGui::TableGetColumnName(c));
        ImGui::PopStyleColor();
    }
    for (std::size_t i = 0; i < std::size(kMeasures); ++i) {
        const double a = measure_value(mine.cases.front(), kMeasures[i]);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(S(state, kMeasureLabels[i]));
        ImGui::TableNextColumn();
        ImGui::Text("%.2f", a);
        if (!both) continue;
        const double m = measure_value(model.cases.front(), kMeasures[i]);
        const double b = measure_value(after.cases.front(), kMeasures[i]);
        ImGui::TableNextColumn();
        ImGui::Text("%.2f", m);
        ImGui::TableNextColumn();
        ImGui::Text("%.2f", b);
        ImGui::TableNextColumn();
        change_cell(m, b);
        ImGui::TableNextColumn();
        change_cell(a, b);
    }
    ImGui::EndTable();
    const CaseMeasures& m = mine.cases.front();
    ImGui::Text("%s: %s   %s: %s", S(state, Str::wt_one_trip), S(state, m.one_trip() ? Str::wt_yes : Str::wt_no),
                S(state, Str::wt_limits_met), S(state, m.legal_limits_met ? Str::wt_yes : Str::wt_no));
}

// ---------------------------------------------------------------- [SECTION] costly steps

void draw_costly_steps(AppState& state) {
    const WalkSession& s = state.walk.session;
    const Language L = state.language;
    ImGui::TextColored(kBlue, "%s", S(state, Str::wt_costly));
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##costly", 5, flags)) return;
    ImGui::TableSetupColumn(S(state, Str::wt_col_step), ImGuiTableColumnFlags_WidthStretch, 3);
    ImGui::TableSetupColumn(S(state, Str::wt_col_elapsed_days), ImGuiTableColumnFlags_WidthStretch, 1);
    ImGui::TableSetupColumn(S(state, Str::wt_col_citizen_hours), ImGuiTableColumnFlags_WidthStretch, 1);
    ImGui::TableSetupColumn(S(state, Str::wt_col_rejections), ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableSetupColumn(S(state, Str::wt_col_flags), ImGuiTableColumnFlags_WidthStretch, 4);
    ImGui::TableHeadersRow();
    for (const StepCost& c : step_costs(s)) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", step_name(s, L, c.step).c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%.1f", static_cast<double>(c.done - c.first) / kDay);
        ImGui::TableNextColumn();
        ImGui::Text("%.1f", static_cast<double>(c.citizen) / kHour);
        ImGui::TableNextColumn();
        if (c.rejections) ImGui::TextColored(kRed, "%d", c.rejections);
        else ImGui::TextUnformatted("0");
        ImGui::TableNextColumn();
        for (const PainFlag* f : c.flags)
            ImGui::TextWrapped("%s：%s", tr(L, category_label(category_index(f->category))), f->note.c_str());
    }
    // Flags not tied to a step.
    bool header = false;
    for (const PainFlag& f : s.walk->record().flags) {
        bool placed = false;
        for (const auto& st : s.walk->variant().steps) placed = placed || (st.id == f.step);
        if (placed) continue;
        if (!header) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", S(state, Str::wt_no_step));
            header = true;
            ImGui::TableSetColumnIndex(4);
        }
        ImGui::TextWrapped("%s：%s", tr(L, category_label(category_index(f.category))), f.note.c_str());
    }
    ImGui::EndTable();
}

}  // namespace

void draw_debrief(AppState& state) {
    WalkState& w = state.walk;
    // Everything scrolls, the toolbar too: at 2.0 scale it takes several lines.
    ImGui::BeginChild("##debrief_scroll", ImVec2(0, 0), false);
    draw_toolbar(state);
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool wide = avail > em(55);
    const float left_w = wide ? std::floor(avail * (w.after.walk ? 0.5f : 0.36f)) : avail;
    ImGui::BeginGroup();
    ImGui::PushItemWidth(left_w);
    ImGui::BeginChild("##measures_box", ImVec2(left_w, em(w.after.walk ? 19.5f : 17)), false);
    draw_measures(state);
    ImGui::EndChild();
    ImGui::PopItemWidth();
    ImGui::EndGroup();
    test_api::add_rect("walkthrough.measures");
    if (wide) ImGui::SameLine();
    ImGui::BeginGroup();
    const float gantt_w = wide ? avail - left_w - ImGui::GetStyle().ItemSpacing.x : avail;
    const Seconds t0 = w.session.walk->engine().start();
    Seconds t1 = w.session.walk->engine().now();
    if (w.after.walk) t1 = std::max(t1, w.after.walk->engine().now());
    const std::string mine = format(S(state, Str::wt_timeline),
                                    pick(state.language, w.session.walk->variant().title, w.session.walk->variant().title_en).c_str());
    draw_gantt(state, w.session, mine.c_str(), t0, t1, gantt_w);
    ImGui::TextDisabled("%s", totals_line(state, w.session).c_str());
    if (w.after.walk) {
        const std::string after = format(S(state, Str::wt_timeline_model),
                                         pick(state.language, w.after.walk->variant().title, w.after.walk->variant().title_en).c_str());
        draw_gantt(state, w.after, after.c_str(), t0, t1, gantt_w);
        ImGui::TextDisabled("%s", totals_line(state, w.after).c_str());
    }
    ImGui::EndGroup();
    test_api::add_rect("walkthrough.gantt");
    ImGui::Spacing();
    draw_costly_steps(state);
    ImGui::EndChild();
}

}  // namespace peizou::app::walkthrough
