// The process graph's layout (the Editor's graph, issue 15), pure: steps in columns by
// dependency depth, in lanes by department, ordered within a lane to reduce crossings
// (when every step has a `diagram` position, as a BPMN import gives them: columns by its x,
// rows within a lane by its y);
// branch options grouped; and the critical path of one citizen from a run's events.
// src/app/process_graph.cpp draws it; nothing here knows about pixels.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/engine.hpp"
#include "core/model.hpp"

namespace peizou::scenario {

// A lane: one department (in the order of variant_departments), or the citizen's own lane
// for steps whose department is not a known one (department "" / unknown id).
struct GraphLane {
    std::string department;   // "" = the citizen's own lane
    int rows = 1;             // boxes stacked in its fullest column
};

struct GraphNode {
    int step = -1;            // index into variant.steps
    int column = 0;           // dependency depth: 0 = no predecessor
    int lane = 0;             // index into GraphLayout::lanes
    int row = 0;              // 0 … lane.rows-1 within the lane
    int branch = -1, option = -1;  // the branch option that runs it, -1 none
};

enum class GraphEdgeKind { after, material, branch };
struct GraphEdge {
    int from = -1, to = -1;   // node (= step) indices
    GraphEdgeKind kind = GraphEdgeKind::after;
    std::string material;     // GraphEdgeKind::material: the material handed over
};

struct GraphLayout {
    std::vector<GraphLane> lanes;
    std::vector<GraphNode> nodes;  // one per variant step, same order
    std::vector<GraphEdge> edges;  // after edges first, then hand-offs not already an after edge
    int columns = 0;
    bool cyclic = false;           // some steps depend on themselves (an invalid draft)
};

// Predecessors of a step: its `after` steps, the steps that produce what it `needs`, and
// for a step of a branch option its branch's `after` steps. Unknown ids are ignored, so
// an invalid draft is laid out too (steps on a cycle get the depth the cycle reached).
GraphLayout layout_graph(const Scenario& scenario, const Variant& variant);

// Crossings between edges of adjacent columns' boxes at `layout`'s rows (for tests and
// the ordering's choice): pairs of edges (a→b, c→d) spanning the same columns whose ends
// are in opposite vertical orders.
int graph_crossings(const GraphLayout& layout);

// The ids of the steps on the critical path (scenario::critical_steps) of citizen
// `citizen` of a run of `variant` with seed `seed`, from that citizen's events.
std::vector<std::string> critical_step_ids(const Scenario& scenario, const Variant& variant,
                                           const std::vector<LogEvent>& events, std::int32_t citizen,
                                           std::uint64_t seed);

}  // namespace peizou::scenario
