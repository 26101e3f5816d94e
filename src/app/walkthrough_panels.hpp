// The Walkthrough's panels, one file per feature (like Tracy's TracyView_*.cpp):
//   walkthrough_panels.cpp   clock header, where am I, the clerk, choices, materials,
//                            burden, event log
//   walkthrough_map.cpp      the route map (ImDrawList)
//   walkthrough_debrief.cpp  debrief: Gantt, measures, costly steps and pain points,
//                            exports, the after-reform walk side by side
//   walkthrough_pain.cpp     the 标记痛点 dialog (DOM text overlay in the browser)
#pragma once
#include <string>

#include "app_state.hpp"

namespace peizou::app::walkthrough {

// compact (projector scale): the burden strip sits in the header instead of a panel.
void draw_header(AppState& state, bool compact);
void draw_burden_strip(AppState& state);
void draw_where(AppState& state);
void draw_choices(AppState& state);
void draw_materials(AppState& state);
void draw_burden(AppState& state);
void draw_log(AppState& state);
void draw_route_map(AppState& state);
void draw_debrief(AppState& state);
void open_pain_dialog(AppState& state);
// The 标记问题 and 重新开始 buttons, on the current row when they fit.
void draw_flag_and_restart(AppState& state);
void draw_pain_dialog(AppState& state);
// Export / import buttons shared by the walk and the debrief.
void export_record(AppState& state);
void import_record_file(AppState& state);
void export_problems_markdown(AppState& state);
void export_problems_csv(AppState& state);
// B: the "back to which decision?" list (↑/↓, Enter, Esc, or a click).
void open_rewind_picker(AppState& state);
void draw_rewind_picker(AppState& state);
// A one-line text field that takes Chinese: in the browser the DOM text overlay covers
// the box once it is clicked (SDL2 has no IME there), natively ImGui's InputText. True
// when the text changed; `editing`: the field has the keyboard (Enter, Esc or a click
// elsewhere ends it). Its rectangle is the test API's `rect`.
bool text_field(AppState& state, const char* id, std::string& text, bool& editing, const char* hint, float width,
                const char* rect);
// 学员姓名: the trainee's name, in the setup and in the debrief until the record is exported.
void draw_trainee_field(AppState& state, float label_width);
// Keeps the next button on this line when it fits, else starts a new line (2.0 scale).
void same_line_if_fits(const std::string& next_label);

}  // namespace peizou::app::walkthrough
