// The built-in scenarios against the texts of the laws they model (issue 22). Each
// test quotes the article it checks, as found and cited in the scenario's `sources`;
// the oracle is that text, not the program's own output.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/engine.hpp"
#include "core/measures.hpp"
#include "scenario/scenario_io.hpp"
#include "builtin_scenario.hpp"

using namespace peizou;

namespace {

using test::load_builtin;

const Step* find(const Variant& v, const std::string& id) {
    for (const auto& s : v.steps)
        if (s.id == id) return &s;
    return nullptr;
}

const Step& step(const Variant& v, const std::string& id) {
    const Step* s = find(v, id);
    INFO(v.id << " / " << id);
    REQUIRE(s != nullptr);
    return *s;
}

bool has(const std::vector<std::string>& list, const std::string& x) {
    return std::find(list.begin(), list.end(), x) != list.end();
}

// Every step `from` waits for, directly or through others (its `after` closure).
std::set<std::string> upstream(const Variant& v, const std::string& from) {
    std::set<std::string> seen;
    std::vector<std::string> todo{from};
    while (!todo.empty()) {
        const std::string id = todo.back();
        todo.pop_back();
        const Step* s = find(v, id);
        if (!s) continue;
        for (const auto& a : s->after)
            if (seen.insert(a).second) todo.push_back(a);
    }
    return seen;
}

bool sources_quote(const Scenario& s, const std::string& text) {
    for (const auto& src : s.sources)
        if (src.says.find(text) != std::string::npos) return true;
    return false;
}

double legal_limits_met(const Scenario& s, const std::string& variant, std::int32_t citizens = 300) {
    EngineOptions o;
    o.seed = 20250929;
    o.citizens = citizens;
    const RunResult r = run_monte_carlo(s, *s.variant(variant), scenario::scenario_calendar(s), o);
    REQUIRE(r.stuck.empty());
    return legal_limits_met_rate(r.cases);
}

}  // namespace

TEST_CASE("industrial project: no ground is broken before the EIA approval (EIA Law §25, §31)", "[scenarios][facts]") {
    // 《环境影响评价法》第二十五条：“建设项目的环境影响评价文件未依法经审批部门审查或者审查后未予批准的，
    // 建设单位不得开工建设。”  第三十一条：未批先建，处总投资额百分之一以上百分之五以下的罚款。
    const Scenario s = load_builtin("industrial-project-start");
    CHECK(sources_quote(s, "建设单位不得开工建设"));
    CHECK(sources_quote(s, "百分之一以上百分之五以下"));
    for (const auto& v : s.variants) {
        INFO(v.id);
        const std::set<std::string> before_ground = upstream(v, "break_ground");
        for (const char* eia : {"eia_decision", "eia_table_decision"}) {
            CHECK(before_ground.count(eia) == 1);
            // 边建设边办理 must never reach the EIA: every EIA step still blocks.
            for (const auto& id : upstream(v, eia)) CHECK(step(v, id).blocks_successors);
            CHECK(step(v, eia).blocks_successors);
        }
        // The permits are needed before building too (建筑法 §7: no building without a permit).
        CHECK(before_ground.count("construction_collect") == 1);
        CHECK(step(v, "construction_permit").blocks_successors);
        CHECK(step(v, "planning_permit").blocks_successors);
    }
    // What the green channel may do while building: the grid connection, nothing else.
    const Variant& g = *s.variant("green_channel");
    for (const auto& st : g.steps)
        if (!st.blocks_successors) CHECK(st.id == "power_apply");
}

