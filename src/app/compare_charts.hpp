// The Compare screen's charts, drawn with ImDrawList into any draw list — the window's
// on screen, or an off-screen one that chart_png() rasterises for the PNG export.
//   gantt      swimlanes of the median citizen per variant, same elapsed-time axis
//   histogram  calendar days of every citizen, variants overlaid
//   waterfall  time saved per lever (Shapley over all 2^k lever subsets)
#pragma once
#include <string>
#include <vector>

#include "app_state.hpp"
#include "imgui.h"

namespace peizou::app::compare {

const char* chart_key(CompareChart c);  // "gantt", "histogram", "waterfall"
bool parse_chart(const std::string& s, CompareChart& out);

// Height the chart wants at `width` (logical px).
float chart_height(const AppState& state, CompareChart chart, float width);
// Draws `chart` in [origin, origin + size].
void draw_chart(const AppState& state, CompareChart chart, ImDrawList* dl, ImVec2 origin, ImVec2 size);
// The current chart as PNG bytes (stb_image_write), drawn off screen; empty on failure.
std::string chart_png(const AppState& state);

// The step ids of the median citizen's critical path (scenario::critical_steps).
std::vector<std::string> critical_path(const CompareVariantRun& r);
// Index into attributions of the one the waterfall shows, or -1.
int waterfall_shown(const CompareState& c);

// Variant colours shared by the table, the legend and the charts.
ImU32 variant_color(std::size_t index, int alpha = 255);

}  // namespace peizou::app::compare
