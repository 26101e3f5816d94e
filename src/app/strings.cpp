// The UI string table: one enum (strings.hpp), one table kStrings[], one lookup tr().
// The rows of each screen area live in strings_*.inc (walkthrough, compare, library and
// My files, class, editor and graph), included here inside the table, so the compiler
// still checks that every Str has exactly one row. New rows go at the END of the table
// below (a block per helper), or into the area's file.
#include "strings.hpp"

#include <cstddef>
#include <cstdint>

namespace peizou::app {
namespace {

struct Entry {
    Str id;
    const char* zh;
    const char* en;
};

constexpr Entry kStrings[] = {
    {Str::app_name, "陪走 · 政务服务流程模拟", "Peizou · government service process simulator"},
    {Str::menu_view, "视图", "View"},
    {Str::menu_scale, "缩放", "Scale"},
    {Str::menu_language, "语言", "Language"},
    {Str::language_zh, "中文", "中文 (Chinese)"},
    {Str::language_en, "English（英文）", "English"},
    {Str::tab_library, "场景库", "Library"},
    {Str::tab_walkthrough, "走流程", "Walkthrough"},
    {Str::tab_compare, "对比", "Compare"},
    {Str::tab_presentation, "演示", "Presentation"},
    {Str::library_empty, "scenarios/ 目录中没有场景文件。", "No scenario files in scenarios/."},
    {Str::library_pick, "请在左侧选择一个场景。", "Select a scenario on the left."},
    {Str::library_failed, "无法加载", "failed to load"},
    {Str::library_file, "文件", "File"},
    {Str::library_summary, "简介", "Summary"},
    {Str::library_sources, "来源", "Sources"},
    {Str::library_seed, "依据材料", "Source report"},
    {Str::library_variants, "流程版本", "Variants"},
    {Str::library_illustrative, "示意性场景：以下为假设，并非出自来源。",
     "Illustrative scenario: the following are assumptions, not from a source."},
    {Str::library_assumptions, "假设", "Assumptions"},
    {Str::library_issues, "校验问题", "Validation issues"},
    {Str::library_error, "错误", "error"},
    {Str::library_warning, "警告", "warning"},
    {Str::library_count, "共 %d 个场景", "%d scenarios"},
    {Str::fonts_loading, "正在加载更多汉字……", "Loading more characters…"},
#include "strings_walkthrough.inc"
#include "strings_compare.inc"
#include "strings_library.inc"
#include "strings_class.inc"
#include "strings_editor.inc"
    // class debrief gaps: .zip, the comparison column (issue 18, helper scen3)
    {Str::cl_reason_unreadable, "未读取",
     "not read"},
    {Str::cl_side_before, "改革前",
     "Before:"},
    {Str::cl_side_after, "改革后",
     "Reformed:"},
    // imports on the page, BPMN download, 承诺兑现 (issue 16, helper import4)
    {Str::im_report_title, "导入报告",
     "Import report"},
    {Str::im_counts, "%s：%d 项已映射，%d 项近似，%d 项未使用，%d 项错误",
     "%s: %d mapped, %d approximated, %d ignored, %d errors"},
    {Str::im_mapped, "已映射",
     "mapped"},
    {Str::im_approximated, "近似",
     "approximated"},
    {Str::im_ignored, "未使用",
     "ignored"},
    {Str::im_error, "错误",
     "error"},
    {Str::im_failed, "未能导入：",
     "Could not import: "},
    {Str::im_download_bpmn, "下载 BPMN",
     "Download BPMN"},
    {Str::cmp_export_bpmn, "BPMN（最后一个方案）",
     "BPMN (last variant)"},
    {Str::cmp_rate_promised_limits, "承诺时限内办结",
     "Within promised limits"},
    {Str::cmp_rate_promised_trips, "跑动次数不超过承诺",
     "Within promised trips"},
    // editor: narrow layout, by_hour bars, lists, enum names, leave prompt (issue 15, helper editor4)
    {Str::ed4_tab_form, "表单", "Form"},
    {Str::ed4_tab_graph, "流程图与指标", "Graph & KPIs"},
    {Str::ed4_cal_working_days, "工作日（节假日与调休照办）", "Working days (holidays observed)"},
    {Str::ed4_cal_always_open, "全天候", "Always open (24/7)"},
    {Str::ed4_cal_calendar_days, "每天都是工作日", "Every day a working day"},
    {Str::ed4_kind_window, "窗口办理", "Window"},
    {Str::ed4_kind_online, "网上办理", "Online"},
    {Str::ed4_kind_review, "后台审查", "Review"},
    {Str::ed4_kind_inspection, "现场核查", "Inspection"},
    {Str::ed4_kind_payment, "缴费", "Payment"},
    {Str::ed4_kind_collect, "领取", "Collect"},
    {Str::ed4_kind_mail, "邮寄", "Mail"},
    {Str::ed4_chooser_citizen, "群众选择", "Citizen chooses"},
    {Str::ed4_chooser_chance, "按概率", "By chance"},
    {Str::ed4_dist_fixed, "固定值", "Fixed"},
    {Str::ed4_dist_uniform, "均匀分布", "Uniform"},
    {Str::ed4_dist_triangular, "三角分布", "Triangular"},
    {Str::ed4_dist_exponential, "指数分布", "Exponential"},
    {Str::ed4_dist_normal, "正态分布", "Normal"},
    {Str::ed4_dist_lognormal, "对数正态分布", "Lognormal"},
    {Str::ed4_dist_empirical, "经验分布", "Empirical"},
    {Str::ed4_unit_minutes, "分钟", "minutes"},
    {Str::ed4_unit_hours, "小时", "hours"},
    {Str::ed4_unit_working_days, "工作日", "working days"},
    {Str::ed4_unit_calendar_days, "自然日", "calendar days"},
    {Str::ed4_by_hour, "按小时（0–23 时，拖动柱子）", "By hour (0–23, drag a bar)"},
    {Str::ed4_by_hour_start, "按小时设定", "Set per hour"},
    {Str::ed4_by_hour_clear, "改回每小时同一值", "Back to one rate"},
    {Str::ed4_by_hour_tip, "%d 时：每小时 %.1f 人", "%d:00: %.1f an hour"},
    {Str::ed4_sources, "来源", "Sources"},
    {Str::ed4_assumptions, "假设", "Assumptions"},
    {Str::ed4_citation, "出处", "Citation"},
    {Str::ed4_says, "所述", "What it says"},
    {Str::ed4_seed, "种子文件", "Seed file"},
    {Str::ed4_add_source, "添加来源", "Add a source"},
    {Str::ed4_add_assumption, "添加假设", "Add an assumption"},
    {Str::ed4_values, "取值", "Values"},
    {Str::ed4_weights, "权重", "Weights"},
};
constexpr std::size_t kCount = static_cast<std::size_t>(Str::count_);
static_assert(sizeof(kStrings) / sizeof(kStrings[0]) == kCount, "one entry per Str");

// Where each Str's row is, computed at compile time: rows may sit in any order (helpers
// append blocks in parallel), but each Str has exactly one, so tr() is one index.
struct Positions {
    std::uint16_t row[kCount] = {};
    bool each_once = true;
};
constexpr Positions positions() {
    Positions p;
    bool seen[kCount] = {};
    for (std::size_t i = 0; i < kCount; ++i) {
        const auto id = static_cast<std::size_t>(kStrings[i].id);
        if (seen[id]) p.each_once = false;
        seen[id] = true;
        p.row[id] = static_cast<std::uint16_t>(i);
    }
    return p;
}
constexpr Positions kPositions = positions();
static_assert(kPositions.each_once, "every Str has exactly one row in kStrings");
static_assert(kCount < 65536);

}  // namespace

const char* tr(Language language, Str id) {
    const auto i = static_cast<std::size_t>(id);
    if (i >= kCount) return "?";
    const Entry& e = kStrings[kPositions.row[i]];
    return language == Language::zh ? e.zh : e.en;
}

void for_each_string(void (*fn)(const char* text, void* user), void* user) {
    for (const Entry& e : kStrings) {
        fn(e.zh, user);
        fn(e.en, user);
    }
}

}  // namespace peizou::app
