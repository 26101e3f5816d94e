#include "diagnostics.hpp"

#include <cstddef>

namespace peizou {
namespace {

struct Entry {
    Diag code;
    const char* zh;
    const char* en;
};

constexpr Entry kDiagnostics[] = {
    {Diag::stuck_owed_never_supplied, "容缺受理的材料《{1}》始终无法补交",
     "a material accepted as missing can never be supplied: {0}"},
    {Diag::stuck_no_step_can_run, "没有可以办理的环节：前置环节或分支条件始终不满足",
     "no step can run: dependencies or branch never satisfied"},
    {Diag::stuck_material_unobtainable, "所需材料《{1}》无法取得", "material never obtainable: {0}"},
    {Diag::stuck_rejected_too_often, "「{2}」已被退回 {0} 次，仍未受理", "rejected {0} times: {1}"},
    {Diag::stuck_beyond_horizon, "模拟满 20 年仍未办结", "beyond the 20-year horizon"},
    {Diag::stuck_budget_spent, "计算量超出上限，模拟提前结束", "run cut short: work budget of {0} units spent"},
    {Diag::no_office_time, "开始后一年内没有办公时间，办事人无法到达",
     "no office time within a year of the start: no citizen can arrive"},
    {Diag::warn_dates_uncovered, "超出节假日数据覆盖年份，仅按周末计算", "dates outside the holiday data: weekends only"},
    {Diag::warn_budget_spent, "计算量超出上限（{1} 个单位），模拟提前结束，结果只含已办完的办事人",
     "run cut short after {0} events (work budget of {1} units spent): results cover only the citizens who "
     "finished"},
    {Diag::warn_odd_draws, "{0} 次时长抽样为 NaN 或超过其单位的 10^10 倍：NaN 按 0 计，其余截断为 2^50 秒",
     "{0} duration draws were NaN or beyond 10^10 of their unit: NaN counted as 0, the rest capped at 2^50 s"},
    {Diag::warn_odd_rates, "背景到达率不是有限数：该来源（或该小时）没有到达",
     "a background rate is not a finite number: that stream (or hour) has no arrivals"},
    {Diag::answer_no_decision, "现在没有需要做的选择", "there is no decision to make now"},
    {Diag::answer_other_kind, "现在要回答的是 {0}", "the pending decision is {0}"},
    {Diag::answer_not_held, "手里没有这份材料：{0}", "not holding material: {0}"},
    {Diag::answer_not_an_option, "不是可选项：{0}", "not one of the options: {0}"},
    {Diag::lever_unknown_base, "未知的基础方案 \"{0}\"", "unknown base variant \"{0}\""},
};
constexpr std::size_t kCount = static_cast<std::size_t>(Diag::count_);
static_assert(sizeof(kDiagnostics) / sizeof(kDiagnostics[0]) == kCount, "one entry per Diag");
constexpr bool in_order() {
    for (std::size_t i = 0; i < kCount; ++i)
        if (static_cast<std::size_t>(kDiagnostics[i].code) != i) return false;
    return true;
}
static_assert(in_order(), "kDiagnostics rows in the order of Diag");

std::string fill(const char* pattern, std::initializer_list<std::string> args) {
    std::string out;
    for (const char* p = pattern; *p; ++p) {
        if (p[0] == '{' && p[1] >= '0' && p[1] <= '9' && p[2] == '}') {
            const auto n = static_cast<std::size_t>(p[1] - '0');
            if (n < args.size()) out += *(args.begin() + n);
            p += 2;
        } else {
            out += *p;
        }
    }
    return out;
}

}  // namespace

std::string render(DiagLanguage language, Diag code, std::initializer_list<std::string> args) {
    const Entry& e = kDiagnostics[static_cast<std::size_t>(code)];
    return fill(language == DiagLanguage::zh ? e.zh : e.en, args);
}

std::string render_both(Diag code, std::initializer_list<std::string> args) {
    return render(DiagLanguage::en, code, args) + " / " + render(DiagLanguage::zh, code, args);
}

std::string render_both_zh_first(Diag code, std::initializer_list<std::string> args) {
    return render(DiagLanguage::zh, code, args) + " / " + render(DiagLanguage::en, code, args);
}

}  // namespace peizou
