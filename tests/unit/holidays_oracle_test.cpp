// The holiday data checked against the words of the State Council notices it is copied
// from. Each year of assets/calendar/cn-holidays.json keeps its notice's sentences
// ("二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。");
// this test reads those sentences itself, date by date, and compares them with the
// holidays and make-up working days the calendar actually uses. The weekday names the
// notices print ("（周三）", "（星期日）") are checked against the dates as well: an
// independent check of the civil-date arithmetic.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/calendar.hpp"
#include "scenario/scenario_io.hpp"

extern "C" const char peizou_cn_holidays_json[];
extern "C" const unsigned long long peizou_cn_holidays_json_size;

using namespace peizou;

namespace {

struct NoticeDate {
    int month = 0, day = 0;
    int weekday = -1;  // 0 = Monday … 6 = Sunday, as printed in the note after the date; -1 if none
};

bool at(const std::string& s, std::size_t i, const char* word) { return s.compare(i, std::string(word).size(), word) == 0; }

// The weekday a "（…）" note names: 周一…周日 or 星期一…星期日 (星期天 too).
int weekday_in(const std::string& note) {
    static const char* names[] = {"一", "二", "三", "四", "五", "六", "日"};
    for (const char* prefix : {"星期", "周"}) {
        for (std::size_t at_ = note.find(prefix); at_ != std::string::npos; at_ = note.find(prefix, at_ + 1)) {
            const std::size_t after = at_ + std::string(prefix).size();
            for (int w = 0; w < 7; ++w)
                if (at(note, after, names[w])) return w;
            if (at(note, after, "天")) return 6;
        }
    }
    return -1;
}

// Every "M月D日" or "D日" (the month of the previous date) in a clause, in order, each
// with the weekday of a "（…）" note right after it. "共8天"/"放假1天" are not dates.
std::vector<NoticeDate> dates_in(const std::string& s) {
    std::vector<NoticeDate> out;
    int month = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        if (s[i] < '0' || s[i] > '9') { ++i; continue; }
        int n = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') n = n * 10 + (s[i++] - '0');
        NoticeDate d;
        if (at(s, i, "月")) {
            month = n;
            i += std::string("月").size();
            int m = 0;
            while (i < s.size() && s[i] >= '0' && s[i] <= '9') m = m * 10 + (s[i++] - '0');
            if (!at(s, i, "日")) continue;
            d.day = m;
        } else if (at(s, i, "日")) {
            d.day = n;
        } else {
            continue;  // a count of days, a year …
        }
        i += std::string("日").size();
        d.month = month;
        if (at(s, i, "（")) {
            const std::size_t close = s.find("）", i);
            d.weekday = weekday_in(s.substr(i, close - i));
            i = close;
        }
        out.push_back(d);
    }
    return out;
}

std::vector<std::string> split(const std::string& s, const std::string& by) {
    std::vector<std::string> out;
    std::size_t from = 0;
    for (std::size_t at_ = s.find(by); at_ != std::string::npos; at_ = s.find(by, from)) {
        out.push_back(s.substr(from, at_ - from));
        from = at_ + by.size();
    }
    out.push_back(s.substr(from));
    return out;
}

// What one numbered line of a notice says.
struct NoticeLine {
    std::string name;                    // "春节", "国庆节、中秋节"
    std::int64_t first = 0, last = 0;    // days off, inclusive
    int stated_length = 0;               // "共N天", or 0 when not stated
    std::vector<std::int64_t> makeup;    // "… 上班"
    std::vector<std::pair<std::int64_t, int>> named_weekdays;  // date, weekday printed with it
};

std::int64_t notice_day(int year, const NoticeDate& d) { return days_from_civil({year, d.month, d.day}); }

NoticeLine read_line(const std::string& line, int year) {
    NoticeLine r;
    const std::size_t colon = line.find("：");
    const std::size_t comma = line.find("、");
    REQUIRE(colon != std::string::npos);
    REQUIRE(comma < colon);
    r.name = line.substr(comma + std::string("、").size(), colon - comma - std::string("、").size());
    bool seen_holiday = false;
    for (const std::string& clause : split(line.substr(colon), "。")) {
        const std::vector<NoticeDate> dates = dates_in(clause);
        for (const auto& d : dates)
            if (d.weekday >= 0) r.named_weekdays.push_back({notice_day(year, d), d.weekday});
        const std::size_t off = clause.find("放假");
        if (off != std::string::npos && !seen_holiday) {
            seen_holiday = true;
            const std::vector<NoticeDate> before = dates_in(clause.substr(0, off));
            REQUIRE((before.size() == 1 || before.size() == 2));
            if (before.size() == 2) REQUIRE(clause.find("至") < off);
            r.first = notice_day(year, before.front());
            r.last = notice_day(year, before.back());
            const std::size_t total = clause.find("共");
            if (total != std::string::npos) {
                std::size_t i = total + std::string("共").size();
                while (i < clause.size() && clause[i] >= '0' && clause[i] <= '9') r.stated_length = r.stated_length * 10 + (clause[i++] - '0');
            }
        } else if (clause.size() >= std::string("上班").size() &&
                   clause.compare(clause.size() - std::string("上班").size(), std::string::npos, "上班") == 0) {
            REQUIRE(!dates.empty());
            for (const auto& d : dates) r.makeup.push_back(notice_day(year, d));
        }
    }
    REQUIRE(seen_holiday);
    return r;
}

