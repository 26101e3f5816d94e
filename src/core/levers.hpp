// Reform levers (改革举措) as model transforms: each takes a variant and returns a new
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

// The departments a variant runs with: the scenario's plus those its levers created
// (a created department replaces a scenario department of the same id).
std::vector<Department> variant_departments(const Scenario& scenario, const Variant& v);

// The materials a variant runs with: the scenario's, with the variant's
// shared_materials / nonessential_materials / granted_materials applied.
std::vector<Material> variant_materials(const Scenario& scenario, const Variant& v);

}  // namespace peizou
