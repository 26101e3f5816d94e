// Working-day calendar with real dates and the holiday data of 2024–2026.
#include <catch2/catch.hpp>

#include <string>

#include "core/calendar.hpp"
#include "core/model.hpp"
#include "scenario/scenario_io.hpp"

using namespace peizou;

namespace {

std::int64_t day(int y, int m, int d) { return days_from_civil({y, m, d}); }
Seconds at(int y, int m, int d, int hour, int minute = 0) { return make_time({y, m, d}, hour, minute); }

Calendar china() {
    return Calendar(CalendarMode::working_days, standard_office_hours(),
                    scenario::china_holidays());
}

}  // namespace

TEST_CASE("civil dates: anchors and a wide round trip", "[calendar]") {
    CHECK(days_from_civil({1970, 1, 1}) == 0);
    CHECK(days_from_civil({2000, 3, 1}) == 11017);
    CHECK(days_from_civil({2024, 2, 29}) == 19782);
    CHECK(days_from_civil({2025, 10, 1}) == 20362);
    CHECK(days_from_civil({1900, 1, 1}) == -25567);
    CHECK(days_from_civil({2100, 12, 31}) == 47846);
    CHECK(civil_from_days(-1) == CivilDate{1969, 12, 31});
    CHECK(weekday_of_day(0) == 3);                    // Thursday
    CHECK(weekday_of_day(day(2025, 10, 1)) == 2);     // Wednesday
    CHECK(weekday_of_day(day(1900, 1, 1)) == 0);      // Monday
    CHECK(weekday_of_day(-1) == 2);

    // Every day from 0738 to 7214: consecutive, valid, and back to the same number.
    CivilDate previous = civil_from_days(-1'000'001);
    for (std::int64_t d = -1'000'000; d <= 1'000'000; ++d) {
        CivilDate c = civil_from_days(d);
        REQUIRE(days_from_civil(c) == d);
        bool next_day = c.year == previous.year && c.month == previous.month &&
                        c.day == previous.day + 1;
        bool next_month = c.day == 1 && ((c.year == previous.year && c.month == previous.month + 1) ||
                                         (c.year == previous.year + 1 && c.month == 1 &&
                                          previous.month == 12));
        REQUIRE((next_day || next_month));
        REQUIRE(weekday_of_day(d) == ((d % 7 + 7 + 3) % 7));
        previous = c;
    }
}

TEST_CASE("format_time and make_time", "[calendar]") {
    CHECK(format_time(at(2025, 9, 30, 15, 42)) == "2025-09-30 15:42");
    CHECK(format_time(at(2025, 9, 30, 15, 42) + 7) == "2025-09-30 15:42:07");
    CHECK(format_time(make_time({1969, 12, 31}, 23, 59)) == "1969-12-31 23:59");
    CHECK(format_time(0) == "1970-01-01 00:00");
    CHECK(at(2025, 9, 30, 15, 42) == 20361 * kDay + 15 * kHour + 42 * kMinute);
    CHECK(day_of(-1) == -1);
    CHECK(second_of_day(-1) == kDay - 1);
}

TEST_CASE("office hours", "[calendar]") {
    OfficeHours h = standard_office_hours();
    REQUIRE(h.intervals.size() == 2);
    CHECK(h.intervals[0] == std::pair<Seconds, Seconds>{9 * kHour, 12 * kHour});
    CHECK(h.intervals[1] == std::pair<Seconds, Seconds>{13 * kHour + 30 * kMinute, 17 * kHour});
    CHECK(h.seconds_per_day() == 6 * kHour + 30 * kMinute);
    CHECK(h == standard_office_hours());
}

