// Reform levers as pure transforms of a Variant. Each lever checks every id it is
// given (unknown ids are errors, never skipped), changes a copy of the variant and
// appends one or more lines to its change list, in Chinese and English.
//
// (helpers and the dependency surgery: lever_helpers.hpp)
// [SECTION] The levers (one apply function per row of the lever table)
// [SECTION] apply_lever / apply_levers / resolve_variants
// [SECTION] variant_departments / variant_materials
#include "levers.hpp"

#include "diagnostics.hpp"
#include "lever_helpers.hpp"
#include "lever_spec.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace peizou {
using namespace lever_helpers;

// ---------------------------------------------------------------- [SECTION] The levers
// One apply function per row of the lever table (lever_spec.cpp); the table's checks
// (parameters used, minimum counts) have run before it is called.

struct LeverChanges {
    std::vector<std::string> zh, en;
    void add(std::string z, std::string e) {
        zh.push_back(std::move(z));
        en.push_back(std::move(e));
    }
};

// Each lever function edits `v` and fills `ch`; returns false with the error set.
struct LeverContext {
    const Scenario& sc;
    const Lever& lever;
    Variant& v;
    LeverChanges& ch;
    std::string& err_zh;
    std::string& err_en;

    bool fail(Diag code, std::initializer_list<DiagArg> args = {}) {
        err_zh = render(DiagLanguage::zh, code, args);
        err_en = render(DiagLanguage::en, code, args);
        return false;
    }
    bool known_steps() { return check_steps(v, lever.steps, err_zh, err_en); }
    bool known_materials() { return check_materials(sc, lever.materials, err_zh, err_en); }
    // Steps listed, or all steps passing `by_default` when the list is empty.
    std::vector<std::string> steps_or_all(bool (*by_default)(const Step&)) const {
        if (!lever.steps.empty()) return unique_in_order(lever.steps);
        std::vector<std::string> out;
        for (const auto& s : v.steps)
            if (by_default(s)) out.push_back(s.id);
        return out;
    }
};

bool apply_parallel(LeverContext& c) {
    if (!c.known_steps()) return false;
    std::vector<std::string> listed = unique_in_order(c.lever.steps);
    std::set<std::string> in_list(listed.begin(), listed.end());

    // For each listed step: the outside deps it reaches through listed steps (its own
    // outside deps plus those of every listed step it depended on, transitively).
    DepsThrough outside{c.v, in_list};
    std::set<std::string> visiting;
    int dropped = 0;
    std::vector<std::vector<std::string>> new_after;
    for (const auto& id : listed) {
        for (const auto& dep : find_step(c.v, id)->after)
            if (in_list.count(dep)) ++dropped;
        new_after.push_back(outside.of(id));
    }
    // Listed steps each listed step waited for (transitively through listed steps):
    // a step outside the list that waited for S keeps waiting for all of them, so
    // the step after the parallel group still starts only when the group is done.
    std::map<std::string, std::vector<std::string>> inner;
    auto inner_deps = [&](auto&& self, const std::string& id) -> std::vector<std::string> {
        auto memo = inner.find(id);
        if (memo != inner.end()) return memo->second;
        std::vector<std::string> out;
        if (visiting.count(id)) return out;
        visiting.insert(id);
        for (const auto& dep : find_step(c.v, id)->after) {
            if (!in_list.count(dep)) continue;
            add_unique(out, dep);
            for (const auto& x : self(self, dep)) add_unique(out, x);
        }
        visiting.erase(id);
        inner[id] = out;
        return out;
    };
    auto widen = [&](std::vector<std::string>& after) {
        std::vector<std::string> out = after;
        for (const auto& dep : after)
            if (in_list.count(dep))
                for (const auto& x : inner_deps(inner_deps, dep)) add_unique(out, x);
        after = out;
    };
    for (auto& s : c.v.steps)
        if (!in_list.count(s.id)) widen(s.after);
    for (auto& b : c.v.branches) widen(b.after);
    for (std::size_t i = 0; i < listed.size(); ++i) find_step(c.v, listed[i])->after = new_after[i];

    std::vector<std::string> zh, en;
    for (const auto& id : listed) {
        zh.push_back(step_zh(*find_step(c.v, id)));
        en.push_back(step_en(*find_step(c.v, id)));
    }
    if (dropped > 0) {
        c.ch.add("步骤" + join_zh(zh) + "改为并联（取消 " + std::to_string(dropped) + " 处先后依赖）",
                 "steps " + join_en(en) + " now run in parallel (" + std::to_string(dropped) +
                     " dependenc" + (dropped == 1 ? "y" : "ies") + " dropped)");
    } else {
        c.ch.add("步骤" + join_zh(zh) + "改为并联（原本已无先后依赖）",
                 "steps " + join_en(en) + " run in parallel (they already had no dependencies among them)");
    }
    return true;
}

