// Diagnostics of the core as data: a code plus arguments, rendered in Chinese and English
// from one catalogue (diagnostics.cpp). The engine and the levers name a code; the words
// live only in the catalogue, and tests/unit/catalogue_test.cpp fails if an entry is used
// nowhere or lacks a language.
//
// A text is a pattern: {0}, {1}, … are the arguments, in order.
#pragma once
#include <initializer_list>
#include <string>

namespace peizou {

enum class Diag {
    // why a citizen is stuck (engine)
    stuck_owed_never_supplied,   // {0} material id, {1} its name
    stuck_no_step_can_run,
    stuck_material_unobtainable, // {0} material id, {1} its name
    stuck_rejected_too_often,    // {0} times, {1} step id, {2} its name
    stuck_beyond_horizon,
    stuck_budget_spent,          // {0} work units
    no_office_time,
    // warnings of a run (engine)
    warn_dates_uncovered,
    warn_budget_spent,           // {0} events, {1} work units
    warn_odd_draws,              // {0} draws
    warn_odd_rates,
    // a walkthrough answer refused (engine)
    answer_no_decision,
    answer_other_kind,           // {0} the pending decision's kind
    answer_not_held,             // {0} material id
    answer_not_an_option,        // {0} the value given
    // levers
    lever_unknown_base,          // {0} base variant id
    count_  // keep last
};

enum class DiagLanguage { zh, en };

// The text of `code` in one language, its {n} replaced by `args`.
std::string render(DiagLanguage language, Diag code, std::initializer_list<std::string> args = {});
// Both, as the CLI's JSON and the warnings list carry them: "English / 中文".
std::string render_both(Diag code, std::initializer_list<std::string> args = {});
// Both, Chinese first: "中文 / English" (the levers' errors).
std::string render_both_zh_first(Diag code, std::initializer_list<std::string> args = {});

}  // namespace peizou
