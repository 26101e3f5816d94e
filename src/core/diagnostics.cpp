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
    {Diag::lever_windows_negative, "窗口数不能为负",
     "windows must not be negative"},
    {Diag::lever_unknown_department, "未知部门 \"{0}\"",
     "unknown department \"{0}\""},
    {Diag::lever_nothing_to_merge, "没有要并入综合窗口的部门",
     "no department to merge into the window"},
    {Diag::lever_window_exists, "综合窗口 \"{0}\" 已存在，不能再设定窗口数",
     "window department \"{0}\" exists; windows cannot be set"},
    {Diag::lever_unknown_step, "未知步骤 \"{0}\"（该方案中不存在，或已被前面的举措移除）",
     "unknown step \"{0}\" (not in this variant, or removed by an earlier lever)"},
    {Diag::lever_unknown_material, "未知材料 \"{0}\"",
     "unknown material \"{0}\""},
    {Diag::lever_online_not_citizen, "步骤 \"{0}\" 是{1}环节，不是办事人办理的环节，不能改为网办",
     "step \"{0}\" is a {1} step, not one the citizen does; it cannot go online"},
    {Diag::lever_agent_no_trip, "步骤 \"{0}\" 是{1}环节，办事人不用跑，无需帮办代办",
     "step \"{0}\" is a {1} step with no trip; an agent has nothing to do"},
    {Diag::lever_compress_factor, "压缩系数须在 0 与 1 之间（0 < factor ≤ 1），现为 {0}",
     "factor must be in (0, 1], got {0}"},
    {Diag::lever_no_papers, "步骤 \"{0}\" 是{1}环节，不收办事人的材料，无需{2}",
     "step \"{0}\" is a {1} step that takes no papers from the citizen; there is nothing to {2}"},
    {Diag::lever_pre_check_factor, "预审后保留的退回比例须在 0 与 1 之间（0 < factor < 1），现为 {0}",
     "factor (the share of rejections left after the pre-check) must be in (0, 1), got {0}"},
    {Diag::lever_unused_parameter, "举措「{0}」不使用参数 {1}",
     "lever {0} does not use the parameter {1}"},
    {Diag::lever_too_few, "{0}至少需要 {1} 个{2}",
     "{0} needs at least {1} {2}"},
    {Diag::lever_needs_list, "需要列出{0}（{1}）",
     "needs a list of {1}"},
    {Diag::lever_needs_id, "需要{0} id（{1}）",
     "needs {1}"},
    {Diag::lever_in_list, "第 {0} 项举措（{1}）：{2}",
     "lever {0} ({1}): {2}"},
    {Diag::lever_from_cycle, "方案的 from 形成循环",
     "variants derive from each other in a cycle"},
    {Diag::lever_base_failed, "基础方案 \"{0}\" 无法生成",
     "base variant \"{0}\" failed"},
    {Diag::shapley_no_variant, "没有方案「{0}」",
     "no variant \"{0}\""},
    {Diag::shapley_written_out, "方案「{0}」是直接写出的，不是由改革举措生成的，无法按举措分解",
     "variant \"{0}\" is written out, not derived with levers: nothing to attribute"},
    {Diag::shapley_no_base, "没有基础方案「{0}」",
     "no base variant \"{0}\""},
    {Diag::shapley_too_many_levers, "举措有 {0} 项，最多分解 {1} 项（2^k 次模拟）",
     "{0} levers; at most {1} can be attributed (2^k simulations)"},
    {Diag::replay_start_uncovered, "记录的开始日期不在日历的节假日数据所覆盖的年份内",
     "the record's start date lies outside the years the calendar's holiday data covers"},
    {Diag::replay_no_variant, "场景中没有方案 {0}",
     "no variant {0} in the scenario"},
    {Diag::replay_record_short, "记录在第 {0} 个选择处结束，流程尚未办完",
     "the record ends at choice {0} before the walk does"},
    {Diag::replay_choice_refused, "第 {0} 个选择无效：{1}",
     "choice {0} is refused: {1}"},
    {Diag::replay_record_long, "流程在第 {0} 个选择后已结束，记录却还有 {1} 个选择",
     "the walk ends after choice {0} but the record has {1} more choices"},
    {Diag::replay_unfinished, "未能办结：{0}",
     "the walk did not finish"},
    // words
    {Diag::word_place, "地点", "place"},
    {Diag::word_department, "部门", "department"},
    {Diag::word_material, "材料", "material"},
    {Diag::word_step, "步骤", "step"},
    {Diag::word_branch, "分支", "branch"},
    {Diag::word_option, "选项", "option"},
    {Diag::word_variant, "方案", "variant"},
    {Diag::word_sources, "来源", "sources"},
    {Diag::word_places, "地点", "places"},
    {Diag::word_departments, "部门", "departments"},
    {Diag::word_materials, "材料", "materials"},
    {Diag::word_levers, "改革举措", "levers"},
    {Diag::word_steps, "步骤", "steps"},
    {Diag::word_branches, "分支", "branches"},
    {Diag::word_options, "选项", "options"},
    {Diag::word_variants, "方案", "variants"},
    {Diag::type_object, "对象 {…}", "an object {…}"},
    {Diag::type_array, "数组 […]", "an array […]"},
    {Diag::type_string, "字符串", "a string"},
    {Diag::type_boolean, " true 或 false", "true or false"},
    {Diag::type_number, "数字", "a number"},
    {Diag::type_integer, "整数", "an integer"},
    {Diag::type_duration, "数字（分钟）或时长对象 {\"dist\": …}",
     "a number (minutes) or a duration object {\"dist\": …}"},
    // reading a scenario file
    {Diag::file_wrong_type, "类型错误：应为{0}", "wrong type: expected {0}"},
    {Diag::file_unknown_field, "未知字段 {0}", "unknown field {0}"},
    {Diag::file_did_you_mean, "，是否想写 {0}？", "; did you mean {0}?"},
    {Diag::file_missing_field, "缺少必填字段 \"{0}\"", "missing required field \"{0}\""},
    {Diag::file_field_empty, "\"{0}\" 不能为空", "\"{0}\" must not be empty"},
    {Diag::file_number_out_of_range, "数值超出范围", "number out of range"},
    {Diag::file_negative, "不能为负数：{0}", "must not be negative: {0}"},
    {Diag::file_out_of_range, "取值 {0} 不合理（应在 {1} 到 {2} 之间）",
     "value {0} is out of range (expected {1} to {2})"},
    {Diag::file_id_empty, "标识不能为空", "id must not be empty"},
    {Diag::file_listed_twice, "重复列出 {0}", "{0} is listed twice"},
    {Diag::file_unknown_value, "未知的取值 {0}（可选：{1}）", "unknown value {0} (one of: {1})"},
    {Diag::file_too_many, "{0}过多：{1} 个（上限 {2}）", "too many {0}: {1} (limit {2})"},
    {Diag::file_format_unsupported, "不支持的格式版本 {0}（应为 \"{1}\"）",
     "unsupported format version {0} (expected \"{1}\")"},
    {Diag::file_start_invalid, "开始时间 {0} 无法识别（格式 \"2025-09-29T09:00\"，1970–2200 年的有效日期）",
     "start {0} is not a valid date-time (format \"2025-09-29T09:00\", years 1970–2200)"},
    {Diag::file_arrivals_too_few,
     "每个工作日到达 {0} 人太少：至少 0.01（平均每 100 个工作日一人）。"
     "更少时本流程的办事人从不在窗口相遇，这个数只会把到达推向 20 年模拟时长之外"
     "（极小的值还会让到达时刻溢出、模拟停不下来）",
     "arrivals_per_working_day {0} is too small: at least 0.01 (one "
     "citizen per 100 working days on average). Below that, this process's "
     "citizens never meet at a window and the rate only pushes arrivals past "
     "the 20-year horizon (tiny values overflow the arrival times or never end)"},
    {Diag::file_missing_before, "缺少改革前方案 \"before\"", "missing the \"before\" variant"},
    {Diag::file_variant_id_empty, "方案标识不能为空", "variant id must not be empty"},
    {Diag::file_dist_parameter, "字段 {0} 不是 {1} 分布的参数（应为：{2}）",
     "field {0} is not a parameter of dist \"{1}\" (expected: {2})"},
    {Diag::file_mode_outside, "众数应在 low 与 high 之间", "mode must lie between low and high"},
    {Diag::file_lognormal_mean_zero, "对数正态分布的均值必须大于 0", "a lognormal mean must be greater than 0"},
    {Diag::file_lognormal_too_wide,
     "对数正态分布的标准差 {0} 超过均值 {1} 的 10 倍（变异系数上限 10）："
     "离散度再大，抽到的时长可达数十年，甚至超出整数秒的范围",
     "a lognormal sd of {0} is more than 10 times its mean {1} (coefficient of variation "
     "at most 10): wider spreads draw durations of decades and beyond the range of whole seconds"},
    {Diag::file_weights_length, "values 与 weights 应等长且不为空",
     "values and weights must be non-empty and of equal length"},
    {Diag::file_weights_sum, "权重之和必须大于 0", "the weights must sum to more than 0"},
    {Diag::file_low_above_high, "下限 low 大于上限 high", "low is greater than high"},
    {Diag::file_office_hours_empty, "办公时间不能为空", "office hours must not be empty"},
    {Diag::file_office_interval_form, "办公时段应写成 [\"09:00\", \"12:00\"]",
     "an office-hours interval is written [\"09:00\", \"12:00\"]"},
    {Diag::file_clock_malformed, "时刻 {0} 格式错误（应为 HH:MM，00:00–24:00）",
     "time {0} is malformed (expected HH:MM, 00:00–24:00)"},
    {Diag::file_office_open_after_close, "开始时刻应早于结束时刻",
     "the opening time must be before the closing time"},
    {Diag::file_office_order, "办公时段应按时间顺序排列且互不重叠",
     "office-hours intervals must be in order and must not overlap"},
    {Diag::file_office_too_many, "办公时段过多（上限 {0}）", "too many intervals (limit {0})"},
    {Diag::file_source_unnamed, "来源既无 seed 也无 citation", "a source has neither seed nor citation"},
    {Diag::file_by_hour_count, "by_hour 应有 24 个数（每小时一个）", "by_hour must have 24 numbers (one per hour)"},
    {Diag::file_derived_writes, "派生方案（有 \"from\"）的 \"{0}\" 由改革举措生成，不能直接填写",
     "a derived variant (with \"from\") gets its \"{0}\" from its levers; do not write them"},
    {Diag::file_levers_need_from, "\"levers\" 需要同时写明 \"from\"（从哪个方案派生）",
     "\"levers\" needs \"from\" (the variant they apply to)"},
    {Diag::file_variant_no_steps, "方案没有任何步骤", "the variant has no steps"},
    {Diag::file_step_id_reserved,
     "步骤标识 {0} 是陪走时的保留选项（wait 等审查结果、home 回家），会与之混淆，请换一个标识",
     "step id {0} is reserved: the walkthrough offers it as an option (wait for a "
     "review, go home), so the step could never be chosen; use another id"},
    {Diag::file_rework_certain, "补正概率必须小于 1（否则永远办不成）",
     "rework_probability must be below 1 (or the step never completes)"},
    {Diag::file_lever_factor, "压缩系数须在 0 与 1 之间（0 < factor ≤ 1，压缩时限只会缩短时间），现为 {0}",
     "factor must be in (0, 1] (compress_time only shortens times), got {0}"},
    {Diag::file_lever_unused_field, "举措 {0} 不使用字段 {1}（它读取：{2}）",
     "lever kind \"{0}\" does not use field {1} (it reads: {2})"},
    {Diag::file_lever_needs_count, "举措 {0} 至少需要 {1} 个 {2}", "lever kind \"{0}\" needs at least {1} {2}"},
    {Diag::file_lever_needs_field, "举措 {0} 需要 \"{1}\"（{2}）", "lever kind \"{0}\" needs \"{1}\""},
    // checking a scenario's model
    {Diag::check_unknown_id, "未知{0} {1}", "unknown {0} {1}"},
    {Diag::check_duplicate_id, "重复的{0}标识 {1}（第 {2} 个已使用）",
     "duplicate {0} id {1} (already used by number {2})"},
    {Diag::check_after_levers, "应用改革举措后：", "after applying the levers: "},
    {Diag::check_after_itself, "步骤 {0} 不能在自己之后", "step {0} cannot come after itself"},
    {Diag::check_branch_no_options, "分支没有选项", "the branch has no options"},
    {Diag::check_branch_single_option, "分支只有一个选项，算不上选择",
     "the branch has a single option: nothing to choose"},
    {Diag::check_step_in_two_options, "步骤 {0} 同时属于分支选项 {1} 和 {2}",
     "step {0} belongs to both branch options {1} and {2}"},
    {Diag::check_probabilities_sum, "各选项概率之和为 {0}，应为 1", "the option probabilities sum to {0}, not 1"},
    {Diag::check_dependency_cycle, "依赖关系成环：{0}（每一步都要等下一步完成；[x] 表示等材料 x）",
     "dependency cycle: {0} (each waits for the next; [x] waits for material x)"},
    {Diag::check_step_never_starts, "步骤 {0} 永远无法开始：它在依赖环中或要等待成环的步骤",
     "step {0} can never start: it is in or waits for a dependency cycle"},
    {Diag::check_no_window, "部门 {0} 没有窗口（windows 为 0），无法办理 {1} 步骤 {2}",
     "department {0} has no window (windows is 0) for {1} step {2}"},
    {Diag::check_only_online, "；只能网上办理", "; it can only be done online"},
    {Diag::check_no_online, "部门 {0} 没有网上渠道（online 为 false），无法办理网上步骤 {1}",
     "department {0} has no online channel (online is false) for online step {1}"},
    {Diag::check_material_never,
     "材料 {0} 从未可得：开始时不在手中（held_at_start），本方案也没有其他步骤产出它",
     "material {0} is never available: not held at the start and produced by no other step of this variant"},
    {Diag::check_non_essential_stuck, "（非必需材料：可容缺受理，但永远无法补交，办事人将卡住）",
     " (non-essential: accepted as missing, but it can never be supplied, so the case gets stuck)"},
    {Diag::check_material_in_option, "材料 {0} 只在分支选项 {1} 被选中时才会产出",
     "material {0} is only produced when branch option {1} is taken"},
    {Diag::check_otherwise_never, "；选了其他选项，步骤 {0} 将无法办成", "; otherwise step {0} can never be completed"},
    {Diag::check_otherwise_stuck, "；选了其他选项，步骤 {0} 可容缺受理，但材料无法补交，办事人将卡住（非必需材料）",
     "; otherwise step {0} is accepted without it but, never supplied, cannot complete (non-essential)"},
    {Diag::check_exclusive_wait,
     "步骤 {0}（选项 {1}）等待的步骤 {2} 属于同一分支的另一选项 {3}，二者不会同时办理，这一等待没有作用",
     "step {0} (option {1}) waits for {2} of option {3} of the same branch; they never both run, so the wait "
     "has no effect"},
    {Diag::check_before_derived, "改革前方案 \"before\" 必须完整写出步骤，不能派生",
     "the \"before\" variant must be written out, not derived"},
    {Diag::check_from_circular, "方案的派生关系成环（from 链条回到自身）", "the variants' \"from\" chain is circular"},
    {Diag::check_lever_cannot_apply, "改革举措无法应用：{0}", "the lever cannot be applied: {0}"},
    {Diag::check_levers_cannot_apply, "改革举措无法应用：{0}", "the levers cannot be applied: {0}"},
    {Diag::check_no_home, "缺少 id 为 \"home\" 的地点（群众的家或企业）",
     "no place with id \"home\" (the citizen's home or company)"},
    // loading a scenario file's text
    {Diag::load_duplicate_key, "同一对象中字段 {0} 出现了不止一次", "field {0} appears more than once in the same object"},
    {Diag::load_utf16, "文件是 UTF-16（{0}）编码，已转换为 UTF-8 读取", "the file is UTF-16 ({0}), read as UTF-8"},
    {Diag::load_utf16_save, "；请另存为 UTF-8", "; please save it as UTF-8"},
    {Diag::load_utf16_damaged, "，但其中有不成对的代理项（文件已损坏？）", ", but it has unpaired surrogates (damaged?)"},
    {Diag::word_little_endian, "小端", "little-endian"},
    {Diag::word_big_endian, "大端", "big-endian"},
    {Diag::load_too_large, "文件过大：{0} 字节（上限 {1} 字节）", "file too large: {2} (limit {3})"},
    {Diag::load_too_deep, "嵌套层数超过上限 {0}", "nesting deeper than the limit of {0}"},
    {Diag::load_too_wide, "一个对象中的字段超过上限 {0} 个", "more than {0} fields in one object"},
    {Diag::load_syntax, "JSON 语法错误：{0}", "JSON syntax error: {0}"},
    {Diag::load_syntax_plain, "JSON 语法错误", "JSON syntax error"},
    {Diag::load_more_issues, "还有 {0} 个问题未列出（共 {1} 个错误、{2} 个警告）",
     "{0} more problems not listed ({1} errors and {2} warnings in all)"},
    {Diag::load_warning, "警告：", "warning: "},
};
constexpr std::size_t kCount = static_cast<std::size_t>(Diag::count_);
static_assert(sizeof(kDiagnostics) / sizeof(kDiagnostics[0]) == kCount, "one entry per Diag");
constexpr bool in_order() {
    for (std::size_t i = 0; i < kCount; ++i)
        if (static_cast<std::size_t>(kDiagnostics[i].code) != i) return false;
    return true;
}
static_assert(in_order(), "kDiagnostics rows in the order of Diag");

