// The model citizen (示范办事人): the simulator's one default policy. Monte Carlo
// citizens follow it inside the engine (Engine::suggestion gives the same choice to a
// paused walk); the presentation's autoplay and the debrief's "示范办事人再走一遍" walk
// by it through model_walk, so the same scenario, variant and seed give the same walk on
// every screen — and the same case, event for event, as the first citizen of a Monte
// Carlo run with that seed whose first citizen arrives at the start
// (EngineOptions::model_citizen; tests/unit/policy_test.cpp).
//
// The policy: go for a ready step whose papers are in hand — at a hall, a step of that
// hall first; then one that can be done online; else the first in declared order —,
// online whenever the step offers it, taking along the other ready steps of the same desk
// whose papers are in hand, handing over every paper held; with nothing to do, wait for
// the back office. A branch the citizen chooses is decided as Monte Carlo draws it,
// unless `branch_options` names the option to take (the debrief passes the trainee's).
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "walk.hpp"

namespace peizou {

using BranchOptions = std::map<std::string, std::string>;  // branch id -> option id

// The policy's answer to the walk's pending decision (an empty choice when none is).
Choice policy_choice(const Walk& walk, const BranchOptions& branch_options = {});

// The model citizen's walk through `variant` with `seed`, to its end: a model-citizen
// Walk (see Walk's constructor) answered by policy_choice at every decision, at most
// `max_decisions`. `asked`, when given, receives the decisions in order (the walk's
// record holds the answers). `scenario` and `calendar` must outlive the walk.
std::unique_ptr<Walk> model_walk(const Scenario& scenario, const Calendar& calendar, const std::string& variant,
                                 std::uint64_t seed, const BranchOptions& branch_options = {},
                                 std::vector<Decision>* asked = nullptr, int max_decisions = 2000);

}  // namespace peizou
