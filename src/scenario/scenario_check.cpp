// Checks on the model read from a scenario file: ids and references, dependency cycles,
// branches, materials, channels; then derived variants (levers) are resolved and checked.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/levers.hpp"
#include "json_text.hpp"
#include "scenario_read.hpp"

namespace peizou::scenario {
namespace {

using Names = std::vector<std::string>;

template <class T>
Names ids_of(const std::vector<T>& items) {
    Names out;
    for (const auto& item : items) out.push_back(item.id);
    return out;
}

// "unknown department "x"" plus a suggestion among the known ids; `what` is a word_ of
// the catalogue, `prefix` goes before the message.
void unknown_id(Report& report, const std::string& path, Diag what, const std::string& id, const Names& known,
                const DiagText& prefix = {}) {
    std::string hint = report.suggesting() ? closest(id, known) : "";
    DiagText text = prefix + render_text(Diag::check_unknown_id, {what, quote_value(id)});
    if (!hint.empty()) text = text + render_text(Diag::file_did_you_mean, {quote_value(hint)});
    report.error(path, std::move(text));
}

// Reports repeated ids of `items` found at `path`/i/id.
template <class T>
void duplicate_ids(Report& report, const std::vector<T>& items, const std::string& path, Diag what) {
    std::map<std::string, std::size_t> first;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i].id.empty()) continue;
        auto [it, inserted] = first.emplace(items[i].id, i);
        if (inserted) continue;
        report.error(pointer_append(pointer_append(path, i), "id"), Diag::check_duplicate_id,
                     {what, quote_value(items[i].id), std::to_string(it->second + 1)});
    }
}

// Checks one variant's steps and branches. A derived variant's problems come from its
// levers: they are reported at its "levers" with a prefix.
class VariantCheck {
public:
    VariantCheck(const Scenario& s, const Variant& v, Report& report, bool derived)
        : s_(s), v_(v), report_(report), derived_(derived), base_(variant_path(v.id)) {
        if (derived_) prefix_ = render_text(Diag::check_after_levers);
    }

    // Messages are recorded into `record`, and those in `skip` are not reported: a derived
    // variant repeats only what its levers changed.
    void run(std::set<std::string>* record = nullptr, const std::set<std::string>* skip = nullptr) {
        record_ = record;
        skip_ = skip;
        for (const auto& d : variant_departments(s_, v_)) departments_[d.id] = d;
        for (const auto& m : variant_materials(s_, v_)) materials_[m.id] = m;
        for (std::size_t i = 0; i < v_.steps.size(); ++i) step_index_.emplace(v_.steps[i].id, i);
        if (!derived_) duplicate_ids(report_, v_.steps, base_ + "/steps", Diag::word_step);
        if (!derived_) duplicate_ids(report_, v_.branches, base_ + "/branches", Diag::word_branch);
        references();
        branches();
        edges_.assign(v_.steps.size(), {});
        materials();  // before cycles(): adds material waits
        cycles();
        channels();
        exclusive_waits();
    }

private:
    std::string step_path(std::size_t i, const std::string& suffix = "") const {
        return derived_ ? base_ + "/levers" : pointer_append(base_ + "/steps", i) + suffix;
    }
    std::string branch_path(std::size_t b, const std::string& suffix = "") const {
        return derived_ ? base_ + "/levers" : pointer_append(base_ + "/branches", b) + suffix;
    }
    void error(const std::string& path, const DiagText& text) {
        if (seen(text.en)) return;
        report_.error(path, prefix_ + text);
    }
    void warning(const std::string& path, const DiagText& text) {
        if (seen(text.en)) return;
        report_.warning(path, prefix_ + text);
    }
    void error(const std::string& path, Diag code, std::initializer_list<DiagArg> args = {}) {
        error(path, render_text(code, args));
    }
    void warning(const std::string& path, Diag code, std::initializer_list<DiagArg> args = {}) {
        warning(path, render_text(code, args));
    }
    // Records each message; with `skip`, drops those the base variant already has.
    bool seen(const std::string& en) {
        if (record_) record_->insert(en);
        return skip_ && skip_->count(en);
    }
    Names department_ids() const {
        Names out;
        for (const auto& [id, d] : departments_) out.push_back(id);
        return out;
    }
    Names material_ids() const {
        Names out;
        for (const auto& [id, m] : materials_) out.push_back(id);
        return out;
    }
    bool is_step(const std::string& id) const { return step_index_.count(id) > 0; }

