// The process graph (issue 15, the Editor's graph): a variant's steps as boxes in columns
// by dependency depth (`after`, material hand-offs, a branch's `after`) and lanes by
// department (scenario::layout_graph), branch options grouped in a bracket with the
// question, hand-offs as thin arrows, the median citizen's critical path outlined, boxes
// with issues marked. Drawn with ImDrawList only; pan by dragging, zoom with Ctrl+wheel
// (kept in the child window's ImGui storage). Click a box to select its step.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "app_state.hpp"
#include "imgui.h"

namespace peizou::app {

struct GraphSelection { std::string step_id; };               // "" = none
struct GraphMarks {
    std::vector<std::string> steps_with_issues;
    // Added by the graph helper (optional):
    std::vector<std::string> critical_steps;  // outlined (live_preview_critical_steps)
    Language language = Language::zh;         // names and the question in this language
    // Added by the class view (issue 18, optional): a heat map on the same graph. A step
    // listed in step_fill is filled with its colour instead of its kind's (ink turns white
    // on a dark fill); step_badge is a short text at the box's bottom right, step_note a
    // line added to its tooltip. test_prefix names the boxes' test rects (<prefix><id>).
    std::vector<std::pair<std::string, ImU32>> step_fill;
    std::vector<std::pair<std::string, std::string>> step_badge, step_note;
    std::string test_prefix = "graph.step.";
    bool legend = true;  // false: no legend and hint bar (its "click a box to edit" is the Editor's)
};

// Draws variant `variant_id` of `s` in a child region of `size`; returns true when the user clicked a box
// (then sel.step_id is that step). Pan with drag, zoom with Ctrl+wheel. Test rects "graph.step.<id>".
// Text is drawn as it is: register the scenario's text with the font atlas first
// (fonts_add_file_text / process_graph_fonts), as for every screen.
bool draw_process_graph(const char* imgui_id, const Scenario& s, const std::string& variant_id,
                        GraphSelection& sel, const GraphMarks& marks, ImVec2 size);

// Registers every name the graph of `s` can show with the font atlas (call after an edit).
void process_graph_fonts(AppState& state, const Scenario& s);

}  // namespace peizou::app
