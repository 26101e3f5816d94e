// Working-day calendar: office hours, weekends, Chinese public holidays and
// make-up working days (调休). Pure: the holiday data arrives as a plain struct
// (src/scenario reads it from assets/calendar/*.json).
//
// Time is integer seconds of local (China) wall-clock time since 1970-01-01 00:00.
// China has no daylight saving, so a day is always 86,400 s and
// day_of(t) = floor(t / 86400).
#pragma once
#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace peizou {

using Seconds = std::int64_t;
constexpr Seconds kMinute = 60;
constexpr Seconds kHour = 3600;
constexpr Seconds kDay = 86400;
// "Never" for a calendar that has no open time (or never closes): far in the future,
// still safe to add a few years to without overflow.
constexpr Seconds kNever = std::int64_t{1} << 60;

struct CivilDate {
    int year = 1970, month = 1, day = 1;
    friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

// Days since 1970-01-01 (may be negative) <-> civil date, proleptic Gregorian.
std::int64_t days_from_civil(CivilDate d);
CivilDate civil_from_days(std::int64_t days);
int weekday_of_day(std::int64_t days);  // 0 = Monday … 6 = Sunday
inline std::int64_t day_of(Seconds t) { return t >= 0 ? t / kDay : -((-t + kDay - 1) / kDay); }
inline Seconds second_of_day(Seconds t) { return t - day_of(t) * kDay; }
Seconds make_time(CivilDate d, int hour, int minute, int second = 0);
// "2025-09-30 15:42" (used in logs and tests).
std::string format_time(Seconds t);

// One named holiday period, e.g. 国庆节 2025-10-01 … 2025-10-08.
struct HolidayPeriod {
    std::string name;      // "国庆节、中秋节"
    std::string name_en;   // "National Day and Mid-Autumn Festival"
    std::int64_t first_day = 0, last_day = 0;  // inclusive, days since epoch
};

struct HolidayData {
    std::vector<int> covered_years;            // years whose official notice is in the data
    std::vector<HolidayPeriod> holidays;       // days off (including weekend days inside)
    std::vector<std::int64_t> makeup_workdays; // 调休上班: weekend days that are working days
    std::vector<std::string> sources;          // citation per covered year
};

// Office hours of a working day as [open, close) intervals in seconds of the day,
// sorted and non-overlapping, e.g. {{9h, 12h}, {13.5h, 17h}}.
struct OfficeHours {
    std::vector<std::pair<Seconds, Seconds>> intervals;
    Seconds seconds_per_day() const;
    friend bool operator==(const OfficeHours&, const OfficeHours&) = default;
};
OfficeHours standard_office_hours();  // 9:00–12:00, 13:30–17:00
// Sorted, clamped to one day, empty intervals dropped, overlaps merged (what Calendar keeps).
OfficeHours normalised(OfficeHours hours);

enum class CalendarMode {
    working_days,   // office hours on working days only (weekends, holidays, 调休 honoured)
    always_open,    // 24/7 — for closed-form tests and fully automatic systems
    calendar_days,  // every day counts as a working day, office hours still apply
};

// What a closed period is, for the UI ("周六、周日不办公", "国庆假期").
enum class ClosedReason { open, outside_hours, lunch, weekend, holiday };

class Calendar {
public:
    Calendar() = default;  // always open
    Calendar(CalendarMode mode, OfficeHours hours, HolidayData holidays);

    CalendarMode mode() const { return mode_; }
    const OfficeHours& hours() const { return hours_; }
    const HolidayData& holidays() const { return holidays_; }

    bool is_working_day(std::int64_t day) const;
    // First working day strictly after `day`.
    std::int64_t next_working_day(std::int64_t day) const;
    // The k-th working day strictly after `day` (k >= 1; k <= 0 gives `day`). O(log k):
    // no walk day by day, so a review of a million working days costs what one of two does.
    std::int64_t nth_working_day_after(std::int64_t day, std::int64_t k) const;
    // (Inline for the always-open case: the engine asks these on every event.)
    bool is_open(Seconds t) const { return mode_ == CalendarMode::always_open || is_open_by_hours(t); }
    // Earliest t' >= t with is_open(t'). Returns t itself when open.
    Seconds next_open(Seconds t) const {
        return mode_ == CalendarMode::always_open ? t : next_open_by_hours(t);
    }
    // End of the open interval containing t (t must be open; if not, of the next one).
    // Intervals end at midnight at the latest; always_open never closes (kNever).
    Seconds close_of_interval(Seconds t) const;
    // Close of office hours on the last interval of `day` (day must be working).
    Seconds close_of_day(std::int64_t day) const;
    // Advance by `work` seconds of office time starting at t (counts only open seconds).
    Seconds add_working_time(Seconds t, Seconds work) const {
        if (work <= 0) return t;
        return mode_ == CalendarMode::always_open ? t + work : add_working_time_by_hours(t, work);
    }
    // "Within N working days" of an act at t: close of office hours on the N-th working
    // day after the day of t (the day of t itself is not counted). N = 0 -> close of the
    // day of t if working, else of the next working day.
    Seconds add_working_days(Seconds t, int n) const;
    // Working days strictly after day_of(a) up to and including day_of(b).
    int working_days_between(Seconds a, Seconds b) const;
    // Open seconds in [a, b).
    Seconds working_time_between(Seconds a, Seconds b) const;
    // Why the office is closed at t, and the holiday name if any (empty otherwise).
    ClosedReason closed_reason(Seconds t) const;
    const HolidayPeriod* holiday_at(std::int64_t day) const;
    // True when the day's year is covered by the holiday data (or mode ignores holidays).
    bool covers(std::int64_t day) const;

private:
    bool is_open_by_hours(Seconds t) const;
    Seconds next_open_by_hours(Seconds t) const;
    Seconds add_working_time_by_hours(Seconds t, Seconds work) const;  // work > 0
    // Working days in [.., day) up to a constant: differences count working days.
    std::int64_t working_days_before(std::int64_t day) const;
    Seconds open_seconds_before(Seconds t) const;  // likewise for open seconds
    bool is_working_day_by_data(std::int64_t day) const;

    CalendarMode mode_ = CalendarMode::always_open;
    OfficeHours hours_;
    HolidayData holidays_;  // periods sorted by first_day, make-up days sorted
    // Working-day flags for the days the data mentions (working_days mode), and the
    // running sum of (flag - weekday rule) so day counts stay O(1).
    std::int64_t table_first_day_ = 0;
    std::vector<std::uint8_t> table_working_;
    std::vector<std::int32_t> table_correction_before_;  // size table_working_.size() + 1
};

// The open interval of a calendar found by the last question, for questions asked in
// time order (a department's clock, its arrival stream): most are answered from it.
struct OpenSpan {
    Seconds asked = INT64_MAX, from = 0, until = 0;  // open in [from, until) for t ≥ asked
    // Calendar::next_open(t), with close_of_interval(t) in `until`.
    Seconds next_open(const Calendar& cal, Seconds t) {
        if (t < asked || t >= until) {
            asked = t;
            from = cal.next_open(t);
            until = cal.close_of_interval(t);
        }
        return std::max(t, from);
    }
};

}  // namespace peizou
