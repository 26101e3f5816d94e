// The scenario reader's parts shared by scenario_read.cpp (the scenario, durations, office
// hours) and scenario_read_parts.cpp (places, departments, materials, variants, steps,
// branches, levers): the field lists, small helpers and the Reader class. Internal.
//
// [SECTION] field lists and helpers
// [SECTION] Reader
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "core/lever_spec.hpp"
#include "json_text.hpp"
#include "scenario_read.hpp"

namespace peizou::scenario::read_detail {

using J = nlohmann::ordered_json;

// ---------------------------------------------------------------- [SECTION] field lists and helpers


using Names = std::vector<std::string>;

inline const Names kScenarioFields = {"$schema", "format", "id", "title", "title_en", "summary",
                               "summary_en", "illustrative", "assumptions", "sources", "start",
                               "calendar", "arrivals_per_working_day", "promised_trips", "places", "departments",
                               "materials", "variants"};
inline const Names kSourceFields = {"seed", "citation", "says"};
inline const Names kCalendarFields = {"mode", "office_hours"};
inline const Names kPlaceFields = {"id", "name", "name_en", "travel_minutes"};
inline const Names kDepartmentFields = {"id", "name", "name_en", "place", "windows", "online",
                                 "helper_desk", "background", "background_service",
                                 "office_hours"};
inline const Names kBackgroundFields = {"per_hour", "by_hour"};
inline const Names kMaterialFields = {"id", "name", "name_en", "held_at_start", "essential", "shared",
                               "obtain_hint", "in_guide"};
inline const Names kVariantFields = {"title", "title_en", "from", "levers", "steps", "branches"};
inline const Names kStepFields = {"id", "name", "name_en", "kind", "department", "reception",
                           "service", "review", "needs", "produces", "after",
                           "rework_probability", "rework_reason", "online_allowed",
                           "legal_limit_days", "promised_limit_days", "fee_yuan",
                           "blocks_successors", "agent", "presenter_pause", "caption",
                           "tells_all_missing", "diagram"};
inline const Names kDiagramFields = {"x", "y"};
inline const Names kBranchFields = {"id", "question", "question_en", "chooser", "after", "options"};
inline const Names kOptionFields = {"id", "label", "label_en", "probability", "steps"};
// kind, the parameters of the lever table (core/lever_spec.cpp), note.
inline Names lever_fields() {
    Names out = {"kind"};
    for (const auto& p : lever_params()) out.push_back(p.key);
    out.push_back("note");
    return out;
}
inline const Names kLeverFields = lever_fields();
inline const Names kDurationFields = {"dist", "unit", "value", "low", "mode", "high", "mean", "sd",
                               "values", "weights"};

// Lever parameters each kind reads (besides `kind` and `note`): the lever table's.
inline Names lever_parameters(LeverKind kind) {
    Names out;
    for (const auto& u : lever_spec(kind).params) out.push_back(lever_param(u.param).key);
    return out;
}

inline Names dist_parameters(DistKind kind) {
    switch (kind) {
        case DistKind::fixed: return {"value"};
        case DistKind::uniform: return {"low", "high"};
        case DistKind::triangular: return {"low", "mode", "high"};
        case DistKind::exponential: return {"mean"};
        case DistKind::normal:
        case DistKind::lognormal: return {"mean", "sd"};
        case DistKind::empirical: return {"values", "weights"};
    }
    return {};
}

// Fewer arrivals than one per 100 working days: citizens never meet, and tiny rates put
// the first arrival beyond any horizon (1e-300 overflows the arrival time).
constexpr double kMinArrivals = 0.01;
// A lognormal with sd > 10 × mean: sigma² = ln(1 + cv²) > 4.6, and a draw at z = 8.3 (the
// largest a 53-bit uniform gives) exceeds the mean by a factor of 10^7.
constexpr double kMaxLognormalCv = 10;

// Durations beyond three years are surely a typing mistake.
inline double three_years_in(TimeUnit unit) {
    switch (unit) {
        case TimeUnit::minutes: return 3 * 365 * 24 * 60.0;
        case TimeUnit::hours: return 3 * 365 * 24.0;
        case TimeUnit::working_days: return 3 * 250.0;
        case TimeUnit::calendar_days: return 3 * 365.0;
    }
    return 0;
}

template <class E>
inline Names enum_names() {
    Names names;
    for (int i = 0;; ++i) {
        std::string name = to_string(static_cast<E>(i));
        if (name == "?") return names;
        names.push_back(name);
    }
}

inline std::string join(const Names& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

inline std::string number_text(double v) {
    J j = v;
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15)
        j = static_cast<std::int64_t>(v);
    return j.dump();
}

// The walkthrough's own answers to "what next?" besides step ids (src/core/engine.cpp,
// DecisionKind::next_step): a step with one of these ids could never be chosen.
inline bool is_walk_word(const std::string& id) { return id == "wait" || id == "home"; }

// ---------------------------------------------------------------- [SECTION] Reader
class Reader {
public:
    Reader(const Limits& limits, Report& report) : limits_(limits), report_(report) {}