TEST_CASE("office hours normalised: sorted, clamped, empty dropped, overlaps merged", "[calendar]") {
    // Hand-worked: 13:00–17:00, 9:00–12:00, 11:00–12:30 (overlaps 9–12), 15:00–15:00 (empty),
    // 23:00–26:00 (clamped to midnight) → 9:00–12:30, 13:00–17:00, 23:00–24:00: 8.5 h a day.
    const OfficeHours messy{{{13 * kHour, 17 * kHour}, {9 * kHour, 12 * kHour}, {11 * kHour, 12 * kHour + 30 * kMinute},
                             {15 * kHour, 15 * kHour}, {23 * kHour, 26 * kHour}}};
    const OfficeHours h = normalised(messy);
    REQUIRE(h.intervals.size() == 3);
    CHECK(h.intervals[0] == std::pair<Seconds, Seconds>{9 * kHour, 12 * kHour + 30 * kMinute});
    CHECK(h.intervals[1] == std::pair<Seconds, Seconds>{13 * kHour, 17 * kHour});
    CHECK(h.intervals[2] == std::pair<Seconds, Seconds>{23 * kHour, kDay});
    CHECK(h.seconds_per_day() == 8 * kHour + 30 * kMinute);
    CHECK(normalised(h) == h);  // already well-formed: unchanged
}

TEST_CASE("holiday data: the three State Council notices", "[calendar]") {
    const HolidayData& data = scenario::china_holidays();
    CHECK(data.covered_years == std::vector<int>{2024, 2025, 2026});
    REQUIRE(data.sources.size() == 3);
    CHECK(data.sources[0].find("国办发明电〔2023〕7号") != std::string::npos);
    CHECK(data.sources[1].find("国办发明电〔2024〕12号") != std::string::npos);
    CHECK(data.sources[2].find("国办发明电〔2025〕7号") != std::string::npos);

    // Period lengths as the notices count them ("共8天" …), in order.
    std::vector<std::int64_t> lengths;
    for (const auto& p : data.holidays) lengths.push_back(p.last_day - p.first_day + 1);
    CHECK(lengths == std::vector<std::int64_t>{1, 8, 3, 5, 1, 3, 7,       // 2024
                                               1, 8, 3, 5, 3, 8,          // 2025
                                               3, 9, 3, 5, 3, 3, 7});     // 2026
    CHECK(data.makeup_workdays.size() == 8 + 5 + 6);
    for (auto d : data.makeup_workdays) CHECK(weekday_of_day(d) >= 5);  // all Sat/Sun
    for (const auto& p : data.holidays) {
        CHECK(!p.name.empty());
        CHECK(!p.name_en.empty());
    }

    // Working days per year: 251, 248, 248.
    Calendar cal = china();
    for (auto [year, expected] : {std::pair{2024, 251}, {2025, 248}, {2026, 248}}) {
        std::int64_t first = day(year, 1, 1), after = day(year + 1, 1, 1);
        int count = 0;
        for (std::int64_t d = first; d < after; ++d) count += cal.is_working_day(d) ? 1 : 0;
        CHECK(count == expected);
        CHECK(cal.working_days_between((first - 1) * kDay, (after - 1) * kDay) == expected);
    }
}

TEST_CASE("Friday afternoon submission", "[calendar]") {
    Calendar cal = china();
    Seconds friday = at(2025, 3, 14, 16, 30);
    REQUIRE(weekday_of_day(day_of(friday)) == 4);
    CHECK(cal.add_working_days(friday, 1) == at(2025, 3, 17, 17, 0));   // Monday 17:00
    CHECK(cal.add_working_days(friday, 5) == at(2025, 3, 21, 17, 0));
    CHECK(cal.add_working_days(friday, 0) == at(2025, 3, 14, 17, 0));
    CHECK(cal.add_working_days(at(2025, 3, 15, 10, 0), 0) == at(2025, 3, 17, 17, 0));
    CHECK(cal.next_open(at(2025, 3, 14, 17, 30)) == at(2025, 3, 17, 9, 0));
    CHECK(cal.closed_reason(at(2025, 3, 15, 10, 0)) == ClosedReason::weekend);
    CHECK(cal.holiday_at(day(2025, 3, 15)) == nullptr);
}

