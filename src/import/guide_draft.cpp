// A service guide → a draft scenario.
#include <cmath>

#include "guide.hpp"
#include "office_hours_text.hpp"

namespace peizou::import {

bool guide_truthy(const std::string& raw, bool fallback) {
    const std::string t = halfwidth(raw);
    for (const char* no : {"非必要", "非必须", "不需要", "容缺", "可选", "选填", "否", "无"})
        if (t.find(no) != std::string::npos) return false;
    for (const char* yes : {"必要", "必须", "必需", "是", "有", "收费"})
        if (t.find(yes) != std::string::npos) return true;
    if (t == "1" || t == "true" || t == "Y" || t == "y" || t == "yes") return true;
    if (t == "0" || t == "false" || t == "N" || t == "n" || t == "no") return false;
    return fallback;
}

namespace {
std::string fmt(double v) {
    if (v == std::floor(v)) return std::to_string(static_cast<long long>(v));
    std::string s = std::to_string(v);
    while (!s.empty() && s.back() == '0') s.pop_back();
    return s;
}

// A time limit ("20", "20个工作日", "30 自然日" + its type field) in working days.
// Calendar days become ⌈days × 5 / 7⌉ working days, reported as approximated.
int limit_days(const GuideField& days, const GuideField& type, const char* what_zh,
               const char* what_en, ImportResult& r) {
    if (!days.given) return 0;
    double v = 0;
    if (!first_number(days.value, v) || v < 0 || v > 750) {
        r.add(Mapping::ignored, what_en, days.location, std::string("读不出") + what_zh + "的天数：" + days.value,
              std::string("no number of days in the ") + what_en + ": " + days.value);
        return 0;
    }
    const std::string unit = days.value + " " + type.value;
    const bool calendar = unit.find("自然日") != std::string::npos ||
                          (unit.find("工作日") == std::string::npos &&
                           (unit.find("天") != std::string::npos || unit.find("日") != std::string::npos));
    int n = static_cast<int>(std::ceil(v));
    if (calendar) {
        n = static_cast<int>(std::ceil(v * 5 / 7));
        r.add(Mapping::approximated, what_en, days.location,
              std::string(what_zh) + fmt(v) + " 个自然日按 " + std::to_string(n) + " 个工作日计（×5/7，向上取整）",
              std::string(what_en) + " of " + fmt(v) + " calendar days taken as " + std::to_string(n) +
                  " working days (×5/7, rounded up)");
    } else {
        r.add(Mapping::mapped, what_en, days.location,
              std::string(what_zh) + " " + std::to_string(n) + " 个工作日",
              std::string(what_en) + " " + std::to_string(n) + " working days");
    }
    return n;
}
// A step of the guide's one department, after `after` (none when empty).
Step dept_step(const char* id, const char* name, const char* name_en, StepKind kind, double minutes,
               const std::string& after) {
    Step st;
    st.id = id;
    st.name = name;
    st.name_en = name_en;
    st.kind = kind;
    st.department = "dept";
    st.service = Duration::minutes(minutes);
    if (!after.empty()) st.after = {after};
    return st;
}
}  // namespace

void guide_draft(const Guide& g, ImportResult& r) {
    Scenario& s = r.draft;
    s.id = make_id(g.task_code.value, "guide");
    s.title = g.task_name.value;
    r.add(Mapping::mapped, "task_name", g.task_name.location, "场景标题", "the scenario's title");
    s.illustrative = true;
    Source src;
    const std::string guide_name = "办事指南：" + g.task_name.value +
                                   (g.task_code.given ? "（事项编码 " + g.task_code.value + "）" : std::string());
    // The published page, when the guide names it, is the citation (its URL); else the guide's name.
    src.citation = g.url.given ? g.url.value : guide_name;
    if (g.url.given)
        r.add(Mapping::mapped, "source_url", g.url.location, "来源的出处（网址）", "the source's citation (its URL)");
    if (g.task_code.given)
        r.add(Mapping::mapped, "task_code", g.task_code.location, "场景标识和来源", "the scenario's id and source");

    s.start = default_start();
    r.assume("start", "", "出发时间取 2025-09-01（星期一）9:00", "the citizen sets out on Monday 2025-09-01 at 9:00");
    s.arrivals_per_working_day = 10;
    r.assume("arrivals_per_working_day", "", "每个工作日 10 名办事人", "10 citizens per working day");

    // Office hours.
    s.calendar_mode = CalendarMode::working_days;
    const OfficeHoursText oh = g.time.given ? parse_office_hours(g.time.value) : OfficeHoursText{};
    if (oh.found) {
        s.office_hours = oh.hours;
        if (oh.dropped || oh.weekend)
            r.add(Mapping::approximated, "transact_time", g.time.location,
                  std::string("办理时间取第一组工作日时段") + (oh.weekend ? "；周末或节假日办理未建模" : ""),
                  std::string("office hours: the first set of working-day hours") +
                      (oh.weekend ? "; weekend or holiday opening not modelled" : ""));
        else
            r.add(Mapping::mapped, "transact_time", g.time.location, "工作日办理时间", "office hours on working days");
    } else {
        r.assume("transact_time", g.time.location,
                 "办理时间未写明或读不出，取工作日 9:00–12:00、13:30–17:00",
                 "office hours not given or not readable: working days 9:00–12:00, 13:30–17:00");
    }

    // Places and the department.
    s.places.push_back({"home", "申请人住所", "Applicant's home", 0});
    Place hall{"hall", g.addr.given ? g.addr.value : "政务服务大厅", "Service hall", 30};
    s.places.push_back(hall);
    if (g.addr.given) r.add(Mapping::mapped, "transact_addr", g.addr.location, "办理地点", "the place of the hall");
    r.assume("travel_minutes", g.addr.location, "从住所到办理地点单程 30 分钟", "30 minutes one way from home to the hall");

    Department d;
    d.id = "dept";
    d.name = g.dept_name.given ? g.dept_name.value : "受理部门";
    d.place = "hall";
    if (g.dept_name.given) r.add(Mapping::mapped, "dept_name", g.dept_name.location, "部门", "the department");
    double windows = 0;
    if (g.windows.given && first_number(g.windows.value, windows) && windows >= 1 && windows <= 1000) {
        d.windows = static_cast<int>(windows);
        r.add(Mapping::mapped, "windows", g.windows.location, "窗口数", "window count");
    } else {
        d.windows = 1;
        r.assume("windows", g.windows.location, "受理窗口 1 个", "one window");
    }
    const bool online = g.online.given && guide_truthy(g.online.value, false);
    d.online = online;
    if (g.online.given)
        r.add(Mapping::mapped, "is_online", g.online.location, online ? "可网上办理：申请步骤可在线办理，另加“网上办理”方案" : "不可网上办理",
              online ? "can be done online: the application may be online, and an \"online\" variant" : "not online");
    s.departments.push_back(d);

    // Materials.
    Step apply = dept_step("apply", "窗口申请受理", "Application at the window", StepKind::window, 20, "");
    apply.online_allowed = online;
    r.assume("service", "", "窗口受理用时 20 分钟", "20 minutes at the window");
    int index = 0;
    for (const auto& gm : g.materials) {
        if (!gm.name.given) continue;
        Material m;
        m.id = "m" + std::to_string(++index);
        m.name = gm.name.value;
        m.held_at_start = true;
        m.essential = !gm.need.given || guide_truthy(gm.need.value, true);
        if (gm.source.given) m.obtain_hint = gm.source.value;
        s.materials.push_back(m);
        apply.needs.push_back(m.id);
        r.add(Mapping::mapped, gm.name.value, gm.location,
              m.essential ? "材料（必要），申请时提交" : "材料（非必要：可容缺），申请时提交",
              m.essential ? "material (necessary), handed in at the application"
                          : "material (optional: non-essential), handed in at the application");
        for (const GuideField* f : {&gm.form, &gm.pages, &gm.originals, &gm.copies})
            if (f->given)
                r.add(Mapping::ignored, gm.name.value, f->location, "材料形式和份数不影响办理时间，未建模",
                      "the form and number of copies do not change the times modelled");
    }
    if (index) r.assume("held_at_start", "", "申请人出发前已备齐指南所列材料", "the citizen has every listed material before setting out");

    // Fees.
    const bool fee = g.is_fee.given && guide_truthy(g.is_fee.value, false);
    double yuan = 0;
    if (fee && g.fee.given && first_number(g.fee.value, yuan)) {
        apply.fee_yuan = yuan;
        r.add(Mapping::approximated, "fee", g.fee.location, "收费取收费标准中的第一个金额 " + fmt(yuan) + " 元",
              "fee: the first amount in the standard, " + fmt(yuan) + " yuan");
    } else if (fee) {
        r.add(Mapping::approximated, "is_fee", g.is_fee.location, "收费但读不出金额，按 0 元计",
              "a fee is charged but no amount is readable: 0 yuan");
    } else if (g.is_fee.given) {
        r.add(Mapping::mapped, "is_fee", g.is_fee.location, "不收费", "no fee");
    }

    // Time limits and the review.
    const int legal = limit_days(g.legal, g.legal_type, "法定办结时限", "legal time limit", r);
    const int promise = limit_days(g.promise, g.promise_type, "承诺办结时限", "promised time limit", r);
    Material result{"result", g.task_name.value + "办理结果", "Result", false, true, false, "", true};
    s.materials.push_back(result);
    std::vector<Step> steps{apply};
    const int basis = promise ? promise : legal;
    if (basis > 0) {
        Step review = dept_step("review", "审查决定", "Review and decision", StepKind::review, 0, "apply");
        review.review.dist = DistKind::uniform;
        review.review.unit = TimeUnit::working_days;
        review.review.low = basis / 2.0;
        review.review.high = basis;
        review.legal_limit_days = legal;
        review.promised_limit_days = promise;
        steps.push_back(review);
        r.assume("review", "", "审查用时在 " + fmt(basis / 2.0) + "–" + std::to_string(basis) + " 个工作日之间均匀分布（时限的一半到全部）",
                 "review takes uniformly " + fmt(basis / 2.0) + "–" + std::to_string(basis) + " working days (half the limit to all of it)");
    } else {
        steps[0].legal_limit_days = legal;
        steps[0].promised_limit_days = promise;
        r.add(Mapping::mapped, "promise_day", g.promise.location, "即办件：受理时当场办结", "done on the spot (即办件)");
    }
    // Delivery of the result.
    const std::string how = g.delivery.value;
    auto has = [&](const char* w) { return how.find(w) != std::string::npos; };
    Step* last = &steps.back();
    if (g.delivery.given && (has("领取") || has("窗口") || has("现场"))) {
        Step collect = dept_step("collect", "窗口领取结果", "Collect the result", StepKind::collect, 5, last->id);
        collect.produces = {"result"};
        steps.push_back(collect);
        r.add(Mapping::mapped, "result_delivery", g.delivery.location, "窗口领取：加一个领取步骤", "collected at the window: a collect step");
        r.assume("collect", "", "领取用时 5 分钟", "5 minutes to collect");
    } else if (g.delivery.given && (has("邮寄") || has("快递") || has("EMS"))) {
        Step mail = dept_step("mail", "邮寄送达", "Result by post", StepKind::mail, 0, last->id);
        mail.review = Duration::minutes(2);
        mail.review.unit = TimeUnit::calendar_days;
        mail.produces = {"result"};
        steps.push_back(mail);
        r.add(Mapping::mapped, "result_delivery", g.delivery.location, "邮寄送达：加一个邮寄步骤", "by post: a mail step");
        r.assume("mail", "", "邮寄 2 个自然日送达", "the post takes 2 calendar days");
    } else {
        last->produces = {"result"};
        if (g.delivery.given)
            r.add(Mapping::approximated, "result_delivery", g.delivery.location, "结果随审查完成送达（网上或电子送达）",
                  "the result is delivered when the review completes (online or electronic)");
    }

    // Counts and texts kept in words.
    if (g.scene_num.given) {
        double visits = 0;
        if (first_number(g.scene_num.value, visits) && visits >= 0 && visits <= 100 && visits == static_cast<int>(visits)) {
            r.draft.promised_trips = static_cast<int>(visits);
            r.add(Mapping::mapped, "limit_scene_num", g.scene_num.location,
                  "到办事现场次数 → promised_trips " + std::to_string(r.draft.promised_trips) + "（承诺兑现：跑动次数不超过它的群众占比）",
                  "on-site visits → promised_trips " + std::to_string(r.draft.promised_trips) +
                      " (promises kept: the share of citizens within it)");
        } else {
            r.add(Mapping::ignored, "limit_scene_num", g.scene_num.location, "到办事现场次数不是 0–100 的整数，未使用",
                  "the number of on-site visits is not a whole number 0–100, not used");
        }
    }
    if (g.flow.given)
        r.add(Mapping::ignored, "handle_flow", g.flow.location, "办理流程是文字，步骤按时限和送达方式起草",
              "the procedure is free text; the steps are drafted from the time limits and the delivery");
    if (g.link.given)
        r.add(Mapping::ignored, "link_way", g.link.location, "咨询方式不影响办理", "contact details do not change the process");

    std::string says;
    if (legal) says += "法定办结时限 " + std::to_string(legal) + " 个工作日；";
    if (promise) says += "承诺办结时限 " + std::to_string(promise) + " 个工作日；";
    if (g.scene_num.given) says += "到办事现场次数 " + g.scene_num.value + " 次；";
    if (g.time.given) says += "办理时间 " + halfwidth(g.time.value);
    src.says = (g.url.given ? guide_name + "；" : std::string()) + says;
    s.sources.push_back(src);
    s.summary = "由办事指南导入的草稿：" + says;

    Variant before;
    before.id = "before";
    before.title = "按办事指南";
    before.title_en = "As the guide says";
    before.steps = steps;
    s.variants.push_back(before);
    if (online) {
        Variant v;
        v.id = "online";
        v.title = "网上办理";
        v.title_en = "Online";
        v.from = "before";
        Lever l;
        l.kind = LeverKind::online;
        l.steps = {"apply"};
        v.levers.push_back(l);
        s.variants.push_back(v);
    }
    r.ok = true;
}

}  // namespace peizou::import
