// The lever table (see lever_spec.hpp). One row per kind, in LeverKind order.
#include "lever_spec.hpp"

#include <algorithm>

namespace peizou {

// The apply functions, defined in levers.cpp (one per row below).
bool apply_parallel(LeverContext&);
bool apply_single_window(LeverContext&);
bool apply_online(LeverContext&);
bool apply_share_materials(LeverContext&);
bool apply_accept_missing(LeverContext&);
bool apply_agent(LeverContext&);
bool apply_no_application(LeverContext&);
bool apply_commitment(LeverContext&);
bool apply_compress_time(LeverContext&);
bool apply_build_while_approving(LeverContext&);
bool apply_tell_all_at_once(LeverContext&);
bool apply_pre_check(LeverContext&);

const std::vector<LeverParamInfo>& lever_params() {
    using P = LeverParam;
    using T = ParamType;
    static const std::vector<LeverParamInfo> table = {
        {P::steps, "steps", T::ids, "步骤"},
        {P::materials, "materials", T::ids, "材料"},
        {P::departments, "departments", T::ids, "部门"},
        {P::window_department, "window_department", T::id, "综合窗口部门"},
        {P::window_name, "window_name", T::text, "综合窗口名称"},
        {P::windows, "windows", T::count, "窗口数"},
        {P::factor, "factor", T::number, "压缩系数"},
    };
    return table;
}

const std::vector<LeverSpec>& lever_specs() {
    using K = LeverKind;
    using P = LeverParam;
    static const std::vector<LeverSpec> table = {
        {K::parallel, "parallel", "串联改并联", "serial to parallel",
         {{P::steps, 2}}, apply_parallel},
        {K::single_window, "single_window", "一窗受理", "one-window acceptance",
         {{P::departments, 1}, {P::window_department, 1}, {P::window_name, 0}, {P::windows, 0}},
         apply_single_window},
        {K::online, "online", "一网通办", "online services",
         {{P::steps, 0}}, apply_online},
        {K::share_materials, "share_materials", "数据共享", "data sharing",
         {{P::materials, 0}}, apply_share_materials},
        {K::accept_missing, "accept_missing", "容缺受理", "acceptance with missing papers",
         {{P::materials, 1}}, apply_accept_missing},
        {K::agent, "agent", "帮办代办", "agency service",
         {{P::steps, 0}}, apply_agent},
        {K::no_application, "no_application", "免申即享", "benefits without application",
         {{P::steps, 1}}, apply_no_application},
        {K::commitment, "commitment", "告知承诺制", "notification and commitment",
         {{P::materials, 1}}, apply_commitment},
        {K::compress_time, "compress_time", "压缩时限", "compressed time limits",
         {{P::steps, 0}, {P::factor, 0}}, apply_compress_time},
        {K::build_while_approving, "build_while_approving", "边建设边办理", "build while approving",
         {{P::steps, 1}}, apply_build_while_approving},
        {K::tell_all_at_once, "tell_all_at_once", "一次性告知", "tell everything missing at once",
         {{P::steps, 0}}, apply_tell_all_at_once},
        {K::pre_check, "pre_check", "材料预审", "pre-check of materials",
         {{P::steps, 0}, {P::factor, 1}}, apply_pre_check},
    };
    return table;
}

const LeverParamInfo& lever_param(LeverParam p) { return lever_params()[static_cast<std::size_t>(p)]; }

const char* to_string(ParamType t) {
    switch (t) {
        case ParamType::ids: return "ids";
        case ParamType::id: return "id";
        case ParamType::text: return "text";
        case ParamType::count: return "count";
        case ParamType::number: return "number";
    }
    return "?";
}

std::size_t given_count(const Lever& l, LeverParam p) {
    auto distinct = [](std::vector<std::string> xs) {
        std::sort(xs.begin(), xs.end());
        return static_cast<std::size_t>(std::unique(xs.begin(), xs.end()) - xs.begin());
    };
    switch (p) {
        case LeverParam::steps: return distinct(l.steps);
        case LeverParam::materials: return distinct(l.materials);
        case LeverParam::departments: return distinct(l.departments);
        case LeverParam::window_department: return l.window_department.empty() ? 0 : 1;
        case LeverParam::window_name: return l.window_name.empty() ? 0 : 1;
        case LeverParam::windows: return l.windows != 0 ? 1 : 0;
        case LeverParam::factor: return l.factor != 1 ? 1 : 0;
    }
    return 0;
}

const LeverParamUse* LeverSpec::use(LeverParam p) const {
    for (const auto& u : params)
        if (u.param == p) return &u;
    return nullptr;
}

const LeverSpec& lever_spec(LeverKind kind) { return lever_specs()[static_cast<std::size_t>(kind)]; }

const LeverSpec* find_lever_spec(const std::string& key) {
    for (const auto& s : lever_specs())
        if (key == s.key) return &s;
    return nullptr;
}

}  // namespace peizou
