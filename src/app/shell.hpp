// The app shell: one full-window ImGui window with the menu bar (View: scale,
// language) and a tab per screen. Each screen is a `draw(AppState&)` in its own file.
#pragma once
#include <string>

#include "app_state.hpp"

namespace peizou::app {

// Loads the fonts and the scenario library. False if the UI font is missing.
bool init(AppState& state, const std::string& scenarios_dir);
// Work between frames (font atlas, style). Call before ImGui::NewFrame(); returns true
// when the renderer must re-upload the font texture.
bool before_frame(AppState& state);
// Draws one frame of the whole UI (between NewFrame and Render).
void draw(AppState& state);
// Fails on purpose (the test API's test.crash): kind is abort, exception or oob.
void crash(const std::string& kind);

}  // namespace peizou::app
