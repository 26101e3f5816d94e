// Diagnostics as data: a code plus arguments, rendered in Chinese and English from one
// catalogue (diagnostics.cpp). The engine, the levers and the scenario reader and checks
// (src/scenario) name a code; the words live only in the catalogue, and
// tests/unit/catalogue_test.cpp fails if an entry is used nowhere, lacks a language, or
// its Chinese text has no Chinese in it.
//
// A text is a pattern: {0}, {1}, … are the arguments, in order. An argument is the same
// text in both languages (an id, a number), or one text per language: a word of the
// catalogue (Diag::word_step) or a text already rendered in both (DiagArg::per_language).
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
    lever_windows_negative,
    lever_unknown_department,   // {0} department id
    lever_nothing_to_merge,
    lever_window_exists,        // {0} department id
    lever_unknown_step,         // {0} step id
    lever_unknown_material,     // {0} material id
    lever_online_not_citizen,   // {0} step id, {1} its kind (per language)
    lever_agent_no_trip,        // {0} step id, {1} its kind (per language)
    lever_compress_factor,      // {0} the factor
    lever_no_papers,            // {0} step id, {1} its kind, {2} the lever's action (per language)
    lever_pre_check_factor,     // {0} the factor
    lever_unused_parameter,     // {0} the lever (name / key), {1} the parameter's key
    lever_too_few,              // {0} the lever (name / key), {1} minimum count, {2} the parameter (noun / key)
    lever_needs_list,           // {0} the parameter (noun / key), {1} its key
    lever_needs_id,             // {0} the parameter (noun / key), {1} its key
    lever_in_list,              // {0} its number, {1} the lever (name / key), {2} the error (per language)
    lever_from_cycle,
    lever_base_failed,          // {0} base variant id
    // attributing a variant to its levers (Shapley)
    shapley_no_variant,         // {0} variant id
    shapley_written_out,        // {0} variant id
    shapley_no_base,            // {0} variant id
    shapley_too_many_levers,    // {0} count, {1} limit
    // replaying a walk record
    replay_start_uncovered,
    replay_no_variant,          // {0} variant id
    replay_record_short,        // {0} choice number
    replay_choice_refused,      // {0} choice number, {1} why (per language)
    replay_record_long,         // {0} last choice number, {1} choices left
    replay_unfinished,          // {0} why (Chinese)
    // words used as arguments of the scenario file's messages: one thing, many things
    word_place, word_department, word_material, word_step, word_branch, word_option, word_variant,
    word_sources, word_places, word_departments, word_materials, word_levers, word_steps,
    word_branches, word_options, word_variants,
    // the types a scenario file's value may be expected to have
    type_object, type_array, type_string, type_boolean, type_number, type_integer, type_duration,
    // reading a scenario file (src/scenario/scenario_read*, scenario_reader.hpp)
    file_wrong_type,             // {0} a type_ word
    file_unknown_field,          // {0} quoted key
    file_did_you_mean,           // {0} quoted suggestion; appended to another message
    file_missing_field,          // {0} key
    file_field_empty,            // {0} key
    file_number_out_of_range,
    file_negative,               // {0} value
    file_out_of_range,           // {0} value, {1} low, {2} high
    file_id_empty,
    file_listed_twice,           // {0} quoted id
    file_unknown_value,          // {0} quoted value, {1} the allowed values
    file_too_many,               // {0} a plural word_, {1} count, {2} limit
    file_format_unsupported,     // {0} quoted version, {1} the expected version
    file_start_invalid,          // {0} quoted text
    file_arrivals_too_few,       // {0} value
    file_missing_before,
    file_variant_id_empty,
    file_dist_parameter,         // {0} quoted key, {1} dist, {2} its parameters
    file_mode_outside,
    file_lognormal_mean_zero,
    file_lognormal_too_wide,     // {0} sd, {1} mean
    file_weights_length,
    file_weights_sum,
    file_low_above_high,
    file_office_hours_empty,
    file_office_interval_form,
    file_clock_malformed,        // {0} quoted text
    file_office_open_after_close,
    file_office_order,
    file_office_too_many,        // {0} limit
    file_source_unnamed,
    file_by_hour_count,
    file_derived_writes,         // {0} key (steps, branches)
    file_levers_need_from,
    file_variant_no_steps,
    file_step_id_reserved,       // {0} quoted id
    file_rework_certain,
    file_lever_factor,           // {0} value
    file_lever_unused_field,     // {0} kind, {1} quoted key, {2} the fields it reads
    file_lever_needs_count,      // {0} kind, {1} count, {2} key
    file_lever_needs_field,      // {0} kind, {1} key, {2} its Chinese noun
    // checking a scenario's model (src/scenario/scenario_check*)
    check_unknown_id,            // {0} a word_, {1} quoted id
    check_duplicate_id,          // {0} a word_, {1} quoted id, {2} the first one's number
    check_after_levers,          // put before a derived variant's messages
    check_after_itself,          // {0} quoted step id
    check_branch_no_options,
    check_branch_single_option,
    check_step_in_two_options,   // {0} quoted step id, {1} an option, {2} the other
    check_probabilities_sum,     // {0} the sum
    check_dependency_cycle,      // {0} the steps
    check_step_never_starts,     // {0} quoted step id
    check_no_window,             // {0} quoted department id, {1} step kind, {2} quoted step id
    check_only_online,           // appended to check_no_window
    check_no_online,             // {0} quoted department id, {1} quoted step id
    check_material_never,        // {0} quoted material id
    check_non_essential_stuck,   // appended to check_material_never
    check_material_in_option,    // {0} quoted material id, {1} the option
    check_otherwise_never,       // {0} quoted step id; appended to check_material_in_option
    check_otherwise_stuck,       // {0} quoted step id; likewise, non-essential
    check_exclusive_wait,        // {0} quoted step id, {1} its option, {2} quoted step id, {3} its option
    check_before_derived,
    check_from_circular,
    check_lever_cannot_apply,    // {0} the lever's error (per language)
    check_levers_cannot_apply,   // {0} the raw error
    check_no_home,
    // loading a scenario file's text (src/scenario/scenario_io*)
    load_duplicate_key,          // {0} quoted key
    load_utf16,                  // {0} byte order (per language)
    load_utf16_save,             // appended to load_utf16
    load_utf16_damaged,          // appended to load_utf16
    word_little_endian, word_big_endian,
    load_too_large,              // {0} bytes, {1} limit in bytes, {2} size, {3} limit (English)
    load_too_deep,               // {0} limit
    load_too_wide,               // {0} limit
    load_syntax,                 // {0} the parser's detail (per language)
    load_syntax_plain,
    load_more_issues,            // {0} count, {1} errors, {2} warnings
    load_warning,                // put before a warning's text in each language
    count_  // keep last
};

