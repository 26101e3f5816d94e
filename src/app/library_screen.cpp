// 场景库 Library: every scenarios/*.json with its title, summary, variants and sources;
// a file that fails to load stays in the list with its validation issues. The selected
// entry can be walked, compared or presented from here (buttons, right-click, Enter);
// its card (library_card.cpp) and, with nothing selected, the welcome panel
// (library_welcome.cpp).
// [SECTION] loading   [SECTION] actions   [SECTION] test API   [SECTION] drawing
#include <algorithm>

#include "compare_run.hpp"
#include "fonts.hpp"
#include "imgui.h"
#include "library_parts.hpp"
#include "platform/backend.hpp"
#include "screens.hpp"
#include "strings.hpp"
#include "test_api.hpp"
#include "walkthrough_session.hpp"
#include "widgets.hpp"
#include "user_files.hpp"

namespace peizou::app::library {

// ---------------------------------------------------------------- [SECTION] loading

namespace {

const std::string& pick(Language language, const std::string& zh, const std::string& en) {
    return language == Language::en && !en.empty() ? en : zh;
}

void register_text(AppState& state, const LibraryEntry& e) {
    const Scenario& s = e.result.scenario;
    for (const std::string* t : {&e.file, &s.title, &s.title_en, &s.summary, &s.summary_en})
        fonts_add_text(state, *t);
    for (const auto& a : s.assumptions) fonts_add_text(state, a);
    for (const auto& src : s.sources) {
        fonts_add_text(state, src.seed);
        fonts_add_text(state, src.citation);
        fonts_add_text(state, src.says);
    }
    for (const auto& v : s.variants) {
        fonts_add_text(state, v.title);
        fonts_add_text(state, v.title_en);
    }
    for (const auto& i : e.result.issues) {
        fonts_add_text(state, i.path);
        fonts_add_text(state, i.message_zh);
        fonts_add_text(state, i.message_en);
    }
}

}  // namespace

namespace {

// The light index of a scenario file, read in one pass without parsing it: the root's
// "title" and "title_en", how many variants it has and how many steps the first one
// lists — what the first frame shows (the list, the welcome panel's suggestions).
// Nesting is counted outside strings; `depth` is the number of open brackets.
void scan_index(const std::string& text, LibraryEntry::Index& e) {
    int depth = 0;
    std::string key1, key3, value;  // the last key at depth 1 (the root) and 3 (a variant)
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '{' || c == '[') {
            if (c == '{' && depth == 2 && key1 == "variants") {
                ++e.variants;
                key3.clear();
            }
            if (c == '{' && depth == 4 && key1 == "variants" && e.variants == 1 && key3 == "steps")
                ++e.first_steps;
            ++depth;
        } else if (c == '}' || c == ']') {
            --depth;
        } else if (c == '"') {
            value.clear();
            for (++i; i < text.size() && text[i] != '"'; ++i) {
                if (text[i] != '\\' || i + 1 >= text.size()) {
                    value += text[i];
                    continue;
                }
                const char x = text[++i];
                value += x == 'n' ? '\n' : x == 't' ? '\t' : x;  // \u: the full parse shows it
            }
            std::size_t next = i + 1;
            while (next < text.size() && (text[next] == ' ' || text[next] == '\n' || text[next] == '\r' || text[next] == '\t'))
                ++next;
            const bool is_key = next < text.size() && text[next] == ':';
            if (is_key && depth == 1) key1 = value;
            if (is_key && depth == 3) key3 = value;
            if (!is_key && depth == 1 && key1 == "title") e.title = value;
            if (!is_key && depth == 1 && key1 == "title_en") e.title_en = value;
        }
    }
}

void parse(AppState& state, LibraryEntry& e) {
    e.result = scenario::load_scenario(e.text, e.file);
    e.pending = false;
    e.text = std::string();
    register_text(state, e);
}

}  // namespace

// The built-in files are read and indexed here; the full parse and check (the largest part
// of app init) waits for load_pending, after the first frame, or load_entry (issue 17).
void load(AppState& state, const std::string& dir) {
    LibraryState& lib = state.library;
    lib.dir = dir;
    lib.entries.clear();
    lib.selected.clear();
    for (const std::string& file : platform::list_files(dir, ".json")) {
        LibraryEntry e;
        e.file = file;
        if (platform::read_file(dir + "/" + file, e.text)) {
            fonts_add_file_text(state, e.text);  // every string of it, on any screen
            scan_index(e.text, e.index);
            e.result.scenario.title = e.index.title;  // what the list shows until the parse
            e.result.scenario.title_en = e.index.title_en;
            e.result.ok = true;                       // until the parse says otherwise
            e.pending = true;
        } else {
            scenario::Issue issue;
            issue.message_zh = "无法读取文件";
            issue.message_en = "cannot read the file";
            e.result.issues.push_back(issue);
            register_text(state, e);
        }
        lib.entries.push_back(std::move(e));
    }
}