TEST_CASE("industrial project: the statutory limits and where they sit", "[scenarios][facts]") {
    const Scenario s = load_builtin("industrial-project-start");
    const Variant& b = *s.variant("before");
    // 《环境影响评价法》第二十二条：“审批部门应当自收到环境影响报告书之日起六十日内，收到环境影响报告表之日起
    // 三十日内，分别作出审批决定并书面通知建设单位。”
    CHECK(sources_quote(s, "六十日内"));
    CHECK(step(b, "eia_decision").legal_limit_days == 60);
    CHECK(step(b, "eia_table_decision").legal_limit_days == 30);
    // 《行政许可法》第四十五条：专家评审等“所需时间不计算在本节规定的期限内”——the technical evaluation
    // (eia_submit's review) carries no limit; the clock runs on the decision only.
    CHECK(sources_quote(s, "不计算在本节规定的期限内"));
    CHECK(step(b, "eia_submit").legal_limit_days == 0);
    CHECK(step(b, "eia_table_submit").legal_limit_days == 0);
    // 《企业投资项目核准和备案管理条例》第十三条（转述）：“备案机关收到全部信息后即为备案”——no statutory
    // decision time; the 7 working days of seed 003 are a local promise.
    CHECK(step(b, "filing").legal_limit_days == 0);
    CHECK(step(b, "filing").promised_limit_days == 7);
    // 《建筑法》第八条：“建设行政主管部门应当自收到申请之日起七日内，对符合条件的申请颁发施工许可证。”
    CHECK(step(b, "construction_permit").legal_limit_days == 7);
    // 《行政许可法》第四十二条：二十日内作出行政许可决定。
    CHECK(step(b, "planning_permit").legal_limit_days == 20);
    // 施工合同备案 was abolished (国办发〔2019〕11号): nothing asks for it any more.
    for (const auto& st : b.steps) CHECK(st.rework_reason.find("合同备案") == std::string::npos);
    for (const auto& m : s.materials) CHECK(m.name.find("合同") == std::string::npos);
    // Seed 000: “调规须逐级审批” — the adjustment goes to the city government after the bureau.
    CHECK(has(step(b, "adjust_approve").after, "adjust_apply"));
    CHECK(step(b, "adjust_approve").department == "city");
    // A ¥680 m fermentation plant writes a report or a report form, never only a registration form.
    for (const auto& br : b.branches)
        if (br.id == "eia_kind")
            for (const auto& opt : br.options)
                for (const auto& id : opt.steps) CHECK(id.find("register") == std::string::npos);
}

TEST_CASE("industrial project: the before breaches the 60-day EIA limit, as a trainee should see",
          "[scenarios][facts][engine]") {
    // Seed 003: the EIA approval took up to 180 days after complete materials; §22 allows 60
    // (working days in the engine). Most before cases breach a legal limit.
    const Scenario s = load_builtin("industrial-project-start");
    CHECK(legal_limits_met(s, "before") < 0.5);
}

TEST_CASE("company deregistration: materials and limits of the registration regulation", "[scenarios][facts]") {
    const Scenario s = load_builtin("company-deregistration");
    const Variant& b = *s.variant("before");
    // 细则 §46: 申请书、决议、清算报告、清税证明 — no social insurance or housing fund proof.
    for (const char* id : {"dereg", "dereg_general"}) {
        INFO(id);
        const Step& d = step(b, id);
        CHECK_FALSE(has(d.needs, "si_proof"));
        CHECK_FALSE(has(d.needs, "hf_proof"));
        CHECK(has(d.needs, "dereg_application"));
        // 《市场主体登记管理条例》第十九条：“不能当场登记的，应当在3个工作日内予以登记”.
        CHECK(d.legal_limit_days == 3);
    }
    CHECK(sources_quote(s, "应当在3个工作日内予以登记"));
    // 《公司法》(2023) §239 and 细则 §46: the general procedure files the resolution, the liquidation
    // report and the tax clearance certificate.
    for (const char* m : {"resolution", "liquidation_report", "tax_clearance"}) CHECK(has(step(b, "dereg_general").needs, m));
    // 细则 §47: “申请办理简易注销登记，应当提交申请书和全体投资人承诺书” — and 工商企注字〔2016〕253号:
    // “不再提交清算报告、投资人决议、清税证明……”. Both simplified steps take exactly those two papers;
    // the registry waits for the tax clearance (this firm used invoices: 国市监注发〔2021〕45号).
    CHECK(sources_quote(s, "不再提交清算报告、投资人决议、清税证明"));
    for (const char* id : {"notice_apply", "dereg"}) {
        INFO(id);
        CHECK(step(b, id).needs == std::vector<std::string>{"dereg_application", "commitment_letter"});
    }
    CHECK(has(step(b, "dereg").after, "tax_clear"));
    // 《社会保险法》第五十七条：依法终止的，“应当自变更或者终止之日起三十日内”注销社会保险登记 — after, not before.
    CHECK(sources_quote(s, "应当自变更或者终止之日起三十日内"));
    CHECK(has(step(b, "si_close").after, "dereg_collect"));
    CHECK(has(step(b, "hf_close").after, "dereg_collect"));
    // Tax deregistration is not an administrative licence: no 行政许可法 §42 limit on it.
    CHECK(step(b, "tax_clear").legal_limit_days == 0);
    for (const auto& src : s.sources) CHECK(src.citation.find("行政许可法》第四十二条") == std::string::npos);
    // 清算组备案 became 清算组信息公告 (条例 §32).
    CHECK(step(b, "liquidation_filing").name.find("公告") != std::string::npos);
}

