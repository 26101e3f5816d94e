// 办事指南 imports: office hours from text, the JSON and CSV readers, the draft.
// Oracles: hand-read times of the texts, the figures of the published guide pages the
// fixtures were written from (tests/fixtures/import/NOTICE: the passport page's 7 working
// days and 120 元; the marriage page's 当场登记 and summer hours; the 呈贡 page's 一次办) and
// the statutes (护照法 §6: 15 days), hand-counted CSV positions.
#include <catch2/catch.hpp>

#include <filesystem>

#include "import/guide.hpp"
#include "import/import.hpp"
#include "import/office_hours_text.hpp"
#include "scenario/parse_count.hpp"
#include "scenario/scenario_io.hpp"
#include "test_files.hpp"

using namespace peizou;
using namespace peizou::import;
using peizou::test::read_text;

namespace {
std::string fixture(const std::string& name) {
    return read_text(std::filesystem::path(PEIZOU_SOURCE_DIR) / "tests/fixtures/import" / name);
}
using Pairs = std::vector<std::pair<Seconds, Seconds>>;
Seconds hm(int h, int m) { return h * kHour + m * kMinute; }

const ReportLine* line_for(const ImportResult& r, const std::string& element) {
    for (const auto& l : r.lines)
        if (l.element == element) return &l;
    return nullptr;
}
const Step* step(const Scenario& s, const std::string& id) {
    for (const auto& st : s.variants[0].steps)
        if (st.id == id) return &st;
    return nullptr;
}
}  // namespace

TEST_CASE("office hours as guides write them", "[import]") {
    auto hours = [](const std::string& t) { return parse_office_hours(t).hours.intervals; };
    CHECK(hours("工作日：上午9:00-12:00、下午14:00-17:00") == Pairs{{hm(9, 0), hm(12, 0)}, {hm(14, 0), hm(17, 0)}});
    // Full-width digits, colons and dashes.
    CHECK(hours("工作日：上午９：００－１２：００、下午１４：００—１７：００") ==
          Pairs{{hm(9, 0), hm(12, 0)}, {hm(14, 0), hm(17, 0)}});
    // 下午 with a 12-hour clock.
    CHECK(hours("上午9:00-12:00 下午2:00-5:30") == Pairs{{hm(9, 0), hm(12, 0)}, {hm(14, 0), hm(17, 30)}});
    CHECK(hours("周一至周五 8:30至12:00，13:30到17:00") == Pairs{{hm(8, 30), hm(12, 0)}, {hm(13, 30), hm(17, 0)}});
    // A second season's hours (out of order) are left out and said so.
    const auto seasons = parse_office_hours("夏季 9:00-12:00 14:30-17:30；冬季 9:00-12:00 14:00-17:00");
    CHECK(seasons.hours.intervals == Pairs{{hm(9, 0), hm(12, 0)}, {hm(14, 30), hm(17, 30)}});
    CHECK(seasons.dropped);
    CHECK(parse_office_hours("周六上午 9:00-12:00 照常办理").weekend);
    CHECK_FALSE(parse_office_hours("工作日").found);
    CHECK_FALSE(parse_office_hours("电话 0571-88888888").found);
}