void load_entry(AppState& state, const std::string& file) {
    const int i = entry_index(state.library, file);
    if (i >= 0 && state.library.entries[static_cast<std::size_t>(i)].pending)
        parse(state, state.library.entries[static_cast<std::size_t>(i)]);
}

void load_pending(AppState& state) {
    bool any = false;
    for (LibraryEntry& e : state.library.entries) {
        if (!e.pending) continue;
        parse(state, e);
        any = true;
    }
    if (any) platform::mark("libraryParsed");
}

std::string entry_title(Language language, const LibraryEntry& e) {
    const std::string& t = pick(language, e.result.scenario.title, e.result.scenario.title_en);
    return t.empty() ? e.file : t;
}

// ---------------------------------------------------------------- [SECTION] actions

namespace {
// Selects `file` and returns its index if it can be run (loaded, with `variants` variants).
int runnable(AppState& state, const std::string& file, std::size_t variants) {
    const int i = entry_index(state.library, file);
    if (i < 0) return -1;
    state.library.selected = file;
    const LibraryEntry& e = state.library.entries[static_cast<std::size_t>(i)];
    return e.result.ok && e.result.scenario.variants.size() >= variants ? i : -1;
}
}  // namespace

bool walk(AppState& state, const std::string& file, const std::string& variant) {
    const int i = runnable(state, file, 1);
    if (i < 0 || !walkthrough::start(state, i, variant, state.walk.seed)) return false;
    state.screen = Screen::walkthrough;
    state.screen_requested = true;
    return true;
}

bool compare_before_after(AppState& state, const std::string& file) {
    const int i = runnable(state, file, 2);
    if (i < 0) return false;
    state.compare.scenario_file = file;
    state.compare.variants.clear();  // the defaults: the first two variants
    state.screen = Screen::compare;
    state.screen_requested = true;
    return compare::start(state, i);
}

bool present(AppState& state, const std::string& file) {
    if (runnable(state, file, 2) < 0) return false;
    state.presentation.scenario_file = file;
    state.presentation.after.clear();
    return presentation::start(state);
}

// ---------------------------------------------------------------- [SECTION] test API

namespace {
using test_api::Json;

Json issues_json(Language language, const LibraryEntry& e) {
    Json out = Json::array();
    for (const auto& i : e.result.issues) {
        out.push_back({{"path", i.path},
                       {"line", i.line},
                       {"column", i.column},
                       {"warning", i.warning},
                       {"message", language == Language::zh ? i.message_zh : i.message_en}});
    }
    return out;
}

// What the detail panel shows, in the current language.
Json panel_json(const AppState& state) {
    const LibraryState& lib = state.library;
    const int selected = entry_index(lib, lib.selected);
    if (selected < 0) return nullptr;
    const LibraryEntry& e = lib.entries[static_cast<std::size_t>(selected)];
    const Scenario& s = e.result.scenario;
    Json sources = Json::array();
    for (const auto& src : s.sources)
        sources.push_back({{"seed", src.seed}, {"citation", src.citation}, {"says", src.says}});
    Json variants = Json::array();
    for (const auto& v : s.variants) variants.push_back(pick(state.language, v.title, v.title_en));
    return {{"file", e.file},
            {"ok", e.result.ok},
            {"title", entry_title(state.language, e)},
            {"summary", pick(state.language, s.summary, s.summary_en)},
            {"variants", variants},
            {"sources", sources},
            {"assumptions", s.assumptions},
            {"issues", issues_json(state.language, e)},
            {"card", card_json(state, e.file)}};
}

int find_entry(const LibraryState& lib, const Json& args) {
    if (args.contains("index")) {
        int i = args["index"].get<int>();
        if (i >= 0 && i < static_cast<int>(lib.entries.size())) return i;
    }
    std::string file = args.value("file", "");
    for (std::size_t i = 0; i < lib.entries.size(); ++i) {
        if (lib.entries[i].file == file) return static_cast<int>(i);
    }
    throw test_api::ActionError{"no such library entry"};
}

const bool registered = [] {
    test_api::add_state("selection", [](const AppState& s) -> Json {
        if (entry_index(s.library, s.library.selected) < 0) return nullptr;
        return s.library.selected;
    });
    test_api::add_state("library", [](const AppState& s) {
        Json files = Json::array();
        for (const auto& e : s.library.entries) {
            files.push_back({{"file", e.file},
                             {"title", entry_title(s.language, e)},
                             {"ok", e.result.ok},
                             {"user", e.user},
                             {"issues", e.result.issues.size()},
                             {"index", {{"title", e.index.title},
                                        {"title_en", e.index.title_en},
                                        {"variants", e.index.variants},
                                        {"first_steps", e.index.first_steps}}}});
        }
        return Json{{"dir", s.library.dir}, {"files", files}, {"panel", panel_json(s)}};
    });
    test_api::add_state("welcome", [](const AppState& s) {
        return Json{{"shown", welcome_shown(s)},
                    {"dismissed", s.library.welcome_dismissed},
                    {"walk", suggestion(s, false)},
                    {"compare", suggestion(s, true)},
                    {"present", suggestion(s, true)}};
    });
    test_api::add_action("library.select", [](AppState& s, const Json& args) {
        s.library.selected = s.library.entries[static_cast<std::size_t>(find_entry(s.library, args))].file;
        return Json{{"file", s.library.selected}};
    });
    return true;
}();

}  // namespace

