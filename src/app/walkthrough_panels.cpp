// [SECTION] clock header   [SECTION] where am I + clerk + choices   [SECTION] materials
// [SECTION] burden   [SECTION] event log   [SECTION] export / import
#include <algorithm>
#include <cmath>

#include "fonts.hpp"
#include "imgui.h"
#include "platform/backend.hpp"
#include "test_api.hpp"
#include "walkthrough_panels.hpp"
#include "walkthrough_session.hpp"
#include "widgets.hpp"

namespace peizou::app::walkthrough {

namespace {
const ImVec4 kBlue(0.15f, 0.35f, 0.65f, 1);
const ImVec4 kRed(0.75f, 0.10f, 0.10f, 1);
const ImVec4 kGreen(0.10f, 0.50f, 0.20f, 1);
const ImVec4 kGrey(0.45f, 0.45f, 0.45f, 1);
const ImVec4 kAmber(0.65f, 0.40f, 0.00f, 1);

void big_text(float scale, const ImVec4& color, const std::string& text) {
    ImGui::SetWindowFontScale(scale);
    ImGui::TextColored(color, "%s", text.c_str());
    ImGui::SetWindowFontScale(1.0f);
}
// The same, wrapped to the panel: a long hall and window name must not run off the edge.
void big_text_wrapped(float scale, const ImVec4& color, const std::string& text) {
    ImGui::SetWindowFontScale(scale);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    text_wrapped(text);
    ImGui::PopStyleColor();
    ImGui::SetWindowFontScale(1.0f);
}
}  // namespace

void same_line_if_fits(const std::string& next_label) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float next_w = ImGui::CalcTextSize(next_label.c_str()).x + style.FramePadding.x * 2;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + style.ItemSpacing.x + next_w <= right) ImGui::SameLine();
}

bool text_field(AppState& state, const char* id, std::string& text, bool& editing, const char* hint, float width,
                const char* rect) {
    const std::string before = text;
    if (platform::text_overlay_available()) {
        const ImVec2 a = ImGui::GetCursorScreenPos(), size(width, ImGui::GetFrameHeight());
        if (ImGui::InvisibleButton(id, size)) editing = true;
        else if (editing && ImGui::IsMouseClicked(0) && !ImGui::IsItemHovered()) editing = false;
        test_api::add_rect(rect);
        const ImVec2 b(a.x + size.x, a.y + size.y);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(a, b, ImGui::GetColorU32(ImGuiCol_FrameBg));
        const bool show_hint = text.empty() && !editing;
        dl->AddText(ImVec2(a.x + ImGui::GetStyle().FramePadding.x, a.y + ImGui::GetStyle().FramePadding.y),
                    ImGui::GetColorU32(show_hint ? ImGuiCol_TextDisabled : ImGuiCol_Text), show_hint ? hint : text.c_str());
        if (editing) {
            platform::text_overlay_show(a.x, a.y, b.x, b.y, ImGui::GetFontSize(), text);
            std::string typed;
            const int event = platform::text_overlay_poll(typed);
            text = typed;
            if (event != 0) {
                editing = false;
                platform::text_overlay_hide();
            }
        }
    } else {
        char buffer[256];
        std::snprintf(buffer, sizeof buffer, "%s", text.c_str());
        ImGui::SetNextItemWidth(width);
        ImGui::InputTextWithHint(id, hint, buffer, sizeof buffer);
        editing = ImGui::IsItemActive();
        test_api::add_rect(rect);
        text = buffer;
    }
    if (text == before) return false;
    fonts_add_text(state, text);
    return true;
}

void draw_trainee_field(AppState& state, float label_width) {
    WalkState& w = state.walk;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(S(state, Str::cl_trainee));
    ImGui::SameLine(label_width);
    std::string name = w.trainee;
    if (text_field(state, "##trainee", name, w.editing_trainee, S(state, Str::cl_trainee_hint),
                   std::min(em(16), ImGui::GetContentRegionAvail().x), "walkthrough.trainee"))
        set_trainee(state, name);
}

// ---------------------------------------------------------------- [SECTION] clock header