TEST_CASE("submission the day before the National Day holiday 2025", "[calendar]") {
    Calendar cal = china();
    Seconds t = at(2025, 9, 30, 10, 0);
    CHECK(cal.next_working_day(day(2025, 9, 30)) == day(2025, 10, 9));
    CHECK(cal.add_working_days(t, 1) == at(2025, 10, 9, 17, 0));
    CHECK(cal.add_working_days(t, 3) == at(2025, 10, 11, 17, 0));  // 10-11 is a make-up Saturday
    CHECK(cal.add_working_days(t, 4) == at(2025, 10, 13, 17, 0));
    for (int d = 1; d <= 8; ++d) {
        CHECK_FALSE(cal.is_working_day(day(2025, 10, d)));
        CHECK(cal.closed_reason(at(2025, 10, d, 10, 0)) == ClosedReason::holiday);
    }
    const HolidayPeriod* p = cal.holiday_at(day(2025, 10, 8));
    REQUIRE(p != nullptr);
    CHECK(p->name == "国庆节、中秋节");
    CHECK(p->name_en == "National Day and Mid-Autumn Festival");
    CHECK(p->first_day == day(2025, 10, 1));
    CHECK(p->last_day == day(2025, 10, 8));
    CHECK(cal.holiday_at(day(2025, 10, 9)) == nullptr);
    CHECK(cal.next_open(at(2025, 10, 3, 11, 0)) == at(2025, 10, 9, 9, 0));
    CHECK(cal.closed_reason(at(2025, 10, 9, 10, 0)) == ClosedReason::open);
}

TEST_CASE("make-up working days have ordinary weekday hours", "[calendar]") {
    Calendar cal = china();
    CHECK(weekday_of_day(day(2025, 9, 28)) == 6);  // a Sunday
    CHECK(cal.is_working_day(day(2025, 9, 28)));
    CHECK(cal.is_open(at(2025, 9, 28, 10, 0)));
    CHECK(cal.closed_reason(at(2025, 9, 28, 12, 30)) == ClosedReason::lunch);
    CHECK(cal.closed_reason(at(2025, 9, 28, 8, 59)) == ClosedReason::outside_hours);
    CHECK_FALSE(cal.is_working_day(day(2025, 9, 27)));  // the Saturday before: weekend
    CHECK(cal.closed_reason(at(2025, 9, 27, 10, 0)) == ClosedReason::weekend);
    CHECK(cal.next_open(at(2025, 9, 27, 10, 0)) == at(2025, 9, 28, 9, 0));
    // Friday 2025-09-26 16:00 + 1 working day lands on the make-up Sunday.
    CHECK(cal.add_working_days(at(2025, 9, 26, 16, 0), 1) == at(2025, 9, 28, 17, 0));
    // 2026: Saturday 02-14 before the Spring Festival and Sunday 01-04 after New Year.
    CHECK(cal.is_open(at(2026, 2, 14, 9, 0)));
    CHECK(cal.is_open(at(2026, 1, 4, 16, 59)));
    CHECK_FALSE(cal.is_open(at(2026, 2, 23, 10, 0)));  // 正月初七, last day off
    // 2024 除夕 (02-09, a Friday) was only recommended as a day off: still working.
    CHECK(cal.is_working_day(day(2024, 2, 9)));
}

