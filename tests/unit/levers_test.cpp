// Reform levers on a small hand-built deregistration model.
#include <catch2/catch.hpp>

#include "core/levers.hpp"

using namespace peizou;

namespace {

Step make_step(std::string id, std::string name, StepKind kind, std::string dept,
               std::vector<std::string> after, std::vector<std::string> needs = {},
               std::vector<std::string> produces = {}) {
    Step s;
    s.id = std::move(id);
    s.name = std::move(name);
    s.name_en = s.id;
    s.kind = kind;
    s.department = std::move(dept);
    s.after = std::move(after);
    s.needs = std::move(needs);
    s.produces = std::move(produces);
    return s;
}

Department make_department(std::string id, std::string name, std::string place, int windows,
                           double per_hour, bool online = false) {
    Department d;
    d.id = std::move(id);
    d.name = std::move(name);
    d.place = std::move(place);
    d.windows = windows;
    d.background.per_hour = per_hour;
    d.online = online;
    return d;
}

Material make_material(std::string id, std::string name, bool held) {
    Material m;
    m.id = std::move(id);
    m.name = std::move(name);
    m.held_at_start = held;
    return m;
}

// apply (amr) -> tax_clear (tax) -> si_close (si) -> dereg (amr) -> collect (amr)
//                                   audit (review, amr) after tax_clear
Scenario small_scenario() {
    Scenario sc;
    sc.id = "test";
    sc.places = {{"home", "公司", "", 0}, {"center", "政务中心", "", 30}, {"si_hall", "社保大厅", "", 20}};
    sc.departments = {make_department("amr", "市场监管局", "center", 2, 6),
                      make_department("tax", "税务局", "center", 3, 10, true),
                      make_department("si", "社保中心", "si_hall", 1, 4)};
    sc.materials = {make_material("license", "营业执照", true), make_material("resolution", "股东会决议", true),
                    make_material("tax_clearance", "清税证明", false),
                    make_material("si_proof", "社保注销证明", false),
                    make_material("notice", "注销通知书", false)};
    Variant before;
    before.id = "before";
    before.title = "改革前";
    Step apply = make_step("apply", "注销申请", StepKind::window, "amr", {}, {"license", "resolution"});
    Step tax = make_step("tax_clear", "税务注销", StepKind::window, "tax", {"apply"}, {"license"},
                         {"tax_clearance"});
    tax.review = Duration{DistKind::uniform, TimeUnit::working_days, 0, 3, 0, 8, 0, 0, {}, {}};
    tax.legal_limit_days = 20;
    tax.promised_limit_days = 3;
    Step si = make_step("si_close", "社保注销", StepKind::window, "si", {"tax_clear"}, {}, {"si_proof"});
    Step audit = make_step("audit", "内部审核", StepKind::review, "amr", {"tax_clear"});
    Step dereg = make_step("dereg", "注销登记", StepKind::window, "amr", {"si_close"},
                           {"tax_clearance", "si_proof"}, {"notice"});
    Step collect = make_step("collect", "领取通知书", StepKind::collect, "amr", {"dereg"}, {}, {});
    before.steps = {apply, tax, si, audit, dereg, collect};
    sc.variants.push_back(before);
    return sc;
}

const Step* step_of(const Variant& v, const std::string& id) {
    for (const auto& s : v.steps)
        if (s.id == id) return &s;
    return nullptr;
}

Lever lever_of(LeverKind kind) {
    Lever l;
    l.kind = kind;
    return l;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("no levers leaves the variant unchanged", "[levers]") {
    Scenario sc = small_scenario();
    LeverResult r = apply_levers(sc, sc.variants[0], {});
    REQUIRE(r.ok);
    CHECK(r.variant == sc.variants[0]);
    CHECK(r.variant.changes.empty());
}

TEST_CASE("parallel drops dependencies among the listed steps only", "[levers]") {
    Scenario sc = small_scenario();
    Lever l = lever_of(LeverKind::parallel);
    l.steps = {"tax_clear", "si_close"};
    LeverResult r = apply_lever(sc, sc.variants[0], l);
    REQUIRE(r.ok);
    // si_close no longer waits for tax_clear but inherits tax_clear's outside dependency.
    CHECK(step_of(r.variant, "si_close")->after == Ids{"apply"});
    CHECK(step_of(r.variant, "tax_clear")->after == Ids{"apply"});
    // dereg waited for si_close, which waited for tax_clear: it now waits for both.
    CHECK(step_of(r.variant, "dereg")->after == Ids{"si_close", "tax_clear"});
    CHECK(step_of(r.variant, "audit")->after == Ids{"tax_clear"});
    REQUIRE(r.variant.changes.size() == 1);
    CHECK(r.variant.changes[0] == "步骤「税务注销」与「社保注销」改为并联（取消 1 处先后依赖）");
    CHECK(r.variant.changes_en[0].find("parallel") != std::string::npos);

    SECTION("a single step is an error") {
        l.steps = {"tax_clear"};
        CHECK_FALSE(apply_lever(sc, sc.variants[0], l).ok);
    }
}

TEST_CASE("single_window receives the departments' citizen steps at a new comprehensive window",
          "[levers]") {
    Scenario sc = small_scenario();
    Lever l = lever_of(LeverKind::single_window);
    l.departments = {"amr", "tax"};
    l.window_department = "one_window";
    l.window_name = "综合受理窗口";
    LeverResult r = apply_lever(sc, sc.variants[0], l);
    REQUIRE(r.ok);
    const Variant& v = r.variant;
    for (const char* id : {"apply", "tax_clear", "dereg", "collect"}) {
        CHECK(step_of(v, id)->reception == "one_window");
    }
    // Work stays with the original department; other departments and back-office steps untouched.
    CHECK(step_of(v, "tax_clear")->department == "tax");
    CHECK(step_of(v, "si_close")->reception.empty());
    CHECK(step_of(v, "audit")->reception.empty());
    // The window first, then the merged departments, now back office only.
    REQUIRE(v.extra_departments.size() == 3);
    const Department& w = v.extra_departments[0];
    CHECK(w.id == "one_window");
    CHECK(w.name == "综合受理窗口");
    CHECK(w.place == "center");
    CHECK(w.windows == 5);
    CHECK(w.online);
    CHECK(w.background.per_hour == Approx(16));
    auto all = variant_departments(sc, v);
    CHECK(all.size() == 4);
    CHECK(all.back().id == "one_window");
    // The load moved, it is not carried twice: amr and tax keep no walk-in queue or clerks.
    double walk_ins = 0;
    for (const auto& d : all) {
        walk_ins += d.background.per_hour;
        if (d.id == "amr" || d.id == "tax") {
            CHECK(d.background.per_hour == 0);
            CHECK(d.background.by_hour.empty());
            CHECK(d.windows == 0);
        }
    }
    CHECK(walk_ins == Approx(6 + 10 + 4));
    REQUIRE(v.changes.size() == 2);
    CHECK(v.changes[0] == "市场监管局与税务局的 4 个窗口环节改为在「综合受理窗口」一窗受理（前台接收、后台审核，同一次到窗办理）");
    CHECK(v.changes[1] == "新设「综合受理窗口」：5 个窗口，承接市场监管局与税务局的排队人流（合计每小时 16 人）；"
                         "市场监管局与税务局不再设窗口排队，只做后台审核");
    CHECK(v.changes_en[1] == "new \"Comprehensive window\": 5 windows, taking over the walk-in queues of amr and tax "
                            "(16 citizens/hour in all); amr and tax keep back-office work only, no walk-in queue");

    SECTION("mixed service times: the window serves the arrival-weighted mean") {
        Scenario mixed = small_scenario();
        mixed.departments[0].background_service = Duration::minutes(20);  // amr 6/h
        mixed.departments[1].background_service = Duration::minutes(5);   // tax 10/h
        LeverResult rm = apply_lever(mixed, mixed.variants[0], l);
        REQUIRE(rm.ok);
        const Duration& d = rm.variant.extra_departments[0].background_service;
        CHECK(d.dist == DistKind::exponential);
        CHECK(d.mean == Approx((6 * 20 + 10 * 5) / 16.0));
    }
    SECTION("given window count") {
        l.windows = 3;
        const Variant given = apply_lever(sc, sc.variants[0], l).variant;
        CHECK(given.extra_departments[0].windows == 3);
        // The scenario set the window's clerks: the departments keep theirs, idle of walk-ins.
        CHECK(given.extra_departments[1].windows == 2);
        CHECK(given.extra_departments[1].background.per_hour == 0);
    }
    SECTION("an existing department as the window takes over the load and the clerks") {
        l.window_department = "si";
        LeverResult r2 = apply_lever(sc, sc.variants[0], l);
        REQUIRE(r2.ok);
        CHECK(step_of(r2.variant, "apply")->reception == "si");
        const auto deps = variant_departments(sc, r2.variant);
        REQUIRE(deps.size() == 3);  // nothing new is created
        CHECK(deps[2].id == "si");
        CHECK(deps[2].background.per_hour == Approx(4 + 6 + 10));
        CHECK(deps[2].windows == 1 + 2 + 3);
        CHECK(deps[0].background.per_hour == 0);
        CHECK(deps[1].windows == 0);
        CHECK(r2.variant.changes[1].rfind("「社保中心」：6 个窗口", 0) == 0);
    }
    SECTION("unknown department") {
        l.departments = {"amr", "housing_fund"};
        LeverResult bad = apply_lever(sc, sc.variants[0], l);
        CHECK_FALSE(bad.ok);
        CHECK(bad.error_en.find("housing_fund") != std::string::npos);
        CHECK(bad.error_zh.find("未知部门") != std::string::npos);
    }
}

TEST_CASE("online moves window and payment steps online and opens the departments' channels",
          "[levers]") {
    Scenario sc = small_scenario();
    Lever l = lever_of(LeverKind::online);
    SECTION("empty list: every window/payment step") {
        LeverResult r = apply_lever(sc, sc.variants[0], l);
        REQUIRE(r.ok);
        for (const char* id : {"apply", "tax_clear", "si_close", "dereg"})
            CHECK(step_of(r.variant, id)->kind == StepKind::online);
        CHECK(step_of(r.variant, "collect")->kind == StepKind::collect);
        CHECK(step_of(r.variant, "audit")->kind == StepKind::review);
        // tax was online already; amr and si get an online copy.
        auto deps = variant_departments(sc, r.variant);
        for (const auto& d : deps) CHECK(d.online);
        CHECK(r.variant.extra_departments.size() == 2);
        CHECK(r.variant.changes.size() == 1);
    }
    SECTION("listed collect step (e-certificate)") {
        l.steps = {"collect"};
        LeverResult r = apply_lever(sc, sc.variants[0], l);
        REQUIRE(r.ok);
        CHECK(step_of(r.variant, "collect")->kind == StepKind::online);
        CHECK(step_of(r.variant, "apply")->kind == StepKind::window);
        CHECK(r.variant.changes[0].find("「领取通知书」") != std::string::npos);
        CHECK(r.variant.changes_en[0].rfind("step \"collect\" moves online", 0) == 0);
    }
    SECTION("a review step cannot go online") {
        l.steps = {"audit"};
        CHECK_FALSE(apply_lever(sc, sc.variants[0], l).ok);
    }
}

TEST_CASE("share_materials and accept_missing set variant-level material overrides", "[levers]") {
    Scenario sc = small_scenario();
    Lever share = lever_of(LeverKind::share_materials);
    share.materials = {"license"};
    LeverResult r = apply_lever(sc, sc.variants[0], share);
    REQUIRE(r.ok);
    CHECK(r.variant.shared_materials == Ids{"license"});
    CHECK(r.variant.changes[0] == "材料《营业执照》数据共享，不再重复提交");
    auto ms = variant_materials(sc, r.variant);
    CHECK(ms[0].shared);
    CHECK_FALSE(ms[1].shared);
    CHECK_FALSE(sc.materials[0].shared);  // the scenario itself is untouched

    Lever all = lever_of(LeverKind::share_materials);
    LeverResult r_all = apply_lever(sc, sc.variants[0], all);
    CHECK(r_all.variant.shared_materials.size() == sc.materials.size());

    Lever missing = lever_of(LeverKind::accept_missing);
    missing.materials = {"resolution"};
    LeverResult r2 = apply_lever(sc, sc.variants[0], missing);
    REQUIRE(r2.ok);
    CHECK(r2.variant.nonessential_materials == Ids{"resolution"});
    CHECK_FALSE(variant_materials(sc, r2.variant)[1].essential);
    CHECK(r2.variant.changes[0].find("《股东会决议》容缺受理") != std::string::npos);

    missing.materials = {"passport"};
    LeverResult bad = apply_lever(sc, sc.variants[0], missing);
    CHECK_FALSE(bad.ok);
    CHECK(bad.error_zh == "未知材料 \"passport\"");
    missing.materials = {};
    CHECK_FALSE(apply_lever(sc, sc.variants[0], missing).ok);
}

TEST_CASE("agent marks citizen-facing steps as done by an agent", "[levers]") {
    Scenario sc = small_scenario();
    Lever l = lever_of(LeverKind::agent);
    LeverResult r = apply_lever(sc, sc.variants[0], l);
    REQUIRE(r.ok);
    CHECK(step_of(r.variant, "apply")->agent);
    CHECK(step_of(r.variant, "collect")->agent);
    CHECK_FALSE(step_of(r.variant, "audit")->agent);
    l.steps = {"audit"};
    CHECK_FALSE(apply_lever(sc, sc.variants[0], l).ok);
    l.steps = {"nowhere"};
    CHECK_FALSE(apply_lever(sc, sc.variants[0], l).ok);
}

TEST_CASE("no_application removes the steps and grants what they produced", "[levers]") {
    Scenario sc = small_scenario();
    Lever l = lever_of(LeverKind::no_application);
    l.steps = {"tax_clear"};
    LeverResult r = apply_lever(sc, sc.variants[0], l);
    REQUIRE(r.ok);
    CHECK(step_of(r.variant, "tax_clear") == nullptr);
    CHECK(r.variant.steps.size() == 5);
    CHECK(step_of(r.variant, "si_close")->after == Ids{"apply"});
    CHECK(step_of(r.variant, "audit")->after == Ids{"apply"});
    CHECK(r.variant.granted_materials == Ids{"tax_clearance"});
    CHECK(variant_materials(sc, r.variant)[2].held_at_start);
    CHECK(r.variant.changes[0].find("「税务注销」") != std::string::npos);
    CHECK(r.variant.changes[0].find("《清税证明》") != std::string::npos);

    SECTION("branches forget removed steps and inherit their dependencies") {
        Branch b;
        b.id = "b";
        b.after = {"tax_clear"};
        b.options = {{"x", "x", "", 0.5, {"tax_clear", "audit"}}, {"y", "y", "", 0.5, {}}};
        Variant v = sc.variants[0];
        v.branches.push_back(b);
        LeverResult rb = apply_lever(sc, v, l);
        REQUIRE(rb.ok);
        CHECK(rb.variant.branches[0].after == Ids{"apply"});
        CHECK(rb.variant.branches[0].options[0].steps == Ids{"audit"});
    }
    SECTION("a removed step cannot be named again") {
        LeverResult twice = apply_levers(sc, sc.variants[0], {l, l});
        CHECK_FALSE(twice.ok);
        CHECK(twice.error_en == "lever 2 (no_application): unknown step \"tax_clear\" (not in this variant, "
                                "or removed by an earlier lever)");
        CHECK(twice.error_zh == "第 2 项举措（免申即享）：未知步骤 \"tax_clear\"（该方案中不存在，或已被前面的举措移除）");
    }
}

TEST_CASE("commitment drops the proof and the step that only produced it", "[levers]") {
    Scenario sc = small_scenario();
    Lever l = lever_of(LeverKind::commitment);
    l.materials = {"si_proof"};
    LeverResult r = apply_lever(sc, sc.variants[0], l);
    REQUIRE(r.ok);
    CHECK(step_of(r.variant, "dereg")->needs == Ids{"tax_clearance"});
    CHECK(step_of(r.variant, "si_close") == nullptr);
    CHECK(step_of(r.variant, "dereg")->after == Ids{"tax_clear"});
    // The final step produces nothing anyone needs, yet it stays: it is the result.
    CHECK(step_of(r.variant, "collect") != nullptr);
    CHECK(step_of(r.variant, "tax_clear") != nullptr);  // tax_clearance still needed
    REQUIRE(r.variant.changes.size() == 2);
    CHECK(r.variant.changes[0] == "告知承诺制：材料《社保注销证明》以书面承诺代替，不再需要提交");
    CHECK(r.variant.changes[1].find("「社保注销」") != std::string::npos);

    SECTION("a step producing a committed material and another needed one stays") {
        Variant v = sc.variants[0];
        v.steps[2].produces.push_back("tax_clearance");  // si_close also issues tax_clearance
        l.materials = {"si_proof"};
        LeverResult r2 = apply_lever(sc, v, l);
        REQUIRE(r2.ok);
        CHECK(step_of(r2.variant, "si_close") != nullptr);
    }
}

TEST_CASE("compress_time scales review durations and promised limits, never the legal limit", "[levers]") {
    Scenario sc = small_scenario();
    Lever l = lever_of(LeverKind::compress_time);
    l.factor = 0.5;
    LeverResult r = apply_lever(sc, sc.variants[0], l);
    REQUIRE(r.ok);
    const Step& t = *step_of(r.variant, "tax_clear");
    CHECK(t.review.low == Approx(1.5));
    CHECK(t.review.high == Approx(4));
    CHECK(t.review.unit == TimeUnit::working_days);
    // 法定时限 20 stays: the statute (行政许可法 §42) is not the reform's to shorten.
    CHECK(t.legal_limit_days == 20);
    CHECK(t.promised_limit_days == 2);  // 1.5 rounds up
    CHECK(step_of(r.variant, "apply")->legal_limit_days == 0);  // no limit stays none
    CHECK(r.variant.changes[0] == "压缩时限：全部环节的审查时间与承诺时限 × 0.5");

    l.factor = 0.01;
    l.steps = {"tax_clear"};
    LeverResult tiny = apply_lever(sc, sc.variants[0], l);
    REQUIRE(tiny.ok);
    CHECK(step_of(tiny.variant, "tax_clear")->legal_limit_days == 20);
    CHECK(step_of(tiny.variant, "tax_clear")->promised_limit_days == 1);  // never below 1
    CHECK(tiny.variant.changes[0] == "压缩时限：「税务注销」的审查时间与承诺时限 × 0.01");

    l.factor = 0;
    CHECK_FALSE(apply_lever(sc, sc.variants[0], l).ok);
    l.factor = 1.5;
    LeverResult wide = apply_lever(sc, sc.variants[0], l);
    CHECK_FALSE(wide.ok);
    // The wording users saw before the messages moved to the catalogue, written by hand.
    CHECK(wide.error_zh == "压缩系数须在 0 与 1 之间（0 < factor ≤ 1），现为 1.5");
    CHECK(wide.error_en == "factor must be in (0, 1], got 1.5");
    Lever half = lever_of(LeverKind::compress_time);
    half.factor = 0.5;
    LeverResult second = apply_levers(sc, sc.variants[0], {half, l});
    CHECK(second.error_zh == "第 2 项举措（压缩时限）：压缩系数须在 0 与 1 之间（0 < factor ≤ 1），现为 1.5");
    CHECK(second.error_en == "lever 2 (compress_time): factor must be in (0, 1], got 1.5");
}

TEST_CASE("build_while_approving lets successors start", "[levers]") {
    Scenario sc = small_scenario();
    Lever l = lever_of(LeverKind::build_while_approving);
    l.steps = {"tax_clear"};
    LeverResult r = apply_lever(sc, sc.variants[0], l);
    REQUIRE(r.ok);
    CHECK_FALSE(step_of(r.variant, "tax_clear")->blocks_successors);
    CHECK(step_of(r.variant, "si_close")->blocks_successors);
    CHECK(r.variant.changes.size() == 1);
    l.steps = {};
    CHECK_FALSE(apply_lever(sc, sc.variants[0], l).ok);
}

TEST_CASE("parameters a lever does not use are errors", "[levers]") {
    Scenario sc = small_scenario();
    Lever l = lever_of(LeverKind::parallel);
    l.steps = {"tax_clear", "si_close"};
    l.materials = {"license"};
    LeverResult r = apply_lever(sc, sc.variants[0], l);
    CHECK_FALSE(r.ok);
    CHECK(r.error_en.find("materials") != std::string::npos);
    CHECK(r.variant == sc.variants[0]);
}

TEST_CASE("levers compose in order and record their changes in order", "[levers]") {
    Scenario sc = small_scenario();
    Lever par = lever_of(LeverKind::parallel);
    par.steps = {"tax_clear", "si_close"};
    Lever online = lever_of(LeverKind::online);
    Lever share = lever_of(LeverKind::share_materials);
    share.materials = {"license"};
    share.note = "电子证照";
    LeverResult r = apply_levers(sc, sc.variants[0], {par, online, share});
    REQUIRE(r.ok);
    REQUIRE(r.variant.changes.size() == 3);
    CHECK(r.variant.changes[0].rfind("步骤「税务注销」与「社保注销」改为并联", 0) == 0);
    CHECK(r.variant.changes[1].find("网上办理") != std::string::npos);
    CHECK(r.variant.changes[2] == "材料《营业执照》数据共享，不再重复提交（电子证照）");
    CHECK(r.variant.changes_en.size() == 3);

    // Order matters: online first, then agent has no window step left.
    Lever agent = lever_of(LeverKind::agent);
    LeverResult a = apply_levers(sc, sc.variants[0], {online, agent});
    REQUIRE(a.ok);
    CHECK_FALSE(step_of(a.variant, "apply")->agent);
    CHECK(step_of(a.variant, "collect")->agent);
    LeverResult b = apply_levers(sc, sc.variants[0], {agent, online});
    REQUIRE(b.ok);
    CHECK(step_of(b.variant, "apply")->agent);
}

TEST_CASE("resolve_variants derives in dependency order and reports bad ones", "[levers]") {
    Scenario sc = small_scenario();
    Variant second;  // listed before its base on purpose
    second.id = "second";
    second.from = "first";
    second.levers = {lever_of(LeverKind::online)};
    Variant first;
    first.id = "first";
    first.title = "并联";
    first.from = "before";
    Lever par = lever_of(LeverKind::parallel);
    par.steps = {"tax_clear", "si_close"};
    first.levers = {par};
    sc.variants.push_back(second);
    sc.variants.push_back(first);

    std::vector<std::string> errors = resolve_variants(sc);
    CHECK(errors.empty());
    const Variant& s = sc.variants[1];
    CHECK(s.id == "second");
    CHECK(s.from == "first");
    CHECK(s.levers.size() == 1);
    CHECK(s.changes.size() == 2);  // first's change, then its own
    CHECK(step_of(s, "si_close")->after == Ids{"apply"});
    CHECK(step_of(s, "si_close")->kind == StepKind::online);
    CHECK(sc.variants[2].title == "并联");
    CHECK(sc.variants[2].changes.size() == 1);

    SECTION("cycles and unknown bases are errors") {
        Scenario bad = small_scenario();
        Variant a, b, c;
        a.id = "a"; a.from = "b";
        b.id = "b"; b.from = "a";
        c.id = "c"; c.from = "nowhere";
        bad.variants.push_back(a);
        bad.variants.push_back(b);
        bad.variants.push_back(c);
        std::vector<std::string> e = resolve_variants(bad);
        REQUIRE(e.size() == 3);
        bool cycle = false, unknown = false;
        for (const auto& x : e) {
            cycle = cycle || x.find("cycle") != std::string::npos;
            unknown = unknown || x.find("nowhere") != std::string::npos;
        }
        CHECK(cycle);
        CHECK(unknown);
    }
    SECTION("a failing lever names the variant") {
        Scenario bad = small_scenario();
        Variant v;
        v.id = "broken";
        v.from = "before";
        Lever l = lever_of(LeverKind::agent);
        l.steps = {"ghost"};
        v.levers = {l};
        bad.variants.push_back(v);
        std::vector<std::string> e = resolve_variants(bad);
        REQUIRE(e.size() == 1);
        CHECK(e[0].rfind("broken: ", 0) == 0);
        CHECK(e[0].find("ghost") != std::string::npos);
    }
}

TEST_CASE("variant_departments lets a lever's department replace the scenario's", "[levers]") {
    Scenario sc = small_scenario();
    Variant v = sc.variants[0];
    Department amr = sc.departments[0];
    amr.online = true;
    v.extra_departments.push_back(amr);
    auto d = variant_departments(sc, v);
    REQUIRE(d.size() == 3);
    CHECK(d[0].id == "amr");
    CHECK(d[0].online);
}

TEST_CASE("every lever kind refuses an unknown id and leaves the variant alone", "[levers]") {
    Scenario sc = small_scenario();
    const Variant& before = sc.variants[0];
    std::vector<Lever> bad;
    for (LeverKind k : {LeverKind::parallel, LeverKind::online, LeverKind::agent, LeverKind::no_application,
                        LeverKind::compress_time, LeverKind::build_while_approving}) {
        Lever l = lever_of(k);
        l.steps = {"tax_clear", "ghost_step"};
        if (k == LeverKind::compress_time) l.factor = 0.5;
        bad.push_back(l);
    }
    for (LeverKind k : {LeverKind::share_materials, LeverKind::accept_missing, LeverKind::commitment}) {
        Lever l = lever_of(k);
        l.materials = {"license", "ghost_material"};
        bad.push_back(l);
    }
    Lever window = lever_of(LeverKind::single_window);
    window.departments = {"amr", "ghost_department"};
    window.window_department = "one_window";
    bad.push_back(window);
    REQUIRE(bad.size() == 10);
    for (const Lever& l : bad) {
        INFO(static_cast<int>(l.kind));
        LeverResult r = apply_lever(sc, before, l);
        CHECK_FALSE(r.ok);
        CHECK(r.error_en.find("ghost_") != std::string::npos);
        CHECK(r.error_zh.find("ghost_") != std::string::npos);
        CHECK(r.error_zh.find("未知") != std::string::npos);
        CHECK(r.variant == before);
        // Inside a chain the failing lever is named by its position.
        LeverResult chain = apply_levers(sc, before, {lever_of(LeverKind::agent), l});
        CHECK_FALSE(chain.ok);
        CHECK(chain.error_en.rfind("lever 2 (", 0) == 0);
        CHECK(chain.variant == before);
    }
}

TEST_CASE("scale_duration scales every parameter of every distribution, unit unchanged",
          "[levers]") {
    // Hand-computed: a triangular 10/20/40 min (mean (10+20+40)/3 = 23.33) halved is
    // 5/10/20 (mean 11.67); an empirical {2, 4} working days × 0.25 is {0.5, 1}.
    Duration tri;
    tri.dist = DistKind::triangular;
    tri.low = 10, tri.mode = 20, tri.high = 40;
    scale_duration(tri, 0.5);
    CHECK(tri.low == 5.0);
    CHECK(tri.mode == 10.0);
    CHECK(tri.high == 20.0);
    CHECK(tri.typical() == Approx(70.0 / 6));
    CHECK(tri.unit == TimeUnit::minutes);

    Duration emp = Duration::working_days(0);
    emp.dist = DistKind::empirical;
    emp.values = {2, 4};
    scale_duration(emp, 0.25);
    CHECK(emp.values == std::vector<double>{0.5, 1.0});
    CHECK(emp.unit == TimeUnit::working_days);

    Duration norm;
    norm.dist = DistKind::normal;
    norm.mean = 30, norm.sd = 6;
    scale_duration(norm, 2);
    CHECK(norm.mean == 60.0);
    CHECK(norm.sd == 12.0);  // sd scales with the variable, variance with its square
}
