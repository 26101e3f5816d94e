// The font atlas holds exactly the characters the app shows (glyph ranges built from
// the text), from a small subset of Noto Sans CJK SC embedded in the app; when text
// needs characters outside it, a larger subset (通用规范汉字表 level 1) is fetched once and
// merged, and the atlas is rebuilt. Never a '?' box for ordinary Chinese.
#pragma once
#include <string>

#include "app_state.hpp"

namespace peizou::app {

constexpr float kBaseFontPixels = 17.0f;  // 1 em at scale 1.0, in CSS pixels

// Loads fonts/ui.otf and registers every UI string and every character ui.otf has
// (fonts/ui.otf.chars.txt). False if the font is missing.
bool fonts_init(AppState& state);
// Registers text the app may show (a loaded scenario, a note the user typed).
void fonts_add_text(AppState& state, const std::string& utf8);
// Registers every character of a file the app read (a scenario): its text and its JSON
// \uXXXX escapes, so any of its strings, on any screen, has its glyphs.
void fonts_add_file_text(AppState& state, const std::string& text);
// Rebuilds the atlas if needed (new characters, scale, device pixel ratio). Call before
// ImGui::NewFrame(); returns true when the renderer must re-upload the font texture.
bool fonts_update(AppState& state);
// Counts the fallback glyphs in the frame last rendered (ImGui::GetDrawData(); call
// before ImGui::NewFrame() and before fonts_update()).
void fonts_check_frame(AppState& state);
// Characters of `utf8` the current atlas cannot draw.
std::u32string fonts_missing(const std::string& utf8);

std::u32string utf8_to_u32(const std::string& utf8);
std::string u32_to_utf8(const std::u32string& text);

}  // namespace peizou::app