enum class DiagLanguage { zh, en };

// An argument: one text for both languages, or one per language.
struct DiagArg {
    std::string zh, en;
    DiagArg(std::string text) : zh(text), en(std::move(text)) {}
    DiagArg(const char* text) : DiagArg(std::string(text)) {}
    DiagArg(Diag code);  // that entry's text (without arguments) in each language
    static DiagArg per_language(std::string zh, std::string en);

private:
    DiagArg() = default;
};

// A message in both languages.
struct DiagText {
    std::string zh, en;
};
inline DiagText operator+(DiagText a, const DiagText& b) { return {a.zh + b.zh, a.en + b.en}; }

// Sets a result's error_zh and error_en (ReplayResult, ShapleySetup, …).
template <class Result>
void set_error(Result& r, const DiagText& t) {
    r.error_zh = t.zh;
    r.error_en = t.en;
}

// The text of `code` in one language, its {n} replaced by `args`.
std::string render(DiagLanguage language, Diag code, std::initializer_list<DiagArg> args = {});
// Both languages apart.
DiagText render_text(Diag code, std::initializer_list<DiagArg> args = {});
// Both, as the CLI's JSON and the warnings list carry them: "English / 中文".
std::string render_both(Diag code, std::initializer_list<DiagArg> args = {});
// Both, Chinese first: "中文 / English" (the levers' errors).
std::string render_both_zh_first(Diag code, std::initializer_list<DiagArg> args = {});

}  // namespace peizou
