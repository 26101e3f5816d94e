// 我的文件 My files: files the user opened (picker or drop) are kept in the user's
// folder — scenarios/ and walks/ — with settings.json (language, scale). A file that
// fails validation is kept and listed with every issue; a failed write is reported.
// [SECTION] strings   [SECTION] files   [SECTION] per frame   [SECTION] test API
// [SECTION] drawing
#include "user_files.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "fonts.hpp"
#include "imgui.h"
#include "import/file_kind.hpp"
#include "import_panel.hpp"
#include "library_parts.hpp"
#include "platform/backend.hpp"
#include "scenario/parse_count.hpp"
#include "scenario/walk_io.hpp"
#include "screens.hpp"
#include "strings.hpp"
#include "test_api.hpp"
#include "widgets.hpp"
#include "walkthrough_session.hpp"

namespace peizou::app::user_files {

// ---------------------------------------------------------------- [SECTION] strings

namespace {

const char* S(const AppState& state, Str id) { return tr(state.language, id); }

std::string format(const char* pattern, const std::string& a) {
    std::string out;
    for (const char* p = pattern; *p; ++p) {
        if (p[0] == '%' && p[1] == 's') {
            out += a;
            ++p;
        } else {
            out += *p;
        }
    }
    return out;
}

void say(AppState& state, Str id, const std::string& what, bool error) {
    state.user.message_zh = format(tr(Language::zh, id), what);
    state.user.message_en = format(tr(Language::en, id), what);
    state.user.message_is_error = error;
    ++state.user.message_serial;
    fonts_add_text(state, state.user.message_zh);
    fonts_add_text(state, what);
}

// The flush of a write finished: the file is kept for good, or the user hears why not
// (the file stays listed and usable for this session). `renamed_from`: the name it came
// with, when another file already had it. `saying`: message_serial when its "Saving…" was
// said. A flush can finish after a newer message (a 4 MiB file's flush outlasts the refusal
// of the next file dropped): "saved" then says nothing, and a failure does not replace a
// newer error.
void kept(AppState& state, const std::string& name, const std::string& error, const std::string& renamed_from = "",
          std::uint64_t saying = 0) {
    state.user.storage_error = platform::user_storage_error();
    if (!state.user.storage_error.empty()) fonts_add_text(state, state.user.storage_error);
    const bool newer = saying != 0 && state.user.message_serial != saying;
    if (!error.empty()) {
        if (!newer || !state.user.message_is_error) say(state, Str::uf_write_failed, name + ": " + error, true);
        return;
    }
    if (name.empty() || newer) return;
    say(state, Str::uf_saved, name, false);
    if (!renamed_from.empty()) {
        state.user.message_zh += format(tr(Language::zh, Str::uf_renamed), renamed_from);
        state.user.message_en += format(tr(Language::en, Str::uf_renamed), renamed_from);
        fonts_add_text(state, state.user.message_zh);
    }
}

}  // namespace

// ---------------------------------------------------------------- [SECTION] files

namespace {

const std::string kUserPrefix = "user/";  // library keys of user files: user/scenarios/x.json

// A safe file name: no folders, not hidden (a leading dot becomes '_', so ".x" and "x"
// stay different), ends in .json. Different names can still clean to the same one
// ("a?.json", "a*.json"): open() never lets one replace the other (kept_name).
std::string clean_name(const std::string& name) {
    std::string base = name.substr(name.find_last_of("/\\") + 1);
    std::string out;
    for (char c : base) {
        const auto u = static_cast<unsigned char>(c);
        out += (u < 0x20 || u == 0x7F || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' ||
                c == '|') ? '_' : c;
    }
    if (!out.empty() && out[0] == '.') out[0] = '_';
    if (out.empty()) out = "file";
    if (out.size() < 5 || out.compare(out.size() - 5, 5, ".json") != 0) out += ".json";
    return out;
}

// What an opened file is, decided in one place for the CLI and the page (import::detect_kind,
// from its first 4 KiB): the scenario reader then parses it once.
bool is_walk_record(const std::string& text) { return import::detect_kind(text) == import::FileKind::walk_record; }

void register_issue_text(AppState& state, const std::vector<scenario::Issue>& issues) {
    for (const auto& i : issues) {
        fonts_add_text(state, i.path);
        fonts_add_text(state, i.message_zh);
        fonts_add_text(state, i.message_en);
    }
}

void add_scenario_entry(AppState& state, const std::string& relative, const std::string& text,
                        const scenario::LoadResult* loaded = nullptr) {
    const std::string key = kUserPrefix + relative;
    LibraryEntry e;
    e.file = key;
    e.user = true;
    e.result = loaded ? *loaded : scenario::load_scenario(text, relative.substr(relative.find('/') + 1));
    fonts_add_file_text(state, text);  // every string of it, on any screen
    const Scenario& s = e.result.scenario;
    fonts_add_text(state, key);
    for (const std::string* t : {&s.title, &s.title_en, &s.summary, &s.summary_en}) fonts_add_text(state, *t);
    for (const auto& v : s.variants) {
        fonts_add_text(state, v.title);
        fonts_add_text(state, v.title_en);
    }
    for (const auto& a : s.assumptions) fonts_add_text(state, a);
    register_issue_text(state, e.result.issues);
    auto& entries = state.library.entries;
    auto same = std::find_if(entries.begin(), entries.end(), [&](const LibraryEntry& x) { return x.file == key; });
    if (same != entries.end()) *same = std::move(e);
    else entries.push_back(std::move(e));
}

void add_walk(AppState& state, const std::string& relative, const std::string& text) {
    UserWalk w;
    w.file = kUserPrefix + relative;
    const scenario::WalkLoad load = scenario::load_walk(text);
    w.ok = load.ok;
    w.issues = load.issues;
    w.scenario = load.record.scenario;
    w.variant = load.record.variant;
    fonts_add_text(state, w.file);
    register_issue_text(state, w.issues);
    auto& walks = state.user.walks;
    auto same = std::find_if(walks.begin(), walks.end(), [&](const UserWalk& x) { return x.file == w.file; });
    if (same != walks.end()) *same = std::move(w);
    else walks.push_back(std::move(w));
}

void load_settings(AppState& state) {
    std::string text;
    if (!platform::read_file(state.user.dir + "/settings.json", text)) return;
    const nlohmann::ordered_json j = nlohmann::ordered_json::parse(text, nullptr, false);
    if (!j.is_object()) return;
    const std::string language = j.value("language", "");
    if (language == "zh" || language == "en") state.language = language == "zh" ? Language::zh : Language::en;
    const float scale = j.value("scale", 0.0f);
    if (scale == 1.0f || scale == 1.5f || scale == 2.0f) state.scale = scale;
    const nlohmann::ordered_json selected = j.value("library_selected", nlohmann::ordered_json());
    if (selected.is_string()) {  // checked after the user files load
        state.library.selected = selected.get<std::string>();
        state.library.reveal_selected = true;
    }
    state.library.welcome_dismissed = j.value("welcome_dismissed", false);
    state.user.saved_language = state.language == Language::zh ? "zh" : "en";
    state.user.saved_scale = state.scale;
    state.user.saved_selected = state.library.selected;
    state.user.saved_welcome_dismissed = state.library.welcome_dismissed;
}

void save_settings(AppState& state) {
    const std::string language = state.language == Language::zh ? "zh" : "en";
    const LibraryState& lib = state.library;
    if (language == state.user.saved_language && state.scale == state.user.saved_scale &&
        lib.selected == state.user.saved_selected && lib.welcome_dismissed == state.user.saved_welcome_dismissed)
        return;
    state.user.saved_language = language;
    state.user.saved_scale = state.scale;
    state.user.saved_selected = lib.selected;
    state.user.saved_welcome_dismissed = lib.welcome_dismissed;
    const nlohmann::ordered_json j = {{"format", "peizou-settings/1"}, {"language", language}, {"scale", state.scale},
                                      {"library_selected", lib.selected}, {"welcome_dismissed", lib.welcome_dismissed}};
    std::string error;
    // A settings flush that succeeds says nothing (the last save's message stays); one that
    // fails does not replace an error already shown (opening a file also saves the
    // selection: the file's own failure is what the user must see).
    if (!platform::user_write("settings.json", j.dump(2) + "\n", error, [&state](const std::string& e) {
            if (!e.empty() && !state.user.message_is_error) kept(state, "settings.json", e);
        }))
        say(state, Str::uf_write_failed, error, true);
}

// The relative path (scenarios/x.json) of a "user/..." key; empty if not a user key.
std::string relative_of(const std::string& key) {
    return key.rfind(kUserPrefix, 0) == 0 ? key.substr(kUserPrefix.size()) : std::string();
}

bool remove_file(AppState& state, const std::string& key) {
    const std::string relative = relative_of(key);
    std::string error;
    if (relative.empty() || !platform::user_remove(relative, error)) {
        say(state, Str::uf_write_failed, error.empty() ? key : error, true);
        return false;
    }
    auto& entries = state.library.entries;
    const auto at = std::find_if(entries.begin(), entries.end(), [&](const LibraryEntry& e) { return e.file == key; });
    if (at != entries.end()) entries.erase(at);
    if (state.library.selected == key) state.library.selected.clear();  // other screens hold keys too
    auto& walks = state.user.walks;
    walks.erase(std::remove_if(walks.begin(), walks.end(), [&](const UserWalk& w) { return w.file == key; }), walks.end());
    say(state, Str::uf_deleted, relative.substr(relative.find('/') + 1), false);
    return true;
}

// The bytes of a library entry's file (built-in or user), for export/download.
bool file_text(const AppState& state, const std::string& key, std::string& text) {
    const std::string relative = relative_of(key);
    return relative.empty() ? platform::read_file(state.library.dir + "/" + key, text)
                            : platform::read_file(state.user.dir + "/" + relative, text);
}

// Offers the entry's file as a download; its name, or "" when it cannot be read.
std::string download(const AppState& state, const std::string& key) {
    std::string text;
    if (!file_text(state, key, text)) return "";
    return platform::save_download(key.substr(key.find_last_of('/') + 1), "application/json", text);
}

}  // namespace

namespace {

// Whether the user's folder (or this session's list) has a file at `relative`; `same`:
// it holds exactly `text`.
bool taken(const AppState& state, const std::string& relative, const std::string& text, bool& same) {
    const std::string key = kUserPrefix + relative;
    std::string kept_text;
    const bool on_disk = platform::read_file(state.user.dir + "/" + relative, kept_text);
    same = on_disk && kept_text == text;
    if (on_disk) return true;
    for (const auto& e : state.library.entries)
        if (e.file == key) return true;
    for (const auto& w : state.user.walks)
        if (w.file == key) return true;
    return false;
}

// Where a newly opened file is kept: `folder`/`name`, or, when another file has that name
// already, "stem (2).json", "stem (3).json"… — opening never replaces a kept file (a bad
// file a good one). The same bytes again: the file already kept.
std::string kept_name(const AppState& state, const std::string& folder, const std::string& name,
                      const std::string& text) {
    const std::string stem = name.substr(0, name.size() - 5);  // name ends in ".json"
    for (int n = 1;; ++n) {
        const std::string candidate = n == 1 ? name : stem + " (" + std::to_string(n) + ").json";
        bool same = false;
        if (!taken(state, folder + candidate, text, same) || same) return candidate;
    }
}

}  // namespace

bool open(AppState& state, const std::string& name, const std::string& text, bool replace,
          const scenario::LoadResult* loaded) {
    if (text.size() > scenario::Limits{}.max_bytes) {  // refused whole: nothing is written or listed
        say(state, Str::uf_too_large, clean_name(name), true);
        return false;
    }
    const bool walk = is_walk_record(text);
    const std::string folder = walk ? "walks/" : "scenarios/";
    const std::string wanted = clean_name(name);
    const std::string kept_as = replace ? wanted : kept_name(state, folder, wanted, text);
    const std::string renamed_from = kept_as == wanted ? "" : wanted;
    const std::string relative = folder + kept_as;
    std::string error;
    // Listed even when it cannot be kept: the user sees the file and why.
    if (walk) add_walk(state, relative, text);
    else add_scenario_entry(state, relative, text, loaded);
    const std::string shown = relative.substr(relative.find('/') + 1);
    // "Saved" only once the write is kept for good (the IndexedDB flush finished).
    say(state, Str::uf_saving, shown, false);
    const std::uint64_t saying = state.user.message_serial;
    if (!platform::user_write(relative, text, error, [&state, shown, renamed_from, saying](const std::string& e) {
            kept(state, shown, e, renamed_from, saying);
        })) {
        say(state, Str::uf_write_failed, error, true);
        return false;
    }
    if (!walk) {
        state.library.selected = kUserPrefix + relative;
        state.library.reveal_selected = true;
    }
    return true;
}

void load(AppState& state) {
    state.user.dir = platform::user_dir();
    load_settings(state);
    for (const char* folder : {"scenarios", "walks"}) {
        for (const std::string& file : platform::list_files(state.user.dir + "/" + folder, ".json")) {
            const std::string relative = std::string(folder) + "/" + file;
            std::string text;
            platform::read_file(state.user.dir + "/" + relative, text);
            if (folder[0] == 'w') add_walk(state, relative, text);
            else add_scenario_entry(state, relative, text);
        }
    }
    // The Library's last selection, if that entry is still there.
    if (entry_index(state.library, state.library.selected) < 0) state.library.selected.clear();
    state.user.storage_error = platform::user_storage_error();
}

// ---------------------------------------------------------------- [SECTION] per frame

namespace {
// The whole-document parses each opened file cost on its way in, from its arrival until it
// is kept and listed (the Editor's own check of a draft it then shows comes later, when it
// draws): the last 16 files, oldest first (test API "user_files.way_in"; issue 16).
struct WayIn {
    std::string name;
    long json = 0, xml = 0;
};
std::vector<WayIn> g_way_in;
}  // namespace

void update(AppState& state) {
    std::vector<platform::OpenedFile> files = platform::take_opened_files();
    std::string params_name;  // a BPMN dropped with its Prosimos parameters is imported with them
    const std::string params = import_panel::take_params(files, params_name);
    for (platform::OpenedFile& f : files) {
        scenario::ParseCount& parses = scenario::parse_count();
        const long json = parses.json, xml = parses.xml;
        if (import_panel::is_import(f.text)) import_panel::open(state, f.name, f.text, params, params_name);  // BPMN, guides → the Editor
        else if (state.screen == Screen::class_view) classroom::open_file(state, f.name, f.text);  // the class's records
        else open(state, f.name, f.text);
        if (g_way_in.size() == 16) g_way_in.erase(g_way_in.begin());
        g_way_in.push_back({f.name, parses.json - json, parses.xml - xml});
    }
    save_settings(state);
    if (state.frame % 30 == 0) {
        state.user.storage_error = platform::user_storage_error();
        if (!state.user.storage_error.empty()) fonts_add_text(state, state.user.storage_error);
    }
}

// ---------------------------------------------------------------- [SECTION] test API

namespace {
using test_api::Json;

Json issues_json(const AppState& state, const std::vector<scenario::Issue>& issues) {
    Json out = Json::array();
    for (const auto& i : issues)
        out.push_back({{"path", i.path},
                       {"line", i.line},
                       {"column", i.column},
                       {"warning", i.warning},
                       {"message", state.language == Language::zh ? i.message_zh : i.message_en}});
    return out;
}

const bool registered = [] {
    test_api::add_state("user_files", [](const AppState& s) {
        Json scenarios = Json::array();
        for (const auto& e : s.library.entries)
            if (e.user) scenarios.push_back({{"file", e.file}, {"ok", e.result.ok}, {"issues", issues_json(s, e.result.issues)}});
        Json walks = Json::array();
        for (const auto& w : s.user.walks)
            walks.push_back({{"file", w.file}, {"ok", w.ok}, {"scenario", w.scenario}, {"variant", w.variant},
                             {"issues", issues_json(s, w.issues)}});
        return Json{{"dir", s.user.dir},
                    {"scenarios", scenarios},
                    {"walks", walks},
                    {"message", s.language == Language::zh ? s.user.message_zh : s.user.message_en},
                    {"message_is_error", s.user.message_is_error},
                    {"storage_error", s.user.storage_error},
                    {"way_in", [] {
                         Json out = Json::array();
                         for (const WayIn& w : g_way_in) out.push_back({{"name", w.name}, {"json", w.json}, {"xml", w.xml}});
                         return out;
                     }()}};
    });
    // The same path as a dropped or picked file.
    test_api::add_action("files.open", [](AppState& s, const Json& args) {
        const bool ok = open(s, args.value("name", "file.json"), args.value("text", ""));
        return Json{{"saved", ok}};
    });
    test_api::add_action("files.delete", [](AppState& s, const Json& args) {
        if (!remove_file(s, args.value("file", ""))) throw test_api::ActionError{s.user.message_en};
        return Json::object();
    });
    test_api::add_action("files.download", [](AppState& s, const Json& args) {
        const std::string key = args.value("file", ""), name = download(s, key);
        if (name.empty()) throw test_api::ActionError{"cannot read " + key};
        return Json{{"name", name}};
    });
    test_api::add_action("files.open_walk", [](AppState& s, const Json& args) {
        std::string text;
        if (!platform::read_file(s.user.dir + "/" + relative_of(args.value("file", "")), text))
            throw test_api::ActionError{"no such walk record"};
        if (!walkthrough::import_record(s, text)) throw test_api::ActionError{s.walk.message_en};
        s.screen = Screen::walkthrough;
        s.screen_requested = true;
        return Json::object();
    });
    return true;
}();

void draw_issues(const AppState& state, const std::vector<scenario::Issue>& issues) {
    for (const auto& i : issues) {
        ImGui::TextColored(i.warning ? ImVec4(0.65f, 0.45f, 0.0f, 1.0f) : ImVec4(0.75f, 0.1f, 0.1f, 1.0f), "%d:%d",
                           i.line, i.column);
        ImGui::SameLine();
        ImGui::TextWrapped("%s %s", i.path.c_str(), (state.language == Language::zh ? i.message_zh : i.message_en).c_str());
    }
}

}  // namespace

// ---------------------------------------------------------------- [SECTION] drawing

void reveal_if_selected(LibraryState& lib, const std::string& file) {
    if (!lib.reveal_selected || lib.selected != file) return;
    ImGui::SetScrollHereY(0.5f);
    lib.reveal_selected = false;
}

void draw_section(AppState& state) {
    (void)registered;
    ImGui::Spacing();
    ImGui::TextColored(ImVec4(0.16f, 0.35f, 0.62f, 1.0f), "%s", S(state, Str::uf_my_files));
    ImGui::Separator();
    if (ImGui::Button(S(state, Str::uf_open_file))) platform::pick_files(".json,.bpmn,.xml,.csv,application/json");
    test_api::add_rect("library.open_file");
    ImGui::TextDisabled("%s", S(state, Str::uf_drop_hint));
    if (!state.user.storage_error.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1.0f), "%s",
                           format(S(state, Str::uf_storage_failed), state.user.storage_error).c_str());
        ImGui::PopTextWrapPos();
    }
    const std::string& message = state.language == Language::zh ? state.user.message_zh : state.user.message_en;
    if (!message.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        if (state.user.message_is_error) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1.0f), "%s", message.c_str());
        else ImGui::TextDisabled("%s", message.c_str());
        ImGui::PopTextWrapPos();
    }
    LibraryState& lib = state.library;
    bool any = false;
    std::string remove_entry;
    for (std::size_t i = 0; i < lib.entries.size(); ++i) {
        const LibraryEntry& e = lib.entries[i];
        if (!e.user) continue;
        any = true;
        const std::string& title = state.language == Language::en && !e.result.scenario.title_en.empty()
                                       ? e.result.scenario.title_en
                                       : e.result.scenario.title;
        const std::string name = e.file.substr(e.file.find_last_of('/') + 1);
        std::string label = fit_width(title.empty() ? name : title, ImGui::GetContentRegionAvail().x) + "\n" + name + "###" + e.file;
        if (!e.result.ok) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.1f, 0.1f, 1.0f));
        if (ImGui::Selectable(label.c_str(), lib.selected == e.file)) lib.selected = e.file;
        reveal_if_selected(lib, e.file);
        if (!e.result.ok) ImGui::PopStyleColor();
        test_api::add_rect("library.item." + e.file);
        // Right-click: the built-ins' actions (a file that failed has none), then 导出 and 删除.
        if (ImGui::BeginPopupContextItem(("##menu." + e.file).c_str())) {
            const std::string key = e.file;  // an action may change the library
            if (e.result.ok) library::draw_menu_actions(state, e);
            if (ImGui::MenuItem(S(state, Str::uf_export))) download(state, key);
            test_api::add_rect("library.menu.download");
            if (ImGui::MenuItem(S(state, Str::uf_delete))) remove_entry = key;
            test_api::add_rect("library.menu.delete");
            ImGui::EndPopup();
            if (lib.entries.size() <= i || lib.entries[i].file != key) break;
        }
    }
    if (!remove_entry.empty()) remove_file(state, remove_entry);
    if (!state.user.walks.empty()) {
        any = true;
        ImGui::TextDisabled("%s", S(state, Str::uf_walks));
        std::string remove;
        for (const UserWalk& w : state.user.walks) {
            ImGui::PushID(w.file.c_str());
            ImGui::TextUnformatted(w.file.substr(w.file.find_last_of('/') + 1).c_str());
            if (w.ok) {
                ImGui::TextDisabled("%s · %s", w.scenario.c_str(), w.variant.c_str());
                if (ImGui::SmallButton(S(state, Str::uf_open_walk))) {
                    std::string text;
                    platform::read_file(state.user.dir + "/" + relative_of(w.file), text);
                    if (walkthrough::import_record(state, text)) {
                        state.screen = Screen::walkthrough;
                        state.screen_requested = true;
                    }
                }
                ImGui::SameLine();
            } else {
                draw_issues(state, w.issues);
            }
            if (ImGui::SmallButton(S(state, Str::uf_export))) {
                std::string text;
                if (platform::read_file(state.user.dir + "/" + relative_of(w.file), text))
                    platform::save_download(w.file.substr(w.file.find_last_of('/') + 1), "application/json", text);
            }
            ImGui::SameLine();
            if (ImGui::SmallButton(S(state, Str::uf_delete))) remove = w.file;
            ImGui::PopID();
        }
        if (!remove.empty()) remove_file(state, remove);
    }
    if (!any) ImGui::TextDisabled("%s", S(state, Str::uf_none));
}

void draw_entry_actions(AppState& state, const std::string& selected) {
    const int entry = entry_index(state.library, selected);
    if (entry < 0) return;
    const LibraryEntry& e = state.library.entries[static_cast<std::size_t>(entry)];
    const std::string key = e.file;
    ImGui::Spacing();
    if (ImGui::Button(S(state, e.user ? Str::uf_export : Str::uf_download))) download(state, key);
    test_api::add_rect("library.download");
    if (e.user) {
        ImGui::SameLine();
        if (ImGui::Button(S(state, Str::uf_delete))) remove_file(state, key);
        test_api::add_rect("library.delete");
    }
}

}  // namespace peizou::app::user_files