TEST_CASE("a guide JSON becomes a draft: the passport guide", "[import]") {
    const ImportResult r = import_text("passport-guide.json", fixture("passport-guide.json"));
    REQUIRE(r.ok);
    CHECK(r.format == "guide-json");
    const Scenario& s = r.draft;
    CHECK(s.illustrative);
    CHECK(s.title == "普通护照签发");
    REQUIRE(s.sources.size() == 1);  // cited by the page it was written from
    CHECK(s.sources[0].citation == "http://ghj.yuantaichina.com/jdhy/zcwd/list/84.html");
    CHECK(s.id == "demo_passport_issue");
    CHECK(s.office_hours.intervals == Pairs{{hm(9, 0), hm(12, 0)}, {hm(13, 30), hm(17, 0)}});
    REQUIRE(s.departments.size() == 1);
    CHECK(s.departments[0].windows == 2);
    const Step* review = step(s, "review");
    REQUIRE(review);
    // 护照法 §6: 15 (calendar) days → ⌈15 × 5 / 7⌉ = 11 working days; promise 7 working days.
    CHECK(review->legal_limit_days == 11);
    CHECK(review->promised_limit_days == 7);
    CHECK(s.promised_trips == 1);  // limit_scene_num 1 (承诺兑现, issue 16)
    CHECK(review->review.low == 3.5);
    CHECK(review->review.high == 7);
    const Step* apply = step(s, "apply");
    REQUIRE(apply);
    CHECK(apply->fee_yuan == 120);
    CHECK(apply->needs.size() == 3);
    // The photo is optional (非必要): non-essential; the ID card is necessary.
    CHECK(s.material("m1")->essential);
    CHECK_FALSE(s.material("m2")->essential);
    REQUIRE(step(s, "collect"));
    CHECK(step(s, "collect")->after == std::vector<std::string>{"review"});
    // Located report lines: JSON pointers.
    const ReportLine* legal = line_for(r, "legal time limit");
    REQUIRE(legal);
    CHECK(legal->what == Mapping::approximated);
    CHECK(legal->location == "/anticipate_day");
    CHECK(line_for(r, "link_way")->what == Mapping::ignored);
    // Every default is an assumption line.
    // (approximated but not defaults: the fee from its standard, the legal limit in calendar days)
    CHECK(s.assumptions.size() == static_cast<std::size_t>(r.count(Mapping::approximated) - 2));
    // The draft loads and validates.
    const auto loaded = scenario::load_scenario(draft_text(r), "draft");
    CHECK(loaded.ok);
}

TEST_CASE("a guide CSV and the same guide as JSON give the same draft", "[import]") {
    for (const char* name : {"passport-guide", "marriage-guide", "individual-business-guide"}) {
        INFO(name);
        const ImportResult j = import_text("g.json", fixture(std::string(name) + ".json"));
        const ImportResult c = import_text("g.csv", fixture(std::string(name) + ".csv"));
        REQUIRE(j.ok);
        REQUIRE(c.ok);
        CHECK(c.format == "guide-csv");
        CHECK(draft_text(j) == draft_text(c));
    }
}

TEST_CASE("guide CSV report lines are located by line:column", "[import]") {
    const ImportResult r = import_text("p.csv", fixture("passport-guide.csv"));
    REQUIRE(r.ok);
    // Row 2, the 4th cell: 普通护照签发,demo-passport-issue,公安机关出入境管理机构, = 6 + 1 + 19 + 1 + 11 + 1
    // characters before it → column 40.
    const ReportLine* legal = line_for(r, "legal time limit");
    REQUIRE(legal);
    CHECK(legal->location == "2:40");
    // Materials section: the first material is on line 5.
    const ReportLine* id_card = line_for(r, "居民身份证（领取、换领、补领期间可交临时居民身份证）");
    REQUIRE(id_card);
    CHECK(id_card->location == "5:1");
}