TEST_CASE("company start-up: no 20-day registration limit; a half-day variant exists", "[scenarios][facts]") {
    const Scenario s = load_builtin("company-startup");
    const Variant& b = *s.variant("before");
    CHECK(step(b, "registration").legal_limit_days != 20);
    REQUIRE(s.variant("half_day") != nullptr);
    CHECK(find(*s.variant("half_day"), "name_check") == nullptr);  // names are self-declared
}

TEST_CASE("factory certificate: drawing review, then completion filing, then first registration", "[scenarios][facts]") {
    const Scenario s = load_builtin("factory-property-certificate");
    const Variant& b = *s.variant("before");
    const Material* completion = s.material("completion_filing");
    REQUIRE(completion != nullptr);
    CHECK_FALSE(completion->held_at_start);
    CHECK(has(step(b, "completion_refile").needs, "drawing_review"));
    CHECK(has(step(b, "register_apply").needs, "completion_filing"));
    CHECK_FALSE(has(step(b, "register_apply").needs, "drawing_review"));
    // 财税〔2016〕79号: small firms pay no registration fee.
    CHECK(step(b, "register_apply").fee_yuan == 0);
}

TEST_CASE("property transfer: illustrative, and the tax is 1% of ¥1 m", "[scenarios][facts]") {
    const Scenario s = load_builtin("property-transfer-one-window");
    CHECK(s.illustrative);
    const Variant& b = *s.variant("before");
    // The file's own assumption: ¥1,000,000 home, deed tax 1 %, income tax exempt (满五唯一).
    CHECK(step(b, "tax_pay").fee_yuan == Approx(0.01 * 1000000));
    CHECK(step(b, "transfer_apply").rework_reason.find("到场签字") != std::string::npos);
    CHECK(find(b, "utilities_transfer") != nullptr);
    CHECK(find(*s.variant("one_window"), "utilities_transfer") == nullptr);  // 水电气联动过户
}

TEST_CASE("small catering: the 10-working-day limit runs from acceptance; the site check stays", "[scenarios][facts]") {
    const Scenario s = load_builtin("small-catering-opening");
    for (const auto& v : s.variants) {
        INFO(v.id);
        CHECK(find(v, "site_check") != nullptr);  // 先证后查 still inspects
        for (const auto& st : v.steps) CHECK_FALSE(has(st.needs, "health_cert"));
    }
    const Variant& b = *s.variant("before");
    CHECK(step(b, "food_apply").legal_limit_days == 10);
    CHECK(has(step(b, "site_check").after, "food_apply"));
    const Variant& a = *s.variant("service_station");
    CHECK_FALSE(step(a, "site_check").blocks_successors);
    // With inspections scheduled up to 5 and decisions up to 13 working days after acceptance, some
    // before cases run past the 10 days — the gap between law and practice.
    CHECK(legal_limits_met(s, "before") < 1.0);
}

TEST_CASE("job-retention refund: the unemployment insurance agency, and the finance review", "[scenarios][facts]") {
    const Scenario s = load_builtin("job-retention-refund");
    bool agency = false;
    for (const auto& d : s.departments) agency = agency || d.name.find("失业保险经办机构") != std::string::npos;
    CHECK(agency);
    for (const auto& v : s.variants) {
        INFO(v.id);
        CHECK(has(step(v, "finance_review").after, "publicity"));
        CHECK(has(step(v, "payment").after, "finance_review"));
    }
}

TEST_CASE("medical-device advert: the 广告审查表 and the full material list", "[scenarios][facts]") {
    const Scenario s = load_builtin("medical-device-advert");
    const Material* form = s.material("application_form");
    REQUIRE(form != nullptr);
    CHECK(form->name == "广告审查表");
    const Step& submit = step(*s.variant("before"), "submit");
    CHECK(has(submit.needs, "label_instructions"));
    CHECK(has(submit.needs, "production_license"));
}

