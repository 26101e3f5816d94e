#include "graph_layout.hpp"

#include <algorithm>
#include <map>

#include "core/levers.hpp"
#include "core/timeline.hpp"
#include "exports.hpp"

namespace peizou::scenario {

namespace {

// The vertical position of a node over all lanes (lane offsets + row).
std::vector<int> global_rows(const GraphLayout& g) {
    std::vector<int> offset(g.lanes.size(), 0);
    for (std::size_t l = 1; l < g.lanes.size(); ++l) offset[l] = offset[l - 1] + g.lanes[l - 1].rows;
    std::vector<int> y(g.nodes.size(), 0);
    for (std::size_t i = 0; i < g.nodes.size(); ++i)
        y[i] = offset[static_cast<std::size_t>(g.nodes[i].lane)] + g.nodes[i].row;
    return y;
}

bool has_edge(const std::vector<GraphEdge>& edges, int from, int to) {
    for (const auto& e : edges)
        if (e.from == from && e.to == to) return true;
    return false;
}

// Rows within each (lane, column) cell from `key` (smaller first; ties: declaration order).
void assign_rows(GraphLayout& g, const std::vector<double>& key) {
    std::map<std::pair<int, int>, std::vector<int>> cells;
    for (std::size_t i = 0; i < g.nodes.size(); ++i) cells[{g.nodes[i].lane, g.nodes[i].column}].push_back(static_cast<int>(i));
    for (auto& [cell, ids] : cells) {
        std::stable_sort(ids.begin(), ids.end(), [&](int a, int b) { return key[static_cast<std::size_t>(a)] < key[static_cast<std::size_t>(b)]; });
        for (std::size_t r = 0; r < ids.size(); ++r) g.nodes[static_cast<std::size_t>(ids[r])].row = static_cast<int>(r);
    }
}

}  // namespace

GraphLayout layout_graph(const Scenario& scenario, const Variant& variant) {
    GraphLayout g;
    const auto& steps = variant.steps;
    const int n = static_cast<int>(steps.size());
    std::map<std::string, int> index;
    for (int i = 0; i < n; ++i) index.emplace(steps[static_cast<std::size_t>(i)].id, i);
    auto find = [&](const std::string& id) {
        const auto it = index.find(id);
        return it == index.end() ? -1 : it->second;
    };

    g.nodes.resize(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) g.nodes[static_cast<std::size_t>(i)].step = i;
    for (std::size_t b = 0; b < variant.branches.size(); ++b)
        for (std::size_t o = 0; o < variant.branches[b].options.size(); ++o)
            for (const auto& id : variant.branches[b].options[o].steps) {
                const int s = find(id);
                if (s >= 0 && g.nodes[static_cast<std::size_t>(s)].branch < 0) {
                    g.nodes[static_cast<std::size_t>(s)].branch = static_cast<int>(b);
                    g.nodes[static_cast<std::size_t>(s)].option = static_cast<int>(o);
                }
            }

    // edges: after, then material hand-offs, then a branch's `after` to its options' steps
    for (int i = 0; i < n; ++i)
        for (const auto& id : steps[static_cast<std::size_t>(i)].after) {
            const int p = find(id);
            if (p >= 0 && !has_edge(g.edges, p, i)) g.edges.push_back({p, i, GraphEdgeKind::after, {}});
        }
    for (int i = 0; i < n; ++i)
        for (const auto& m : steps[static_cast<std::size_t>(i)].needs)
            for (int p = 0; p < n; ++p) {
                const auto& made = steps[static_cast<std::size_t>(p)].produces;
                if (p != i && std::find(made.begin(), made.end(), m) != made.end() && !has_edge(g.edges, p, i))
                    g.edges.push_back({p, i, GraphEdgeKind::material, m});
            }
    for (int i = 0; i < n; ++i) {
        const int b = g.nodes[static_cast<std::size_t>(i)].branch;
        if (b < 0) continue;
        for (const auto& id : variant.branches[static_cast<std::size_t>(b)].after) {
            const int p = find(id);
            if (p >= 0 && p != i && !has_edge(g.edges, p, i)) g.edges.push_back({p, i, GraphEdgeKind::branch, {}});
        }
    }

    // columns: the longest chain of predecessors. n rounds settle an acyclic graph, whose
    // depths stay below n; a cycle climbs a column a round up to the cap n.
    bool changed = true;
    for (int round = 0; round <= n + 1 && changed; ++round) {
        changed = false;
        for (const auto& e : g.edges) {
            auto& to = g.nodes[static_cast<std::size_t>(e.to)].column;
            const int c = std::min(g.nodes[static_cast<std::size_t>(e.from)].column + 1, n);
            if (c > to) {
                to = c;
                changed = true;
            }
        }
    }
    for (const auto& node : g.nodes) {
        g.columns = std::max(g.columns, node.column + 1);
        g.cyclic = g.cyclic || node.column >= n;
    }
    // A drawn layout (every step has a `diagram` position, e.g. a BPMN's bpmndi): a column
    // per distinct x, left to right, instead of the dependency depth.
    const bool drawn = n > 0 && std::all_of(steps.begin(), steps.end(), [](const Step& st) { return st.diagram.has_value(); });
    if (drawn) {
        std::vector<int> xs;
        for (const auto& st : steps) xs.push_back(st.diagram->x);
        std::sort(xs.begin(), xs.end());
        xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
        for (int i = 0; i < n; ++i)
            g.nodes[static_cast<std::size_t>(i)].column =
                static_cast<int>(std::lower_bound(xs.begin(), xs.end(), steps[static_cast<std::size_t>(i)].diagram->x) - xs.begin());
        g.columns = static_cast<int>(xs.size());
    }

    // lanes: the departments steps use, in the variant's order; the citizen's own first
    const std::vector<Department> deps = variant_departments(scenario, variant);
    std::vector<int> lane_of_dep(deps.size(), -1);
    bool citizen = false;
    for (const auto& st : steps) {
        bool known = false;
        for (const auto& d : deps) known = known || d.id == st.department;
        citizen = citizen || !known;
    }
    if (citizen) g.lanes.push_back({"", 1});
    for (std::size_t d = 0; d < deps.size(); ++d) {
        bool used = false;
        for (const auto& st : steps) used = used || st.department == deps[d].id;
        if (!used) continue;
        lane_of_dep[d] = static_cast<int>(g.lanes.size());
        g.lanes.push_back({deps[d].id, 1});
    }
    for (int i = 0; i < n; ++i) {
        int lane = 0;
        for (std::size_t d = 0; d < deps.size(); ++d)
            if (deps[d].id == steps[static_cast<std::size_t>(i)].department) {
                lane = lane_of_dep[d];
                break;
            }
        g.nodes[static_cast<std::size_t>(i)].lane = lane;
    }
    std::map<std::pair<int, int>, int> cell_count;
    for (const auto& node : g.nodes) {
        int& c = cell_count[{node.lane, node.column}];
        ++c;
        auto& rows = g.lanes[static_cast<std::size_t>(node.lane)].rows;
        rows = std::max(rows, c);
    }

    // rows: a drawn layout's boxes by y (top first) within their lane and column.
    std::vector<double> key(static_cast<std::size_t>(n));
    if (drawn) {
        for (int i = 0; i < n; ++i) key[static_cast<std::size_t>(i)] = steps[static_cast<std::size_t>(i)].diagram->y;
        assign_rows(g, key);
        return g;
    }
    // Else declaration order (an option's steps together), then one barycentric sweep
    // left to right: a box goes near the mean height of its predecessors. Kept if it
    // crosses fewer edges.
    for (int i = 0; i < n; ++i) {
        const auto& node = g.nodes[static_cast<std::size_t>(i)];
        key[static_cast<std::size_t>(i)] = node.branch >= 0 ? node.branch * 1000.0 + node.option * 100.0 : i;
    }
    assign_rows(g, key);
    GraphLayout best = g;
    int best_crossings = graph_crossings(g);
    for (int col = 1; col < g.columns; ++col) {
        const std::vector<int> y = global_rows(g);
        for (int i = 0; i < n; ++i) {
            if (g.nodes[static_cast<std::size_t>(i)].column != col) continue;
            double sum = 0;
            int count = 0;
            for (const auto& e : g.edges)
                if (e.to == i) {
                    sum += y[static_cast<std::size_t>(e.from)];
                    ++count;
                }
            key[static_cast<std::size_t>(i)] = count ? sum / count : y[static_cast<std::size_t>(i)];
        }
        assign_rows(g, key);
    }
    if (graph_crossings(g) < best_crossings) best = g;
    return best;
}

int graph_crossings(const GraphLayout& g) {
    const std::vector<int> y = global_rows(g);
    int crossings = 0;
    for (std::size_t a = 0; a < g.edges.size(); ++a)
        for (std::size_t b = a + 1; b < g.edges.size(); ++b) {
            const GraphEdge& e = g.edges[a];
            const GraphEdge& f = g.edges[b];
            auto col = [&](int node) { return g.nodes[static_cast<std::size_t>(node)].column; };
            if (col(e.from) != col(f.from) || col(e.to) != col(f.to)) continue;
            const int d0 = y[static_cast<std::size_t>(e.from)] - y[static_cast<std::size_t>(f.from)];
            const int d1 = y[static_cast<std::size_t>(e.to)] - y[static_cast<std::size_t>(f.to)];
            if ((d0 < 0 && d1 > 0) || (d0 > 0 && d1 < 0)) ++crossings;
        }
    return crossings;
}

std::vector<std::string> critical_step_ids(const Scenario& scenario, const Variant& variant,
                                           const std::vector<LogEvent>& events, std::int32_t citizen,
                                           std::uint64_t seed) {
    const Timeline line = build_timeline(scenario, variant, events, citizen, seed);
    std::vector<std::string> ids;
    for (const std::int32_t s : critical_steps(variant.steps, variant.branches, line.ready_times()))
        if (s >= 0 && static_cast<std::size_t>(s) < variant.steps.size()) ids.push_back(variant.steps[static_cast<std::size_t>(s)].id);
    return ids;
}

}  // namespace peizou::scenario