    void references() {
        Names departments = department_ids(), materials = material_ids(), steps = ids_of(v_.steps);
        for (std::size_t i = 0; i < v_.steps.size(); ++i) {
            const Step& st = v_.steps[i];
            if (!st.department.empty() && !departments_.count(st.department))
                unknown_id(report_, step_path(i, "/department"), Diag::word_department, st.department,
                           departments, prefix_);
            if (!st.reception.empty() && !departments_.count(st.reception))
                unknown_id(report_, step_path(i, "/reception"), Diag::word_department, st.reception,
                           departments, prefix_);
            for (const std::string key : {"/needs/", "/produces/"}) {
                const auto& list = key == "/needs/" ? st.needs : st.produces;
                for (std::size_t j = 0; j < list.size(); ++j)
                    if (!materials_.count(list[j]))
                        unknown_id(report_, step_path(i, key + std::to_string(j)), Diag::word_material,
                                   list[j], materials, prefix_);
            }
            for (std::size_t j = 0; j < st.after.size(); ++j) {
                std::string p = step_path(i, "/after/" + std::to_string(j));
                if (st.after[j] == st.id)
                    error(p, Diag::check_after_itself, {quote_value(st.id)});
                else if (!is_step(st.after[j]))
                    unknown_id(report_, p, Diag::word_step, st.after[j], steps, prefix_);
            }
        }
    }

    void branches() {
        Names steps = ids_of(v_.steps);
        std::map<std::string, std::string> option_of;  // step id -> "branch/option"
        for (std::size_t b = 0; b < v_.branches.size(); ++b) {
            const Branch& br = v_.branches[b];
            for (std::size_t j = 0; j < br.after.size(); ++j)
                if (!is_step(br.after[j]))
                    unknown_id(report_, branch_path(b, "/after/" + std::to_string(j)), Diag::word_step,
                               br.after[j], steps, prefix_);
            if (br.options.empty()) {
                error(branch_path(b, "/options"), Diag::check_branch_no_options);
                continue;
            }
            if (br.options.size() == 1)
                warning(branch_path(b, "/options"), Diag::check_branch_single_option);
            duplicate_ids(report_, br.options, branch_path(b, "/options"), Diag::word_option);
            double total = 0;
            for (std::size_t o = 0; o < br.options.size(); ++o) {
                const BranchOption& opt = br.options[o];
                total += opt.probability;
                std::string op = derived_ ? branch_path(b) : branch_path(b, "/options/" + std::to_string(o));
                for (std::size_t k = 0; k < opt.steps.size(); ++k) {
                    std::string p = derived_ ? op : op + "/steps/" + std::to_string(k);
                    if (!is_step(opt.steps[k])) {
                        unknown_id(report_, p, Diag::word_step, opt.steps[k], steps, prefix_);
                        continue;
                    }
                    std::string here = br.id + "/" + opt.id;
                    auto [it, inserted] = option_of.emplace(opt.steps[k], here);
                    if (!inserted)
                        error(p, Diag::check_step_in_two_options,
                              {quote_value(opt.steps[k]), short_text(it->second, 130), short_text(here, 130)});
                }
            }
            if (std::fabs(total - 1) > 1e-6) {
                char buffer[64];
                std::snprintf(buffer, sizeof buffer, "%.6g", total);
                error(branch_path(b, "/options"), Diag::check_probabilities_sum, {buffer});
            }
        }
        option_of_ = std::move(option_of);
    }

    // Dependency graph: a step waits for its `after` steps, and a step of a branch option
    // waits for the branch's `after` steps (the branch is decided then).
    // The engine also makes a step wait until the citizen holds its essential materials,
    // so a material with a single producer is a dependency too.
    struct Edge {
        std::size_t to;
        std::string path;
        std::string material;  // set when the wait is for a material
    };

