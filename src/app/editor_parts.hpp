// Internal to the editor screen (editor_screen.cpp, editor_forms.cpp).
#pragma once
#include <string>

#include "app_state.hpp"

namespace peizou::app::editor {

// The form of the selected item (editor_forms.cpp): its fields, each outlined with its
// message when validation reports an issue at it.
void draw_form(AppState& state);
// The JSON path (as in issues) of the selected item: "/variants/before/steps/2", "" for
// the scenario's own fields.
std::string selection_path(const AppState& state);
// A text field that takes any length and, on the web, Chinese typed through the DOM
// overlay; `key` names its test rect "editor.field.<key>". True when the text changed.
bool text_input(AppState& state, const std::string& key, std::string& text, float width);

}  // namespace peizou::app::editor