namespace {
// Writes `d` into the variant's departments (replacing one of the same id).
void put_department(Variant& v, const Department& d) {
    for (auto& x : v.extra_departments)
        if (x.id == d.id) { x = d; return; }
    v.extra_departments.push_back(d);
}

}  // namespace

bool apply_single_window(LeverContext& c) {
    const Lever& L = c.lever;
    if (L.windows < 0) return c.fail(Diag::lever_windows_negative);
    std::vector<Department> depts = variant_departments(c.sc, c.v);
    std::vector<std::string> merged;
    for (const auto& id : unique_in_order(L.departments)) {
        if (!find_department(depts, id))
            return c.fail(Diag::lever_unknown_department, {id});
        if (id != L.window_department) merged.push_back(id);
    }
    if (merged.empty())
        return c.fail(Diag::lever_nothing_to_merge);

    // The front desk moves: the window serves the walk-in load of the merged departments
    // (and of its own, when it exists already) with their clerks — or `windows` when a
    // new window gives its count — and they keep back-office work only.
    const Department* existing = find_department(depts, L.window_department);
    if (existing && L.windows > 0)
        return c.fail(Diag::lever_window_exists, {L.window_department});
    std::vector<const Department*> load;  // whose walk-ins the window serves
    if (existing) load.push_back(existing);
    for (const auto& id : merged) load.push_back(find_department(depts, id));
    Department window;
    if (existing) {
        window = *existing;
    } else {
        const Department& first = *load.front();
        window.id = L.window_department;
        window.name = L.window_name.empty() ? "综合窗口" : L.window_name;
        window.name_en = "Comprehensive window";
        window.place = first.place;
        window.hours = first.hours;
        window.windows = 0;
    }
    window.background = ArrivalRate{};
    window.windows = existing ? existing->windows : 0;
    bool any_by_hour = false;
    for (const Department* d : load) {
        if (d != existing) window.windows += d->windows;
        window.online = window.online || d->online;
        window.helper_desk = window.helper_desk || d->helper_desk;
        window.background.per_hour += d->background.per_hour;
        any_by_hour = any_by_hour || d->background.by_hour_given();
    }
    if (L.windows > 0) window.windows = L.windows;
    if (any_by_hour) {
        window.background.by_hour.assign(24, 0.0);
        for (const Department* d : load)
            for (int h = 0; h < 24; ++h)
                window.background.by_hour[static_cast<std::size_t>(h)] += d->background.at_hour(h);
    }
    // Mixed load: when the departments serve their citizens for different times, the
    // window's service time is their mean weighted by arrivals, so its utilisation
    // equals the sum of theirs (Σ rate·service), not the first's.
    window.background_service = load.front()->background_service;
    double rate = 0, weighted_minutes = 0;
    bool same_service = true, minutes_known = true;
    for (const Department* d : load) {
        same_service = same_service && d->background_service == load.front()->background_service;
        double minutes = d->background_service.typical();
        if (d->background_service.unit == TimeUnit::hours) minutes *= 60;
        else if (d->background_service.unit != TimeUnit::minutes) minutes_known = false;
        rate += d->background.per_hour;
        weighted_minutes += d->background.per_hour * minutes;
    }
    if (!same_service && minutes_known && rate > 0) {
        Duration mixed;
        mixed.dist = DistKind::exponential;
        mixed.mean = weighted_minutes / rate;
        window.background_service = mixed;
    }
    put_department(c.v, window);
    for (const auto& id : merged) {
        Department back = *find_department(depts, id);
        back.background = ArrivalRate{};
        if (L.windows == 0) back.windows = 0;  // its clerks moved to the window
        put_department(c.v, back);
    }
    const Department* kept = find_department(c.v.extra_departments, L.window_department);

    int received = 0;
    for (auto& s : c.v.steps) {
        if (!citizen_facing(s.kind)) continue;
        const std::string& at = s.reception.empty() ? s.department : s.reception;
        if (contains(merged, s.department) || contains(merged, at)) {
            s.reception = L.window_department;
            ++received;
        }
    }

    std::vector<std::string> zh, en;
    for (const auto& id : merged) {
        zh.push_back(department_zh(*find_department(depts, id)));
        en.push_back(department_en(*find_department(depts, id)));
    }
    std::string wzh = zh_name(kept->name, kept->id), wen = en_name(kept->name_en, kept->id);
    c.ch.add(join_zh(zh) + "的 " + std::to_string(received) + " 个窗口环节改为在「" + wzh +
                 "」一窗受理（前台接收、后台审核，同一次到窗办理）",
             std::to_string(received) + " window step(s) of " + join_en(en) + " are received at \"" + wen +
                 "\" (front desk receives, back office works; one visit)");
    c.ch.add(std::string(existing ? "「" : "新设「") + wzh + "」：" + std::to_string(kept->windows) +
                 " 个窗口，承接" + join_zh(zh) + "的排队人流（合计每小时 " + number_text(kept->background.per_hour) +
                 " 人）；" + join_zh(zh) + "不再设窗口排队，只做后台审核",
             std::string(existing ? "\"" : "new \"") + wen + "\": " + std::to_string(kept->windows) +
                 " windows, taking over the walk-in queues of " + join_en(en) + " (" +
                 number_text(kept->background.per_hour) + " citizens/hour in all); " + join_en(en) +
                 " keep back-office work only, no walk-in queue");
    return true;
}