std::string fill(const char* pattern, DiagLanguage language, std::initializer_list<DiagArg> args) {
    std::string out;
    for (const char* p = pattern; *p; ++p) {
        if (p[0] == '{' && p[1] >= '0' && p[1] <= '9' && p[2] == '}') {
            const auto n = static_cast<std::size_t>(p[1] - '0');
            if (n < args.size()) {
                const DiagArg& a = *(args.begin() + n);
                out += language == DiagLanguage::zh ? a.zh : a.en;
            }
            p += 2;
        } else {
            out += *p;
        }
    }
    return out;
}

}  // namespace

DiagArg::DiagArg(Diag code) : zh(render(DiagLanguage::zh, code)), en(render(DiagLanguage::en, code)) {}

DiagArg DiagArg::per_language(std::string zh, std::string en) {
    DiagArg a;
    a.zh = std::move(zh);
    a.en = std::move(en);
    return a;
}

std::string render(DiagLanguage language, Diag code, std::initializer_list<DiagArg> args) {
    const Entry& e = kDiagnostics[static_cast<std::size_t>(code)];
    return fill(language == DiagLanguage::zh ? e.zh : e.en, language, args);
}

DiagText render_text(Diag code, std::initializer_list<DiagArg> args) {
    return {render(DiagLanguage::zh, code, args), render(DiagLanguage::en, code, args)};
}

std::string render_both(Diag code, std::initializer_list<DiagArg> args) {
    return render(DiagLanguage::en, code, args) + " / " + render(DiagLanguage::zh, code, args);
}

std::string render_both_zh_first(Diag code, std::initializer_list<DiagArg> args) {
    return render(DiagLanguage::zh, code, args) + " / " + render(DiagLanguage::en, code, args);
}

}  // namespace peizou
