// Working-day calendar. See calendar.hpp for the semantics and docs/calendar.md for
// the holiday data.
#include "calendar.hpp"

#include <algorithm>
#include <cstdio>

namespace peizou {

namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

bool is_weekday(std::int64_t day) { return weekday_of_day(day) < 5; }

// Mondays-to-Fridays in [Monday 1969-12-29, day): only differences are used.
std::int64_t weekdays_before(std::int64_t day) {
    std::int64_t x = day + 3;  // days since Monday 1969-12-29
    std::int64_t weeks = floor_div(x, 7);
    std::int64_t rest = x - weeks * 7;
    return weeks * 5 + std::min<std::int64_t>(rest, 5);
}

}  // namespace

// Every function below may assume well-formed hours: the constructor keeps them normalised.
OfficeHours normalised(OfficeHours hours) {
    std::vector<std::pair<Seconds, Seconds>> clean;
    for (auto [open, close] : hours.intervals) {
        open = std::clamp<Seconds>(open, 0, kDay);
        close = std::clamp<Seconds>(close, 0, kDay);
        if (open < close) clean.push_back({open, close});
    }
    std::sort(clean.begin(), clean.end());
    OfficeHours out;
    for (const auto& iv : clean) {
        if (!out.intervals.empty() && iv.first <= out.intervals.back().second)
            out.intervals.back().second = std::max(out.intervals.back().second, iv.second);
        else
            out.intervals.push_back(iv);
    }
    return out;
}

// ---------------------------------------------------------------- civil dates
// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
std::int64_t days_from_civil(CivilDate d) {
    std::int64_t y = d.year - (d.month <= 2 ? 1 : 0);
    std::int64_t era = floor_div(y, 400);
    std::int64_t yoe = y - era * 400;                                 // [0, 399]
    std::int64_t m = d.month;
    std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d.day - 1;  // [0, 365]
    std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;        // [0, 146096]
    return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(std::int64_t days) {
    std::int64_t z = days + 719468;
    std::int64_t era = floor_div(z, 146097);
    std::int64_t doe = z - era * 146097;                                   // [0, 146096]
    std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
    std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);            // [0, 365]
    std::int64_t mp = (5 * doy + 2) / 153;                                 // [0, 11]
    CivilDate out;
    out.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    out.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    out.year = static_cast<int>(yoe + era * 400 + (out.month <= 2 ? 1 : 0));
    return out;
}

int weekday_of_day(std::int64_t days) {
    std::int64_t x = days + 3;  // 1970-01-01 was a Thursday (3)
    return static_cast<int>(x - floor_div(x, 7) * 7);
}

Seconds make_time(CivilDate d, int hour, int minute, int second) {
    return days_from_civil(d) * kDay + hour * kHour + minute * kMinute + second;
}

std::string format_time(Seconds t) {
    CivilDate d = civil_from_days(day_of(t));
    Seconds s = second_of_day(t);
    int h = static_cast<int>(s / kHour), m = static_cast<int>(s % kHour / kMinute),
        sec = static_cast<int>(s % kMinute);
    char buf[48];
    if (sec == 0)
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", d.year, d.month, d.day, h, m);
    else
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", d.year, d.month, d.day,
                      h, m, sec);
    return buf;
}

// ---------------------------------------------------------------- office hours
Seconds OfficeHours::seconds_per_day() const {
    Seconds total = 0;
    for (const auto& [open, close] : intervals) total += close - open;
    return total;
}

OfficeHours standard_office_hours() {
    return OfficeHours{{{9 * kHour, 12 * kHour}, {13 * kHour + 30 * kMinute, 17 * kHour}}};
}

