// The Library's parts beyond the list and the detail text (library_screen.cpp): the
// actions on a scenario, its card (library_card.cpp) and the welcome panel
// (library_welcome.cpp). Internal to the Library.
#pragma once
#include <string>

#include "app_state.hpp"
#include "test_api.hpp"

namespace peizou::app::library {

// The entry's title in `language` (its file name when it has none).
std::string entry_title(Language language, const LibraryEntry& e);

// ---- actions (library_screen.cpp), shared by buttons, the context menu, Enter, the
// welcome panel and the test API. Each selects `file` and switches screen.
bool walk(AppState& state, const std::string& file, const std::string& variant);  // "" = the first
bool compare_before_after(AppState& state, const std::string& file);
bool present(AppState& state, const std::string& file);
// The same actions as items of an open context menu (built-in and user entries alike).
void draw_menu_actions(AppState& state, const LibraryEntry& e);

// ---- scenario card (library_card.cpp)
// Advances the card run of the selected entry (starting it when its card is not cached).
void card_step(AppState& state);
void draw_card(const AppState& state, const LibraryEntry& e);
test_api::Json card_json(const AppState& state, const std::string& file);  // null: none yet

// ---- welcome (library_welcome.cpp)
bool welcome_shown(const AppState& state);
void draw_welcome(AppState& state);
// The short scenarios the welcome suggests: the entry with the fewest steps in its first
// variant (walk) and among those with two variants (compare and present); "" if none.
std::string suggestion(const AppState& state, bool two_variants);

}  // namespace peizou::app::library