    void scenario(const J& root, Scenario& s);

private:
    // ---- generic helpers
    void type_error(const std::string& path, Diag type) { report_.error(path, Diag::file_wrong_type, {type}); }
    // "…, did you mean "x"?" when suggesting and a known name is close to `word`.
    DiagText with_hint(DiagText text, const std::string& word, const Names& known) {
        std::string hint = report_.suggesting() ? closest(word, known) : "";
        if (hint.empty()) return text;
        return text + render_text(Diag::file_did_you_mean, {quote_value(hint)});
    }
    bool object(const J& v, const std::string& path) {
        if (v.is_object()) return true;
        type_error(path, Diag::type_object);
        return false;
    }
    bool array(const J& v, const std::string& path) {
        if (v.is_array()) return true;
        type_error(path, Diag::type_array);
        return false;
    }
    void fields(const J& obj, const std::string& path, const Names& allowed) {
        for (const auto& item : obj.items()) {
            const std::string& key = item.key();
            if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
            report_.error(pointer_append(path, key),
                          with_hint(render_text(Diag::file_unknown_field, {quote_value(key)}), key, allowed), true);
        }
    }
    const J* member(const J& obj, const std::string& path, const char* key, bool required) {
        auto it = obj.find(key);
        if (it != obj.end()) return &*it;
        if (required)
            report_.error(pointer_append(path, key), Diag::file_missing_field, {key});
        return nullptr;
    }
    bool string(const J& obj, const std::string& path, const char* key, std::string& out,
                bool required = false) {
        const J* v = member(obj, path, key, required);
        if (!v) return false;
        if (!v->is_string()) {
            type_error(pointer_append(path, key), Diag::type_string);
            return false;
        }
        out = v->get<std::string>();
        if (required && out.empty()) {
            report_.error(pointer_append(path, key), Diag::file_field_empty, {key});
            return false;
        }
        return true;
    }
    bool boolean(const J& obj, const std::string& path, const char* key, bool& out) {
        const J* v = member(obj, path, key, false);
        if (!v) return false;
        if (!v->is_boolean()) {
            type_error(pointer_append(path, key), Diag::type_boolean);
            return false;
        }
        out = v->get<bool>();
        return true;
    }
    bool number_value(const J& v, const std::string& path, double& out) {
        if (!v.is_number()) {
            type_error(path, Diag::type_number);
            return false;
        }
        double d = v.get<double>();
        if (!std::isfinite(d)) {
            report_.error(path, Diag::file_number_out_of_range);
            return false;
        }
        out = d;
        return true;
    }
    bool number(const J& obj, const std::string& path, const char* key, double& out,
                bool required = false) {
        const J* v = member(obj, path, key, required);
        return v && number_value(*v, pointer_append(path, key), out);
    }
    bool integer(const J& obj, const std::string& path, const char* key, int& out) {
        const J* v = member(obj, path, key, false);
        if (!v) return false;
        std::string p = pointer_append(path, key);
        if (!v->is_number()) {
            type_error(p, Diag::type_integer);
            return false;
        }
        double d = 0;
        if (!number_value(*v, p, d)) return false;
        if (d != std::floor(d) || std::fabs(d) > 1e9) {
            type_error(p, Diag::type_integer);
            return false;
        }
        out = static_cast<int>(d);
        return true;
    }
    // Checks lo <= v <= hi; messages name the range.
    bool range(const std::string& path, double v, double lo, double hi) {
        if (v >= lo && v <= hi) return true;
        if (lo == 0 && v < 0) {
            report_.error(path, Diag::file_negative, {number_text(v)});
        } else {
            report_.error(path, Diag::file_out_of_range, {number_text(v), number_text(lo), number_text(hi)});
        }
        return false;
    }
    // An array of strings; `ids` also requires them non-empty and distinct.
    void strings(const J& obj, const std::string& path, const char* key,
                 std::vector<std::string>& out, bool ids) {
        const J* v = member(obj, path, key, false);
        if (!v) return;
        std::string p = pointer_append(path, key);
        if (!array(*v, p)) return;
        std::set<std::string> seen;
        for (std::size_t i = 0; i < v->size(); ++i) {
            const J& item = (*v)[i];
            std::string ip = pointer_append(p, i);
            if (!item.is_string()) {
                type_error(ip, Diag::type_string);
                continue;
            }
            std::string text = item.get<std::string>();
            if (ids && text.empty()) {
                report_.error(ip, Diag::file_id_empty);
                continue;
            }
            if (ids && !seen.insert(text).second) {
                report_.warning(ip, Diag::file_listed_twice, {quote_value(text)});
                continue;
            }
            out.push_back(std::move(text));
        }
    }
    template <class E>
    bool enumeration(const J& obj, const std::string& path, const char* key, E& out,
                     bool required = false) {
        std::string text;
        if (!string(obj, path, key, text, required)) return false;
        if (parse_enum(text, out)) return true;
        Names names = enum_names<E>();
        report_.error(pointer_append(path, key),
                      with_hint(render_text(Diag::file_unknown_value, {quote_value(text), join(names)}), text, names));
        return false;
    }
    // Array `key` of objects, at most `max` long; calls read(item, path, index).
    template <class F>
    void items(const J& obj, const std::string& path, const char* key, int max, bool required, Diag what,
               F read) {
        const J* v = member(obj, path, key, required);
        if (!v) return;
        std::string p = pointer_append(path, key);
        if (!array(*v, p)) return;
        if (v->size() > static_cast<std::size_t>(max)) {
            report_.error(p, Diag::file_too_many, {what, std::to_string(v->size()), std::to_string(max)});
            return;
        }
        for (std::size_t i = 0; i < v->size(); ++i) {
            read((*v)[i], pointer_append(p, i), i);
        }
    }

    // ---- the parts of a scenario
    void duration(const J& v, const std::string& path, Duration& d);
    void office_hours(const J& v, const std::string& path, OfficeHours& out);
    void source(const J& v, const std::string& path, Source& out);
    void place(const J& v, const std::string& path, Place& out);
    void department(const J& v, const std::string& path, Department& out);
    void material(const J& v, const std::string& path, Material& out);
    void variant(const J& v, const std::string& path, Variant& out);
    void step(const J& v, const std::string& path, Step& out);
    void branch(const J& v, const std::string& path, Branch& out);
    void lever(const J& v, const std::string& path, Lever& out);

    const Limits& limits_;
    Report& report_;
};

}  // namespace peizou::scenario::read_detail
