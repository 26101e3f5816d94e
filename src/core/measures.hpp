// Citizen-burden measures per case and their summaries per run.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "calendar.hpp"

namespace peizou {

// One finished case: ≤ 100 bytes, so a million citizens fit comfortably.
struct CaseMeasures {
    Seconds start = 0, finish = 0;
    std::int64_t citizen_seconds = 0;  // travel + queue + at the window + online filling
    std::int64_t agent_seconds = 0;    // time an agent (帮办代办) spent instead
    double fees_yuan = 0;
    std::int32_t citizen = 0;
    std::int32_t working_days = 0;     // working days after the start day, to the finish
    std::int16_t trips = 0, window_visits = 0, departments = 0, submissions = 0,
                 repeat_submissions = 0, rejections = 0;
    bool legal_limits_met = true;
    bool promised_limits_met = true;   // every step with a promised limit kept it (承诺兑现)

    double calendar_days() const { return static_cast<double>(finish - start) / kDay; }
    double citizen_hours() const { return static_cast<double>(citizen_seconds) / kHour; }
    bool one_trip() const { return trips <= 1; }
};

enum class Measure {
    calendar_days, working_days, citizen_hours, trips, window_visits, departments,
    submissions, repeat_submissions, rejections, fees_yuan,
};
constexpr int kMeasureCount = 10;
const char* measure_key(Measure m);  // "calendar_days" … (the CLI JSON keys)
double measure_value(const CaseMeasures& c, Measure m);

struct Summary {
    double mean = 0, p50 = 0, p90 = 0, min = 0, max = 0;
};
// Nearest-rank percentiles over the finished cases.
Summary summarise(const std::vector<CaseMeasures>& cases, Measure m);
double one_trip_rate(const std::vector<CaseMeasures>& cases);
double legal_limits_met_rate(const std::vector<CaseMeasures>& cases);
// 承诺兑现: the share of cases whose promised limits were all kept, and whose trips were
// within `promised_trips` (issue 16).
double promised_limits_met_rate(const std::vector<CaseMeasures>& cases);
double promised_trips_rate(const std::vector<CaseMeasures>& cases, int promised_trips);
// Index of the median case by calendar time (the representative citizen), or -1.
std::int32_t median_case(const std::vector<CaseMeasures>& cases);

}  // namespace peizou
