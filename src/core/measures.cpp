#include "measures.hpp"

#include <algorithm>

namespace peizou {

const char* measure_key(Measure m) {
    switch (m) {
    case Measure::calendar_days: return "calendar_days";
    case Measure::working_days: return "working_days";
    case Measure::citizen_hours: return "citizen_hours";
    case Measure::trips: return "trips";
    case Measure::window_visits: return "window_visits";
    case Measure::departments: return "departments";
    case Measure::submissions: return "submissions";
    case Measure::repeat_submissions: return "repeat_submissions";
    case Measure::rejections: return "rejections";
    case Measure::fees_yuan: return "fees_yuan";
    }
    return "?";
}

double measure_value(const CaseMeasures& c, Measure m) {
    switch (m) {
    case Measure::calendar_days: return c.calendar_days();
    case Measure::working_days: return c.working_days;
    case Measure::citizen_hours: return c.citizen_hours();
    case Measure::trips: return c.trips;
    case Measure::window_visits: return c.window_visits;
    case Measure::departments: return c.departments;
    case Measure::submissions: return c.submissions;
    case Measure::repeat_submissions: return c.repeat_submissions;
    case Measure::rejections: return c.rejections;
    case Measure::fees_yuan: return c.fees_yuan;
    }
    return 0;
}

Summary summarise(const std::vector<CaseMeasures>& cases, Measure m) {
    Summary s;
    if (cases.empty()) return s;
    std::vector<double> v;
    v.reserve(cases.size());
    for (const auto& c : cases) v.push_back(measure_value(c, m));
    double total = 0;
    for (double x : v) total += x;  // summed in finish order: deterministic
    std::sort(v.begin(), v.end());
    auto rank = [&](double p) {  // nearest rank: ceil(p·n), 1-based
        const std::size_t n = v.size();
        std::size_t r = static_cast<std::size_t>(p * static_cast<double>(n));
        if (static_cast<double>(r) < p * static_cast<double>(n)) ++r;
        if (r < 1) r = 1;
        return v[r - 1];
    };
    s.mean = total / static_cast<double>(v.size());
    s.p50 = rank(0.5);
    s.p90 = rank(0.9);
    s.min = v.front();
    s.max = v.back();
    return s;
}

double one_trip_rate(const std::vector<CaseMeasures>& cases) {
    if (cases.empty()) return 0;
    std::size_t n = 0;
    for (const auto& c : cases) n += c.one_trip() ? 1 : 0;
    return static_cast<double>(n) / static_cast<double>(cases.size());
}

double legal_limits_met_rate(const std::vector<CaseMeasures>& cases) {
    if (cases.empty()) return 0;
    std::size_t n = 0;
    for (const auto& c : cases) n += c.legal_limits_met ? 1 : 0;
    return static_cast<double>(n) / static_cast<double>(cases.size());
}

double promised_limits_met_rate(const std::vector<CaseMeasures>& cases) {
    if (cases.empty()) return 0;
    std::size_t n = 0;
    for (const auto& c : cases) n += c.promised_limits_met ? 1 : 0;
    return static_cast<double>(n) / static_cast<double>(cases.size());
}

double promised_trips_rate(const std::vector<CaseMeasures>& cases, int promised_trips) {
    if (cases.empty()) return 0;
    std::size_t n = 0;
    for (const auto& c : cases) n += c.trips <= promised_trips ? 1 : 0;
    return static_cast<double>(n) / static_cast<double>(cases.size());
}

std::int32_t median_case(const std::vector<CaseMeasures>& cases) {
    if (cases.empty()) return -1;
    std::vector<std::int32_t> order(cases.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::int32_t>(i);
    std::stable_sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
        return cases[a].finish - cases[a].start < cases[b].finish - cases[b].start;
    });
    return order[(order.size() - 1) / 2];
}

}  // namespace peizou
