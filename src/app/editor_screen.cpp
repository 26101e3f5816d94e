// [SECTION] opening and saving   [SECTION] the draft slot   [SECTION] validation and undo
// [SECTION] outline   [SECTION] issues   [SECTION] dialogs   [SECTION] screen   [SECTION] test API
//
// The 编辑 Editor (issue 15): an outline of the scenario on the left, the selected item's
// form in the middle with the live issues list under it. Every change re-validates the
// whole draft (save_scenario → load_scenario: the messages of `peizou validate`); each
// finished edit is one undo step. The draft is kept in the user's storage (editor/
// draft.json) so it comes back after a reload; Save writes canonical JSON to 我的文件.
#include <chrono>
#include <cstdio>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

#include <nlohmann/json.hpp>

#include "editor_parts.hpp"
#include "fonts.hpp"
#include "imgui.h"
#include "import_panel.hpp"
#include "live_preview.hpp"
#include "process_graph.hpp"
#include "platform/backend.hpp"
#include "screens.hpp"
#include "strings.hpp"
#include "test_api.hpp"
#include "user_files.hpp"
#include "widgets.hpp"

namespace peizou::app::editor {

namespace {

using scenario::ItemKind;
using scenario::ItemRef;

const char* S(const AppState& state, Str id) { return tr(state.language, id); }

std::string format(const char* fmt, const std::string& arg) {
    char buffer[512];
    std::snprintf(buffer, sizeof buffer, fmt, arg.c_str());
    return buffer;
}

const char* kDraftSlot = "editor/draft.json";

bool parse_kind(const std::string& s, ItemKind& out) {
    for (ItemKind k : {ItemKind::place, ItemKind::department, ItemKind::material, ItemKind::step, ItemKind::branch,
                       ItemKind::variant})
        if (s == scenario::to_string(k)) {
            out = k;
            return true;
        }
    return false;
}

// The canonical text of the draft as last validated (this frame's, after the widgets).
const std::string& draft_text(const EditorState& e) { return e.text; }
bool dirty(const EditorState& e) { return e.open && e.text != e.saved_text; }

// Closing or reloading the page with unsaved changes asks first (the browser's own
// "leave site?" prompt, from a beforeunload handler that reads a flag kept here).
void set_leave_prompt(bool on) {
#ifdef __EMSCRIPTEN__
    EM_ASM({
        if (!window.peizouLeaveHandler) {
            window.peizouLeaveHandler = (event) => {
                if (!window.peizouLeavePrompt) return undefined;
                event.preventDefault();
                event.returnValue = '';
                return '';
            };
            window.addEventListener('beforeunload', window.peizouLeaveHandler);
        }
        window.peizouLeavePrompt = $0 !== 0;
    }, on ? 1 : 0);
#else
    (void)on;
#endif
}

// ---------------------------------------------------------------- [SECTION] opening and saving

void start_draft(AppState& state, const Scenario& s, const std::string& file, const std::string& saved_text) {
    EditorState& e = state.editor;
    e.open = true;
    e.draft = e.committed = s;
    e.shadow = Scenario{};
    e.history.clear();
    e.file = file;
    e.saved_text = saved_text;
    e.sel = EditorSelection{};
    e.editing_field.clear();
    e.message.clear();
    e.checked_version = -1;
    ++e.version;
    e.text = scenario::save_scenario(s);
    fonts_add_file_text(state, e.text);
}

void open_now(AppState& state, const std::string& key) {
    const int i = entry_index(state.library, key);
    if (i < 0) return;
    const LibraryEntry& entry = state.library.entries[static_cast<std::size_t>(i)];
    std::string name = entry.file.substr(entry.file.find_last_of('/') + 1);
    if (entry.user) {
        start_draft(state, entry.result.scenario, name, scenario::save_scenario(entry.result.scenario));
    } else {
        name = name.substr(0, name.size() - 5) + "-copy.json";  // built-ins are copied, never replaced
        start_draft(state, entry.result.scenario, name, "");
    }
}

void new_now(AppState& state, bool example) {
    const Scenario s = example ? scenario::load_scenario(scenario::example_scenario_json(), "").scenario
                               : scenario::blank_scenario();
    start_draft(state, s, "", "");
}

void show_editor(AppState& state) {
    state.screen = Screen::editor;
    state.screen_requested = true;
}

bool save(AppState& state) {
    EditorState& e = state.editor;
    if (e.file.empty()) e.file = (e.draft.id.empty() ? std::string("scenario") : e.draft.id) + ".json";
    const std::string text = scenario::save_scenario(e.draft);
    if (!user_files::open(state, e.file, text, true)) {
        e.message = state.language == Language::zh ? state.user.message_zh : state.user.message_en;
        return false;
    }
    e.saved_text = text;
    e.message = format(S(state, Str::ed_saved_msg), e.file);
    return true;
}

// ---------------------------------------------------------------- [SECTION] the draft slot

void keep_draft(AppState& state) {
    EditorState& e = state.editor;
    std::string error;
    if (!e.open) {
        platform::user_remove(kDraftSlot, error);
        return;
    }
    const nlohmann::ordered_json j = {{"format", "peizou-editor-draft/1"}, {"file", e.file},
                                      {"saved_text", e.saved_text}, {"scenario", draft_text(e)}};
    platform::user_write(kDraftSlot, j.dump(1) + "\n", error);
}

void restore_draft(AppState& state) {
    std::string text;
    if (!platform::read_file(state.user.dir + "/" + kDraftSlot, text)) return;
    const nlohmann::ordered_json j = nlohmann::ordered_json::parse(text, nullptr, false);
    if (!j.is_object() || !j.contains("scenario") || !j["scenario"].is_string()) return;
    const scenario::LoadResult r = scenario::load_scenario(j["scenario"].get<std::string>(), "");
    start_draft(state, r.scenario, j.value("file", ""), j.value("saved_text", ""));
    state.editor.draft_kept_version = state.editor.version;
    state.editor.message = S(state, Str::ed_restored);
}

// ---------------------------------------------------------------- [SECTION] validation and undo

void revalidate(AppState& state) {
    EditorState& e = state.editor;
    const auto t0 = std::chrono::steady_clock::now();
    e.text = scenario::save_scenario(e.draft);  // validate_draft, keeping the text
    e.check = scenario::load_scenario(e.text, "");
    e.sim_key = e.check.ok ? scenario::simulation_key(e.check.scenario) : 0;
    e.check_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    e.checked_version = e.version;
    process_graph_fonts(state, e.check.scenario);
    for (const auto& i : e.check.issues) {
        fonts_add_text(state, i.message_zh);
        fonts_add_text(state, i.message_en);
    }
}

// After the widgets: a changed draft is re-validated at once, and becomes one undo step
// when no widget is active any more (a text field's edit when it is left).
void after_widgets(AppState& state) {
    EditorState& e = state.editor;
    if (e.draft != e.shadow) {
        e.shadow = e.draft;
        ++e.version;
        e.pending = true;
    }
    if (e.checked_version != e.version) revalidate(state);
    if (e.pending && !ImGui::IsAnyItemActive() && e.editing_field.empty()) {
        if (e.draft != e.committed) {
            e.history.commit(e.committed);
            e.committed = e.draft;
        }
        e.pending = false;
    }
}

void undo_redo(AppState& state, bool redo) {
    EditorState& e = state.editor;
    if (e.draft != e.committed) {  // an edit still under way is its own step first
        e.history.commit(e.committed);
        e.committed = e.draft;
    }
    if (redo ? e.history.redo(e.draft) : e.history.undo(e.draft)) {
        e.committed = e.draft;
        e.editing_field.clear();
        e.rename_for = EditorSelection{};
    }
    e.pending = false;
}

// ---------------------------------------------------------------- [SECTION] outline

bool selectable(AppState& state, const std::string& label, const EditorSelection& what, const std::string& rect) {
    EditorState& e = state.editor;
    const bool clicked = ImGui::Selectable((label + "##" + rect).c_str(), e.sel == what);
    test_api::add_rect(rect);
    if (clicked) e.sel = what;
    return clicked;
}

bool add_button(AppState& state, const std::string& rect) {
    ImGui::SameLine();
    const bool clicked = ImGui::SmallButton((std::string(S(state, Str::ed_add)) + "##" + rect).c_str());
    test_api::add_rect(rect);
    return clicked;
}

void select(EditorState& e, const ItemRef& r) {
    if (r.id.empty()) return;
    e.sel = EditorSelection{scenario::to_string(r.kind), r.id, r.variant};
}

template <class T>
void list_items(AppState& state, const std::vector<T>& items, const char* kind, const std::string& variant) {
    for (const auto& it : items) {
        const std::string rect = std::string("editor.item.") + kind + "." + (variant.empty() ? "" : variant + ".") + it.id;
        selectable(state, it.id, EditorSelection{kind, it.id, variant}, rect);
    }
}

void draw_outline(AppState& state) {
    EditorState& e = state.editor;
    Scenario& s = e.draft;
    selectable(state, S(state, Str::ed_scenario), EditorSelection{}, "editor.item.scenario");
    auto section = [&](Str title, ItemKind kind, const char* key, const auto& items) {
        ImGui::Separator();
        ImGui::TextDisabled("%s", S(state, title));
        if (add_button(state, std::string("editor.add.") + key)) select(e, scenario::add_item(s, kind));
        ImGui::Indent(em(0.6f));
        list_items(state, items, key, "");
        ImGui::Unindent(em(0.6f));
    };
    section(Str::ed_places, ItemKind::place, "place", s.places);
    section(Str::ed_departments, ItemKind::department, "department", s.departments);
    section(Str::ed_materials, ItemKind::material, "material", s.materials);
    ImGui::Separator();
    ImGui::TextDisabled("%s", S(state, Str::ed_variants));
    if (add_button(state, "editor.add.variant")) select(e, scenario::add_item(s, ItemKind::variant));
    for (std::size_t i = 0; i < s.variants.size(); ++i) {
        const Variant& v = s.variants[i];
        ImGui::PushID(static_cast<int>(i));
        selectable(state, v.id + (v.from.empty() ? "" : " ← " + v.from), EditorSelection{"variant", v.id, ""},
                   "editor.item.variant." + v.id);
        ImGui::Indent(em(0.6f));
        if (v.from.empty()) {
            const std::string vid = v.id;  // add_item may move `v`
            ImGui::TextDisabled("%s", S(state, Str::ed_steps));
            if (add_button(state, "editor.add.step." + vid)) select(e, scenario::add_item(s, ItemKind::step, vid));
            ImGui::Indent(em(0.6f));
            list_items(state, s.variants[i].steps, "step", vid);
            ImGui::Unindent(em(0.6f));
            ImGui::TextDisabled("%s", S(state, Str::ed_branches));
            if (add_button(state, "editor.add.branch." + vid)) select(e, scenario::add_item(s, ItemKind::branch, vid));
            ImGui::Indent(em(0.6f));
            list_items(state, s.variants[i].branches, "branch", vid);
            ImGui::Unindent(em(0.6f));
        } else {
            ImGui::TextDisabled("%s: %zu", S(state, Str::ed_levers), v.levers.size());
        }
        ImGui::Unindent(em(0.6f));
        ImGui::PopID();
    }
}

// ---------------------------------------------------------------- [SECTION] issues

// The item an issue's path is at ("/variants/before/steps/2/needs/0" → step 2 of before).
EditorSelection item_at(const Scenario& s, const std::string& path) {
    std::vector<std::string> parts;
    for (std::size_t at = 1; at <= path.size();) {
        std::size_t end = path.find('/', at);
        if (end == std::string::npos) end = path.size();
        parts.push_back(path.substr(at, end - at));
        at = end + 1;
    }
    auto nth = [&](const auto& items, std::size_t k) -> std::string {
        if (parts.size() <= k) return "";
        const std::size_t n = static_cast<std::size_t>(std::atoi(parts[k].c_str()));
        return n < items.size() ? items[n].id : "";
    };
    if (parts.size() >= 2 && parts[0] == "places" && !nth(s.places, 1).empty()) return {"place", nth(s.places, 1), ""};
    if (parts.size() >= 2 && parts[0] == "departments" && !nth(s.departments, 1).empty())
        return {"department", nth(s.departments, 1), ""};
    if (parts.size() >= 2 && parts[0] == "materials" && !nth(s.materials, 1).empty())
        return {"material", nth(s.materials, 1), ""};
    if (parts.size() >= 2 && parts[0] == "variants") {
        const Variant* v = s.variant(parts[1]);
        if (!v) return {};
        if (parts.size() >= 4 && parts[2] == "steps" && !nth(v->steps, 3).empty()) return {"step", nth(v->steps, 3), v->id};
        if (parts.size() >= 4 && parts[2] == "branches" && !nth(v->branches, 3).empty())
            return {"branch", nth(v->branches, 3), v->id};
        return {"variant", v->id, ""};
    }
    return {};
}

void draw_issues(AppState& state) {
    EditorState& e = state.editor;
    const auto& c = e.check;
    char line[256];
    if (c.errors == 0 && c.warnings == 0) std::snprintf(line, sizeof line, S(state, Str::ed_valid), e.check_ms);
    else std::snprintf(line, sizeof line, S(state, Str::ed_check), c.errors, c.warnings, e.check_ms);
    ImGui::TextUnformatted(line);
    test_api::add_rect("editor.check");
    for (std::size_t i = 0; i < c.issues.size(); ++i) {
        const auto& issue = c.issues[i];
        const std::string text = issue.path + ": " + (state.language == Language::zh ? issue.message_zh : issue.message_en);
        ImGui::PushStyleColor(ImGuiCol_Text, issue.warning ? ImVec4(0.6f, 0.4f, 0, 1) : ImVec4(0.75f, 0.1f, 0.1f, 1));
        if (ImGui::Selectable((text + "##issue" + std::to_string(i)).c_str())) e.sel = item_at(e.draft, issue.path);
        ImGui::PopStyleColor();
        test_api::add_rect("editor.issue." + std::to_string(i));
    }
}

// ---------------------------------------------------------------- [SECTION] dialogs

void draw_delete_dialog(AppState& state) {
    EditorState& e = state.editor;
    if (e.confirm_delete) {
        ImGui::OpenPopup("##editor.delete");
        e.confirm_delete = false;
    }
    if (!ImGui::BeginPopupModal("##editor.delete", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::TextUnformatted(S(state, Str::ed_delete_title));
    ImGui::TextUnformatted(format(S(state, Str::ed_delete_refs), e.sel.id).c_str());
    for (const auto& r : e.delete_refs) ImGui::BulletText("%s", r.path.c_str());
    ItemKind kind;
    const bool known = parse_kind(e.sel.kind, kind);
    const bool drop = ImGui::Button(S(state, Str::ed_delete_drop));
    test_api::add_rect("editor.delete.drop");
    ImGui::SameLine();
    const bool keep = ImGui::Button(S(state, Str::ed_delete_keep));
    test_api::add_rect("editor.delete.keep");
    ImGui::SameLine();
    const bool cancel = ImGui::Button(S(state, Str::ed_cancel));
    test_api::add_rect("editor.delete.cancel");
    if ((drop || keep) && known) {
        scenario::delete_item(e.draft, {kind, e.sel.id, e.sel.variant}, drop);
        e.sel = EditorSelection{};
    }
    if (drop || keep || cancel) {
        e.delete_refs.clear();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void draw_discard_dialog(AppState& state) {
    EditorState& e = state.editor;
    if (e.ask_discard) {
        ImGui::OpenPopup("##editor.discard");
        e.ask_discard = false;
    }
    if (!ImGui::BeginPopupModal("##editor.discard", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::TextUnformatted(S(state, Str::ed_discard_title));
    ImGui::TextUnformatted(S(state, Str::ed_discard_text));
    const bool saved = ImGui::Button(S(state, Str::ed_save)) && save(state);
    test_api::add_rect("editor.discard.save");
    ImGui::SameLine();
    const bool discard = ImGui::Button(S(state, Str::ed_discard));
    test_api::add_rect("editor.discard.discard");
    ImGui::SameLine();
    const bool keep = ImGui::Button(S(state, Str::ed_keep));
    test_api::add_rect("editor.discard.keep");
    if (saved || discard) {
        if (!e.pending_open.empty()) open_now(state, e.pending_open);
        else if (e.pending_new) new_now(state, e.pending_new_example);
    }
    if (saved || discard || keep) {
        e.pending_open.clear();
        e.pending_new = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// ---------------------------------------------------------------- [SECTION] screen

void draw_toolbar(AppState& state) {
    EditorState& e = state.editor;
    auto button = [&](Str label, const char* rect, bool enabled) {
        if (!enabled) ImGui::BeginDisabled();
        const bool clicked = ImGui::Button(S(state, label));
        if (!enabled) ImGui::EndDisabled();
        test_api::add_rect(rect);
        ImGui::SameLine();
        return clicked && enabled;
    };
    if (button(Str::ed_new_blank, "editor.new.blank", true)) new_draft(state, false);
    if (button(Str::ed_new_example, "editor.new.example", true)) new_draft(state, true);
    if (!e.open) {
        ImGui::NewLine();
        return;
    }
    if (button(Str::ed_undo, "editor.undo", e.history.can_undo() || e.draft != e.committed)) undo_redo(state, false);
    if (button(Str::ed_redo, "editor.redo", e.history.can_redo())) undo_redo(state, true);
    if (button(Str::ed_save, "editor.save", true)) save(state);
    if (button(Str::ed_download, "editor.download", true)) {
        if (e.file.empty()) e.file = e.draft.id + ".json";
        platform::save_download(e.file, "application/json", scenario::save_scenario(e.draft));
        e.message = format(S(state, Str::ed_downloaded), e.file);
    }
    const bool is_dirty = dirty(e);
    ImGui::AlignTextToFramePadding();
    if (is_dirty) ImGui::TextColored(ImVec4(0.75f, 0.35f, 0, 1), "%s", S(state, Str::ed_unsaved));
    else ImGui::TextDisabled("%s", S(state, Str::ed_saved));
    const std::string file = format(S(state, Str::ed_file), e.file.empty() ? e.draft.id + ".json" : e.file);
    same_line_if_fits(ImGui::CalcTextSize(file.c_str()).x);
    ImGui::TextDisabled("%s", file.c_str());
    if (!e.message.empty()) {
        same_line_if_fits(ImGui::CalcTextSize(e.message.c_str()).x);
        ImGui::TextDisabled("%s", e.message.c_str());
    }
}

// The selected item's id (typed, then renamed with every reference when the field is
// left), and its duplicate / delete buttons.
void draw_item_header(AppState& state) {
    EditorState& e = state.editor;
    ItemKind kind;
    if (!parse_kind(e.sel.kind, kind)) return;
    const ItemRef item{kind, e.sel.id, e.sel.variant};
    if (!scenario::item_exists(e.draft, item)) {
        e.sel = EditorSelection{};
        return;
    }
    if (!(e.rename_for == e.sel)) {
        e.rename_text = e.sel.id;
        e.rename_for = e.sel;
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(S(state, Str::ed_id));
    ImGui::SameLine(em(11));
    // The id field takes what the two buttons after it leave (at scale 2.0 the form is narrow).
    const ImGuiStyle& style = ImGui::GetStyle();
    const float buttons_w = ImGui::CalcTextSize(S(state, Str::ed_duplicate)).x +
                            ImGui::CalcTextSize(S(state, Str::ed_delete)).x +
                            4 * style.FramePadding.x + 3 * style.ItemSpacing.x;
    // Too narrow for a usable field beside them (English at scale 2.0): the buttons go below.
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool buttons_beside = avail - buttons_w >= em(6);
    text_input(state, "id", e.rename_text, std::min(em(16), buttons_beside ? avail - buttons_w : avail));
    const bool typing = platform::text_overlay_available() ? e.editing_field == "editor.field.id" : ImGui::IsItemActive();
    if (buttons_beside) ImGui::SameLine();
    else ImGui::SetCursorPosX(ImGui::GetCursorPosX() + em(11));
    const bool dup = ImGui::SmallButton(S(state, Str::ed_duplicate));
    test_api::add_rect("editor.duplicate");
    ImGui::SameLine();
    const bool del = ImGui::SmallButton(S(state, Str::ed_delete));
    test_api::add_rect("editor.delete");
    if (!typing && e.rename_text != e.sel.id) {
        if (scenario::rename_item(e.draft, item, e.rename_text)) {
            e.sel.id = e.rename_text;
            e.rename_for = e.sel;
        } else {
            ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s", S(state, Str::ed_rename_taken));
        }
    }
    if (dup) select(e, scenario::duplicate_item(e.draft, item));
    if (del) {
        e.delete_refs = scenario::references_to(e.draft, item);
        if (e.delete_refs.empty()) {
            scenario::delete_item(e.draft, item, false);
            e.sel = EditorSelection{};
        } else {
            e.confirm_delete = true;
        }
    }
    ImGui::Separator();
}

// The right-hand side: the process graph of the chosen variant (click a box to edit that
// step) and the live before/after of 1,000 citizens (helper graph's widgets).
std::string shown_variant(const EditorState& e) {
    const Scenario& s = e.check.scenario;
    if (!e.graph_variant.empty() && s.variant(e.graph_variant)) return e.graph_variant;
    if (s.variants.size() >= 2) return s.variants[1].id;
    return s.variants.empty() ? "" : s.variants.front().id;
}

void draw_side(AppState& state) {
    EditorState& e = state.editor;
    const Scenario& s = e.check.scenario;
    const std::string variant = shown_variant(e);
    // Wide (the 流程图与指标 tab at scale 2.0 has the page's width): the variant and the KPIs
    // in a column, the graph beside them with the whole height. Narrow (the third pane at
    // scale 1.0): the KPIs above the graph.
    const float side_w = ImGui::GetContentRegionAvail().x;
    const bool beside = side_w >= em(32);
    if (beside) ImGui::BeginChild("##editor.kpis", ImVec2(std::min(em(21), side_w * 0.5f), 0), false);
    ImGui::SetNextItemWidth(std::min(em(14), ImGui::GetContentRegionAvail().x));
    if (ImGui::BeginCombo("##editor.graph_variant", variant.c_str())) {
        for (const auto& v : s.variants) {
            if (ImGui::Selectable(v.id.c_str(), v.id == variant)) e.graph_variant = v.id;
            test_api::add_rect("editor.graph_variant." + v.id);
        }
        ImGui::EndCombo();
    }
    test_api::add_rect("editor.graph_variant");
    if (!e.preview) e.preview = std::make_shared<LivePreview>();
    draw_live_preview(*e.preview, state);
    if (beside) {
        ImGui::EndChild();
        test_api::add_rect("editor.kpis");
        ImGui::SameLine();
    }
    GraphMarks marks;
    marks.language = state.language;
    marks.critical_steps = e.preview->critical_steps;
    for (const auto& i : e.check.issues) {
        const EditorSelection at = item_at(e.draft, i.path);
        if (at.kind == "step" && !i.warning) marks.steps_with_issues.push_back(at.id);
    }
    GraphSelection sel{e.sel.kind == "step" ? e.sel.id : ""};
    const Variant* shown = s.variant(variant);
    if (shown && draw_process_graph("##editor.graph", s, variant, sel, marks, ImGui::GetContentRegionAvail())) {
        // A derived variant's steps are its root's, transformed: edit them there.
        const Variant* root = shown;
        for (int guard = 0; root && !root->from.empty() && guard < 64; ++guard) root = s.variant(root->from);
        if (root) e.sel = EditorSelection{"step", sel.step_id, root->id};
    }
}

// Work per frame for the live before/after: 1,000 citizens of two variants are ≈ 130 ms
// of CPU natively on the largest built-in scenario (≈ 2× in wasm), so 20 ms a frame has
// the figures within a second of the edit at 30 frames a second, and leaves a 50 ms frame
// room to draw.
constexpr double kPreviewBudgetMs = 20.0;

// Every frame while a draft is open: the live preview follows the validated draft.
void preview_step(AppState& state) {
    EditorState& e = state.editor;
    if (!e.preview) e.preview = std::make_shared<LivePreview>();
    if (e.check.ok) live_preview_update(*e.preview, e.check.scenario, shown_variant(e), e.checked_version, e.sim_key,
                                         kPreviewBudgetMs);
    else live_preview_invalid(*e.preview, e.checked_version);
}

void shortcuts(AppState& state) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || !state.editor.editing_field.empty() || !io.KeyCtrl ||
        ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId))
        return;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Z), false)) undo_redo(state, io.KeyShift);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Y), false)) undo_redo(state, true);
}

// ---------------------------------------------------------------- [SECTION] test API

using test_api::Json;

// slow_frames: the next `frames` Editor frames each busy-wait `ms` at their end (after the
// text fields asked for the overlay), as a frame of a slow machine would (test API only).
int slow_frames_left = 0;
double slow_frame_ms = 0;

void slow_frame() {
    if (slow_frames_left <= 0) return;
    --slow_frames_left;
    const auto end = std::chrono::steady_clock::now() + std::chrono::microseconds(static_cast<long long>(slow_frame_ms * 1000));
    while (std::chrono::steady_clock::now() < end) {
    }
}

const bool registered = [] {
    test_api::add_action("slow_frames", [](AppState&, const Json& args) {
        const int frames = args.value("frames", 0);
        const double ms = args.value("ms", 0.0);
        if (frames < 0 || frames > 10000 || ms < 0 || ms > 10000)
            throw test_api::ActionError{"slow_frames: frames 0 … 10000, ms 0 … 10000"};
        slow_frames_left = frames;
        slow_frame_ms = ms;
        return Json{{"frames", frames}, {"ms", ms}};
    });
    test_api::add_state("editor", [](const AppState& s) {
        const EditorState& e = s.editor;
        Json issues = Json::array();
        for (const auto& i : e.check.issues)
            issues.push_back({{"path", i.path},
                              {"warning", i.warning},
                              {"message", s.language == Language::zh ? i.message_zh : i.message_en}});
        return Json{{"open", e.open},
                    {"file", e.file},
                    {"dirty", dirty(e)},
                    {"version", e.version},
                    {"checked_version", e.checked_version},
                    {"check_ms", e.check_ms},
                    {"ok", e.check.ok},
                    {"errors", e.check.errors},
                    {"warnings", e.check.warnings},
                    {"issues", issues},
                    {"selected", {{"kind", e.sel.kind}, {"id", e.sel.id}, {"variant", e.sel.variant}}},
                    {"undo", e.history.undo_size()},
                    {"can_redo", e.history.can_redo()},
                    {"editing", e.editing_field},
                    {"message", e.message},
                    {"kept", e.draft_kept_version == e.version},
                    {"leave_prompt", e.leave_prompt},
                    {"preview", e.preview ? live_preview_json(*e.preview) : Json()},
                    {"text", e.open ? draft_text(e) : ""}};
    });
    return true;
}();

}  // namespace

void new_draft(AppState& state, bool example) {
    show_editor(state);
    if (dirty(state.editor)) {
        state.editor.pending_new = true;
        state.editor.pending_new_example = example;
        state.editor.ask_discard = true;
        return;
    }
    new_now(state, example);
}

void open_entry(AppState& state, const std::string& key) {
    show_editor(state);
    if (dirty(state.editor)) {
        state.editor.pending_open = key;
        state.editor.ask_discard = true;
        return;
    }
    open_now(state, key);
}

void update(AppState& state) {
    EditorState& e = state.editor;
    if (dirty(e) != e.leave_prompt) {
        e.leave_prompt = dirty(e);
        set_leave_prompt(e.leave_prompt);
    }
    if (!e.restored) {
        e.restored = true;
        restore_draft(state);
        return;
    }
    // The draft slot follows the draft half a second after its last change.
    if (e.draft_kept_version != e.version) {
        const double now = ImGui::GetTime();
        if (e.draft_changed_at == 0) e.draft_changed_at = now;
        if (now - e.draft_changed_at >= 0.5) {
            keep_draft(state);
            e.draft_kept_version = e.version;
            e.draft_changed_at = 0;
        }
    }
}

void draw(AppState& state) {
    (void)registered;
    EditorState& e = state.editor;
    draw_toolbar(state);
    import_panel::draw_in_editor(state);  // BPMN download, the import report (issue 16)
    if (!e.open) {
        ImGui::TextWrapped("%s", S(state, Str::ed_none));
        return;
    }
    shortcuts(state);
    // Wide (1280 px at scale 1): outline | form over issues | graph and KPIs. Narrow (scale
    // 2.0, a projector): tabs 表单 Form (outline | form over issues) and 流程图与指标 Graph &
    // KPIs, each with the whole height, since three panes side by side or stacked leave a sliver.
    const float outline_w = em(14);
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const bool narrow = ImGui::GetContentRegionAvail().x - outline_w - spacing < em(46);
    bool show_form = true, show_side = true;
    if (narrow) {
        show_form = show_side = false;
        if (ImGui::BeginTabBar("##editor.tabs")) {
            const auto tab = [&](Str label, const char* rect, bool graph) {
                const ImGuiTabItemFlags flags = e.tab_requested && e.show_graph == graph ? ImGuiTabItemFlags_SetSelected : 0;
                const bool open = ImGui::BeginTabItem((std::string(S(state, label)) + "###" + rect).c_str(), nullptr, flags);
                test_api::add_rect(rect);
                if (!open) return false;
                ImGui::EndTabItem();
                return true;
            };
            show_form = tab(Str::ed4_tab_form, "editor.tab.form", false);
            show_side = tab(Str::ed4_tab_graph, "editor.tab.graph", true);
            ImGui::EndTabBar();
        }
        if (!e.tab_requested) e.show_graph = show_side;
        e.tab_requested = false;
    }
    if (show_form) {
        ImGui::BeginChild("##editor.outline", ImVec2(outline_w, 0), true);
        draw_outline(state);
        ImGui::EndChild();
        test_api::add_rect("editor.outline");
        ImGui::SameLine();
        ImGui::BeginGroup();
        const float total_h = ImGui::GetContentRegionAvail().y;
        const float issues_h = std::max(em(4), total_h * (narrow ? 0.3f : 0.25f));
        const float form_w = narrow ? ImGui::GetContentRegionAvail().x
                                    : std::max(em(20), (ImGui::GetContentRegionAvail().x - spacing) * 0.55f);
        ImGui::BeginChild("##editor.form", ImVec2(form_w, total_h - issues_h), true);
        draw_item_header(state);
        draw_form(state);
        ImGui::EndChild();
        test_api::add_rect("editor.form");
        ImGui::BeginChild("##editor.issues", ImVec2(form_w, 0), true);
        draw_issues(state);
        ImGui::EndChild();
        test_api::add_rect("editor.issues");
        ImGui::EndGroup();
        if (show_side) ImGui::SameLine();
    }
    if (show_side) {
        const EditorSelection was = e.sel;
        ImGui::BeginChild("##editor.side", ImVec2(0, 0), true);
        draw_side(state);
        ImGui::EndChild();
        test_api::add_rect("editor.side");
        if (narrow && !(e.sel == was)) {  // a box clicked: its step's form
            e.show_graph = false;
            e.tab_requested = true;
        }
    }
    draw_delete_dialog(state);
    draw_discard_dialog(state);
    after_widgets(state);
    preview_step(state);
    slow_frame();
}

}  // namespace peizou::app::editor