namespace {
// Sets online = true on department `id` in the variant's extra_departments.
void make_department_online(const Scenario& sc, Variant& v, const std::string& id) {
    for (auto& d : v.extra_departments) {
        if (d.id == id) {
            d.online = true;
            return;
        }
    }
    const Department* d = find_department(sc.departments, id);
    if (!d || d->online) return;
    Department copy = *d;
    copy.online = true;
    v.extra_departments.push_back(copy);
}

}  // namespace

bool apply_online(LeverContext& c) {
    if (!c.lever.steps.empty() && !check_steps(c.v, c.lever.steps, c.err_zh, c.err_en)) return false;
    std::vector<std::string> ids = c.steps_or_all(
        [](const Step& s) { return s.kind == StepKind::window || s.kind == StepKind::payment; });
    for (const auto& id : ids) {
        const Step& s = *find_step(c.v, id);
        if (!citizen_facing(s.kind) && s.kind != StepKind::online)
            return c.fail(Diag::lever_online_not_citizen, {id, kind_arg(s.kind)});
    }
    if (ids.empty()) {
        c.ch.add("一网通办：没有需要改为网办的窗口环节", "online: no window step left to move online");
        return true;
    }
    std::vector<std::string> zh, en;
    for (const auto& id : ids) {
        Step& s = *find_step(c.v, id);
        if (s.kind == StepKind::online) continue;
        s.kind = StepKind::online;
        s.online_allowed = false;
        s.reception.clear();
        make_department_online(c.sc, c.v, s.department);
        zh.push_back(step_zh(s));
        en.push_back(step_en(s));
    }
    if (zh.empty()) {
        c.ch.add("一网通办：所列步骤原已网上办理", "online: the listed steps were already online");
    } else {
        c.ch.add("步骤" + join_zh(zh) + "改为网上办理（一网通办：不跑腿、不排队，审查仍按工作时间）",
                 (en.size() == 1 ? "step " + en[0] + " moves" : "steps " + join_en(en) + " move") +
                     " online (no trip, no queue; review still keeps office hours)");
    }
    return true;
}