TEST_CASE("open, closed, next_open and close_of_interval", "[calendar]") {
    Calendar cal = china();
    Seconds monday = at(2025, 3, 17, 0, 0);
    CHECK_FALSE(cal.is_open(monday + 9 * kHour - 1));
    CHECK(cal.is_open(monday + 9 * kHour));
    CHECK(cal.is_open(monday + 12 * kHour - 1));
    CHECK_FALSE(cal.is_open(monday + 12 * kHour));
    CHECK_FALSE(cal.is_open(monday + 17 * kHour));
    CHECK(cal.next_open(at(2025, 3, 17, 12, 30)) == at(2025, 3, 17, 13, 30));
    CHECK(cal.next_open(at(2025, 3, 17, 10, 15)) == at(2025, 3, 17, 10, 15));
    CHECK(cal.next_open(at(2025, 3, 17, 6, 0)) == at(2025, 3, 17, 9, 0));
    CHECK(cal.next_open(at(2025, 3, 17, 17, 0)) == at(2025, 3, 18, 9, 0));
    CHECK(cal.closed_reason(at(2025, 3, 17, 12, 30)) == ClosedReason::lunch);
    CHECK(cal.closed_reason(at(2025, 3, 17, 17, 0)) == ClosedReason::outside_hours);
    CHECK(cal.close_of_interval(at(2025, 3, 17, 10, 0)) == at(2025, 3, 17, 12, 0));
    CHECK(cal.close_of_interval(at(2025, 3, 17, 14, 0)) == at(2025, 3, 17, 17, 0));
    CHECK(cal.close_of_interval(at(2025, 3, 17, 12, 30)) == at(2025, 3, 17, 17, 0));
    CHECK(cal.close_of_day(day(2025, 3, 17)) == at(2025, 3, 17, 17, 0));
}

TEST_CASE("add_working_time counts only office seconds", "[calendar]") {
    Calendar cal = china();
    // Across lunch: 11:00 + 2 h = 1 h before lunch + 1 h after 13:30.
    CHECK(cal.add_working_time(at(2025, 3, 14, 11, 0), 2 * kHour) == at(2025, 3, 14, 14, 30));
    // Ending exactly at a close stays at the close.
    CHECK(cal.add_working_time(at(2025, 3, 14, 11, 0), 1 * kHour) == at(2025, 3, 14, 12, 0));
    CHECK(cal.add_working_time(at(2025, 3, 17, 9, 0), 6 * kHour + 30 * kMinute) ==
          at(2025, 3, 17, 17, 0));
    // Across the night and the weekend: Friday 16:00 + 2 h = Monday 10:00.
    CHECK(cal.add_working_time(at(2025, 3, 14, 16, 0), 2 * kHour) == at(2025, 3, 17, 10, 0));
    // Starting while closed begins at the next opening.
    CHECK(cal.add_working_time(at(2025, 3, 14, 12, 15), 30 * kMinute) == at(2025, 3, 14, 14, 0));
    CHECK(cal.add_working_time(at(2025, 3, 15, 10, 0), 1) == at(2025, 3, 17, 9, 0) + 1);
    // Several whole days: Monday 9:00 + 3 days and 1 h = Thursday 10:00.
    CHECK(cal.add_working_time(at(2025, 3, 17, 9, 0), 3 * (6 * kHour + 30 * kMinute) + kHour) ==
          at(2025, 3, 20, 10, 0));
    // Exactly whole days end at a close, not at the next morning.
    const Seconds per_day = 6 * kHour + 30 * kMinute;
    CHECK(cal.add_working_time(at(2025, 3, 17, 9, 0), 2 * per_day) == at(2025, 3, 18, 17, 0));
    CHECK(cal.add_working_time(at(2025, 3, 14, 16, 0), kHour + per_day) == at(2025, 3, 17, 17, 0));
    // Across the National Day holiday.
    CHECK(cal.add_working_time(at(2025, 9, 30, 16, 0), 2 * kHour) == at(2025, 10, 9, 10, 0));
    CHECK(cal.add_working_time(at(2025, 3, 14, 11, 0), 0) == at(2025, 3, 14, 11, 0));
    // Inverse check against working_time_between over many starts and lengths.
    for (Seconds start = at(2025, 9, 20, 0, 0); start < at(2025, 10, 20, 0, 0); start += 97 * kMinute) {
        for (Seconds work : {Seconds{1}, 45 * kMinute, 3 * kHour, 20 * kHour, 100 * kHour}) {
            Seconds end = cal.add_working_time(start, work);
            REQUIRE(cal.working_time_between(start, end) == work);
            REQUIRE(cal.is_open(end - 1));
        }
    }
}

