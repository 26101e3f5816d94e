// The lever kinds (改革举措) in one table: for each kind its key (the word in scenario
// files), its Chinese and English names, the parameters it reads — each with its type
// and minimum count — and the function that applies it (src/core/levers.cpp).
//
// Everything else reads this table: the kind names (model.cpp), the parameter checks and
// the dispatch (levers.cpp), the Shapley labels (shapley.cpp), the scenario reader's
// parameter lists and minimum counts (scenario_read.cpp); a unit test holds
// docs/scenario.schema.json and docs/scenario-format.md's lever table against it
// (tests/unit/lever_table_test.cpp). Adding a lever kind: a LeverKind value (model.hpp),
// a row in lever_spec.cpp, its apply function in levers.cpp, and its line in both docs.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "model.hpp"

namespace peizou {

// Every parameter a lever can carry (the fields of Lever besides kind and note), in the
// order of the scenario format.
enum class LeverParam { steps, materials, departments, window_department, window_name, windows, factor };

enum class ParamType {
    ids,     // a list of ids (steps, materials or departments)
    id,      // one id
    text,    // free text
    count,   // a whole number ≥ 0
    number,  // a real number
};

struct LeverParamInfo {
    LeverParam param;
    const char* key;      // the field in scenario files
    ParamType type;
    const char* noun_zh;  // what it lists, in Chinese (步骤 …), for messages
};
// All parameters, in LeverParam order.
const std::vector<LeverParamInfo>& lever_params();
const LeverParamInfo& lever_param(LeverParam p);
const char* to_string(ParamType t);

// How many the lever gives: the list's length (distinct items), 1 for a non-empty id or
// text, 1 for a count or number that differs from its default (0 windows, factor 1).
std::size_t given_count(const Lever& lever, LeverParam p);

struct LeverParamUse {
    LeverParam param;
    // Fewest a file must give: for a list the number of distinct items, for an id or a
    // text 1 = required; 0 = optional (an empty list means "all" where the kind says so).
    int min_count = 0;
};

struct LeverContext;  // what an apply function edits (src/core/levers.cpp)
using LeverApplyFn = bool (*)(LeverContext&);

struct LeverSpec {
    LeverKind kind;
    const char* key;      // "parallel"
    const char* name_zh;  // "串联改并联"
    const char* name_en;  // "serial to parallel"
    std::vector<LeverParamUse> params;  // the parameters it reads, in LeverParam order
    LeverApplyFn apply;   // false with the error set when the lever cannot apply

    const LeverParamUse* use(LeverParam p) const;  // nullptr: the kind does not read p
};

// All kinds, in LeverKind order.
const std::vector<LeverSpec>& lever_specs();
const LeverSpec& lever_spec(LeverKind kind);
// nullptr when `key` names no kind.
const LeverSpec* find_lever_spec(const std::string& key);

}  // namespace peizou