TEST_CASE("vehicle review: a goods vehicle over 4.5 t, no carrier insurance, three tests in one", "[scenarios][facts]") {
    const Scenario s = load_builtin("vehicle-annual-review");
    CHECK(s.summary.find("4.5 吨") != std::string::npos);
    for (const auto& m : s.materials) CHECK(m.name.find("承运人责任险") == std::string::npos);
    const Variant& b = *s.variant("before");
    CHECK(find(b, "safety_test") != nullptr);
    CHECK(find(b, "emission_test") != nullptr);
    // After 三检合一 the three lanes are one: every test step is received at the same desk.
    const Variant& a = *s.variant("comprehensive_window");
    const std::string lane = step(a, "vehicle_test").reception;
    CHECK_FALSE(lane.empty());
    CHECK(step(a, "safety_test").reception == lane);
    CHECK(step(a, "emission_test").reception == lane);
}

TEST_CASE("every before names its reference year; start dates suit the scenarios", "[scenarios][facts]") {
    std::set<std::int64_t> start_days;
    int scenarios = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(PEIZOU_SOURCE_DIR) / "scenarios")) {
        if (entry.path().extension() != ".json") continue;
        const Scenario s = load_builtin(entry.path().stem().string());
        INFO(s.id);
        ++scenarios;
        const std::string& title = s.variants.front().title;
        bool year = false;
        for (std::size_t i = 0; i + 4 <= title.size(); ++i)
            year = year || ((title.compare(i, 2, "19") == 0 || title.compare(i, 2, "20") == 0) &&
                            std::isdigit(static_cast<unsigned char>(title[i + 2])) &&
                            std::isdigit(static_cast<unsigned char>(title[i + 3])));
        CHECK(year);
        const Calendar cal = scenario::scenario_calendar(s);
        CHECK(cal.is_working_day(day_of(s.start)));
        start_days.insert(day_of(s.start));
    }
    // Not all on one day (they used to start on 2025-09-29, straight into the National Day holiday).
    CHECK(start_days.size() * 2 >= static_cast<std::size_t>(scenarios));
}

TEST_CASE("newborn one thing (new): Qinghai's reported figures", "[scenarios][facts][engine]") {
    // 《青海推进“新生儿出生一件事”改革》：“7个事项的办理时间由32个工作日压缩至最长5个工作日，跑动次数由
    // 4次压缩至1次，材料总数由9份压缩至2份，办事环节由16个压缩至3个。”
    const Scenario s = load_builtin("newborn-one-thing");
    CHECK(sources_quote(s, "由32个工作日压缩至最长5个工作日"));
    const Variant& b = *s.variant("before");
    const Variant& a = *s.variant("one_thing");
    auto distinct_held = [&](const Variant& v) {  // papers the parents bring from home
        std::set<std::string> ids;
        for (const auto& st : v.steps)
            for (const auto& m : st.needs)
                if (s.material(m)->held_at_start || std::none_of(v.steps.begin(), v.steps.end(), [&](const Step& o) {
                        return has(o.produces, m);
                    }))
                    ids.insert(m);
        return ids.size();
    };
    auto distinct_all = [&](const Variant& v) {
        std::set<std::string> ids;
        for (const auto& st : v.steps) ids.insert(st.needs.begin(), st.needs.end());
        return ids.size();
    };
    CHECK(distinct_all(b) == 9);        // 材料总数 9 份
    CHECK(distinct_held(a) <= 3);       // 2 in the report; the same report lists 3 originals shown
    CHECK(a.steps.size() == 3);         // 办事环节 3 个
    EngineOptions o;
    o.seed = 20250929;
    o.citizens = 300;
    const Calendar cal = scenario::scenario_calendar(s);
    const RunResult rb = run_monte_carlo(s, b, cal, o);
    const RunResult ra = run_monte_carlo(s, a, cal, o);
    REQUIRE(rb.stuck.empty());
    REQUIRE(ra.stuck.empty());
    const Summary wb = summarise(rb.cases, Measure::working_days), wa = summarise(ra.cases, Measure::working_days);
    const Summary tb = summarise(rb.cases, Measure::trips), ta = summarise(ra.cases, Measure::trips);
    CHECK(wb.mean >= 28);    // 32 个工作日 (±4)
    CHECK(wb.mean <= 36);
    CHECK(wa.max <= 5);      // 最长 5 个工作日
    CHECK(tb.min == 4);      // 跑动 4 次 when nothing goes wrong;
    CHECK(tb.p50 <= 5);      // corrections and a closed queue bring some back once more
    CHECK(ta.p50 == 1);      // 1 次
}