void draw_header_buttons(AppState& state);
// 标记问题 and 重新开始, after the row's other buttons (walking and in the debrief).
void draw_flag_and_restart(AppState& state) {
    same_line_if_fits(S(state, Str::wt_flag));
    if (ImGui::Button(S(state, Str::wt_flag))) open_pain_dialog(state);
    test_api::add_rect("walkthrough.flag");
    same_line_if_fits(S(state, Str::wt_restart));
    if (ImGui::Button(S(state, Str::wt_restart))) back_to_setup(state);
    test_api::add_rect("walkthrough.restart");
}

void draw_header_hints(AppState& state);

void draw_header(AppState& state, bool compact) {
    WalkState& w = state.walk;
    const WalkSession& s = w.session;
    const Walk& walk = *s.walk;
    const Language L = state.language;
    const Variant& v = walk.variant();
    ImGui::TextColored(kBlue, "%s · %s", pick(L, s.scenario->title, s.scenario->title_en).c_str(),
                       pick(L, v.title, v.title_en).c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s %llu", S(state, Str::wt_seed_short), static_cast<unsigned long long>(walk.record().seed));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", S(state, Str::lib_seed_tip));
    // Compact: the buttons share the title's line (or take their own), and the burden
    // strip sits right of the clock, so the panels below keep their height.
    if (compact) draw_header_buttons(state);
    // The clock: always visible, large.
    ImGui::SetWindowFontScale(1.5f);
    ImGui::TextUnformatted(clock_text(L, walk.engine().now()).c_str());
    ImGui::SetWindowFontScale(1.0f);
    test_api::add_rect("walkthrough.clock");
    if (!compact) {
        ImGui::SameLine();
        const CaseMeasures m = walk.engine().citizen_view(0).so_far;
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(kAmber, "%s", format(S(state, Str::wt_header_burden), m.trips, m.working_days).c_str());
        draw_header_buttons(state);
    } else {
        ImGui::SameLine(0, em(1.5f));
        draw_burden_strip(state);
    }
    draw_header_hints(state);
}

// Skip or rewind, flag, restart: right-aligned, measured so they never run into the text
// before them; on a line of their own when they do not fit.
void draw_header_buttons(AppState& state) {
    WalkState& w = state.walk;
    const WalkSession& s = w.session;
    const ImGuiStyle& style = ImGui::GetStyle();
    auto button_w = [&](Str id) { return ImGui::CalcTextSize(S(state, id)).x + style.FramePadding.x * 2 + style.ItemSpacing.x; };
    const float buttons_w = button_w(w.animating ? Str::wt_skip : Str::wt_rewind) + button_w(Str::wt_flag) + button_w(Str::wt_restart);
    ImGui::SameLine();
    const float right = ImGui::GetWindowContentRegionMax().x - buttons_w;
    if (right >= ImGui::GetCursorPosX() + em(1)) ImGui::SameLine(right);
    else ImGui::NewLine();  // narrow (projector scale): the buttons get a line of their own
    if (w.animating) {
        if (ImGui::Button(S(state, Str::wt_skip))) skip(state);
        test_api::add_rect("walkthrough.skip");
    } else {
        ImGui::BeginDisabled(s.history.empty());
        if (ImGui::Button(S(state, Str::wt_rewind))) rewind_one(state);
        ImGui::EndDisabled();
        test_api::add_rect("walkthrough.rewind");
    }
    draw_flag_and_restart(state);
}

void draw_header_hints(AppState& state) {
    const WalkState& w = state.walk;
    // The jump over closed time, for a moment after it happens; else the keys (wrapped,
    // so they stay visible at 2.0 scale).
    const bool banner = w.jump.shown_at >= 0 && ImGui::GetTime() - w.jump.shown_at < 2.5;
    if (banner) ImGui::TextColored(kAmber, ">> %s", jump_text(state).c_str());
    else if (w.animating) ImGui::TextDisabled("%s", S(state, Str::wt_clock_running));
    else {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", S(state, Str::wt_keys));
        ImGui::PopStyleColor();
    }
    test_api::add_rect(banner ? "walkthrough.banner" : "walkthrough.keys");
}