bool apply_share_materials(LeverContext& c) {
    if (!check_materials(c.sc, c.lever.materials, c.err_zh, c.err_en)) return false;
    if (c.lever.materials.empty()) {
        for (const auto& m : c.sc.materials) add_unique(c.v.shared_materials, m.id);
        c.ch.add("全部材料数据共享，提交一次后不再重复提交",
                 "all materials are shared: once submitted, never asked for again");
        return true;
    }
    for (const auto& id : unique_in_order(c.lever.materials)) {
        add_unique(c.v.shared_materials, id);
        const Material& m = *find_material(c.sc, id);
        c.ch.add("材料" + material_zh(m) + "数据共享，不再重复提交",
                 "material " + material_en(m) + " is shared: submitted once, never again");
    }
    return true;
}

bool apply_accept_missing(LeverContext& c) {
    if (!c.known_materials()) return false;
    for (const auto& id : unique_in_order(c.lever.materials)) {
        add_unique(c.v.nonessential_materials, id);
        const Material& m = *find_material(c.sc, id);
        c.ch.add("材料" + material_zh(m) + "容缺受理：缺少时先受理、后补交，不再退回",
                 "material " + material_en(m) + " may be missing at acceptance (supplied later, no rejection)");
    }
    return true;
}

bool apply_agent(LeverContext& c) {
    if (!c.lever.steps.empty() && !check_steps(c.v, c.lever.steps, c.err_zh, c.err_en)) return false;
    std::vector<std::string> ids = c.steps_or_all([](const Step& s) { return citizen_facing(s.kind); });
    std::vector<std::string> zh, en;
    for (const auto& id : ids) {
        Step& s = *find_step(c.v, id);
        if (!citizen_facing(s.kind))
            return c.fail(Diag::lever_agent_no_trip, {id, kind_arg(s.kind)});
        s.agent = true;
        zh.push_back(step_zh(s));
        en.push_back(step_en(s));
    }
    if (zh.empty()) {
        c.ch.add("帮办代办：没有需要跑动的窗口环节", "agent: no window step needs a trip");
    } else {
        c.ch.add("步骤" + join_zh(zh) + "由帮办员代办（帮办员跑腿，办事人不再跑动）",
                 (en.size() == 1 ? "step " + en[0] + " is" : "steps " + join_en(en) + " are") +
                     " done by an agent (the agent makes the trips, not the citizen)");
    }
    return true;
}

bool apply_no_application(LeverContext& c) {
    if (!c.known_steps()) return false;
    std::set<std::string> gone;
    for (const auto& id : unique_in_order(c.lever.steps)) {
        const Step& s = *find_step(c.v, id);
        gone.insert(id);
        std::vector<std::string> pzh, pen;
        for (const auto& p : s.produces) {
            add_unique(c.v.granted_materials, p);
            const Material* m = find_material(c.sc, p);
            pzh.push_back(m ? material_zh(*m) : p);
            pen.push_back(m ? material_en(*m) : p);
        }
        std::string zh = "免申即享：取消申请环节" + step_zh(s) + "，资格由数据比对确定";
        std::string en = "no application: step " + step_en(s) + " is removed; eligibility is checked from data";
        if (!pzh.empty()) {
            zh += "，" + join_zh(pzh) + "视为已取得";
            en += "; " + join_en(pen) + " count as held from the start";
        }
        c.ch.add(zh, en);
    }
    remove_steps(c.v, gone);
    return true;
}

