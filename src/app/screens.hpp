// One `draw` per screen, each in its own file (library_screen.cpp, walkthrough_screen.cpp,
// compare_screen.cpp, presentation_screen.cpp), so a screen can be replaced without
// touching the shell.
#pragma once
#include <string>

#include "app_state.hpp"

namespace peizou::app {
namespace library {
void load(AppState& state, const std::string& dir);  // reads every *.json in dir (a light index)
void load_entry(AppState& state, const std::string& file);  // parses it now if still pending
void load_pending(AppState& state);                         // parses every pending entry
void draw(AppState& state);
}  // namespace library
namespace walkthrough {
void draw(AppState& state);
}
namespace compare {
void draw(AppState& state);
}
namespace presentation {
void draw(AppState& state);
// Plays the before and after walks of the setup's scenario (else the library's
// selection); false when it has no second variant.
bool start(AppState& state);
}
namespace classroom {  // class_screen.cpp
void draw(AppState& state);
// A file opened or dropped while the Class screen shows: a walk record joins the class
// (a .zip is refused with a message: there is no unzip in the app).
void open_file(AppState& state, const std::string& name, const std::string& text);
}  // namespace classroom
namespace editor {  // editor_screen.cpp (issue 15)
void draw(AppState& state);
// Every frame, on any screen: restores the kept draft at start, keeps the draft.
void update(AppState& state);
// Edits a library entry (a built-in one as a copy); a new draft, blank or the format
// page's example. With unsaved changes the editor asks first.
void open_entry(AppState& state, const std::string& key);
void new_draft(AppState& state, bool example);
}  // namespace editor
}  // namespace peizou::app