// The burden so far as one strip of large numbers that flows onto more lines when
// narrow: at 2.0 scale it stays in the header, always on screen.
void draw_burden_strip(AppState& state) {
    const CaseMeasures m = state.walk.session.walk->engine().citizen_view(0).so_far;
    struct Cell {
        const char* label;
        std::string value;
        bool red;
    };
    const Cell cells[] = {
        {S(state, Str::wt_b_trips), std::to_string(m.trips), true},
        {S(state, Str::wt_b_windows), std::to_string(m.window_visits), false},
        {S(state, Str::wt_b_departments), std::to_string(m.departments), false},
        {S(state, Str::wt_b_submissions), std::to_string(m.submissions), false},
        {S(state, Str::wt_b_repeats), std::to_string(m.repeat_submissions), false},
        {S(state, Str::wt_b_rejections), std::to_string(m.rejections), true},
        {"", format(S(state, Str::wt_strip_hours), hours_text(m.citizen_hours()).c_str()), false},
        {"", format(S(state, Str::wt_strip_days), m.calendar_days(), m.working_days), false},
    };
    const float value_scale = 1.25f;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    ImGui::BeginGroup();
    for (std::size_t i = 0; i < std::size(cells); ++i) {
        const Cell& c = cells[i];
        const float w = (c.label[0] ? ImGui::CalcTextSize(c.label).x + spacing : 0) +
                        ImGui::CalcTextSize(c.value.c_str()).x * value_scale + em(1);
        if (i > 0) {
            ImGui::SameLine(0, em(1));
            if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
        }
        ImGui::BeginGroup();
        if (c.label[0]) {
            ImGui::AlignTextToFramePadding();
            ImGui::TextDisabled("%s", c.label);
            ImGui::SameLine();
        }
        ImGui::SetWindowFontScale(value_scale);
        ImGui::TextColored(c.red ? kRed : ImVec4(0.1f, 0.1f, 0.1f, 1), "%s", c.value.c_str());
        ImGui::SetWindowFontScale(1.0f);
        ImGui::EndGroup();
    }
    ImGui::EndGroup();
    test_api::add_rect("walkthrough.burden");
    test_api::add_rect("walkthrough.panel.burden");
}

// ---------------------------------------------------------------- [SECTION] where am I + clerk + choices

void draw_where(AppState& state) {
    WalkState& w = state.walk;
    WalkSession& s = w.session;
    const Language L = state.language;
    const CitizenView v = s.walk->engine().citizen_view(0);
    ImGui::BeginGroup();
    big_text_wrapped(1.2f, ImVec4(0, 0, 0, 1), where_text(s, L));
    ImGui::EndGroup();
    test_api::add_rect("walkthrough.where");
    if (!v.in_review_steps.empty()) {
        std::string list;
        for (const auto& id : v.in_review_steps) list += (list.empty() ? "" : "、") + step_name(s, L, id);
        ImGui::TextColored(kGrey, "%s", format(S(state, Str::wt_in_review), list.c_str()).c_str());
    }
    // What the clerk says.
    const std::vector<LogLine> clerk = clerk_lines(s, L);
    if (!clerk.empty()) {
        ImGui::TextColored(kBlue, "%s", S(state, Str::wt_clerk));
        for (const auto& line : clerk) {
            ImGui::PushStyleColor(ImGuiCol_Text, line.kind == 1 ? kRed : kGreen);
            ImGui::TextWrapped("%s", line.text.c_str());
            ImGui::PopStyleColor();
        }
    }
    const std::string& msg = L == Language::zh ? w.message_zh : w.message_en;
    if (!msg.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, w.message_is_error ? kRed : kGrey);
        ImGui::TextWrapped("%s", msg.c_str());
        ImGui::PopStyleColor();
    }
}