// ---------------------------------------------------------------- [SECTION] drawing

namespace {

void draw_heading(const char* text) {
    ImGui::Spacing();
    ImGui::TextColored(ImVec4(0.16f, 0.35f, 0.62f, 1.0f), "%s", text);
    ImGui::Separator();
}

void draw_issues(const AppState& state, const LibraryEntry& e) {
    if (e.result.issues.empty()) return;
    draw_heading(tr(state.language, Str::library_issues));
    for (const auto& i : e.result.issues) {
        ImVec4 color = i.warning ? ImVec4(0.65f, 0.45f, 0.0f, 1.0f) : ImVec4(0.75f, 0.1f, 0.1f, 1.0f);
        ImGui::TextColored(color, "%s", tr(state.language, i.warning ? Str::library_warning : Str::library_error));
        ImGui::SameLine();
        if (i.line > 0) {
            ImGui::TextDisabled("%d:%d", i.line, i.column);
            ImGui::SameLine();
        }
        ImGui::TextDisabled("%s", i.path.c_str());
        ImGui::Indent();
        text_wrapped(state.language == Language::zh ? i.message_zh : i.message_en);
        ImGui::Unindent();
    }
}

// The actions on entry `e`: buttons in the detail panel, items of the right-click menu.
void draw_actions(AppState& state, const LibraryEntry& e, bool menu) {
    const Language lang = state.language;
    const Scenario& s = e.result.scenario;
    const std::string file = e.file;  // `e` may move when an action changes the library
    const std::string where = menu ? "library.menu." : "library.action.";
    bool first = true;
    auto item = [&](const std::string& label, const std::string& key) {
        // Buttons share a line while they fit (projector scale, long variant titles).
        const float w = ImGui::CalcTextSize(label.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
        if (!menu && !first) {
            ImGui::SameLine();
            if (ImGui::GetCursorPosX() + w > ImGui::GetWindowContentRegionMax().x) ImGui::NewLine();
        }
        first = false;
        const bool clicked = menu ? ImGui::MenuItem(label.c_str()) : ImGui::Button(label.c_str());
        test_api::add_rect(where + key);
        return clicked;
    };
    // A long variant title is cut (…) to the panel's width; the whole title is its tooltip.
    const float width = ImGui::GetWindowContentRegionMax().x - ImGui::GetCursorPosX() - ImGui::GetStyle().FramePadding.x * 2;
    for (std::size_t v = 0; v < s.variants.size(); ++v) {
        const Str format = v == 0 ? Str::lib_walk : Str::lib_walk_variant;
        const std::string title = pick(lang, s.variants[v].title, s.variants[v].title_en);
        const float frame = ImGui::CalcTextSize(walkthrough::format(tr(lang, format), "").c_str()).x;
        const std::string cut = menu ? title : fit_width(title, width - frame);
        const std::string label = walkthrough::format(tr(lang, format), cut.c_str());
        if (item(label + "##walk." + s.variants[v].id, "walk." + s.variants[v].id)) walk(state, file, s.variants[v].id);
        if (cut != title && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", title.c_str());
    }
    if (s.variants.size() >= 2) {
        if (item(tr(lang, Str::lib_compare), "compare")) compare_before_after(state, file);
        if (item(tr(lang, Str::lib_present), "present")) present(state, file);
    }
    if (s.variants.size() < 2) ImGui::TextDisabled("%s", tr(lang, Str::lib_no_after));
}

void draw_detail(AppState& state) {
    LibraryState& lib = state.library;
    const int selected = entry_index(lib, lib.selected);
    if (selected < 0) {
        if (welcome_shown(state)) {
            draw_welcome(state);
            return;
        }
        ImGui::TextDisabled("%s", tr(state.language, lib.entries.empty() ? Str::library_empty : Str::library_pick));
        if (ImGui::SmallButton(tr(state.language, Str::lib_welcome_show))) lib.welcome_dismissed = false;
        test_api::add_rect("library.welcome.show");
        return;
    }
    const LibraryEntry& e = lib.entries[static_cast<std::size_t>(selected)];
    const Scenario& s = e.result.scenario;
    const Language lang = state.language;
    text_wrapped(entry_title(lang, e));
    test_api::add_rect("library.title");
    ImGui::TextDisabled("%s: %s", tr(lang, Str::library_file), e.file.c_str());
    // The editor (issue 15): a built-in scenario is edited as a copy, a user file itself
    // (also one that fails validation: the editor shows its issues).
    ImGui::SameLine();
    const std::string edit_key = e.file;
    if (ImGui::SmallButton(tr(lang, e.user ? Str::ed_edit : Str::ed_edit_copy))) {
        editor::open_entry(state, edit_key);
        return;
    }
    test_api::add_rect("library.action.edit");
    if (!e.result.ok) {
        ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1.0f), "%s", tr(lang, Str::library_failed));
        draw_issues(state, e);  // a failed file: its issues first, in sight
    } else {
        ImGui::Spacing();
        draw_actions(state, e, false);
        ImGui::Spacing();
        draw_card(state, e);
    }
    const std::string& summary = pick(lang, s.summary, s.summary_en);
    if (!summary.empty()) {
        draw_heading(tr(lang, Str::library_summary));
        text_wrapped(summary);
    }
    if (!s.variants.empty()) {
        draw_heading(tr(lang, Str::library_variants));
        for (const auto& v : s.variants) bullet_text_wrapped(pick(lang, v.title, v.title_en));
    }
    if (!s.sources.empty()) {
        draw_heading(tr(lang, Str::library_sources));
        for (const auto& src : s.sources) {
            if (!src.seed.empty()) {
                ImGui::Bullet();
                ImGui::TextDisabled("%s %s", tr(lang, Str::library_seed), src.seed.c_str());
            } else {
                bullet_text_wrapped(src.citation);
            }
            if (!src.says.empty()) {
                ImGui::Indent();
                text_wrapped(src.says);
                ImGui::Unindent();
            }
        }
    }
    if (s.illustrative || !s.assumptions.empty()) {
        draw_heading(tr(lang, Str::library_assumptions));
        if (s.illustrative) text_wrapped(tr(lang, Str::library_illustrative));
        for (const auto& a : s.assumptions) bullet_text_wrapped(a);
    }
    if (e.result.ok) draw_issues(state, e);  // warnings
}

void draw_detail_and_actions(AppState& state) {
    draw_detail(state);
    user_files::draw_entry_actions(state, state.library.selected);
}

}  // namespace

