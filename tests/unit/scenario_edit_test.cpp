// Editing operations (src/scenario/scenario_edit): rename with every reference, delete
// listing the references, add / duplicate, lever reorder, undo stack, validation. The
// expectations are written out by hand from the small example of docs/scenario-format.md.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>

#include "scenario/scenario_edit.hpp"
#include "test_files.hpp"

using namespace peizou;
using namespace peizou::scenario;
using peizou::test::read_text;

namespace {

// The first ```json block of docs/scenario-format.md: the small shop example.
Scenario doc_example() {
    const std::string doc = read_text(std::filesystem::path(PEIZOU_SOURCE_DIR) / "docs/scenario-format.md");
    const auto begin = doc.find("```json\n") + 8;
    const auto end = doc.find("```", begin);
    LoadResult r = load_scenario(doc.substr(begin, end - begin), "example");
    REQUIRE(r.ok);
    return r.scenario;
}

const Variant& variant(const Scenario& s, const std::string& id) {
    const Variant* v = s.variant(id);
    REQUIRE(v);
    return *v;
}

const Step& step(const Variant& v, const std::string& id) {
    for (const auto& st : v.steps)
        if (st.id == id) return st;
    FAIL("no step " + id);
    return v.steps.front();
}

std::vector<std::string> paths(const std::vector<Reference>& refs) {
    std::vector<std::string> out;
    for (const auto& r : refs) out.push_back(r.path);
    return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("renaming a material carries every needs and produces along", "[edit]") {
    Scenario s = doc_example();
    const ItemRef license{ItemKind::material, "license", ""};
    CHECK(paths(references_to(s, license)) == V{"/variants/before/steps/0/produces/0",
                                                "/variants/before/steps/1/needs/0",
                                                "/variants/before/steps/2/needs/0"});
    REQUIRE(rename_item(s, license, "biz_license"));
    const Variant& before = variant(s, "before");
    CHECK(step(before, "register").produces == V{"biz_license"});
    CHECK(step(before, "fire_check").needs == V{"biz_license"});
    CHECK(step(before, "open").needs == V{"biz_license"});
    CHECK(s.material("biz_license"));
    CHECK_FALSE(s.material("license"));
    CHECK(validate_draft(s).ok);
    // An id already taken is refused and changes nothing.
    const Scenario kept = s;
    CHECK_FALSE(rename_item(s, {ItemKind::material, "biz_license", ""}, "id_card"));
    CHECK(s == kept);
}

TEST_CASE("renaming a step, department, place or variant follows every reference", "[edit]") {
    Scenario s = doc_example();
    REQUIRE(rename_item(s, {ItemKind::step, "register", "before"}, "reg"));
    const Variant& before = variant(s, "before");
    CHECK(step(before, "fire_check").after == V{"reg"});
    CHECK(step(before, "open").after == V{"reg", "fire_check"});
    CHECK(before.branches[0].after == V{"reg"});
    CHECK(variant(s, "online").levers[0].steps == V{"reg"});  // the derived variant's lever

    REQUIRE(rename_item(s, {ItemKind::step, "fire_check", "before"}, "fire"));
    CHECK(variant(s, "before").branches[0].options[0].steps == V{"fire"});

    REQUIRE(rename_item(s, {ItemKind::department, "amr", ""}, "market"));
    CHECK(step(variant(s, "before"), "reg").department == "market");
    CHECK(step(variant(s, "before"), "open").department == "market");

    REQUIRE(rename_item(s, {ItemKind::place, "center", ""}, "hall"));
    CHECK(s.departments[0].place == "hall");
    CHECK(s.departments[1].place == "hall");

    REQUIRE(rename_item(s, {ItemKind::variant, "before", ""}, "old"));
    CHECK(variant(s, "online").from == "old");
    // "before" must exist: the reader says so, at the variants.
    LoadResult r = validate_draft(s);
    CHECK_FALSE(r.ok);
    REQUIRE(rename_item(s, {ItemKind::variant, "old", ""}, "before"));
    CHECK(validate_draft(s).ok);
}

TEST_CASE("deleting a referenced step lists the references; validation reports them", "[edit]") {
    Scenario s = doc_example();
    const ItemRef reg{ItemKind::step, "register", "before"};
    const V expected{"/variants/before/steps/1/after/0", "/variants/before/steps/2/after/0",
                     "/variants/before/branches/0/after/0", "/variants/online/levers/0/steps/0"};
    CHECK(paths(references_to(s, reg)) == expected);

    Scenario kept = s;
    CHECK(paths(delete_item(kept, reg, false)) == expected);
    CHECK(variant(kept, "before").steps.size() == 2);
    // Left in place, the references are errors (the steps shifted by one: fire_check is 0).
    LoadResult r = validate_draft(kept);
    CHECK_FALSE(r.ok);
    bool at_after = false;
    for (const auto& issue : r.issues) at_after |= issue.path == "/variants/before/steps/0/after/0";
    CHECK(at_after);

    Scenario dropped = s;
    CHECK(paths(delete_item(dropped, reg, true)) == expected);
    CHECK(step(variant(dropped, "before"), "fire_check").after.empty());
    CHECK(step(variant(dropped, "before"), "open").after == V{"fire_check"});
    CHECK(variant(dropped, "before").branches[0].after.empty());
    CHECK(variant(dropped, "online").levers[0].steps.empty());

    // Nothing names a branch; a missing item deletes nothing.
    CHECK(references_to(s, {ItemKind::branch, "fire_needed", "before"}).empty());
    Scenario same = s;
    CHECK(delete_item(same, {ItemKind::material, "nope", ""}, true).empty());
    CHECK(same == s);
}

TEST_CASE("add and duplicate give fresh ids next to the original", "[edit]") {
    Scenario s = doc_example();
    ItemRef a = add_item(s, ItemKind::step, "before");
    CHECK(a.id == "step_1");
    CHECK(variant(s, "before").steps.back().id == "step_1");
    CHECK(variant(s, "before").steps.back().department == "amr");
    CHECK(add_item(s, ItemKind::step, "before").id == "step_2");
    CHECK(add_item(s, ItemKind::step, "online").id.empty());  // derived: its steps are computed

    ItemRef d = duplicate_item(s, {ItemKind::step, "register", "before"});
    CHECK(d.id == "register_copy");
    CHECK(variant(s, "before").steps[1].id == "register_copy");
    CHECK(variant(s, "before").steps[1].needs == V{"id_card"});
    CHECK(duplicate_item(s, {ItemKind::step, "register", "before"}).id == "register_copy2");

    CHECK(add_item(s, ItemKind::material).id == "material_1");
    CHECK(add_item(s, ItemKind::place).id == "place_1");
    CHECK(fresh_id(s, ItemKind::material, "license") == "license_2");
    CHECK(fresh_id(s, ItemKind::material, "permit") == "permit");
}

TEST_CASE("lever order is apply order: reordering changes the derived variant", "[edit]") {
    // online(register) then agent(all citizen-facing): register is online by then, so only
    // "open" gets the agent. agent first: register is still a window step and gets it too.
    Scenario s = doc_example();
    REQUIRE(add_lever(s, "online", LeverKind::agent));  // levers: online, compress_time, agent
    LoadResult r = validate_draft(s);
    REQUIRE(r.ok);
    CHECK_FALSE(step(variant(r.scenario, "online"), "register").agent);
    CHECK(step(variant(r.scenario, "online"), "open").agent);

    REQUIRE(move_lever(s, "online", 2, 0));  // agent, online, compress_time
    CHECK(variant(s, "online").levers[0].kind == LeverKind::agent);
    CHECK(variant(s, "online").levers[1].kind == LeverKind::online);
    CHECK(variant(s, "online").levers[2].kind == LeverKind::compress_time);
    r = validate_draft(s);
    REQUIRE(r.ok);
    CHECK(step(variant(r.scenario, "online"), "register").agent);
    CHECK(step(variant(r.scenario, "online"), "open").agent);

    CHECK_FALSE(move_lever(s, "online", 0, 3));
    REQUIRE(remove_lever(s, "online", 0));
    CHECK(variant(s, "online").levers.size() == 2);
    CHECK_FALSE(add_lever(s, "before", LeverKind::agent));  // the written-out base stays so
}

TEST_CASE("undo restores every reference of a rename; 150 steps undo and redo", "[edit]") {
    const Scenario original = doc_example();
    Scenario s = original;
    EditHistory history;
    history.commit(s);
    REQUIRE(rename_item(s, {ItemKind::material, "license", ""}, "biz_license"));
    const Scenario renamed = s;
    REQUIRE(history.undo(s));
    CHECK(s == original);
    CHECK(step(variant(s, "before"), "open").needs == V{"license"});
    REQUIRE(history.redo(s));
    CHECK(s == renamed);
    CHECK_FALSE(history.redo(s));

    // 150 edits: the arrivals go 12 → 162, one per step; all undone give the original back.
    for (int i = 0; i < 150; ++i) {
        history.commit(s);
        s.arrivals_per_working_day += 1;
    }
    CHECK(history.undo_size() == 151);
    for (int i = 0; i < 150; ++i) REQUIRE(history.undo(s));
    CHECK(s == renamed);
    CHECK(history.undo(s));
    CHECK(s == original);
    CHECK_FALSE(history.undo(s));
    // A new edit after undo drops the redo steps.
    history.commit(s);
    s.id = "x";
    CHECK_FALSE(history.can_redo());

    EditHistory small(3);
    Scenario t = original;
    for (int i = 0; i < 5; ++i) {
        small.commit(t);
        t.arrivals_per_working_day += 1;
    }
    int undone = 0;
    while (small.undo(t)) ++undone;
    CHECK(undone == 3);
    CHECK(t.arrivals_per_working_day == 14);  // 12 + 5 - 3
}

TEST_CASE("validation of an edited built-in scenario: the validate messages, and its time", "[edit]") {
    const std::string text =
        read_text(std::filesystem::path(PEIZOU_SOURCE_DIR) / "scenarios/industrial-project-start.json");
    LoadResult loaded = load_scenario(text, "industrial-project-start.json");
    REQUIRE(loaded.ok);
    Scenario s = loaded.scenario;
    // Canonical round trip: validation of the untouched draft is the file itself.
    CHECK(save_scenario(validate_draft(s).scenario) == save_scenario(s));
    // A branch whose probabilities sum to 0.9 is reported at that branch's options.
    Variant& before = s.variants.front();
    REQUIRE_FALSE(before.branches.empty());
    REQUIRE(before.branches[0].options.size() >= 2);
    before.branches[0].options[0].probability -= 0.1;
    LoadResult r = validate_draft(s);
    CHECK_FALSE(r.ok);
    bool at_branch = false;
    for (const auto& issue : r.issues)
        at_branch |= issue.path.rfind("/variants/before/branches/0", 0) == 0 &&
                     issue.message_en.find("sum") != std::string::npos;
    CHECK(at_branch);
}

// Run by hand (peizou_tests "[.timing]"): the time of one re-validation after an edit.
TEST_CASE("validate_draft time on the largest built-in scenario", "[.timing]") {
    const std::string text =
        read_text(std::filesystem::path(PEIZOU_SOURCE_DIR) / "scenarios/industrial-project-start.json");
    Scenario s = load_scenario(text, "").scenario;
    const int n = 50;
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i) {
        s.arrivals_per_working_day += 1;
        REQUIRE(validate_draft(s).ok);
    }
    const auto t1 = std::chrono::steady_clock::now();
    const double ms = std::chrono::duration<double, std::milli>(t1 - t0).count() / n;
    WARN("validate_draft on industrial-project-start: " << ms << " ms per edit");
}

TEST_CASE("the editor's template is the format page's example; blank and text fields", "[edit]") {
    const std::string doc = read_text(std::filesystem::path(PEIZOU_SOURCE_DIR) / "docs/scenario-format.md");
    const auto begin = doc.find("```json\n") + 8;
    CHECK(std::string(example_scenario_json()) == doc.substr(begin, doc.find("```", begin) - begin));

    Scenario blank = blank_scenario();
    CHECK(blank.places.size() == 1);
    CHECK(blank.variants.size() == 1);
    CHECK(start_text(blank) == "2025-09-29T09:00");
    // A blank scenario validates except that it has no steps yet (not silently "ok").
    LoadResult r = validate_draft(blank);
    CHECK_FALSE(r.ok);

    Scenario s = doc_example();
    CHECK(hours_text(s.office_hours) == "09:00-12:00, 13:30-17:00");
    CHECK(hours_text(s.departments[1].hours.value()) == "09:00-12:00");
    OfficeHours h;
    REQUIRE(parse_hours("08:30-11:30 , 14:00-18:00", h));
    REQUIRE(h.intervals.size() == 2);
    CHECK(h.intervals[0].first == 8 * 3600 + 30 * 60);
    CHECK(h.intervals[1].second == 18 * 3600);
    CHECK_FALSE(parse_hours("8:30", h));
    CHECK(h.intervals.size() == 2);  // unchanged
    CHECK_FALSE(set_start(s, "2025-13-01T09:00"));
    REQUIRE(set_start(s, "2026-01-05T08:30"));
    CHECK(start_text(s) == "2026-01-05T08:30");
}

TEST_CASE("by_hour bars: one hour set starts the profile from per_hour; clear goes back", "[edit]") {
    ArrivalRate rate;
    rate.per_hour = 12;
    CHECK_FALSE(set_by_hour(rate, 24, 5));
    CHECK_FALSE(set_by_hour(rate, -1, 5));
    CHECK(rate.by_hour.empty());
    REQUIRE(set_by_hour(rate, 9, 20));
    // By hand: 24 hours of 12 a hour, hour 9 now 20.
    REQUIRE(rate.by_hour.size() == 24);
    for (int h = 0; h < 24; ++h) CHECK(rate.at_hour(h) == (h == 9 ? 20.0 : 12.0));
    REQUIRE(set_by_hour(rate, 3, -4));  // no negative arrivals
    CHECK(rate.at_hour(3) == 0.0);
    CHECK(rate.at_hour(9) == 20.0);
    clear_by_hour(rate);
    CHECK(rate.at_hour(9) == 12.0);
    CHECK_FALSE(rate.by_hour_given());

    // The format page's example department with a profile: saved and read back equal.
    Scenario s = doc_example();
    REQUIRE(!s.departments.empty());
    REQUIRE(set_by_hour(s.departments[0].background, 10, 25));
    const LoadResult back = validate_draft(s);
    REQUIRE(back.ok);
    CHECK(back.scenario.departments[0].background.by_hour == s.departments[0].background.by_hour);
}

TEST_CASE("empirical values as typed: commas, spaces or 、; a bad part changes nothing", "[edit]") {
    std::vector<double> v{1};
    REQUIRE(parse_numbers("5, 10,20  2.5", v));
    CHECK(v == std::vector<double>{5, 10, 20, 2.5});
    REQUIRE(parse_numbers("3、4", v));
    CHECK(v == std::vector<double>{3, 4});
    CHECK_FALSE(parse_numbers("3, x", v));
    CHECK_FALSE(parse_numbers("3, inf", v));
    CHECK(v == std::vector<double>{3, 4});
    REQUIRE(parse_numbers("", v));
    CHECK(v.empty());
    CHECK(numbers_text({5, 10, 2.5}) == "5, 10, 2.5");
    std::vector<double> round;
    REQUIRE(parse_numbers(numbers_text({0.1, 1e6, 7}), round));
    CHECK(round == std::vector<double>{0.1, 1e6, 7});
}