TEST_CASE("catering one thing (new): Sichuan's 48 → 13 working days", "[scenarios][facts][engine]") {
    // 四川省政务改革推进办：“一件事申请资料由35份压缩为17份，办理时限由48个工作日压减为13个工作日”.
    // The 48 and 13 are time limits (办理时限), so the oracle is the sum of the promised limits;
    // the Monte Carlo only has to keep every after case within the 13.
    const Scenario s = load_builtin("catering-one-thing");
    CHECK(sources_quote(s, "办理时限由48个工作日压减为13个工作日"));
    auto limits = [](const Variant& v) {
        int sum = 0;
        for (const auto& st : v.steps) sum += st.promised_limit_days;
        return sum;
    };
    const Variant& b = *s.variant("before");
    const Variant& a = *s.variant("one_thing");
    CHECK(limits(b) == 48);
    CHECK(limits(a) == 13);
    EngineOptions o;
    o.seed = 20250929;
    o.citizens = 300;
    const Calendar cal = scenario::scenario_calendar(s);
    const RunResult rb = run_monte_carlo(s, b, cal, o);
    const RunResult ra = run_monte_carlo(s, a, cal, o);
    REQUIRE(rb.stuck.empty());
    REQUIRE(ra.stuck.empty());
    const Summary wb = summarise(rb.cases, Measure::working_days), wa = summarise(ra.cases, Measure::working_days);
    CHECK(wa.max <= 13);
    CHECK(wa.mean < wb.mean);
    CHECK(summarise(ra.cases, Measure::trips).p50 == 1);  // 一窗（站）办结
    CHECK(summarise(rb.cases, Measure::trips).p50 >= 4);  // 分别跑市场监管、住建、卫健、消防
}

// ---- the three scenarios added by the scenarios2 helper (issue 22, "five new scenarios" 2, 4, 5)
namespace {

RunResult monte_carlo(const Scenario& s, const std::string& variant, std::int32_t citizens = 1000) {
    EngineOptions o;
    o.seed = 20250929;
    o.citizens = citizens;
    const Variant* v = s.variant(variant);
    INFO(s.id << " / " << variant);
    REQUIRE(v != nullptr);
    RunResult r = run_monte_carlo(s, *v, scenario::scenario_calendar(s), o);
    REQUIRE(r.stuck.empty());  // no stuck citizens at 1,000
    REQUIRE(r.cases.size() == static_cast<std::size_t>(citizens));
    return r;
}

double longest(const Duration& d) { return d.dist == DistKind::fixed ? d.value : d.high; }

}  // namespace

TEST_CASE("company start-up in half a day (new): 20 → 8.5 working days, then 2 steps, half a day, ¥0",
          "[scenarios][facts][engine]") {
    // 国办发〔2018〕32号：“由目前平均20天减至8.5天(指工作日,下同)以内”. The State Administration's reading:
    // “企业登记(名称预核与设立登记合并办理,5个工作日内)、印章制作(1个工作日内)、申领发票(不超过2个工作日)”.
    // The 2020 best practice (issue 22): 2 steps, 0.5 working day, ¥0.
    const Scenario s = load_builtin("company-startup-half-day");
    CHECK(sources_quote(s, "由目前平均20天减至8.5天(指工作日,下同)以内"));
    CHECK(sources_quote(s, "印章制作(1个工作日内)"));
    const Variant& w = *s.variant("one_window");
    CHECK(find(w, "name_check") == nullptr);  // 名称预核与设立登记合并办理
    CHECK(longest(step(w, "registration").review) <= 5);
    CHECK(longest(step(w, "seal_make").review) <= 1);
    CHECK(longest(step(w, "tax_register").review) <= 2);
    const Variant& h = *s.variant("half_day");
    CHECK(h.steps.size() == 2);
    for (const auto& st : h.steps) CHECK(st.fee_yuan == 0);

    const RunResult b = monte_carlo(s, "before"), a = monte_carlo(s, "one_window"), half = monte_carlo(s, "half_day");
    const Summary wb = summarise(b.cases, Measure::working_days);
    CHECK(wb.mean >= 16);  // 平均 20 天 (±4)
    CHECK(wb.mean <= 24);
    CHECK(summarise(a.cases, Measure::working_days).mean <= 8.5);
    // Half a working day of office time: a citizen who starts in the morning is done that day; one
    // who starts in the afternoon the next working day at the latest.
    CHECK(summarise(half.cases, Measure::working_days).max <= 1);
    CHECK(summarise(half.cases, Measure::trips).p50 == 1);  // results collected once
    CHECK(summarise(half.cases, Measure::fees_yuan).max == 0);
    CHECK(summarise(b.cases, Measure::fees_yuan).min == 400);  // the seals cost money before
    // The model citizen sets out at 09:00 and is done by the afternoon of the same day.
    EngineOptions o;
    o.seed = 1;
    o.citizens = 1;
    o.model_citizen = true;
    const RunResult first = run_monte_carlo(s, h, scenario::scenario_calendar(s), o);
    REQUIRE(first.cases.size() == 1);
    CHECK(summarise(first.cases, Measure::working_days).max == 0);
    CHECK(summarise(first.cases, Measure::calendar_days).max <= 0.5);
}

