// Helpers of the reform levers (levers.cpp, the only includer): lookups, names and lists
// in Chinese and English, and the dependency surgery that removes steps.
//
// [SECTION] Helpers: lookups, names, lists
// [SECTION] Dependency surgery (removing steps, dropping edges)
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "diagnostics.hpp"
#include "levers.hpp"
#include "lever_spec.hpp"

namespace peizou::lever_helpers {

// ---------------------------------------------------------------- [SECTION] Helpers

inline bool contains(const std::vector<std::string>& list, const std::string& x) {
    return std::find(list.begin(), list.end(), x) != list.end();
}

inline void add_unique(std::vector<std::string>& list, const std::string& x) {
    if (!contains(list, x)) list.push_back(x);
}

inline std::vector<std::string> unique_in_order(const std::vector<std::string>& list) {
    std::vector<std::string> out;
    for (const auto& x : list) add_unique(out, x);
    return out;
}

inline Step* find_step(Variant& v, const std::string& id) {
    for (auto& s : v.steps)
        if (s.id == id) return &s;
    return nullptr;
}

inline const Step* find_step(const Variant& v, const std::string& id) {
    for (const auto& s : v.steps)
        if (s.id == id) return &s;
    return nullptr;
}

inline bool citizen_facing(StepKind k) {
    return k == StepKind::window || k == StepKind::payment || k == StepKind::collect;
}

inline const char* kind_zh(StepKind k) {
    switch (k) {
        case StepKind::window: return "窗口";
        case StepKind::online: return "网上";
        case StepKind::review: return "审查";
        case StepKind::inspection: return "现场勘验";
        case StepKind::payment: return "缴费";
        case StepKind::collect: return "领取";
        case StepKind::mail: return "邮寄";
    }
    return "";
}

inline const char* kind_en(StepKind k) {
    switch (k) {
        case StepKind::window: return "window";
        case StepKind::online: return "online";
        case StepKind::review: return "review";
        case StepKind::inspection: return "inspection";
        case StepKind::payment: return "payment";
        case StepKind::collect: return "collect";
        case StepKind::mail: return "mail";
    }
    return "";
}

// A step kind as a message argument, in each language.
inline DiagArg kind_arg(StepKind k) { return DiagArg::per_language(kind_zh(k), kind_en(k)); }

// Display names: Chinese name (or id), English name (or id).
inline std::string zh_name(const std::string& name, const std::string& id) { return name.empty() ? id : name; }
inline std::string en_name(const std::string& name_en, const std::string& id) { return name_en.empty() ? id : name_en; }

inline std::string step_zh(const Step& s) { return "「" + zh_name(s.name, s.id) + "」"; }
inline std::string step_en(const Step& s) { return "\"" + en_name(s.name_en, s.id) + "\""; }
inline std::string material_zh(const Material& m) { return "《" + zh_name(m.name, m.id) + "》"; }
inline std::string material_en(const Material& m) { return "\"" + en_name(m.name_en, m.id) + "\""; }
inline std::string department_zh(const Department& d) { return zh_name(d.name, d.id); }
inline std::string department_en(const Department& d) { return en_name(d.name_en, d.id); }

// "A、B与C" / "A, B and C"
inline std::string join_zh(const std::vector<std::string>& xs) {
    std::string out;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        if (i > 0) out += (i + 1 == xs.size()) ? "与" : "、";
        out += xs[i];
    }
    return out;
}

inline std::string join_en(const std::vector<std::string>& xs) {
    std::string out;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        if (i > 0) out += (i + 1 == xs.size()) ? (xs.size() > 2 ? ", and " : " and ") : ", ";
        out += xs[i];
    }
    return out;
}

