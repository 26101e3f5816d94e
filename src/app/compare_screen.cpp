// Compare screen placeholder: a one-line note until its issue replaces this file.
#include "imgui.h"
#include "screens.hpp"
#include "strings.hpp"

namespace peizou::app::compare {

void draw(AppState& state) { ImGui::TextWrapped("%s", tr(state.language, Str::note_compare)); }

}  // namespace peizou::app::compare