std::string date_text(std::int64_t d) {
    const CivilDate c = civil_from_days(d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
    return buf;
}

}  // namespace

TEST_CASE("the sentence reader reads the notices' forms", "[calendar][oracle]") {
    const NoticeLine a = read_line("二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。"
                                   "鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。", 2024);
    CHECK(a.name == "春节");
    CHECK(date_text(a.first) == "2024-02-10");
    CHECK(date_text(a.last) == "2024-02-17");
    CHECK(a.stated_length == 8);
    REQUIRE(a.makeup.size() == 2);
    CHECK(date_text(a.makeup[0]) == "2024-02-04");
    CHECK(date_text(a.makeup[1]) == "2024-02-18");
    CHECK(a.named_weekdays.size() == 2);
    const NoticeLine b = read_line("六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。", 2025);
    CHECK(b.name == "国庆节、中秋节");
    CHECK(date_text(b.last) == "2025-10-08");
    CHECK(b.named_weekdays == std::vector<std::pair<std::int64_t, int>>{
        {notice_day(2025, {10, 1}), 2}, {notice_day(2025, {10, 8}), 2}, {notice_day(2025, {9, 28}), 6}, {notice_day(2025, {10, 11}), 5}});
    const NoticeLine c = read_line("一、元旦：1月1日（周三）放假1天，不调休。", 2025);
    CHECK(c.first == c.last);
    CHECK(c.stated_length == 0);
    CHECK(c.makeup.empty());
}

TEST_CASE("every holiday and make-up day of 2024–2026 is what the notice says, date by date", "[calendar][oracle]") {
    const nlohmann::json root = nlohmann::json::parse(peizou_cn_holidays_json, peizou_cn_holidays_json + peizou_cn_holidays_json_size);
    const HolidayData& data = scenario::china_holidays();
    std::vector<NoticeLine> lines;
    std::vector<int> years;
    for (const auto& y : root.at("years")) {
        const int year = y.at("year").get<int>();
        years.push_back(year);
        INFO(y.at("notice").at("number").get<std::string>());
        const auto& text = y.at("notice").at("text");
        CHECK(text.size() == y.at("holidays").size());
        for (const auto& line : text) lines.push_back(read_line(line.get<std::string>(), year));
    }
    CHECK(years == std::vector<int>{2024, 2025, 2026});
    CHECK(data.covered_years == years);
    REQUIRE(lines.size() == data.holidays.size());
    std::vector<std::string> said_makeup, data_makeup;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const NoticeLine& l = lines[i];
        INFO("notice line " << i << ": " << l.name);
        CHECK(data.holidays[i].name == l.name);
        CHECK(date_text(data.holidays[i].first_day) == date_text(l.first));
        CHECK(date_text(data.holidays[i].last_day) == date_text(l.last));
        if (l.stated_length) CHECK(l.last - l.first + 1 == l.stated_length);
        for (auto d : l.makeup) said_makeup.push_back(date_text(d));
        for (const auto& [d, w] : l.named_weekdays) {
            INFO(date_text(d));
            CHECK(weekday_of_day(d) == w);
        }
    }
    for (auto d : data.makeup_workdays) data_makeup.push_back(date_text(d));
    CHECK(data_makeup == said_makeup);
    CHECK(said_makeup.size() == 19);
}

TEST_CASE("weekday names: dates the notices print with their weekdays, hand-copied", "[calendar][oracle]") {
    // A second check that needs no parser: three lines read by eye.
    CHECK(weekday_of_day(days_from_civil({2026, 6, 19})) == 4);   // 端午 2026: 6月19日（周五）
    CHECK(weekday_of_day(days_from_civil({2026, 6, 21})) == 6);   // 至21日（周日）
    CHECK(weekday_of_day(days_from_civil({2026, 9, 20})) == 6);   // 9月20日（周日）上班
    CHECK(weekday_of_day(days_from_civil({2024, 5, 11})) == 5);   // 5月11日（星期六）上班
}