bool apply_commitment(LeverContext& c) {
    if (!c.known_materials()) return false;
    std::vector<std::string> committed = unique_in_order(c.lever.materials);
    std::set<std::string> committed_set(committed.begin(), committed.end());

    // Materials needed by some step before the lever: a step producing only materials
    // nobody needs any more has lost its purpose; one producing the final result
    // (needed by nobody from the start) has not.
    std::set<std::string> needed_before;
    for (const auto& s : c.v.steps)
        for (const auto& m : s.needs) needed_before.insert(m);

    for (const auto& id : committed) {
        const Material& m = *find_material(c.sc, id);
        c.ch.add("告知承诺制：材料" + material_zh(m) + "以书面承诺代替，不再需要提交",
                 "commitment: material " + material_en(m) + " is replaced by a signed commitment");
    }
    for (auto& s : c.v.steps) {
        std::vector<std::string> kept;
        for (const auto& m : s.needs)
            if (!committed_set.count(m)) kept.push_back(m);
        s.needs = kept;
    }

    // Remove purposeless steps until none is left (a removal can orphan its suppliers).
    std::set<std::string> gone;
    for (bool changed = true; changed;) {
        changed = false;
        std::set<std::string> needed_now;
        for (const auto& s : c.v.steps)
            if (!gone.count(s.id))
                for (const auto& m : s.needs) needed_now.insert(m);
        for (const auto& s : c.v.steps) {
            if (gone.count(s.id) || s.produces.empty()) continue;
            bool purposeless = true;
            for (const auto& p : s.produces) {
                bool lost = committed_set.count(p) || (needed_before.count(p) && !needed_now.count(p));
                if (!lost) purposeless = false;
            }
            if (purposeless) {
                gone.insert(s.id);
                changed = true;
                c.ch.add("环节" + step_zh(s) + "不再需要（其结果已由承诺代替或无人再需要）",
                         "step " + step_en(s) + " is no longer needed (its result is covered by the commitment)");
                break;  // recompute needs with this step gone
            }
        }
    }
    remove_steps(c.v, gone);
    return true;
}

void scale_duration(Duration& d, double f) {
    d.value *= f;
    d.low *= f;
    d.mode *= f;
    d.high *= f;
    d.mean *= f;
    d.sd *= f;
    for (auto& x : d.values) x *= f;
}

namespace {
int scale_limit(int days, double f) {
    if (days <= 0) return days;
    int scaled = static_cast<int>(std::ceil(days * f - 1e-9));
    return scaled < 1 ? 1 : scaled;
}

}  // namespace

bool apply_compress_time(LeverContext& c) {
    double f = c.lever.factor;
    if (!(f > 0 && f <= 1))
        return c.fail(Diag::lever_compress_factor, {number_text(f)});
    if (!c.lever.steps.empty() && !check_steps(c.v, c.lever.steps, c.err_zh, c.err_en)) return false;
    std::vector<std::string> ids = c.steps_or_all([](const Step&) { return true; });
    for (const auto& id : ids) {
        Step& s = *find_step(c.v, id);
        scale_duration(s.review, f);
        // 法定时限 is set by law (行政许可法 §42): a local reform shortens its own promise
        // (承诺时限) and the work, never the statute — the legal limit stays as it is.
        s.promised_limit_days = scale_limit(s.promised_limit_days, f);
    }
    std::string pct = number_text(f);
    if (c.lever.steps.empty()) {
        c.ch.add("压缩时限：全部环节的审查时间与承诺时限 × " + pct,
                 "compressed time: review times and promised limits of all steps × " + pct);
    } else {
        std::vector<std::string> zh, en;
        for (const auto& id : ids) {
            zh.push_back(step_zh(*find_step(c.v, id)));
            en.push_back(step_en(*find_step(c.v, id)));
        }
        c.ch.add("压缩时限：" + join_zh(zh) + "的审查时间与承诺时限 × " + pct,
                 "compressed time: review times and promised limits of " + join_en(en) + " × " + pct);
    }
    return true;
}

bool apply_build_while_approving(LeverContext& c) {
    if (!c.known_steps()) return false;
    for (const auto& id : unique_in_order(c.lever.steps)) {
        Step& s = *find_step(c.v, id);
        s.blocks_successors = false;
        c.ch.add("边建设边办理：" + step_zh(s) + "办理期间，后续环节可先行开展",
                 "build while approving: steps after " + step_en(s) + " may start while it is under way");
    }
    return true;
}

namespace {
// A step where the citizen hands papers over (what 一次性告知 and 材料预审 act on).
bool receives_papers(const Step& s) { return citizen_facing(s.kind) || s.kind == StepKind::online; }

// The refusal for a listed step that takes no papers: "无需<what_zh>", "nothing to <what_en>".
bool refuse_no_papers(LeverContext& c, const Step& s, const char* what_zh, const char* what_en) {
    return c.fail(Diag::lever_no_papers, {s.id, kind_arg(s.kind), DiagArg::per_language(what_zh, what_en)});
}
}  // namespace

