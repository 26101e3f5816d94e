// 标记痛点: a category and a short note, attached to the current step and time.
// In the browser SDL2 has no IME, so the note is typed into a DOM <input> laid over
// the field (platform::text_overlay_*, web/text_input.js); natively ImGui's own
// InputText takes the IME's text. Typed characters are registered with the font
// state, which fetches the large subset when the small one lacks them.
#include <algorithm>

#include "fonts.hpp"
#include "imgui.h"
#include "platform/backend.hpp"
#include "test_api.hpp"
#include "walkthrough_panels.hpp"
#include "walkthrough_session.hpp"

namespace peizou::app::walkthrough {

void open_pain_dialog(AppState& state) {
    if (!state.walk.session.walk) return;
    state.walk.pain = PainDialog{};
    state.walk.pain.open = true;
}

namespace {
void close_dialog(AppState& state, bool save) {
    PainDialog& p = state.walk.pain;
    if (save) add_flag(state, category_key(p.category), p.note);
    p.open = false;
    platform::text_overlay_hide();
    ImGui::CloseCurrentPopup();
}
}  // namespace

void draw_pain_dialog(AppState& state) {
    PainDialog& p = state.walk.pain;
    const char* id = "###pain_dialog";
    if (p.open && !ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowSize(ImVec2(std::min(em(32), display.x - em(1)), 0));
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    const std::string title = std::string(S(state, Str::wt_pain_title)) + id;
    if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings)) {
        if (p.open) {  // closed from outside (tab change): keep the overlay in step
            p.open = false;
            platform::text_overlay_hide();
        }
        return;
    }
    if (!p.open || !state.walk.session.walk) {  // a new walk, rewind or import reset the dialog
        platform::text_overlay_hide();
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    const WalkSession& s = state.walk.session;
    std::string step;
    {
        // Which step the flag will be attached to (as add_flag decides).
        std::int32_t idx = -1;
        if (const Decision* d = s.walk->pending()) idx = d->step;
        const auto& log = s.walk->log();
        for (auto it = log.rbegin(); idx < 0 && it != log.rend(); ++it)
            if (it->step >= 0 && it->activity != Activity::step_skipped) idx = it->step;
        step = step_name(s, state.language, idx);
    }
    ImGui::TextDisabled("%s", short_time(state.language, s.walk->engine().now()).c_str());
    if (!step.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", format(S(state, Str::wt_pain_step), step.c_str()).c_str());
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", S(state, Str::wt_pain_keys));
    ImGui::PopStyleColor();
    // Keys while the note is not being typed: 1–7 category, Tab note, Enter save, Esc cancel.
    bool key_save = false, key_cancel = false;
    if (!p.editing_note && !ImGui::GetIO().WantTextInput) {
        for (ImWchar c : ImGui::GetIO().InputQueueCharacters)
            if (c >= '1' && c < '1' + kCategoryCount) p.category = c - '1';
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Tab), false)) p.editing_note = true;
        key_save = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                   ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false);
    }
    key_cancel = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
    ImGui::TextUnformatted(S(state, Str::wt_pain_category));
    for (int i = 0; i < kCategoryCount; ++i) {
        if (i % 4 != 0) ImGui::SameLine();
        const std::string label = format("%d %s", i + 1, tr(state.language, category_label(i)));
        if (ImGui::RadioButton(label.c_str(), p.category == i)) p.category = i;
        test_api::add_rect(std::string("walkthrough.pain.category.") + category_key(i));
    }
    ImGui::TextUnformatted(S(state, Str::wt_pain_note));
    bool save = key_save, cancel = key_cancel;
    const float field_w = ImGui::GetContentRegionAvail().x;
    if (platform::text_overlay_available()) {
        // A framed box; once clicked (or Tab) the DOM input covers it and takes the keys.
        const ImVec2 a = ImGui::GetCursorScreenPos();
        const ImVec2 size(field_w, ImGui::GetFrameHeight());
        if (ImGui::InvisibleButton("##note_box", size)) p.editing_note = true;
        const ImVec2 b(a.x + size.x, a.y + size.y);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(a, b, ImGui::GetColorU32(ImGuiCol_FrameBg));
        const bool hint = p.note.empty() && !p.editing_note;
        dl->AddText(ImVec2(a.x + ImGui::GetStyle().FramePadding.x, a.y + ImGui::GetStyle().FramePadding.y),
                    ImGui::GetColorU32(hint ? ImGuiCol_TextDisabled : ImGuiCol_Text),
                    hint ? S(state, Str::wt_pain_note_click) : p.note.c_str());
        test_api::add_rect("walkthrough.pain.note");
        if (p.editing_note) {
            platform::text_overlay_show(a.x, a.y, b.x, b.y, ImGui::GetFontSize(), p.note);
            std::string typed;
            const int event = platform::text_overlay_poll(typed);
            if (typed != p.note) {
                p.note = typed;
                fonts_add_text(state, p.note);
            }
            save = save || event == 1;
            cancel = cancel || event == 2;
        }
    } else {
        char buffer[512];
        std::snprintf(buffer, sizeof buffer, "%s", p.note.c_str());
        if (p.editing_note && !ImGui::IsAnyItemActive()) ImGui::SetKeyboardFocusHere();
        ImGui::SetNextItemWidth(field_w);
        if (ImGui::InputText("##note", buffer, sizeof buffer, ImGuiInputTextFlags_EnterReturnsTrue)) save = true;
        if (ImGui::IsItemActive()) p.editing_note = true;
        else if (ImGui::IsItemDeactivated()) p.editing_note = false;
        test_api::add_rect("walkthrough.pain.note");
        if (p.note != buffer) {
            p.note = buffer;
            fonts_add_text(state, p.note);
        }
    }
    ImGui::Spacing();
    if (ImGui::Button(S(state, Str::wt_pain_save), ImVec2(em(8), 0))) save = true;
    test_api::add_rect("walkthrough.pain.save");
    ImGui::SameLine();
    if (ImGui::Button(S(state, Str::wt_pain_cancel), ImVec2(em(8), 0))) cancel = true;
    test_api::add_rect("walkthrough.pain.cancel");
    if (save || cancel) close_dialog(state, save && !cancel);
    ImGui::EndPopup();
}

}  // namespace peizou::app::walkthrough