TEST_CASE("working_days_between and working_time_between", "[calendar]") {
    Calendar cal = china();
    CHECK(cal.working_days_between(at(2025, 3, 14, 10, 0), at(2025, 3, 17, 10, 0)) == 1);
    CHECK(cal.working_days_between(at(2025, 3, 14, 10, 0), at(2025, 3, 16, 10, 0)) == 0);
    CHECK(cal.working_days_between(at(2025, 3, 14, 10, 0), at(2025, 3, 14, 16, 0)) == 0);
    CHECK(cal.working_days_between(at(2025, 3, 17, 10, 0), at(2025, 3, 14, 10, 0)) == 0);
    // Across the National Day holiday: 09-30, 10-09, 10-10.
    CHECK(cal.working_days_between(at(2025, 9, 29, 10, 0), at(2025, 10, 10, 10, 0)) == 3);
    // Including the make-up Sunday 09-28: 09-28, 09-29, 09-30.
    CHECK(cal.working_days_between(at(2025, 9, 26, 10, 0), at(2025, 9, 30, 10, 0)) == 3);
    CHECK(cal.working_time_between(at(2025, 3, 14, 11, 0), at(2025, 3, 14, 14, 0)) ==
          kHour + 30 * kMinute);
    CHECK(cal.working_time_between(at(2025, 3, 14, 16, 0), at(2025, 3, 17, 10, 0)) == 2 * kHour);
    CHECK(cal.working_time_between(at(2025, 3, 17, 0, 0), at(2025, 3, 18, 0, 0)) ==
          6 * kHour + 30 * kMinute);
    CHECK(cal.working_time_between(at(2025, 10, 1, 0, 0), at(2025, 10, 9, 0, 0)) == 0);

    // Against a day-by-day count, across the data's edges and far outside them.
    for (std::int64_t a : {day(2023, 12, 20), day(2024, 1, 1), day(2025, 9, 25), day(1969, 12, 25),
                           day(2026, 12, 28)}) {
        int count = 0;
        for (std::int64_t b = a + 1; b < a + 800; ++b) {
            count += cal.is_working_day(b) ? 1 : 0;
            REQUIRE(cal.working_days_between(a * kDay + 3600, b * kDay + 50000) == count);
        }
    }
}

TEST_CASE("outside the covered years: weekends only", "[calendar]") {
    Calendar cal = china();
    CHECK(cal.covers(day(2024, 1, 1)));
    CHECK(cal.covers(day(2026, 12, 31)));
    CHECK_FALSE(cal.covers(day(2023, 12, 31)));
    CHECK_FALSE(cal.covers(day(2027, 1, 1)));
    CHECK(cal.is_working_day(day(2027, 10, 1)));        // a Friday, no data for 2027
    CHECK_FALSE(cal.is_working_day(day(2027, 10, 2)));  // Saturday
    CHECK(cal.is_working_day(day(2023, 10, 2)) == true);  // 2023 not covered: a Monday
    CHECK(cal.add_working_days(at(2027, 10, 1, 10, 0), 1) == at(2027, 10, 4, 17, 0));
}

TEST_CASE("always_open mode: every second is open", "[calendar]") {
    Calendar cal;  // default: always open
    CHECK(cal.mode() == CalendarMode::always_open);
    Calendar open(CalendarMode::always_open, standard_office_hours(), scenario::china_holidays());
    for (const Calendar* c : {&cal, &open}) {
        Seconds holiday_night = at(2025, 10, 1, 3, 0);
        CHECK(c->is_open(holiday_night));
        CHECK(c->is_working_day(day(2025, 10, 1)));
        CHECK(c->next_open(holiday_night) == holiday_night);
        CHECK(c->add_working_time(holiday_night, 30 * kHour) == holiday_night + 30 * kHour);
        CHECK(c->working_time_between(holiday_night, holiday_night + 5000) == 5000);
        CHECK(c->add_working_days(holiday_night, 1) == at(2025, 10, 3, 0, 0));
        CHECK(c->working_days_between(holiday_night, at(2025, 10, 8, 1, 0)) == 7);
        CHECK(c->closed_reason(holiday_night) == ClosedReason::open);
        CHECK(c->close_of_interval(holiday_night) == kNever);
        CHECK(c->covers(day(2030, 1, 1)));
    }
}

