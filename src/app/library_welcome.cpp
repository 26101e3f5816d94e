// The welcome panel in the Library's detail area when nothing is selected (so on the
// first start): what 陪走 is, its three uses each with a short scenario to start with,
// where the user's own files go. "Don't show again" is kept in the settings.
#include <limits>

#include "imgui.h"
#include "library_parts.hpp"
#include "strings.hpp"
#include "walkthrough_session.hpp"
#include "widgets.hpp"

namespace peizou::app::library {

bool welcome_shown(const AppState& state) {
    return !state.library.welcome_dismissed && entry_index(state.library, state.library.selected) < 0;
}

std::string suggestion(const AppState& state, bool two_variants) {
    std::string best;
    std::size_t fewest = std::numeric_limits<std::size_t>::max();
    for (const auto& e : state.library.entries) {
        const auto& variants = e.result.scenario.variants;
        // A pending entry (not parsed before the first frame) answers from its light index.
        const std::size_t n = e.pending ? static_cast<std::size_t>(e.index.variants) : variants.size();
        if (e.user || !e.result.ok || n < (two_variants ? 2u : 1u)) continue;
        const std::size_t steps = e.pending ? static_cast<std::size_t>(e.index.first_steps) : variants.front().steps.size();
        if (steps < fewest) {
            fewest = steps;
            best = e.file;
        }
    }
    return best;
}

void draw_welcome(AppState& state) {
    const Language lang = state.language;
    ImGui::TextColored(ImVec4(0.16f, 0.35f, 0.62f, 1.0f), "%s", tr(lang, Str::lib_welcome_title));
    test_api::add_rect("library.welcome");
    ImGui::Separator();
    text_wrapped(tr(lang, Str::lib_welcome_what));
    ImGui::Spacing();
    ImGui::TextColored(ImVec4(0.16f, 0.35f, 0.62f, 1.0f), "%s", tr(lang, Str::lib_welcome_ways));
    struct Way {
        Str text;
        const char* key;
        bool two_variants;
        bool (*act)(AppState&, const std::string&);
    };
    const Way ways[] = {
        {Str::lib_welcome_walk, "walk", false, [](AppState& s, const std::string& f) { return walk(s, f, ""); }},
        {Str::lib_welcome_compare, "compare", true, compare_before_after},
        {Str::lib_welcome_present, "present", true, present},
    };
    for (const Way& way : ways) {
        bullet_text_wrapped(tr(lang, way.text));
        const std::string file = suggestion(state, way.two_variants);
        const int i = entry_index(state.library, file);
        if (i < 0) continue;
        ImGui::Indent();
        const std::string label = walkthrough::format(tr(lang, Str::lib_welcome_try),
                                                      entry_title(lang, state.library.entries[static_cast<std::size_t>(i)]).c_str()) +
                                  "##welcome." + way.key;
        if (ImGui::Button(label.c_str())) way.act(state, file);
        test_api::add_rect(std::string("library.welcome.") + way.key);
        ImGui::Unindent();
    }
    ImGui::Spacing();
    text_wrapped(tr(lang, Str::lib_welcome_files));
    ImGui::Spacing();
    if (ImGui::Button(tr(lang, Str::lib_welcome_dismiss))) state.library.welcome_dismissed = true;
    test_api::add_rect("library.welcome.dismiss");
}

}  // namespace peizou::app::library