bool apply_tell_all_at_once(LeverContext& c) {
    if (!c.lever.steps.empty() && !c.known_steps()) return false;
    std::vector<std::string> ids = c.steps_or_all(receives_papers);
    std::vector<std::string> zh, en;
    for (const auto& id : ids) {
        Step& s = *find_step(c.v, id);
        if (!receives_papers(s)) return refuse_no_papers(c, s, "一次性告知", "tell");
        if (s.tells_all_missing) continue;
        s.tells_all_missing = true;
        zh.push_back(step_zh(s));
        en.push_back(step_en(s));
    }
    if (zh.empty()) {
        c.ch.add("一次性告知：没有需要改变的受理环节", "tell all at once: no step left to change");
    } else {
        c.ch.add("一次性告知：" + join_zh(zh) + "材料不齐时，一次告知所缺全部材料，办事人一次补齐",
                 "tell everything missing at once: at " + join_en(en) +
                     " a rejection names every missing paper, so the citizen brings them all next time");
    }
    return true;
}

// 材料预审: staff check the papers before the formal submission (online or at a
// pre-check desk) and the citizen puts them right beforehand, so a formal submission is
// sent back for 补正 less often: rework_probability × factor. Papers still missing are
// not its business (that is 一次性告知), and no time is added for the pre-check.
bool apply_pre_check(LeverContext& c) {
    const double f = c.lever.factor;
    if (!(f > 0 && f < 1))
        return c.fail(Diag::lever_pre_check_factor, {number_text(f)});
    if (!c.lever.steps.empty() && !c.known_steps()) return false;
    std::vector<std::string> ids =
        c.steps_or_all([](const Step& s) { return receives_papers(s) && s.rework_probability > 0; });
    std::vector<std::string> zh, en;
    for (const auto& id : ids) {
        Step& s = *find_step(c.v, id);
        if (!receives_papers(s)) return refuse_no_papers(c, s, "材料预审", "pre-check");
        if (s.rework_probability <= 0) continue;
        const std::string was = number_text(s.rework_probability * 100) + "%";
        s.rework_probability *= f;
        const std::string now = number_text(s.rework_probability * 100) + "%";
        zh.push_back(step_zh(s) + "（" + was + " → " + now + "）");
        en.push_back(step_en(s) + " (" + was + " → " + now + ")");
    }
    if (zh.empty()) {
        c.ch.add("材料预审：没有会退回补正的受理环节", "pre-check: no step left that sends papers back");
    } else {
        c.ch.add("材料预审：正式受理前先预审材料，退回补正概率 × " + number_text(f) + "：" + join_zh(zh),
                 "pre-check of materials before the formal submission: rework probability × " + number_text(f) +
                     ": " + join_en(en));
    }
    return true;
}

namespace {
// The table's rules for the parameters: one the kind does not read must not be given
// (nothing is silently ignored), one it reads at least its minimum count.
bool check_parameters(LeverContext& c) {
    const LeverSpec& spec = lever_spec(c.lever.kind);
    for (const auto& p : lever_params())
        if (!spec.use(p.param) && given_count(c.lever, p.param) > 0)
            return c.fail(Diag::lever_unused_parameter, {DiagArg::per_language(spec.name_zh, spec.key), p.key});
    for (const auto& u : spec.params) {
        const LeverParamInfo& p = lever_param(u.param);
        const std::size_t given = given_count(c.lever, u.param);
        if (given >= static_cast<std::size_t>(u.min_count)) continue;
        if (given > 0)
            return c.fail(Diag::lever_too_few, {DiagArg::per_language(spec.name_zh, spec.key),
                                               std::to_string(u.min_count), DiagArg::per_language(p.noun_zh, p.key)});
        return c.fail(p.type == ParamType::ids ? Diag::lever_needs_list : Diag::lever_needs_id,
                      {DiagArg::per_language(p.noun_zh, p.key), p.key});
    }
    return true;
}
}  // namespace

// ---------------------------------------------------------------- [SECTION] apply