    void cycles() {
        const std::size_t n = v_.steps.size();
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < v_.steps[i].after.size(); ++j) {
                auto it = step_index_.find(v_.steps[i].after[j]);
                if (it != step_index_.end())
                    edges_[i].push_back({it->second, step_path(i, "/after/" + std::to_string(j)), ""});
            }
        for (std::size_t b = 0; b < v_.branches.size(); ++b) {
            const Branch& br = v_.branches[b];
            for (const auto& opt : br.options)
                for (const auto& sid : opt.steps) {
                    auto s = step_index_.find(sid);
                    if (s == step_index_.end()) continue;
                    for (std::size_t j = 0; j < br.after.size(); ++j) {
                        auto a = step_index_.find(br.after[j]);
                        if (a != step_index_.end())
                            edges_[s->second].push_back(
                                {a->second, branch_path(b, "/after/" + std::to_string(j)), ""});
                    }
                }
        }
        // Material waits last, so a cycle of plain dependencies is named by them.
        for (const auto& [i, e] : material_edges_) edges_[i].push_back(e);
        // Iterative depth-first search; a grey node met again closes a cycle. A cycle is
        // named only if it has a step no earlier cycle named, and at most 10 are named.
        std::vector<int> colour(n, 0);  // 0 white, 1 grey (on the stack), 2 black
        std::vector<std::size_t> depth_of(n, 0);                 // position on the stack
        std::vector<std::pair<std::size_t, std::size_t>> stack;  // node, next edge
        std::vector<bool> named(n, false);
        int cycles_named = 0;
        for (std::size_t root = 0; root < n; ++root) {
            if (colour[root]) continue;
            stack.push_back({root, 0});
            colour[root] = 1;
            while (!stack.empty()) {
                auto& [node, next] = stack.back();
                if (next == edges_[node].size()) {
                    colour[node] = 2;
                    stack.pop_back();
                    continue;
                }
                const Edge& e = edges_[node][next++];
                if (colour[e.to] == 0) {
                    colour[e.to] = 1;
                    depth_of[e.to] = stack.size();
                    stack.push_back({e.to, 0});
                } else if (colour[e.to] == 1 && cycles_named < 10) {
                    bool fresh = false;
                    for (std::size_t k = depth_of[e.to]; k < stack.size() && !fresh; ++k)
                        fresh = !named[stack[k].first];
                    if (!fresh) continue;
                    ++cycles_named;
                    std::string names;
                    for (std::size_t k = depth_of[e.to]; k < stack.size(); ++k) {
                        named[stack[k].first] = true;
                        const Edge& used = edges_[stack[k].first][stack[k].second - 1];
                        names += short_text(v_.steps[stack[k].first].id) +
                                 (used.material.empty() ? " → " : " →[" + short_text(used.material) + "] ");
                    }
                    names += short_text(v_.steps[e.to].id);
                    error(e.path, Diag::check_dependency_cycle, {names});
                }
            }
        }
        if (cycles_named == 0) return;
        // The steps Kahn's algorithm cannot order are in a cycle or wait for one.
        std::vector<std::size_t> waiting(n, 0);
        std::vector<std::vector<std::size_t>> waiters(n);
        for (std::size_t i = 0; i < n; ++i)
            for (const Edge& e : edges_[i]) {
                ++waiting[i];
                waiters[e.to].push_back(i);
            }
        std::vector<std::size_t> ready;
        for (std::size_t i = 0; i < n; ++i)
            if (!waiting[i]) ready.push_back(i);
        std::vector<bool> can_start(n, false);
        while (!ready.empty()) {
            std::size_t u = ready.back();
            ready.pop_back();
            can_start[u] = true;
            for (std::size_t w : waiters[u])
                if (--waiting[w] == 0) ready.push_back(w);
        }
        for (std::size_t i = 0; i < n; ++i) {
            if (can_start[i] || named[i]) continue;
            warning(step_path(i), Diag::check_step_never_starts, {quote_value(v_.steps[i].id)});
        }
    }

    void channels() {
        for (std::size_t i = 0; i < v_.steps.size(); ++i) {
            const Step& st = v_.steps[i];
            const std::string& where = st.reception.empty() ? st.department : st.reception;
            auto it = departments_.find(where);
            if (it == departments_.end()) continue;  // reported as unknown
            const Department& d = it->second;
            std::string p = step_path(i, st.reception.empty() ? "/department" : "/reception");
            bool at_window = st.kind == StepKind::window || st.kind == StepKind::payment ||
                             st.kind == StepKind::collect;
            if (at_window && d.windows == 0) {
                DiagText text = render_text(Diag::check_no_window,
                                            {quote_value(d.id), to_string(st.kind), quote_value(st.id)});
                if (st.online_allowed && d.online)
                    warning(p, text + render_text(Diag::check_only_online));
                else
                    error(p, text);
            } else if (st.kind == StepKind::online && !d.online) {
                error(p, Diag::check_no_online, {quote_value(d.id), quote_value(st.id)});
            }
        }
    }

    // The option a step belongs to ("branch/option"), or "" when it always runs.
    std::string option_of(const std::string& step_id) const {
        auto it = option_of_.find(step_id);
        return it == option_of_.end() ? "" : it->second;
    }

    // Needed materials: each must be held at the start or produced by another step that
    // runs whenever this one does. Adds the material waits to the dependency graph.
    void materials() {
        const std::size_t n = v_.steps.size();
        std::map<std::string, std::vector<std::size_t>> producers;
        std::vector<std::string> option_by_step(n);
        for (std::size_t i = 0; i < n; ++i) {
            for (const auto& m : v_.steps[i].produces) producers[m].push_back(i);
            option_by_step[i] = option_of(v_.steps[i].id);
        }

        for (std::size_t i = 0; i < n; ++i) {
            const Step& st = v_.steps[i];
            const std::string& mine = option_by_step[i];
            for (std::size_t j = 0; j < st.needs.size(); ++j) {
                auto m = materials_.find(st.needs[j]);
                if (m == materials_.end() || m->second.held_at_start) continue;
                const bool essential = m->second.essential;
                std::string p = step_path(i, "/needs/" + std::to_string(j));
                // Producers other than this step; does one run whenever this step does?
                std::size_t count = 0, only = 0;
                bool always = false;
                std::string conditional;
                for (std::size_t k : producers[m->first]) {
                    if (k == i) continue;
                    ++count;
                    only = k;
                    const std::string& theirs = option_by_step[k];
                    if (theirs.empty() || theirs == mine) always = true;
                    else conditional = theirs;
                    if (always && count > 1) break;
                }
                if (count == 0) {
                    DiagText text = render_text(Diag::check_material_never, {quote_value(m->first)});
                    if (essential) error(p, text);
                    else warning(p, text + render_text(Diag::check_non_essential_stuck));
                    continue;
                }
                if (!always) {
                    DiagText text = render_text(Diag::check_material_in_option,
                                                {quote_value(m->first), short_text(conditional, 130)});
                    if (essential)
                        error(p, text + render_text(Diag::check_otherwise_never, {quote_value(st.id)}));
                    else
                        warning(p, text + render_text(Diag::check_otherwise_stuck, {quote_value(st.id)}));
                }
                if (essential && count == 1) material_edges_.push_back({i, {only, p, m->first}});
            }
        }
    }

    // A step of one branch option waiting for a step of another option of the same branch:
    // the two never both run, so the wait is always skipped.
    void exclusive_waits() {
        for (std::size_t i = 0; i < v_.steps.size(); ++i) {
            std::string mine = option_of(v_.steps[i].id);
            if (mine.empty()) continue;
            std::string branch = mine.substr(0, mine.find('/'));
            for (std::size_t j = 0; j < v_.steps[i].after.size(); ++j) {
                std::string theirs = option_of(v_.steps[i].after[j]);
                if (theirs.empty() || theirs == mine || theirs.substr(0, theirs.find('/')) != branch)
                    continue;
                warning(step_path(i, "/after/" + std::to_string(j)), Diag::check_exclusive_wait,
                        {quote_value(v_.steps[i].id), short_text(mine, 130), quote_value(v_.steps[i].after[j]),
                         short_text(theirs, 130)});
            }
        }
    }

    const Scenario& s_;
    const Variant& v_;
    Report& report_;
    bool derived_;
    std::string base_;
    DiagText prefix_;
    std::map<std::string, Department> departments_;
    std::map<std::string, Material> materials_;
    std::map<std::string, std::size_t> step_index_;
    std::map<std::string, std::string> option_of_;
    std::vector<std::vector<Edge>> edges_;
    std::vector<std::pair<std::size_t, Edge>> material_edges_;
    std::set<std::string>* record_ = nullptr;
    const std::set<std::string>* skip_ = nullptr;
};