TEST_CASE("construction approval, social investment (new): 200+ → 120 → 90 → 30 working days",
          "[scenarios][facts][engine]") {
    // 黄艳（住建部，2019）：“由平均200多个工作日压缩到120个工作日之内”；国办发〔2019〕11号：“2019年上半年，全国
    // 工程建设项目审批时间压缩至120个工作日以内”；浙江：“全过程审批时间不超过90天”；江阴 17、上海 35、
    // 安徽 40 个工作日 for industrial projects, the local target 30.
    const Scenario s = load_builtin("construction-permit-social-investment");
    CHECK(sources_quote(s, "由平均200多个工作日压缩到120个工作日之内"));
    CHECK(sources_quote(s, "全国工程建设项目审批时间压缩至120个工作日以内"));
    CHECK(sources_quote(s, "全过程审批时间不超过90天"));
    // 国办发〔2018〕33号：“对于带方案出让土地的项目，不再对设计方案进行审核”.
    CHECK(sources_quote(s, "不再对设计方案进行审核"));
    CHECK(find(*s.variant("industrial_30"), "design_review") == nullptr);
    CHECK(find(*s.variant("local_90"), "design_review") != nullptr);
    // 《行政许可法》第四十二条：“应当自受理行政许可申请之日起二十日内作出行政许可决定”.
    CHECK(sources_quote(s, "二十日内作出行政许可决定"));
    const Variant& b = *s.variant("before");
    CHECK(step(b, "land_use_planning").legal_limit_days == 20);
    CHECK(step(b, "planning_permit").legal_limit_days == 20);

    const RunResult before = monte_carlo(s, "before"), four = monte_carlo(s, "four_stages"),
                    z90 = monte_carlo(s, "local_90"), i30 = monte_carlo(s, "industrial_30");
    const Summary wb = summarise(before.cases, Measure::working_days);
    CHECK(wb.mean > 200);  // 200 多个工作日
    CHECK(wb.mean < 250);
    const Summary w4 = summarise(four.cases, Measure::working_days);
    CHECK(w4.p90 <= 120);  // 120 个工作日以内 (nine in ten; reworks push a few past it)
    CHECK(w4.mean >= 60);  // not better than the later local targets
    CHECK(summarise(z90.cases, Measure::working_days).max <= 90);  // 最多 90 天
    const Summary w30 = summarise(i30.cases, Measure::working_days);
    CHECK(w30.mean <= 30);
    CHECK(w30.mean >= 12);  // 江阴小型工业项目 12 个工作日 is the fastest local figure
    // The before breaches the 20-day limit of the planning permits in most cases — the gap between
    // law and practice; every reform keeps it.
    CHECK(legal_limits_met_rate(before.cases) < 0.5);
    for (const RunResult* r : {&four, &z90, &i30}) CHECK(legal_limits_met_rate(r->cases) == 1.0);
}