TEST_CASE("即办件, online and post: marriage and individual business guides", "[import]") {
    const ImportResult m = import_text("m.json", fixture("marriage-guide.json"));
    REQUIRE(m.ok);
    CHECK_FALSE(step(m.draft, "review"));        // done on the spot
    REQUIRE(step(m.draft, "collect"));            // 当场领取
    CHECK(m.draft.variants.size() == 1);
    // The page's hours: 夏季上午8:30-12:00；下午：3:00-6:30 (下午 3:00 is 15:00); the 冬季 set is left out.
    CHECK(m.draft.office_hours.intervals == Pairs{{hm(8, 30), hm(12, 0)}, {hm(15, 0), hm(18, 30)}});
    const ImportResult b = import_text("b.json", fixture("individual-business-guide.json"));
    REQUIRE(b.ok);
    REQUIRE(step(b.draft, "mail"));
    CHECK(step(b.draft, "review")->legal_limit_days == 3);
    CHECK(step(b.draft, "review")->promised_limit_days == 1);
    REQUIRE(b.draft.variants.size() == 2);        // + the online variant (is_online)
    CHECK(b.draft.variants[1].id == "online");
    CHECK(b.draft.promised_trips == 1);           // the page's 一次办: one visit
    CHECK(m.draft.promised_trips == 1);
    CHECK(b.draft.variants[1].steps[0].kind == StepKind::online);
    // 下午2:00-5:00 read on a 12-hour clock.
    CHECK(b.draft.office_hours.intervals == Pairs{{hm(9, 0), hm(12, 0)}, {hm(14, 0), hm(17, 0)}});
}

TEST_CASE("what cannot be imported says where and why", "[import]") {
    CHECK_FALSE(import_text("x.json", "{\"foo\": 1}").ok);  // a JSON that is no guide
    const ImportResult csv = import_text("x.csv", "事项名称,办理时间\n");
    CHECK_FALSE(csv.ok);
    REQUIRE(csv.lines.size() == 1);
    CHECK(csv.lines[0].location == "1:1");
    const ImportResult other = import_text("x.txt", "hello");
    CHECK_FALSE(other.ok);
    CHECK(other.format == "unknown");
    CHECK(detect_kind("\xEF\xBB\xBF{\"format\": \"peizou-scenario/1\"}") == FileKind::scenario);
    CHECK(detect_kind("{\"format\":\"peizou-walk/1\"}") == FileKind::walk_record);
    CHECK(detect_kind("  <?xml version=\"1.0\"?><definitions/>") == FileKind::bpmn);
    CHECK(detect_kind(std::string("\xFF\xFE<\0?\0", 6)) == FileKind::bpmn);
    CHECK(detect_kind("事项名称,事项编码\n") == FileKind::guide_csv);
}

TEST_CASE("an import parses its file once; the draft read back is what its text loads to", "[import]") {
    auto& count = scenario::parse_count();
    for (const char* name : {"permit-lanes.bpmn", "passport-guide.json", "passport-guide.csv", "marriage-guide.csv",
                             "individual-business-guide.json", "simod-LoanApp_simplified.bpmn"}) {
        INFO(name);
        const std::string text = fixture(name);
        const long json = count.json, xml = count.xml;
        const ImportResult r = import_text(name, text);
        REQUIRE(r.ok);
        // The source once (XML for BPMN, JSON for a guide JSON, none for CSV) + the draft read back once.
        const bool bpmn = r.format == "bpmn", guide_json = r.format == "guide-json";
        CHECK(count.xml - xml == (bpmn ? 1 : 0));
        CHECK(count.json - json == (guide_json ? 2 : 1));
        // What the page lists without parsing again (r.loaded) equals loading the kept text.
        const scenario::LoadResult again = scenario::load_scenario(draft_text(r), "again");
        CHECK(again.ok == r.loaded.ok);
        CHECK(again.scenario == r.loaded.scenario);
        CHECK(again.warnings == r.loaded.warnings);
        CHECK(again.issues.size() == r.loaded.issues.size());
    }
    // The scenario reader parses a good file once, a broken one twice (the second locates the error).
    const std::string good = draft_text(import_text("p.json", fixture("passport-guide.json")));
    long json = count.json;
    CHECK(scenario::load_scenario(good, "g").ok);
    CHECK(count.json - json == 1);
    json = count.json;
    const scenario::LoadResult bad = scenario::load_scenario(good.substr(0, good.size() / 2), "b");
    CHECK_FALSE(bad.ok);
    CHECK(count.json - json == 2);
    REQUIRE_FALSE(bad.issues.empty());
    CHECK(bad.issues[0].line > 1);  // located
}