TEST_CASE("calendar_days mode: every day works, office hours still apply", "[calendar]") {
    Calendar cal(CalendarMode::calendar_days, standard_office_hours(), scenario::china_holidays());
    CHECK(cal.is_open(at(2025, 10, 1, 10, 0)));   // National Day
    CHECK(cal.is_open(at(2025, 3, 15, 10, 0)));   // Saturday
    CHECK(cal.closed_reason(at(2025, 10, 1, 12, 30)) == ClosedReason::lunch);
    CHECK(cal.closed_reason(at(2025, 10, 1, 20, 0)) == ClosedReason::outside_hours);
    CHECK(cal.add_working_days(at(2025, 9, 30, 10, 0), 1) == at(2025, 10, 1, 17, 0));
    CHECK(cal.add_working_days(at(2025, 9, 30, 10, 0), 20) == at(2025, 10, 20, 17, 0));
    CHECK(cal.working_days_between(at(2025, 9, 30, 10, 0), at(2025, 10, 9, 10, 0)) == 9);
    CHECK(cal.add_working_time(at(2025, 3, 14, 16, 0), 2 * kHour) == at(2025, 3, 15, 10, 0));
    CHECK(cal.next_open(at(2025, 3, 14, 17, 0)) == at(2025, 3, 15, 9, 0));
    CHECK(cal.covers(day(2030, 1, 1)));
}

TEST_CASE("odd office hours are normalised", "[calendar]") {
    // Unsorted and overlapping intervals behave as their union 8:00–12:00, 14:00–18:00.
    OfficeHours odd{{{14 * kHour, 18 * kHour}, {8 * kHour, 10 * kHour}, {9 * kHour, 12 * kHour}}};
    Calendar cal(CalendarMode::working_days, odd, {});
    CHECK(cal.hours().seconds_per_day() == 8 * kHour);
    CHECK(cal.next_open(at(2025, 3, 14, 12, 0)) == at(2025, 3, 14, 14, 0));
    CHECK(cal.close_of_interval(at(2025, 3, 14, 8, 30)) == at(2025, 3, 14, 12, 0));
    // No office hours at all: never opens, never finishes work.
    Calendar closed(CalendarMode::working_days, OfficeHours{}, {});
    CHECK(closed.next_open(at(2025, 3, 14, 10, 0)) == kNever);
    CHECK(closed.add_working_time(at(2025, 3, 14, 10, 0), 60) == kNever);
    CHECK_FALSE(closed.is_open(at(2025, 3, 14, 10, 0)));
}

TEST_CASE("scenario_calendar uses the scenario's mode and hours", "[calendar]") {
    Scenario s;
    s.calendar_mode = CalendarMode::working_days;
    s.office_hours = OfficeHours{{{8 * kHour + 30 * kMinute, 12 * kHour}, {14 * kHour, 17 * kHour + 30 * kMinute}}};
    Calendar cal = scenario::scenario_calendar(s);
    CHECK(cal.mode() == CalendarMode::working_days);
    CHECK(cal.hours() == s.office_hours);
    CHECK(cal.is_open(at(2025, 9, 30, 17, 29)));
    CHECK(cal.next_open(at(2025, 9, 30, 17, 30)) == at(2025, 10, 9, 8, 30));
    CHECK(cal.holidays().covered_years == std::vector<int>{2024, 2025, 2026});
    s.calendar_mode = CalendarMode::always_open;
    CHECK(scenario::scenario_calendar(s).is_open(at(2025, 10, 1, 3, 0)));
}
