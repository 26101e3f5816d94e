#include "test_api.hpp"

#include <map>
#include <utility>
#include <vector>

#include "imgui.h"

namespace peizou::app::test_api {
namespace {

// Function-local statics: screens register from their own static initialisers.
std::vector<std::pair<std::string, StateFn>>& states() {
    static std::vector<std::pair<std::string, StateFn>> v;
    return v;
}
std::map<std::string, ActionFn>& actions() {
    static std::map<std::string, ActionFn> m;
    return m;
}
Json& frame_rects() {
    static Json r = Json::object();
    return r;
}

}  // namespace

void add_state(const std::string& key, StateFn fn) { states().emplace_back(key, std::move(fn)); }
void add_action(const std::string& name, ActionFn fn) { actions()[name] = std::move(fn); }

void begin_frame() { frame_rects() = Json::object(); }

void add_rect(const std::string& name) {
    if (!ImGui::IsItemVisible()) return;
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    add_rect(name, a.x, a.y, b.x, b.y);
}

void add_rect(const std::string& name, float x0, float y0, float x1, float y1) {
    frame_rects()[name] = {{"x", x0}, {"y", y0}, {"width", x1 - x0}, {"height", y1 - y0}};
}

std::string state_json(const AppState& state) {
    Json out = Json::object();
    for (const auto& [key, fn] : states()) out[key] = fn(state);
    return out.dump();
}

std::string act_json(AppState& state, const std::string& name, const std::string& args_json) {
    Json result;
    auto it = actions().find(name);
    if (it == actions().end()) {
        result = {{"ok", false}, {"error", "unknown action: " + name}};
        return result.dump();
    }
    Json args = args_json.empty() ? Json::object() : Json::parse(args_json, nullptr, false);
    if (args.is_discarded()) {
        result = {{"ok", false}, {"error", "arguments are not JSON"}};
        return result.dump();
    }
    try {
        Json r = it->second(state, args);
        result = {{"ok", true}};
        if (r.is_object()) {
            for (auto& [k, v] : r.items()) result[k] = v;
        }
    } catch (const ActionError& e) {
        result = {{"ok", false}, {"error", e.message}};
    } catch (const Json::exception& e) {
        result = {{"ok", false}, {"error", std::string("bad arguments: ") + e.what()}};
    }
    return result.dump();
}

std::string rects_json() { return frame_rects().dump(); }

}  // namespace peizou::app::test_api
