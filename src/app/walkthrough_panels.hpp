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
void draw_pain_dialog(AppState& state);
// Export / import buttons shared by the walk and the debrief.
void export_record(AppState& state);
void import_record_file(AppState& state);
void export_problems_markdown(AppState& state);
void export_problems_csv(AppState& state);
// B: the "back to which decision?" list (↑/↓, Enter, Esc, or a click).
void open_rewind_picker(AppState& state);
void draw_rewind_picker(AppState& state);
// Keeps the next button on this line when it fits, else starts a new line (2.0 scale).
void same_line_if_fits(const std::string& next_label);

}  // namespace peizou::app::walkthrough
