// The test API behind window.peizou (docs/test-api.md): state(), act(), rects().
// Screens contribute without editing the shell: at static-initialisation time they
// register a state section and their actions, and while drawing they record the
// rectangles of the widgets a test may click.
//
//   static const bool registered = [] {
//       test_api::add_state("walkthrough", [](const AppState& s) { ... return json; });
//       test_api::add_action("walkthrough.choose", [](AppState& s, const Json& args) { ... });
//       return true;
//   }();
//   ...
//   ImGui::Button(...); test_api::add_rect("walkthrough.next");
#pragma once
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "app_state.hpp"

namespace peizou::app::test_api {

using Json = nlohmann::ordered_json;
using StateFn = std::function<Json(const AppState&)>;
// Returns a result object; throw ActionError for a bad name/argument.
using ActionFn = std::function<Json(AppState&, const Json& args)>;

struct ActionError {
    std::string message;
};

void add_state(const std::string& key, StateFn fn);
void add_action(const std::string& name, ActionFn fn);

// Rectangles of this frame, in logical (CSS) pixels. Only visible items are recorded.
void begin_frame();
void add_rect(const std::string& name);  // the last ImGui item
void add_rect(const std::string& name, float x0, float y0, float x1, float y1);

// JSON text for the platform's exported C functions.
std::string state_json(const AppState& state);
// {"ok":true, ...result} or {"ok":false,"error":"..."}
std::string act_json(AppState& state, const std::string& name, const std::string& args_json);
std::string rects_json();

}  // namespace peizou::app::test_api