// A factor or count without trailing zeros: 0.5 -> "0.5", 0.25 -> "0.25", 2 -> "2".
inline std::string number_text(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", x);
    std::string s = buf;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

inline LeverResult failure(const Variant& in, std::string zh, std::string en) {
    LeverResult r;
    r.ok = false;
    r.variant = in;
    r.error_zh = std::move(zh);
    r.error_en = std::move(en);
    return r;
}

// Looks up every id with `known`; on the first unknown one fills the error ("未知步骤 \"x\"…")
// and returns false.
template <class Known>
bool check_ids(const std::vector<std::string>& ids, Known known, Diag unknown, std::string& zh, std::string& en) {
    for (const auto& id : ids) {
        if (!known(id)) {
            zh = render(DiagLanguage::zh, unknown, {id});
            en = render(DiagLanguage::en, unknown, {id});
            return false;
        }
    }
    return true;
}

// Looks up every listed step; on the first unknown id fills the error and returns false.
inline bool check_steps(const Variant& v, const std::vector<std::string>& ids, std::string& zh, std::string& en) {
    return check_ids(
        ids, [&](const std::string& id) { return find_step(v, id) != nullptr; }, Diag::lever_unknown_step, zh, en);
}

// Local lookups (model.hpp's Scenario helpers live in another file of the core).
inline const Material* find_material(const Scenario& sc, const std::string& id) {
    for (const auto& m : sc.materials)
        if (m.id == id) return &m;
    return nullptr;
}

inline const Department* find_department(const std::vector<Department>& ds, const std::string& id) {
    for (const auto& d : ds)
        if (d.id == id) return &d;
    return nullptr;
}

inline bool check_materials(const Scenario& sc, const std::vector<std::string>& ids, std::string& zh,
                            std::string& en) {
    return check_ids(
        ids, [&](const std::string& id) { return find_material(sc, id) != nullptr; }, Diag::lever_unknown_material,
        zh, en);
}

// ---------------------------------------------------------------- [SECTION] Dependency surgery

// A step's dependencies with every step in `through` replaced by that step's own
// dependencies, transitively, in first-seen order and memoised. Depth-first; the DAG is
// validated elsewhere, `visiting` guards against cycles.
struct DepsThrough {
    DepsThrough(const Variant& variant, const std::set<std::string>& through_steps)
        : v(variant), through(through_steps) {}
    const Variant& v;
    const std::set<std::string>& through;
    std::map<std::string, std::vector<std::string>> memo;
    std::set<std::string> visiting;

    // The list `after` rewritten: a step in `through` gives way to what it depends on.
    std::vector<std::string> of_list(const std::vector<std::string>& after) {
        std::vector<std::string> out;
        for (const auto& dep : after) {
            if (through.count(dep)) {
                for (const auto& x : of(dep)) add_unique(out, x);
            } else {
                add_unique(out, dep);
            }
        }
        return out;
    }
    // What step `id` depends on, looking through `through`.
    std::vector<std::string> of(const std::string& id) {
        auto m = memo.find(id);
        if (m != memo.end()) return m->second;
        const Step* s = find_step(v, id);
        if (!s || visiting.count(id)) return {};
        visiting.insert(id);
        std::vector<std::string> out = of_list(s->after);
        visiting.erase(id);
        memo[id] = out;
        return out;
    }
};

// Removes the steps in `gone` from the variant. Whoever depended on a removed step
// inherits that step's own dependencies (transitively through other removed steps),
// so nothing that had to wait for an earlier step stops waiting. Branch `after`
// lists inherit the same way; branch options forget the removed steps.
inline void remove_steps(Variant& v, const std::set<std::string>& gone) {
    if (gone.empty()) return;
    // The surviving ancestors standing in for each removed step.
    DepsThrough stand_in{v, gone};
    std::vector<std::vector<std::string>> new_after;
    for (const auto& s : v.steps) new_after.push_back(stand_in.of_list(s.after));
    std::vector<std::vector<std::string>> new_branch_after;
    for (const auto& b : v.branches) new_branch_after.push_back(stand_in.of_list(b.after));

    for (std::size_t i = 0; i < v.steps.size(); ++i) v.steps[i].after = new_after[i];
    for (std::size_t i = 0; i < v.branches.size(); ++i) {
        v.branches[i].after = new_branch_after[i];
        for (auto& o : v.branches[i].options) {
            std::vector<std::string> kept;
            for (const auto& id : o.steps)
                if (!gone.count(id)) kept.push_back(id);
            o.steps = kept;
        }
    }
    v.steps.erase(std::remove_if(v.steps.begin(), v.steps.end(),
                                 [&](const Step& s) { return gone.count(s.id) > 0; }),
                  v.steps.end());
}

}  // namespace peizou::lever_helpers