// ---------------------------------------------------------------- calendar
Calendar::Calendar(CalendarMode mode, OfficeHours hours, HolidayData holidays)
    : mode_(mode), hours_(normalised(std::move(hours))), holidays_(std::move(holidays)) {
    auto& periods = holidays_.holidays;
    std::sort(periods.begin(), periods.end(),
              [](const HolidayPeriod& a, const HolidayPeriod& b) {
                  return a.first_day < b.first_day;
              });
    std::sort(holidays_.makeup_workdays.begin(), holidays_.makeup_workdays.end());
    std::sort(holidays_.covered_years.begin(), holidays_.covered_years.end());

    if (mode_ != CalendarMode::working_days) return;
    // A flag per day from the first to the last day the data mentions.
    std::int64_t first = 0, last = -1;
    bool any = false;
    auto mention = [&](std::int64_t day) {
        if (!any || day < first) first = day;
        if (!any || day > last) last = day;
        any = true;
    };
    for (const auto& p : periods) { mention(p.first_day); mention(p.last_day); }
    for (auto day : holidays_.makeup_workdays) mention(day);
    if (!any || last - first > 200 * 366) return;  // nothing (or nonsense) to tabulate
    table_first_day_ = first;
    table_working_.resize(static_cast<std::size_t>(last - first + 1));
    for (std::int64_t day = first; day <= last; ++day)
        table_working_[static_cast<std::size_t>(day - first)] = is_weekday(day) ? 1 : 0;
    for (const auto& p : periods)
        for (std::int64_t day = p.first_day; day <= p.last_day; ++day)
            table_working_[static_cast<std::size_t>(day - first)] = 0;
    // A make-up working day wins over a period that (wrongly) covers it.
    for (auto day : holidays_.makeup_workdays)
        table_working_[static_cast<std::size_t>(day - first)] = 1;
    table_correction_before_.assign(table_working_.size() + 1, 0);
    for (std::size_t i = 0; i < table_working_.size(); ++i) {
        int rule = is_weekday(first + static_cast<std::int64_t>(i)) ? 1 : 0;
        table_correction_before_[i + 1] =
            table_correction_before_[i] + (table_working_[i] - rule);
    }
}

bool Calendar::is_working_day_by_data(std::int64_t day) const {
    std::int64_t i = day - table_first_day_;
    if (i >= 0 && i < static_cast<std::int64_t>(table_working_.size()))
        return table_working_[static_cast<std::size_t>(i)] != 0;
    return is_weekday(day);  // outside the data: weekends only
}

bool Calendar::is_working_day(std::int64_t day) const {
    if (mode_ != CalendarMode::working_days) return true;
    return is_working_day_by_data(day);
}

std::int64_t Calendar::next_working_day(std::int64_t day) const {
    do ++day; while (!is_working_day(day));
    return day;
}

std::int64_t Calendar::nth_working_day_after(std::int64_t day, std::int64_t k) const {
    if (k <= 0) return day;
    if (mode_ != CalendarMode::working_days) return day + k;
    if (k == 1) return next_working_day(day);
    // The smallest d > day with k working days in (day, d]: working_days_before is
    // monotone, and outside the data at least 5 days in 7 work, so d lies below `hi`.
    const std::int64_t want = working_days_before(day + 1) + k;
    std::int64_t lo = day + 1;
    std::int64_t hi = day + 1 + (k / 5 + 2) * 7 + static_cast<std::int64_t>(table_working_.size());
    while (lo < hi) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        if (working_days_before(mid + 1) >= want) hi = mid; else lo = mid + 1;
    }
    return lo;
}

bool Calendar::is_open_by_hours(Seconds t) const {
    if (!is_working_day(day_of(t))) return false;
    Seconds s = second_of_day(t);
    for (const auto& [open, close] : hours_.intervals)
        if (open <= s && s < close) return true;
    return false;
}

Seconds Calendar::next_open_by_hours(Seconds t) const {
    if (hours_.intervals.empty()) return kNever;
    std::int64_t day = day_of(t);
    if (is_working_day(day)) {
        Seconds s = second_of_day(t);
        for (const auto& [open, close] : hours_.intervals)
            if (s < close) return day * kDay + std::max(open, s);
    }
    return next_working_day(day) * kDay + hours_.intervals.front().first;
}

Seconds Calendar::close_of_interval(Seconds t) const {
    if (mode_ == CalendarMode::always_open) return kNever;
    t = next_open(t);
    if (t >= kNever) return kNever;
    Seconds s = second_of_day(t);
    for (const auto& [open, close] : hours_.intervals)
        if (open <= s && s < close) return day_of(t) * kDay + close;
    return t;  // unreachable: next_open returns an open instant
}