LeverResult apply_lever(const Scenario& scenario, const Variant& in, const Lever& lever) {
    LeverResult r;
    r.variant = in;
    LeverChanges ch;
    LeverContext c{scenario, lever, r.variant, ch, r.error_zh, r.error_en};
    const bool ok = check_parameters(c) && lever_spec(lever.kind).apply(c);
    if (!ok) return failure(in, r.error_zh, r.error_en);
    if (!lever.note.empty() && !ch.zh.empty()) {
        ch.zh.front() += "（" + lever.note + "）";
        ch.en.front() += " (" + lever.note + ")";
    }
    for (std::size_t i = 0; i < ch.zh.size(); ++i) {
        r.variant.changes.push_back(ch.zh[i]);
        r.variant.changes_en.push_back(ch.en[i]);
    }
    return r;
}

LeverResult apply_levers(const Scenario& scenario, const Variant& base, const std::vector<Lever>& levers) {
    LeverResult r;
    r.variant = base;
    for (std::size_t i = 0; i < levers.size(); ++i) {
        LeverResult next = apply_lever(scenario, r.variant, levers[i]);
        if (!next.ok) {
            const LeverSpec& spec = lever_spec(levers[i].kind);
            const DiagText t = render_text(Diag::lever_in_list, {std::to_string(i + 1),
                                                                 DiagArg::per_language(spec.name_zh, spec.key),
                                                                 DiagArg::per_language(next.error_zh, next.error_en)});
            return failure(base, t.zh, t.en);
        }
        r.variant = std::move(next.variant);
    }
    return r;
}

std::vector<std::string> resolve_variants(Scenario& scenario) {
    std::vector<std::string> errors;
    // 0 = not yet, 1 = in progress, 2 = resolved, 3 = failed
    std::map<std::string, int> state;
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < scenario.variants.size(); ++i) index[scenario.variants[i].id] = i;

    auto resolve = [&](auto&& self, std::size_t i) -> bool {
        Variant& v = scenario.variants[i];
        int& st = state[v.id];
        if (st == 2) return true;
        if (st == 3) return false;
        if (st == 1) {
            errors.push_back(v.id + ": " + render_both_zh_first(Diag::lever_from_cycle));
            state[v.id] = 3;
            return false;
        }
        if (v.from.empty()) {
            st = 2;
            return true;
        }
        st = 1;
        auto base = index.find(v.from);
        if (base == index.end() || v.from == v.id) {
            errors.push_back(v.id + ": " + render_both_zh_first(Diag::lever_unknown_base, {v.from}));
            state[v.id] = 3;
            return false;
        }
        if (!self(self, base->second)) {
            if (state[v.id] != 3)
                errors.push_back(v.id + ": " + render_both_zh_first(Diag::lever_base_failed, {v.from}));
            state[v.id] = 3;
            return false;
        }
        const Variant& b = scenario.variants[base->second];
        LeverResult r = apply_levers(scenario, b, v.levers);
        if (!r.ok) {
            errors.push_back(v.id + ": " + r.error_zh + " / " + r.error_en);
            state[v.id] = 3;
            return false;
        }
        // Keep the derived variant's identity and recipe; take everything else.
        Variant out = std::move(r.variant);
        out.id = v.id;
        out.title = v.title;
        out.title_en = v.title_en;
        out.from = v.from;
        out.levers = v.levers;
        scenario.variants[i] = std::move(out);
        state[scenario.variants[i].id] = 2;
        return true;
    };
    for (std::size_t i = 0; i < scenario.variants.size(); ++i) resolve(resolve, i);
    return errors;
}

// ---------------------------------------------------------------- [SECTION] variant views

std::vector<Department> variant_departments(const Scenario& scenario, const Variant& v) {
    std::vector<Department> out = scenario.departments;
    for (const auto& extra : v.extra_departments) {
        bool replaced = false;
        for (auto& d : out) {
            if (d.id == extra.id) {
                d = extra;
                replaced = true;
            }
        }
        if (!replaced) out.push_back(extra);
    }
    return out;
}

std::vector<Material> variant_materials(const Scenario& scenario, const Variant& v) {
    std::vector<Material> out = scenario.materials;
    for (auto& m : out) {
        if (contains(v.shared_materials, m.id)) m.shared = true;
        if (contains(v.nonessential_materials, m.id)) m.essential = false;
        if (contains(v.granted_materials, m.id)) m.held_at_start = true;
    }
    return out;
}

}  // namespace peizou