// The written variant a derived one starts from (following `from`), or null when the
// chain is broken or circular.
const Variant* root_of(const Scenario& s, const Variant& v) {
    const Variant* cur = &v;
    for (std::size_t hops = 0; hops <= s.variants.size(); ++hops) {
        if (cur->from.empty()) return cur;
        cur = s.variant(cur->from);
        if (!cur) return nullptr;
    }
    return nullptr;
}

// The departments single_window levers create (window_department) up the `from` chain of
// v, before v's own levers: a later lever may name them.
std::set<std::string> created_by_ancestors(const Scenario& s, const Variant& v) {
    std::set<std::string> created;
    const Variant* cur = s.variant(v.from);
    for (std::size_t hops = 0; cur && !cur->from.empty() && hops <= s.variants.size(); ++hops) {
        for (const Lever& l : cur->levers)
            if (l.kind == LeverKind::single_window && !l.window_department.empty())
                created.insert(l.window_department);
        cur = s.variant(cur->from);
    }
    return created;
}

void check_derivations(const Scenario& s, Report& report) {
    Names variant_ids = ids_of(s.variants);
    Names departments = ids_of(s.departments), materials = ids_of(s.materials);
    for (const Variant& v : s.variants) {
        std::string vp = variant_path(v.id);
        if (v.from.empty()) continue;
        if (v.id == "before") {
            report.error(vp + "/from", Diag::check_before_derived);
            continue;
        }
        if (!s.variant(v.from)) {
            unknown_id(report, vp + "/from", Diag::word_variant, v.from, variant_ids);
            continue;
        }
        const Variant* root = root_of(s, v);
        if (!root) {
            report.error(vp + "/from", Diag::check_from_circular);
            continue;
        }
        Names steps = ids_of(root->steps);
        std::set<std::string> step_set(steps.begin(), steps.end());
        // A lever may name the window an earlier lever creates (merge a and b into a
        // comprehensive window, then c into it too); Shapley reports the subsets where
        // the later lever comes without the earlier one.
        std::set<std::string> created = created_by_ancestors(s, v);
        for (std::size_t i = 0; i < v.levers.size(); ++i) {
            const Lever& l = v.levers[i];
            std::string lp = pointer_append(vp + "/levers", i);
            for (std::size_t j = 0; j < l.steps.size(); ++j)
                if (!step_set.count(l.steps[j]))
                    unknown_id(report, lp + "/steps/" + std::to_string(j), Diag::word_step, l.steps[j], steps);
            for (std::size_t j = 0; j < l.materials.size(); ++j)
                if (!s.material(l.materials[j]))
                    unknown_id(report, lp + "/materials/" + std::to_string(j), Diag::word_material,
                               l.materials[j], materials);
            for (std::size_t j = 0; j < l.departments.size(); ++j)
                if (!s.department(l.departments[j]) && !created.count(l.departments[j]))
                    unknown_id(report, lp + "/departments/" + std::to_string(j), Diag::word_department,
                               l.departments[j], departments);
            if (l.kind == LeverKind::single_window && !l.window_department.empty())
                created.insert(l.window_department);
        }
    }
}