void draw_choices(AppState& state) {
    WalkState& w = state.walk;
    WalkSession& s = w.session;
    const Language L = state.language;
    const Walk& walk = *s.walk;
    if (walk.finished()) {
        ImGui::TextColored(kGreen, "%s", S(state, Str::wt_finished));
        return;
    }
    const CitizenView v = walk.engine().citizen_view(0);
    if (v.stuck) {
        ImGui::TextColored(kRed, "%s", format(S(state, Str::wt_stuck), v.stuck_reason.c_str()).c_str());
        return;
    }
    const Decision* d = walk.pending();
    if (!d || w.animating) {
        ImGui::TextDisabled("%s", S(state, Str::wt_waiting));
        if (ImGui::Button(S(state, Str::wt_skip))) skip(state);
        test_api::add_rect("walkthrough.skip2");
        return;
    }
    if (!w.compact) ImGui::TextColored(kBlue, "%s", S(state, Str::wt_choices));
    ImGui::TextWrapped("%s", decision_question(s, L, *d).c_str());
    if (d->kind == DecisionKind::handover) {
        // The button first: at projector scale the hint may scroll out, the button not.
        if (ImGui::Button(S(state, Str::wt_handover), ImVec2(-1, 0))) hand_over_checked(state);
        test_api::add_rect("walkthrough.handover");
        ImGui::TextWrapped("%s", S(state, Str::wt_handover_hint));
    } else {
        ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
        for (std::size_t i = 0; i < d->options.size(); ++i) {
            const std::string label = format("%d  %s", static_cast<int>(i) + 1, option_label(s, L, *d, d->options[i]).c_str());
            ImGui::PushID(static_cast<int>(i));
            if (ImGui::Button(label.c_str(), ImVec2(-1, 0))) choose_option(state, i);
            ImGui::PopID();
            test_api::add_rect("walkthrough.option." + std::to_string(i));
            test_api::add_rect("walkthrough.option." + d->options[i]);
        }
        ImGui::PopStyleVar();
        if (d->kind == DecisionKind::next_step && helper_here(s)) {
            if (ImGui::Button(S(state, Str::wt_ask_helper))) ask_helper(state);
            test_api::add_rect("walkthrough.helper");
            const std::string& advice = L == Language::zh ? w.helper_zh : w.helper_en;
            if (!advice.empty()) {
                ImGui::TextColored(kBlue, "%s", S(state, Str::wt_helper_says));
                ImGui::TextWrapped("%s", advice.c_str());
            }
        }
    }
    // Earlier decisions: go back to any of them.
    if (!s.history.empty() &&
        ImGui::CollapsingHeader(format(S(state, Str::wt_history), static_cast<int>(s.history.size())).c_str())) {
        const auto& choices = walk.record().choices;
        for (std::size_t i = s.history.size(); i-- > 0;) {
            ImGui::PushID(static_cast<int>(i));
            if (ImGui::SmallButton(S(state, Str::wt_rewind_here))) {
                ImGui::PopID();
                rewind(state, i);
                break;
            }
            test_api::add_rect("walkthrough.history." + std::to_string(i));
            ImGui::SameLine();
            ImGui::TextWrapped("%d. %s  %s", static_cast<int>(i) + 1, short_time(L, s.history[i].time).c_str(),
                               choice_label(s, L, s.history[i], choices[i]).c_str());
            ImGui::PopID();
        }
    }
}

// ---------------------------------------------------------------- [SECTION] materials

