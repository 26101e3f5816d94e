// Reform levers (改革举措) as model transforms (the kinds, their names and parameters:
// lever_spec.hpp): each takes a variant and returns a new
// variant plus a human-readable change list. Pure functions of the model.
#pragma once
#include <string>
#include <vector>

#include "model.hpp"

namespace peizou {

struct LeverResult {
    bool ok = true;
    Variant variant;                     // the transformed variant (changes appended)
    std::string error_zh, error_en;      // why the lever cannot apply (unknown step …)
};

// What each lever does (src/core/levers.cpp; every applied lever appends zh/en lines
// to changes/changes_en, with its `note` in brackets on the first line):
//   parallel(steps ≥ 2)        drop dependencies among the listed steps; a listed step
//                              inherits the outside deps of listed steps it waited for,
//                              and a step outside that waited for one of them waits for
//                              all of those, so nothing outside is skipped.
//   single_window(departments, window_department[, window_name, windows])
//                              window/payment/collect steps of those departments get
//                              reception = window_department (work stays with
//                              `department`). The front desk MOVES: the window serves
//                              the walk-in load of the merged departments (plus its own
//                              when it exists): background = the sum of rates, service =
//                              the arrival-weighted mean (exponential) when they differ,
//                              windows = given (new window only) or its own + the merged
//                              departments'. The merged departments keep back-office work
//                              only: no background, and 0 windows unless `windows` was
//                              given. An unknown window_department is created with the
//                              place/hours of the first merged department, online /
//                              helper_desk if any. All go to extra_departments.
//   online(steps; empty = all window/payment steps)
//                              kind = online (collect allowed when listed: e-certificate);
//                              reception cleared; the departments get online = true.
//   share_materials(materials; empty = all)   Variant::shared_materials
//   accept_missing(materials)                 Variant::nonessential_materials
//   agent(steps; empty = all window/payment/collect steps)   Step::agent = true
//   no_application(steps)      steps removed (dependents inherit their deps, branches
//                              forget them); their produces go to granted_materials.
//   commitment(materials)      removed from every step's needs; a step whose produces are
//                              all committed or no longer needed by anyone is removed.
//   compress_time(factor in (0,1]; steps, empty = all)   review params × factor,
//                              legal/promised limits × factor rounded up (≥ 1 if > 0).
//   build_while_approving(steps)   blocks_successors = false.
//   tell_all_at_once(steps; empty = all window/payment/collect/online steps)
//                              tells_all_missing = true: a rejection names every missing
//                              essential material, not only the first.
//   pre_check(factor in (0,1); steps, empty = all window/payment/collect/online steps
//                              with a rework probability)   rework_probability × factor.
// Parameters a kind does not use must be empty/default; they are errors otherwise.
//
// Applies one lever to `in`. Lever parameters that name unknown steps, materials or
// departments make the result not ok (nothing is silently skipped).
LeverResult apply_lever(const Scenario& scenario, const Variant& in, const Lever& lever);

// Applies `levers` in order to `base`; the result keeps base's steps transformed,
// records every change, and fails at the first lever that cannot apply.
LeverResult apply_levers(const Scenario& scenario, const Variant& base,
                         const std::vector<Lever>& levers);

// Fills in steps/branches/extra_departments/changes of every variant with a `from`,
// in dependency order. Returns the errors (variant id: message) of those that failed.
std::vector<std::string> resolve_variants(Scenario& scenario);

// Multiplies every parameter of `d` by `f` (its unit unchanged): a duration `f` times as
// long in distribution. Used by compress_time and by Compare's what-if review knob.
void scale_duration(Duration& d, double f);

// The departments a variant runs with: the scenario's plus those its levers created
// (a created department replaces a scenario department of the same id).
std::vector<Department> variant_departments(const Scenario& scenario, const Variant& v);

// The materials a variant runs with: the scenario's, with the variant's
// shared_materials / nonessential_materials / granted_materials applied.
std::vector<Material> variant_materials(const Scenario& scenario, const Variant& v);

}  // namespace peizou
