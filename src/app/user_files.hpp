// 我的文件 My files: the user's scenarios, walk records and settings, persistent
// through the platform seam (IndexedDB on the web, ~/.local/share/peizou natively).
#pragma once
#include <string>

#include "app_state.hpp"
#include "scenario/scenario_io.hpp"

namespace peizou::app::user_files {

// At start-up, after the built-in library: settings, user scenarios, walk records.
void load(AppState& state);
// Every frame: takes in opened/dropped files, writes changed settings, polls storage.
void update(AppState& state);
// Keeps a file the user opened (scenario or walk record) and lists it, even when it
// fails validation. False (with state.user.message) when it could not be written.
// `replace` (the editor's Save): a kept file of that name is overwritten, not kept beside.
// `loaded`: `text` read by the scenario reader already (an import's draft, read back once):
// listed from it, not parsed again.
bool open(AppState& state, const std::string& name, const std::string& text, bool replace = false,
          const scenario::LoadResult* loaded = nullptr);
// The "my files" part of the Library's list, and the buttons under a selected entry.
void draw_section(AppState& state);
// After a list entry's Selectable: scroll the list to it once when it was selected from
// elsewhere (restored after a reload, a file just opened), so it is on screen.
void reveal_if_selected(LibraryState& lib, const std::string& file);
void draw_entry_actions(AppState& state, const std::string& key);

}  // namespace peizou::app::user_files