void draw_materials(AppState& state) {
    WalkState& w = state.walk;
    const WalkSession& s = w.session;
    const Language L = state.language;
    const CitizenView v = s.walk->engine().citizen_view(0);
    const Decision* d = w.animating ? nullptr : s.walk->pending();
    auto has = [](const std::vector<std::string>& list, const std::string& id) {
        return std::find(list.begin(), list.end(), id) != list.end();
    };
    if (d && d->kind == DecisionKind::handover) {
        // The checklist at the window: tick what to hand over (digits toggle). Nothing is
        // ticked or tagged to start with: which papers this window wants is the lesson;
        // the tags appear once the clerk sent me back here or the 帮办 desk listed them.
        if (w.checked_for != s.history.size() || w.checked.size() != d->options.size()) {
            w.checked.assign(d->options.size(), 0);
            w.checked_for = s.history.size();
        }
        const bool known = needed_known(w, *d);
        ImGui::TextWrapped("%s", S(state, Str::wt_checklist));
        for (std::size_t i = 0; i < d->options.size(); ++i) {
            bool on = w.checked[i];
            const std::string label = format("%d %s", static_cast<int>(i) + 1, material_name(s, L, d->options[i]).c_str());
            if (ImGui::Checkbox(label.c_str(), &on)) w.checked[i] = on;
            test_api::add_rect("walkthrough.material." + d->options[i]);
            if (known && has(d->needed, d->options[i])) {
                ImGui::SameLine();
                ImGui::TextColored(kBlue, "%s", S(state, Str::wt_needed));
            }
        }
        for (const auto& n : d->needed) {
            if (!known || has(d->options, n)) continue;
            ImGui::BeginDisabled();
            bool off = false;
            ImGui::Checkbox(material_name(s, L, n).c_str(), &off);
            ImGui::EndDisabled();
            ImGui::SameLine();
            ImGui::TextColored(kRed, "%s", S(state, Str::wt_not_held));
        }
        return;
    }
    for (const auto& id : v.held) {
        ImGui::Bullet();
        ImGui::TextUnformatted(material_name(s, L, id).c_str());
        if (has(v.submitted, id)) {
            ImGui::SameLine();
            ImGui::TextDisabled("%s", S(state, Str::wt_submitted));
        }
    }
    // Papers the process needs that I do not hold yet, with where they come from.
    for (const Material& m : s.scenario->materials) {
        if (has(v.held, m.id)) continue;
        bool used = false;
        for (const auto& st : s.walk->variant().steps) used = used || has(st.needs, m.id);
        if (!used) continue;
        ImGui::Bullet();
        ImGui::TextColored(kGrey, "%s  %s", pick(L, m.name, m.name_en).c_str(), S(state, Str::wt_not_held));
        if (!m.obtain_hint.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", m.obtain_hint.c_str());
    }
}

// ---------------------------------------------------------------- [SECTION] burden

void draw_burden(AppState& state) {
    const CaseMeasures m = state.walk.session.walk->engine().citizen_view(0).so_far;
    struct Cell {
        Str label;
        std::string value;
    };
    const Cell cells[] = {
        {Str::wt_b_trips, std::to_string(m.trips)},
        {Str::wt_b_windows, std::to_string(m.window_visits)},
        {Str::wt_b_departments, std::to_string(m.departments)},
        {Str::wt_b_submissions, std::to_string(m.submissions)},
        {Str::wt_b_repeats, std::to_string(m.repeat_submissions)},
        {Str::wt_b_rejections, std::to_string(m.rejections)},
        {Str::wt_b_hours, hours_text(m.citizen_hours())},
        {Str::wt_b_days, format("%.1f", m.calendar_days())},
        {Str::wt_b_working_days, std::to_string(m.working_days)},
        {Str::wt_b_fees, format("%.0f", m.fees_yuan)},
    };
    const int columns = ImGui::GetContentRegionAvail().x > em(16) ? 2 : 1;
    if (!ImGui::BeginTable("##burden_cells", columns)) return;
    for (const Cell& c : cells) {
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", S(state, c.label));
        big_text(1.6f, c.label == Str::wt_b_trips || c.label == Str::wt_b_rejections ? kRed : ImVec4(0.1f, 0.1f, 0.1f, 1),
                 c.value);
    }
    ImGui::EndTable();
}

// ---------------------------------------------------------------- [SECTION] event log

void draw_log(AppState& state) {
    WalkState& w = state.walk;
    const Language L = state.language;
    const std::vector<LogLine> lines = log_lines(w.session, L);
    ImGui::BeginChild("##log_lines", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(lines.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const LogLine& l = lines[static_cast<std::size_t>(i)];
            const ImVec4 color = l.kind == 1 ? kRed : l.kind == 2 ? kAmber : l.kind == 3 ? kGreen : ImVec4(0.1f, 0.1f, 0.1f, 1);
            ImGui::TextColored(kGrey, "%s", short_time(L, l.time).c_str());
            ImGui::SameLine();
            ImGui::TextColored(color, "%s", l.text.c_str());
        }
    }
    if (w.scroll_log || w.animating) ImGui::SetScrollHereY(1.0f);
    w.scroll_log = false;
    ImGui::EndChild();
}

// ---------------------------------------------------------------- [SECTION] export / import

void export_record(AppState& state) {
    WalkState& w = state.walk;
    if (!w.session.walk) return;
    const std::string name = w.session.scenario->id + "-" + w.session.walk->record().variant + "-seed" +
                             std::to_string(w.session.walk->record().seed) + ".walk.json";
    w.exported = platform::save_download(name, "application/json", record_json(w.session));
}

void export_problems_markdown(AppState& state) {
    WalkState& w = state.walk;
    if (!w.session.walk) return;
    w.exported = platform::save_download(w.session.scenario->id + "-problems.md", "text/markdown", problems_markdown(state));
}

void export_problems_csv(AppState& state) {
    WalkState& w = state.walk;
    if (!w.session.walk) return;
    w.exported = platform::save_download(w.session.scenario->id + "-problems.csv", "text/csv",
                                         "\xEF\xBB\xBF" + problems_csv(state));  // BOM: Excel reads UTF-8
}

void open_rewind_picker(AppState& state) {
    WalkState& w = state.walk;
    if (!w.session.walk || w.session.history.empty()) return;
    w.rewind_pick = static_cast<int>(w.session.history.size()) - 1;
}

void draw_rewind_picker(AppState& state) {
    WalkState& w = state.walk;
    const char* id = "###rewind_picker";
    if (w.rewind_pick >= 0 && !ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowSize(ImVec2(std::min(em(36), display.x * 0.9f), std::min(em(22), display.y * 0.8f)));
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    const std::string title = std::string(S(state, Str::wt_pick_title)) + id;
    if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings)) {
        w.rewind_pick = -1;
        return;
    }
    if (w.rewind_pick < 0) {  // reset underneath (a new walk, an import)
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    const WalkSession& s = w.session;
    const int n = s.walk ? static_cast<int>(s.history.size()) : 0;
    int go = -1;
    bool close = n == 0;
    if (n > 0) {
        w.rewind_pick = std::clamp(w.rewind_pick, 0, n - 1);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) w.rewind_pick = std::max(0, w.rewind_pick - 1);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) w.rewind_pick = std::min(n - 1, w.rewind_pick + 1);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
            ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false))
            go = w.rewind_pick;
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) close = true;
    ImGui::TextDisabled("%s", S(state, Str::wt_pick_hint));
    ImGui::BeginChild("##pick_rows", ImVec2(0, -ImGui::GetFrameHeightWithSpacing()), true);
    const auto& choices = s.walk ? s.walk->record().choices : std::vector<Choice>{};
    for (int i = 0; i < n && i < static_cast<int>(choices.size()); ++i) {
        const std::string label = format("%d. %s  %s##pick%d", i + 1, short_time(state.language, s.history[static_cast<std::size_t>(i)].time).c_str(),
                                         choice_label(s, state.language, s.history[static_cast<std::size_t>(i)], choices[static_cast<std::size_t>(i)]).c_str(), i);
        if (ImGui::Selectable(label.c_str(), i == w.rewind_pick)) go = i;
        if (i == w.rewind_pick) {
            ImGui::SetScrollHereY(0.5f);
            test_api::add_rect("walkthrough.pick.selected");
        }
        test_api::add_rect("walkthrough.pick." + std::to_string(i));
    }
    ImGui::EndChild();
    if (ImGui::Button(S(state, Str::wt_pain_cancel), ImVec2(em(8), 0))) close = true;
    if (go >= 0) {
        w.rewind_pick = -1;
        ImGui::CloseCurrentPopup();
        rewind(state, static_cast<std::size_t>(go));
    } else if (close) {
        w.rewind_pick = -1;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void import_record_file(AppState& state) {
    platform::open_upload(".json", [&state](std::string name, std::string text) {
        if (text.empty()) {
            state.walk.message_zh = format(tr(Language::zh, Str::wt_import_failed), name.c_str());
            state.walk.message_en = format(tr(Language::en, Str::wt_import_failed), name.c_str());
            return;
        }
        import_record(state, text);
        state.screen = Screen::walkthrough;
        state.screen_requested = true;
    });
}

}  // namespace peizou::app::walkthrough