TEST_CASE("company information change one thing (new): 6 trips and 6+ working days → about 10 minutes",
          "[scenarios][facts][engine]") {
    // Shanghai (issue 22): a change of name took 6 trips and at least 6 working days; online about 10 minutes.
    const Scenario s = load_builtin("company-info-change-one-thing");
    CHECK(sources_quote(s, "要跑 6 次、至少 6 个工作日"));
    CHECK(sources_quote(s, "约 10 分钟"));
    // 《市场主体登记管理条例》第十九条：“应当在3个工作日内予以登记”.
    CHECK(step(*s.variant("before"), "change_apply").legal_limit_days == 3);
    CHECK(sources_quote(s, "应当在3个工作日内予以登记"));

    const RunResult b = monte_carlo(s, "before"), a = monte_carlo(s, "one_thing");
    const Summary wb = summarise(b.cases, Measure::working_days);
    CHECK(wb.p50 >= 6);  // 至少 6 个工作日 for the typical case
    CHECK(wb.mean <= 9);
    // Six places to go; the model counts a trip per outing from the office, and chains the halls
    // it can on one outing, so the trips are fewer than the places.
    CHECK(summarise(b.cases, Measure::window_visits).p50 >= 6);
    CHECK(summarise(b.cases, Measure::trips).p50 >= 4);
    CHECK(summarise(b.cases, Measure::trips).p50 <= 6);
    CHECK(summarise(a.cases, Measure::trips).max == 0);            // 不用跑
    CHECK(summarise(a.cases, Measure::citizen_hours).max <= 0.25);  // about 10 minutes, never over 15
    CHECK(summarise(a.cases, Measure::working_days).p50 == 0);      // done the same day
}

// 一次性告知 (issue 22, helper scen3): a reformed variant whose cited reform names 一次性告知
// tells every missing paper at once — the steps' `tells_all_missing`, set by the
// tell_all_at_once lever (deregistration) or on the step (the catering 一件事, a variant
// without levers). The oracle is the quoted text of each source.
TEST_CASE("一次性告知 where the cited reform includes it", "[scenarios][facts]") {
    {
        const Scenario s = load_builtin("company-deregistration");
        // 兴隆县《企业注销登记“一件事”服务指南》 (国发〔2024〕3号): its section “二、一次性告知”.
        CHECK(sources_quote(s, "二、一次性告知"));
        const Variant& before = *s.variant("before");
        const Variant& after = *s.variant("one_thing");
        int told = 0;
        for (const Step& st : before.steps) CHECK_FALSE(st.tells_all_missing);
        for (const Step& st : after.steps) {
            INFO(st.id);
            if (st.kind == StepKind::window || st.kind == StepKind::online || st.kind == StepKind::payment ||
                st.kind == StepKind::collect) {
                CHECK(st.tells_all_missing);
                ++told;
            }
        }
        CHECK(told >= 8);  // the eight steps put online by the joint system, each one telling all
    }
    {
        const Scenario s = load_builtin("catering-one-thing");
        // 川市监发〔2024〕19号：推行“一次告知、一图解读、一表申请、一套材料……”.
        CHECK(sources_quote(s, "一次告知、一图解读、一表申请"));
        CHECK(step(*s.variant("one_thing"), "joint_apply").tells_all_missing);
        CHECK_FALSE(step(*s.variant("before"), "food_apply").tells_all_missing);
    }
}

// Laws quoted, not cited "据 issue 22" (issue 22, helper scen3): the articles' text as the
// law gives it — the oracle is the text of 细则 §46–47, 《公司法》(2023) §235, §239 and
// 《企业名称登记管理规定》 §16.
TEST_CASE("law citations quote the article, not the issue", "[scenarios][facts]") {
    const Scenario d = load_builtin("company-deregistration");
    CHECK(sources_quote(d, "申请办理注销登记，应当提交下列材料"));
    CHECK(sources_quote(d, "申请办理简易注销登记，应当提交申请书和全体投资人承诺书"));
    CHECK(sources_quote(d, "未接到通知的自公告之日起四十五日内，向清算组申报其债权"));
    CHECK(sources_quote(d, "公司清算结束后，清算组应当制作清算报告"));
    for (const auto& src : d.sources) {
        INFO(src.citation);
        if (src.citation.find("实施细则") != std::string::npos || src.citation.find("公司法") != std::string::npos)
            CHECK(src.citation.find("据 issue 22") == std::string::npos);
    }
    // The general procedure's creditor notice is the §235 45 days.
    CHECK(step(*d.variant("before"), "creditor_notice").review.value == 45);
    const Scenario st = load_builtin("company-startup");
    CHECK(sources_quote(st, "企业名称由申请人自主申报"));
}
