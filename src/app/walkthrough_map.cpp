// The route map: home on the left, each hall at a distance that grows with its travel
// time, and the trips taken so far drawn over the roads (ImDrawList, sizes in em).
#include <algorithm>
#include <cmath>
#include <map>

#include "imgui.h"
#include "test_api.hpp"
#include "walkthrough_panels.hpp"
#include "walkthrough_session.hpp"

namespace peizou::app::walkthrough {

namespace {
int place_of_department(const WalkSession& s, std::int32_t department) {
    const auto& ds = s.walk->engine().departments();
    if (department < 0 || department >= static_cast<std::int32_t>(ds.size())) return -1;
    const std::string& id = ds[static_cast<std::size_t>(department)].place;
    for (std::size_t i = 0; i < s.scenario->places.size(); ++i)
        if (s.scenario->places[i].id == id) return static_cast<int>(i);
    return -1;
}
}  // namespace

Routes routes(const WalkSession& s) {
    Routes r;
    r.trips.assign(s.scenario->places.size(), 0);
    int here = 0;
    bool from_home = false;
    for (const LogEvent& e : s.walk->log()) {
        if (e.citizen != 0) continue;
        if (e.activity == Activity::leave_home) from_home = true;
        if (e.activity == Activity::arrive_home) here = 0;
        if (e.activity != Activity::arrive_hall) continue;
        const int p = place_of_department(s, e.department);
        if (p < 0) continue;
        if (from_home || here == 0) r.trips[static_cast<std::size_t>(p)]++;
        else if (p != here) r.hops[{std::min(here, p), std::max(here, p)}]++;
        here = p;
        from_home = false;
    }
    return r;
}

void draw_route_map(AppState& state) {
    const WalkSession& s = state.walk.session;
    const Language L = state.language;
    const auto& places = s.scenario->places;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 size = ImGui::GetContentRegionAvail();
    if (size.x < em(4) || size.y < em(4) || places.empty()) return;
    ImGui::InvisibleButton("##route_map", size);
    test_api::add_rect("walkthrough.map");
    ImDrawList* dl = ImGui::GetWindowDrawList();

    // Positions: home at the left middle; halls on an arc, farther when the trip is longer.
    double max_minutes = 1;
    for (const auto& p : places) max_minutes = std::max(max_minutes, p.travel_minutes);
    const ImVec2 home(origin.x + em(2.5f), origin.y + size.y * 0.5f);
    std::vector<ImVec2> pos(places.size(), home);
    const std::size_t halls = places.size() - 1;
    for (std::size_t i = 1; i < places.size(); ++i) {
        const float t = halls > 1 ? static_cast<float>(i - 1) / static_cast<float>(halls - 1) : 0.5f;
        const float angle = (t - 0.5f) * 2.4f;  // about ±70°
        const float reach = 0.45f + 0.55f * static_cast<float>(places[i].travel_minutes / max_minutes);
        const float rx = (size.x - em(9)) * reach, ry = (size.y * 0.5f - em(1.2f)) * reach;
        pos[i] = ImVec2(home.x + rx * std::cos(angle), home.y + ry * std::sin(angle) * 1.0f);
    }
    const Routes r = routes(s);
    const ImU32 road = IM_COL32(190, 190, 190, 255), trip = IM_COL32(40, 90, 170, 255),
                hop = IM_COL32(200, 120, 20, 255), ink = IM_COL32(30, 30, 30, 255);
    for (std::size_t i = 1; i < places.size(); ++i) dl->AddLine(home, pos[i], road, 1.0f);
    auto label_count = [&](ImVec2 a, ImVec2 b, int n, ImU32 color) {
        const ImVec2 mid((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
        char text[16];
        std::snprintf(text, sizeof text, "×%d", n);
        dl->AddRectFilled(ImVec2(mid.x - em(0.9f), mid.y - em(0.55f)), ImVec2(mid.x + em(0.9f), mid.y + em(0.55f)),
                          IM_COL32(255, 255, 255, 230), em(0.2f));
        dl->AddText(ImVec2(mid.x - em(0.6f), mid.y - em(0.5f)), color, text);
    };
    for (std::size_t i = 1; i < places.size(); ++i) {
        const int n = r.trips[i];
        if (n == 0) continue;
        dl->AddLine(home, pos[i], trip, std::min(em(0.15f) * static_cast<float>(n + 1), em(0.6f)));
        label_count(home, pos[i], n, trip);
    }
    for (const auto& [edge, n] : r.hops) {
        dl->AddLine(pos[static_cast<std::size_t>(edge.first)], pos[static_cast<std::size_t>(edge.second)], hop, em(0.2f));
        label_count(pos[static_cast<std::size_t>(edge.first)], pos[static_cast<std::size_t>(edge.second)], n, hop);
    }
    for (std::size_t i = 0; i < places.size(); ++i) {
        const bool is_home = i == 0;
        dl->AddCircleFilled(pos[i], em(is_home ? 0.6f : 0.45f), is_home ? IM_COL32(60, 140, 60, 255) : IM_COL32(90, 90, 90, 255));
        const std::string name = place_name(s, L, static_cast<std::int32_t>(i));
        const ImVec2 ts = ImGui::CalcTextSize(name.c_str());
        float x = pos[i].x + em(0.7f);
        if (x + ts.x > origin.x + size.x) x = origin.x + size.x - ts.x;
        const float y = is_home ? pos[i].y + em(0.7f) : pos[i].y - ts.y * 0.5f;
        if (is_home) x = std::max(origin.x, pos[i].x - ts.x * 0.5f);
        dl->AddText(ImVec2(x, y), ink, name.c_str());
    }
    // Where I am now (between two places while travelling).
    const CitizenView v = s.walk->engine().citizen_view(0);
    ImVec2 me = pos[static_cast<std::size_t>(std::clamp<int>(v.place, 0, static_cast<int>(places.size()) - 1))];
    if (v.travelling) me = ImVec2((me.x + home.x) * 0.5f, (me.y + home.y) * 0.5f);
    dl->AddCircle(me, em(0.85f), IM_COL32(210, 40, 40, 255), 0, em(0.18f));
}

}  // namespace peizou::app::walkthrough
