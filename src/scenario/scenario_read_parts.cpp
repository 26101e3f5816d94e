// Reading a scenario file, continued (scenario_read.cpp has the scenario, durations and
// office hours; scenario_reader.hpp the Reader class): sources, places, departments,
// materials, variants, steps, branches and levers.
//
// [SECTION] sources, places, departments, materials   [SECTION] variants, steps, branches, levers
#include "scenario_reader.hpp"

namespace peizou::scenario::read_detail {

// ---------------------------------------------------------------- [SECTION] sources, places, departments, materials

void Reader::source(const J& v, const std::string& path, Source& out) {
    if (!object(v, path)) return;
    fields(v, path, kSourceFields);
    string(v, path, "seed", out.seed);
    string(v, path, "citation", out.citation);
    string(v, path, "says", out.says);
    if (out.seed.empty() && out.citation.empty()) {
        report_.warning(path, Diag::file_source_unnamed);
    }
}

void Reader::place(const J& v, const std::string& path, Place& out) {
    if (!object(v, path)) return;
    fields(v, path, kPlaceFields);
    string(v, path, "id", out.id, true);
    string(v, path, "name", out.name, true);
    string(v, path, "name_en", out.name_en);
    if (number(v, path, "travel_minutes", out.travel_minutes))
        range(path + "/travel_minutes", out.travel_minutes, 0, 3 * 24 * 60);
}

void Reader::department(const J& v, const std::string& path, Department& out) {
    if (!object(v, path)) return;
    fields(v, path, kDepartmentFields);
    string(v, path, "id", out.id, true);
    string(v, path, "name", out.name, true);
    string(v, path, "name_en", out.name_en);
    string(v, path, "place", out.place, true);
    if (integer(v, path, "windows", out.windows)) range(path + "/windows", out.windows, 0, 1000);
    boolean(v, path, "online", out.online);
    boolean(v, path, "helper_desk", out.helper_desk);
    if (const J* b = member(v, path, "background", false)) {
        std::string p = path + "/background";
        if (object(*b, p)) {
            fields(*b, p, kBackgroundFields);
            if (number(*b, p, "per_hour", out.background.per_hour))
                range(p + "/per_hour", out.background.per_hour, 0, 10000);
            if (const J* by_hour = member(*b, p, "by_hour", false)) {
                std::string hp = p + "/by_hour";
                if (array(*by_hour, hp)) {
                    if (by_hour->size() != 24) {
                        report_.error(hp, Diag::file_by_hour_count);
                    } else {
                        for (std::size_t i = 0; i < 24; ++i) {
                            double x = 0;
                            std::string ip = pointer_append(hp, i);
                            if (number_value((*by_hour)[i], ip, x)) range(ip, x, 0, 10000);
                            out.background.by_hour.push_back(x);
                        }
                    }
                }
            }
        }
    }
    if (const J* d = member(v, path, "background_service", false))
        duration(*d, path + "/background_service", out.background_service);
    if (const J* hours = member(v, path, "office_hours", false)) {
        out.hours = OfficeHours{};
        office_hours(*hours, path + "/office_hours", *out.hours);
    }
}

void Reader::material(const J& v, const std::string& path, Material& out) {
    if (!object(v, path)) return;
    fields(v, path, kMaterialFields);
    string(v, path, "id", out.id, true);
    string(v, path, "name", out.name, true);
    string(v, path, "name_en", out.name_en);
    boolean(v, path, "held_at_start", out.held_at_start);
    boolean(v, path, "essential", out.essential);
    boolean(v, path, "shared", out.shared);
    string(v, path, "obtain_hint", out.obtain_hint);
    boolean(v, path, "in_guide", out.in_guide);
}

// ---------------------------------------------------------------- [SECTION] variants, steps, branches, levers
void Reader::variant(const J& v, const std::string& path, Variant& out) {
    if (!object(v, path)) return;
    fields(v, path, kVariantFields);
    string(v, path, "title", out.title, true);
    string(v, path, "title_en", out.title_en);
    bool has_from = string(v, path, "from", out.from) && !out.from.empty();
    auto from = v.find("from");
    if (from != v.end() && from->is_string() && out.from.empty())
        report_.error(path + "/from", Diag::file_field_empty, {"from"});
    items(v, path, "levers", limits_.max_levers, false, Diag::word_levers,
          [&](const J& item, const std::string& p, std::size_t) {
              out.levers.emplace_back();
              lever(item, p, out.levers.back());
          });
    if (has_from) {
        for (const char* key : {"steps", "branches"}) {
            if (v.contains(key)) {
                report_.error(pointer_append(path, key), Diag::file_derived_writes, {key}, true);
            }
        }
        return;
    }
    if (v.contains("levers")) {
        report_.error(path + "/levers", Diag::file_levers_need_from, {}, true);
    }
    items(v, path, "steps", limits_.max_steps, true, Diag::word_steps,
          [&](const J& item, const std::string& p, std::size_t) {
              out.steps.emplace_back();  // kept even when unreadable, so indexes match the file
              step(item, p, out.steps.back());
          });
    auto steps = v.find("steps");
    if (steps != v.end() && steps->is_array() && steps->empty())
        report_.error(path + "/steps", Diag::file_variant_no_steps);
    items(v, path, "branches", limits_.max_steps, false, Diag::word_branches,
          [&](const J& item, const std::string& p, std::size_t) {
              out.branches.emplace_back();
              branch(item, p, out.branches.back());
          });
}

void Reader::step(const J& v, const std::string& path, Step& out) {
    if (!object(v, path)) return;
    fields(v, path, kStepFields);
    if (string(v, path, "id", out.id, true) && is_walk_word(out.id))
        report_.error(path + "/id", Diag::file_step_id_reserved, {quote_value(out.id)});
    string(v, path, "name", out.name, true);
    string(v, path, "name_en", out.name_en);
    enumeration(v, path, "kind", out.kind);
    string(v, path, "department", out.department, true);
    string(v, path, "reception", out.reception);
    if (const J* d = member(v, path, "service", false)) duration(*d, path + "/service", out.service);
    if (const J* d = member(v, path, "review", false)) duration(*d, path + "/review", out.review);
    strings(v, path, "needs", out.needs, true);
    strings(v, path, "produces", out.produces, true);
    strings(v, path, "after", out.after, true);
    if (number(v, path, "rework_probability", out.rework_probability) &&
        out.rework_probability >= 1) {
        report_.error(path + "/rework_probability", Diag::file_rework_certain);
    } else if (out.rework_probability < 0) {
        range(path + "/rework_probability", out.rework_probability, 0, 1);
    }
    string(v, path, "rework_reason", out.rework_reason);
    boolean(v, path, "online_allowed", out.online_allowed);
    if (integer(v, path, "legal_limit_days", out.legal_limit_days))
        range(path + "/legal_limit_days", out.legal_limit_days, 0, 750);
    if (integer(v, path, "promised_limit_days", out.promised_limit_days))
        range(path + "/promised_limit_days", out.promised_limit_days, 0, 750);
    if (number(v, path, "fee_yuan", out.fee_yuan)) range(path + "/fee_yuan", out.fee_yuan, 0, 1e9);
    boolean(v, path, "blocks_successors", out.blocks_successors);
    boolean(v, path, "agent", out.agent);
    boolean(v, path, "tells_all_missing", out.tells_all_missing);
    boolean(v, path, "presenter_pause", out.presenter_pause);
    string(v, path, "caption", out.caption);
    if (const J* d = member(v, path, "diagram", false)) {  // {"x": int, "y": int}, both required
        const std::string p = path + "/diagram";
        if (object(*d, p)) {
            fields(*d, p, kDiagramFields);
            DiagramAt at;
            const bool x = member(*d, p, "x", true) && integer(*d, p, "x", at.x);
            const bool y = member(*d, p, "y", true) && integer(*d, p, "y", at.y);
            if (x && y) out.diagram = at;
        }
    }
}

void Reader::branch(const J& v, const std::string& path, Branch& out) {
    if (!object(v, path)) return;
    fields(v, path, kBranchFields);
    string(v, path, "id", out.id, true);
    string(v, path, "question", out.question, true);
    string(v, path, "question_en", out.question_en);
    enumeration(v, path, "chooser", out.chooser);
    strings(v, path, "after", out.after, true);
    items(v, path, "options", limits_.max_steps, true, Diag::word_options,
          [&](const J& item, const std::string& p, std::size_t) {
              out.options.emplace_back();
              BranchOption& o = out.options.back();
              if (!object(item, p)) return;
              fields(item, p, kOptionFields);
              string(item, p, "id", o.id, true);
              string(item, p, "label", o.label, true);
              string(item, p, "label_en", o.label_en);
              if (number(item, p, "probability", o.probability, true))
                  range(p + "/probability", o.probability, 0, 1);
              strings(item, p, "steps", o.steps, true);
          });
}

void Reader::lever(const J& v, const std::string& path, Lever& out) {
    if (!object(v, path)) return;
    fields(v, path, kLeverFields);
    bool kind_ok = enumeration(v, path, "kind", out.kind, true);
    strings(v, path, "steps", out.steps, true);
    strings(v, path, "materials", out.materials, true);
    strings(v, path, "departments", out.departments, true);
    string(v, path, "window_department", out.window_department);
    string(v, path, "window_name", out.window_name);
    if (integer(v, path, "windows", out.windows)) range(path + "/windows", out.windows, 0, 1000);
    if (number(v, path, "factor", out.factor) && !(out.factor > 0 && out.factor <= 1)) {
        // compress_time shortens: review times and promised limits × factor, 0 < factor ≤ 1.
        report_.error(path + "/factor", Diag::file_lever_factor, {number_text(out.factor)});
    }
    string(v, path, "note", out.note);
    if (!kind_ok) return;
    Names used = lever_parameters(out.kind);
    for (const auto& item : v.items()) {
        const std::string& key = item.key();
        if (key == "kind" || key == "note") continue;
        bool known = std::find(kLeverFields.begin(), kLeverFields.end(), key) != kLeverFields.end();
        if (known && std::find(used.begin(), used.end(), key) == used.end()) {
            report_.error(pointer_append(path, key), Diag::file_lever_unused_field,
                          {to_string(out.kind), quote_value(key), join(used)}, true);
        }
    }
    auto at_least = [&](const char* key, std::size_t n, std::size_t count) {
        if (count >= n) return;
        report_.error(v.contains(key) ? pointer_append(path, key) : path, Diag::file_lever_needs_count,
                      {to_string(out.kind), std::to_string(n), key});
    };
    for (const auto& u : lever_spec(out.kind).params) {
        const LeverParamInfo& p = lever_param(u.param);
        if (p.type == ParamType::ids) {
            at_least(p.key, static_cast<std::size_t>(u.min_count), given_count(out, u.param));
        } else if (u.min_count > 0 && given_count(out, u.param) == 0) {
            report_.error(pointer_append(path, p.key), Diag::file_lever_needs_field,
                          {to_string(out.kind), p.key, p.noun_zh});
        }
    }
}

}  // namespace peizou::scenario::read_detail
