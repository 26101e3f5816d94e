// [SECTION] state names   [SECTION] test API: shell state and actions
// [SECTION] init and between frames   [SECTION] menu bar   [SECTION] tabs
// [SECTION] the platform's callbacks
#include "shell.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "fonts.hpp"
#include "imgui.h"
#include "platform/backend.hpp"
#include "screens.hpp"
#include "strings.hpp"
#include "test_api.hpp"
#include "user_files.hpp"

namespace peizou::app {

// ---------------------------------------------------------------- [SECTION] state names

namespace {
struct ScreenName {
    Screen screen;
    const char* name;
    Str label;
    void (*draw)(AppState&);
};
const ScreenName kScreens[] = {
    {Screen::library, "library", Str::tab_library, library::draw},
    {Screen::walkthrough, "walkthrough", Str::tab_walkthrough, walkthrough::draw},
    {Screen::compare, "compare", Str::tab_compare, compare::draw},
    {Screen::presentation, "presentation", Str::tab_presentation, presentation::draw},
    {Screen::class_view, "class", Str::tab_class, classroom::draw},
    {Screen::editor, "editor", Str::tab_editor, editor::draw},
};
const float kScales[] = {1.0f, 1.5f, 2.0f};
}  // namespace

const char* to_string(Screen s) {
    for (const auto& n : kScreens) {
        if (n.screen == s) return n.name;
    }
    return "?";
}

bool parse_screen(const std::string& s, Screen& out) {
    for (const auto& n : kScreens) {
        if (s == n.name) {
            out = n.screen;
            return true;
        }
    }
    return false;
}

float em(float n) { return n * ImGui::GetFontSize(); }

int entry_index(const LibraryState& lib, const std::string& key) {
    if (key.empty()) return -1;
    for (std::size_t i = 0; i < lib.entries.size(); ++i)
        if (lib.entries[i].file == key) return static_cast<int>(i);
    return -1;
}

// ---------------------------------------------------------------- [SECTION] test API

namespace {
using test_api::Json;

const char* to_string(LargeFont f) {
    switch (f) {
        case LargeFont::not_needed: return "not_needed";
        case LargeFont::loading: return "loading";
        case LargeFont::loaded: return "loaded";
        case LargeFont::failed: return "failed";
    }
    return "?";
}

const bool registered = [] {
    test_api::add_state("screen", [](const AppState& s) { return Json(to_string(s.screen)); });
    test_api::add_state("language", [](const AppState& s) {
        return Json(s.language == Language::zh ? "zh" : "en");
    });
    test_api::add_state("scale", [](const AppState& s) { return Json(s.scale); });
    test_api::add_state("frame", [](const AppState& s) { return Json(s.frame); });
    test_api::add_state("fonts", [](const AppState& s) {
        return Json{{"glyphs", s.fonts.glyphs},
                    {"characters", s.fonts.codepoints.size()},
                    {"pixels", s.fonts.built_pixels},
                    {"missing", u32_to_utf8(s.fonts.missing)},
                    {"large", to_string(s.fonts.large)},
                    {"fallback", s.fonts.fallback_drawn},
                    {"fallback_frames", s.fonts.fallback_frames},
                    {"ui_bytes", s.fonts.ui_bytes.size()}};
    });

    test_api::add_action("screen", [](AppState& s, const Json& args) {
        Screen screen;
        if (!parse_screen(args.value("name", ""), screen)) throw test_api::ActionError{"unknown screen"};
        s.screen = screen;
        s.screen_requested = true;
        return Json::object();
    });
    test_api::add_action("language", [](AppState& s, const Json& args) {
        std::string lang = args.value("language", "");
        if (lang != "zh" && lang != "en") throw test_api::ActionError{"language is zh or en"};
        s.language = lang == "zh" ? Language::zh : Language::en;
        return Json::object();
    });
    test_api::add_action("scale", [](AppState& s, const Json& args) {
        float v = args.value("scale", 0.0f);
        for (float k : kScales) {
            if (v == k) {
                s.scale = v;
                return Json::object();
            }
        }
        throw test_api::ActionError{"scale is 1, 1.5 or 2"};
    });
    // Which characters of `text` the atlas cannot draw (the "no ? boxes" check).
    test_api::add_action("glyphs_missing", [](AppState&, const Json& args) {
        return Json{{"missing", u32_to_utf8(fonts_missing(args.value("text", "")))}};
    });
    // Text that appears later (a note the user typed): may fetch the large font.
    test_api::add_action("show_text", [](AppState& s, const Json& args) {
        fonts_add_text(s, args.value("text", ""));
        return Json::object();
    });
    // A failure inside the app, for the test that the page shows its error panel instead
    // of a frozen canvas: abort(), an uncaught C++ exception, or a memory access out of
    // bounds (a trap in wasm); now (inside this call) or in the next frame.
    test_api::add_action("test.crash", [](AppState& s, const Json& args) {
        const std::string kind = args.value("kind", "");
        if (kind != "abort" && kind != "exception" && kind != "oob") throw test_api::ActionError{"kind: abort, exception or oob"};
        if (args.value("when", "now") == "frame") s.crash_test = kind;
        else crash(kind);
        return Json::object();
    });
    return true;
}();

}  // namespace

void crash(const std::string& kind) {
    if (kind == "abort") std::abort();
    if (kind == "exception") throw std::runtime_error("test.crash");
    if (kind == "oob") {
        // Past the end of any wasm32 memory: the store traps ("memory access out of bounds").
        volatile char* far = reinterpret_cast<volatile char*>(std::uintptr_t{0xFFFFFFF0u});
        *far = 1;
    }
}

// ---------------------------------------------------------------- [SECTION] init and between frames

bool init(AppState& state, const std::string& scenarios_dir) {
    (void)registered;
    if (!fonts_init(state)) return false;
    platform::mark("fontsInit");  // the first frame's breakdown (issue 17)
    library::load(state, scenarios_dir);  // a light index; the full parse after the first frame
    platform::mark("library");
    user_files::load(state);  // settings and "my files" (issue 7)
    library::load_entry(state, state.library.selected);  // the restored selection shows in full
    return true;
}

bool before_frame(AppState& state) {
    if (state.frame > 0) library::load_pending(state);  // the built-in scenarios (issue 17)
    if (state.styled_scale != state.scale) {
        ImGuiStyle style;
        ImGui::StyleColorsLight(&style);
        style.WindowRounding = 0;
        style.FrameRounding = 3;
        style.TabRounding = 3;
        style.ScrollbarSize = 16;
        style.FramePadding = ImVec2(8, 5);
        style.ItemSpacing = ImVec2(10, 7);
        style.ScaleAllSizes(state.scale);
        ImGui::GetStyle() = style;
        state.styled_scale = state.scale;
    }
    user_files::update(state);  // opened/dropped files in, changed settings out
    editor::update(state);      // the editor's kept draft
    fonts_check_frame(state);   // the last frame, before the atlas may change
    return fonts_update(state);
}

// ---------------------------------------------------------------- [SECTION] menu bar

namespace {

void draw_menu_bar(AppState& state) {
    if (!ImGui::BeginMenuBar()) return;
    ImGui::TextUnformatted(tr(state.language, Str::app_name));
    ImGui::Separator();
    bool open = ImGui::BeginMenu(tr(state.language, Str::menu_view));
    test_api::add_rect("menu.view");
    if (open) {
        ImGui::TextDisabled("%s", tr(state.language, Str::menu_scale));
        for (float k : kScales) {
            char label[32];
            std::snprintf(label, sizeof label, "%.1f×", static_cast<double>(k));
            if (ImGui::MenuItem(label, nullptr, state.scale == k)) state.scale = k;
            std::snprintf(label, sizeof label, "menu.scale.%.1f", static_cast<double>(k));
            test_api::add_rect(label);
        }
        ImGui::Separator();
        ImGui::TextDisabled("%s", tr(state.language, Str::menu_language));
        if (ImGui::MenuItem(tr(state.language, Str::language_zh), nullptr, state.language == Language::zh))
            state.language = Language::zh;
        test_api::add_rect("menu.language.zh");
        if (ImGui::MenuItem(tr(state.language, Str::language_en), nullptr, state.language == Language::en))
            state.language = Language::en;
        test_api::add_rect("menu.language.en");
        ImGui::EndMenu();
    }
    if (state.fonts.large == LargeFont::loading) {
        ImGui::TextDisabled("%s", tr(state.language, Str::fonts_loading));
    }
    ImGui::EndMenuBar();
}

}  // namespace

// ---------------------------------------------------------------- [SECTION] tabs

void draw(AppState& state) {
    if (!state.crash_test.empty()) crash(state.crash_test);  // test.crash {when: "frame"}
    test_api::begin_frame();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings |
                                   (state.presentation.presenting ? 0 : ImGuiWindowFlags_MenuBar) |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus;
    if (!ImGui::Begin("##peizou", nullptr, flags)) {
        ImGui::End();
        return;
    }
    if (state.presentation.presenting) {  // full window, no menu or tabs
        presentation::draw(state);
        ImGui::End();
        return;
    }
    draw_menu_bar(state);
    if (ImGui::BeginTabBar("##screens")) {
        for (const auto& s : kScreens) {
            std::string label = std::string(tr(state.language, s.label)) + "###" + s.name;
            ImGuiTabItemFlags tab_flags =
                state.screen_requested && state.screen == s.screen ? ImGuiTabItemFlags_SetSelected : 0;
            bool active = ImGui::BeginTabItem(label.c_str(), nullptr, tab_flags);
            test_api::add_rect(std::string("tab.") + s.name);
            if (!active) continue;
            if (!state.screen_requested || state.screen == s.screen) {
                state.screen = s.screen;
                state.screen_requested = false;
            }
            s.draw(state);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::End();
}

}  // namespace peizou::app

// ---------------------------------------------------------------- [SECTION] the platform's callbacks

namespace peizou::platform {

// The app lives as long as the program (the browser's main loop outlives main()).
AppCallbacks make_app() {
    auto* state = new app::AppState;
    AppCallbacks c;
    c.init = [state](const std::string& dir) { return app::init(*state, dir); };
    c.before_frame = [state](float framebuffer_scale) {
        if (framebuffer_scale > 0) state->framebuffer_scale = framebuffer_scale;  // 0: unknown
        return app::before_frame(*state);
    };
    c.draw = [state] { app::draw(*state); };
    c.frame_done = [state] { return ++state->frame; };
    c.frame_count = [state] { return state->frame; };
    c.quit = [state] { return state->quit; };
    c.state_json = [state] {
        app::library::load_pending(*state);  // a test asking between the first two frames
        return app::test_api::state_json(*state);
    };
    c.rects_json = [] { return app::test_api::rects_json(); };
    c.act_json = [state](const std::string& name, const std::string& args) {
        app::library::load_pending(*state);
        return app::test_api::act_json(*state, name, args);
    };
    c.summary = [state] {
        return std::to_string(state->library.entries.size()) + " scenarios, " + std::to_string(state->fonts.glyphs) +
               " glyphs, " + std::to_string(state->fonts.missing.size()) + " characters missing";
    };
    return c;
}

}  // namespace peizou::platform