// Finds which lever of `v` fails (applying them one by one) and reports it there.
void report_lever_failure(const Scenario& s, const Variant& v, const std::string& raw,
                          Report& report) {
    std::string vp = variant_path(v.id);
    const Variant* base = s.variant(v.from);
    if (base && !base->from.empty() && base->steps.empty()) return;  // its base failed: reported
    if (base) {
        Variant current = *base;
        for (std::size_t i = 0; i < v.levers.size(); ++i) {
            LeverResult r = apply_lever(s, current, v.levers[i]);
            if (!r.ok) {
                report.error(pointer_append(vp + "/levers", i), Diag::check_lever_cannot_apply,
                             {DiagArg::per_language(short_text(r.error_zh, 400), short_text(r.error_en, 400))});
                return;
            }
            current = std::move(r.variant);
        }
    }
    report.error(vp + "/levers", Diag::check_levers_cannot_apply, {short_text(raw, 400)});
}

}  // namespace

void check_scenario(Scenario& s, Report& report) {
    duplicate_ids(report, s.places, "/places", Diag::word_place);
    duplicate_ids(report, s.departments, "/departments", Diag::word_department);
    duplicate_ids(report, s.materials, "/materials", Diag::word_material);
    if (!s.place("home"))
        report.error("/places", Diag::check_no_home);
    Names places = ids_of(s.places);
    for (std::size_t i = 0; i < s.departments.size(); ++i) {
        const Department& d = s.departments[i];
        if (!d.place.empty() && !s.place(d.place))
            unknown_id(report, pointer_append(pointer_append("/departments", i), "place"), Diag::word_place,
                       d.place, places);
    }
    for (const Variant& v : s.variants)
        if (v.from.empty()) VariantCheck(s, v, report, false).run();
    check_derivations(s, report);
    if (report.errors() > 0) return;  // levers need a sound base

    std::vector<std::string> failures = resolve_variants(s);
    std::set<std::string> failed;
    for (const std::string& f : failures) {
        // "variant id: message"
        auto colon = f.find(':');
        std::string id = colon == std::string::npos ? f : f.substr(0, colon);
        std::string message = colon == std::string::npos ? f : f.substr(colon + 1);
        while (!message.empty() && message.front() == ' ') message.erase(0, 1);
        const Variant* v = s.variant(id);
        if (!v) {
            report.error("/variants", Diag::check_levers_cannot_apply, {short_text(f, 400)});
            continue;
        }
        failed.insert(id);
        report_lever_failure(s, *v, message, report);
    }
    for (const Variant& v : s.variants) {
        if (v.from.empty() || failed.count(v.id)) continue;
        const Variant* base = s.variant(v.from);
        std::set<std::string> known;
        Report scratch(1 << 20);
        VariantCheck(s, *base, scratch, !base->from.empty()).run(&known);
        VariantCheck(s, v, report, true).run(nullptr, &known);
    }
}

}  // namespace peizou::scenario