Seconds Calendar::close_of_day(std::int64_t day) const {
    if (mode_ == CalendarMode::always_open || hours_.intervals.empty()) return (day + 1) * kDay;
    return day * kDay + hours_.intervals.back().second;
}

Seconds Calendar::add_working_time_by_hours(Seconds t, Seconds work) const {
    if (hours_.intervals.empty()) return kNever;
    const Seconds per_day = hours_.seconds_per_day();
    t = next_open(t);
    for (;;) {
        std::int64_t day = day_of(t);
        Seconds s = second_of_day(t);
        for (const auto& [open, close] : hours_.intervals) {
            if (close <= s) continue;
            Seconds start = std::max(open, s);
            if (work <= close - start) return day * kDay + start + work;
            work -= close - start;
        }
        // The rest of this day is used up: skip the whole working days at once, leaving
        // 0 < work <= per_day for the day it ends on.
        const std::int64_t whole = (work - 1) / per_day;
        if (whole > kNever / kDay) return kNever;  // beyond any date: "never", no overflow
        work -= whole * per_day;
        day = nth_working_day_after(day, 1 + whole);
        if (day >= kNever / kDay) return kNever;
        t = day * kDay + hours_.intervals.front().first;
    }
}

Seconds Calendar::add_working_days(Seconds t, int n) const {
    std::int64_t day = day_of(t);
    if (n <= 0) return close_of_day(is_working_day(day) ? day : next_working_day(day));
    return close_of_day(nth_working_day_after(day, n));
}

std::int64_t Calendar::working_days_before(std::int64_t day) const {
    if (mode_ != CalendarMode::working_days) return day;
    std::int64_t count = weekdays_before(day);
    if (table_working_.empty()) return count;
    std::int64_t i = std::clamp<std::int64_t>(day - table_first_day_, 0,
                                              static_cast<std::int64_t>(table_working_.size()));
    return count + table_correction_before_[static_cast<std::size_t>(i)];
}

int Calendar::working_days_between(Seconds a, Seconds b) const {
    std::int64_t from = day_of(a), to = day_of(b);
    if (to <= from) return 0;
    return static_cast<int>(working_days_before(to + 1) - working_days_before(from + 1));
}

Seconds Calendar::open_seconds_before(Seconds t) const {
    std::int64_t day = day_of(t);
    Seconds total = working_days_before(day) * hours_.seconds_per_day();
    if (is_working_day(day)) {
        Seconds s = second_of_day(t);
        for (const auto& [open, close] : hours_.intervals)
            if (s > open) total += std::min(s, close) - open;
    }
    return total;
}

Seconds Calendar::working_time_between(Seconds a, Seconds b) const {
    if (b <= a) return 0;
    if (mode_ == CalendarMode::always_open) return b - a;
    return open_seconds_before(b) - open_seconds_before(a);
}

ClosedReason Calendar::closed_reason(Seconds t) const {
    if (is_open(t)) return ClosedReason::open;
    std::int64_t day = day_of(t);
    if (!is_working_day(day)) return holiday_at(day) ? ClosedReason::holiday : ClosedReason::weekend;
    Seconds s = second_of_day(t);
    if (hours_.intervals.empty() || s < hours_.intervals.front().first ||
        s >= hours_.intervals.back().second)
        return ClosedReason::outside_hours;
    return ClosedReason::lunch;
}

const HolidayPeriod* Calendar::holiday_at(std::int64_t day) const {
    const auto& periods = holidays_.holidays;
    auto after = std::upper_bound(periods.begin(), periods.end(), day,
                                  [](std::int64_t d, const HolidayPeriod& p) {
                                      return d < p.first_day;
                                  });
    if (after == periods.begin()) return nullptr;
    const HolidayPeriod& p = *(after - 1);
    return day <= p.last_day ? &p : nullptr;
}

bool Calendar::covers(std::int64_t day) const {
    if (mode_ != CalendarMode::working_days) return true;
    const auto& years = holidays_.covered_years;
    return std::binary_search(years.begin(), years.end(), civil_from_days(day).year);
}

}  // namespace peizou