void draw_menu_actions(AppState& state, const LibraryEntry& e) { draw_actions(state, e, true); }

void draw(AppState& state) {
    (void)registered;
    card_step(state);
    LibraryState& lib = state.library;
    const Language lang = state.language;
    ImGui::BeginChild("##library.list", ImVec2(em(17), 0), true);
    int builtin = 0;
    for (const auto& e : lib.entries) builtin += e.user ? 0 : 1;
    ImGui::TextDisabled(tr(lang, Str::library_count), builtin);
    ImGui::SameLine();
    if (ImGui::SmallButton(tr(lang, Str::ed_new))) editor::new_draft(state, false);
    test_api::add_rect("library.new");
    ImGui::Separator();
    for (std::size_t i = 0; i < lib.entries.size(); ++i) {
        const LibraryEntry& e = lib.entries[i];
        if (e.user) continue;  // listed under "my files"
        std::string label = entry_title(lang, e);
        if (!e.result.ok) label += std::string("  (") + tr(lang, Str::library_failed) + ")";
        // A long title is cut (…) to the list's width (English at projector scale).
        label = fit_width(label, ImGui::GetContentRegionAvail().x) + "\n" + e.file + "###" + e.file;
        if (!e.result.ok) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.1f, 0.1f, 1.0f));
        if (ImGui::Selectable(label.c_str(), lib.selected == e.file)) lib.selected = e.file;
        user_files::reveal_if_selected(lib, e.file);
        if (!e.result.ok) ImGui::PopStyleColor();
        test_api::add_rect("library.item." + e.file);
        if (e.result.ok && ImGui::BeginPopupContextItem(("##menu." + e.file).c_str())) {
            draw_actions(state, e, true);
            ImGui::EndPopup();
        }
    }
    user_files::draw_section(state);
    ImGui::EndChild();
    test_api::add_rect("library.list");
    ImGui::SameLine();
    ImGui::BeginChild("##library.detail", ImVec2(0, 0), true);
    draw_detail_and_actions(state);
    ImGui::EndChild();
    test_api::add_rect("library.detail");
    // Enter walks the selected scenario (its first variant).
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) && !ImGui::GetIO().WantTextInput &&
        !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) && !state.presentation.presenting)
        walk(state, lib.selected, "");
}

}  // namespace peizou::app::library
