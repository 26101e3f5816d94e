// The Chinese holiday data (assets/calendar/cn-holidays.json, compiled in) and the
// calendar a scenario runs on. Format: docs/calendar.md.
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "scenario/scenario_io.hpp"

extern "C" const char peizou_cn_holidays_json[];
extern "C" const unsigned long long peizou_cn_holidays_json_size;

namespace peizou::scenario {

namespace {

// "2025-10-01" -> days since 1970-01-01; false unless exactly a valid date.
bool parse_date(const nlohmann::ordered_json& value, std::int64_t& out) {
    if (!value.is_string()) return false;
    const std::string& s = value.get_ref<const std::string&>();
    int year = 0, month = 0, day = 0, used = 0;
    if (s.size() != 10 ||
        std::sscanf(s.c_str(), "%4d-%2d-%2d%n", &year, &month, &day, &used) != 3 || used != 10)
        return false;
    CivilDate date{year, month, day};
    out = days_from_civil(date);
    return civil_from_days(out) == date;  // rejects 2025-02-30 and the like
}

std::string text_of(const nlohmann::ordered_json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The data is ours and tested; a year with any malformed entry is left out whole
// (its dates then fall back to weekends only and covers() says so).
HolidayData parse_holidays(const char* text, unsigned long long size) {
    HolidayData data;
    nlohmann::ordered_json root = nlohmann::ordered_json::parse(text, text + size, nullptr, false);
    if (!root.is_object() || !root.contains("years") || !root["years"].is_array()) return data;
    for (const auto& year : root["years"]) {
        if (!year.is_object() || !year.contains("year") || !year["year"].is_number_integer() ||
            !year.contains("holidays") || !year["holidays"].is_array())
            continue;
        HolidayData one;
        bool ok = true;
        for (const auto& h : year["holidays"]) {
            HolidayPeriod period;
            ok = ok && h.is_object() && h.contains("first") && h.contains("last") &&
                 parse_date(h["first"], period.first_day) &&
                 parse_date(h["last"], period.last_day) && period.first_day <= period.last_day;
            if (!ok) break;
            period.name = text_of(h, "name");
            period.name_en = text_of(h, "name_en");
            one.holidays.push_back(period);
            if (h.contains("make_up_workdays")) {
                ok = h["make_up_workdays"].is_array();
                for (const auto& d : ok ? h["make_up_workdays"] : nlohmann::ordered_json::array()) {
                    std::int64_t day = 0;
                    ok = ok && parse_date(d, day);
                    one.makeup_workdays.push_back(day);
                }
            }
        }
        if (!ok) continue;
        const int number = year["year"].get<int>();
        std::string source = std::to_string(number) + ": ";
        if (year.contains("notice") && year["notice"].is_object()) {
            const auto& notice = year["notice"];
            source += text_of(notice, "title") + "（" + text_of(notice, "number") + "，" +
                      text_of(notice, "date") + "）" + text_of(notice, "url");
        }
        data.covered_years.push_back(number);
        data.sources.push_back(source);
        data.holidays.insert(data.holidays.end(), one.holidays.begin(), one.holidays.end());
        data.makeup_workdays.insert(data.makeup_workdays.end(), one.makeup_workdays.begin(),
                                    one.makeup_workdays.end());
    }
    return data;
}

}  // namespace

const HolidayData& china_holidays() {
    static const HolidayData data =
        parse_holidays(peizou_cn_holidays_json, peizou_cn_holidays_json_size);
    return data;
}

Calendar scenario_calendar(const Scenario& s) {
    return Calendar(s.calendar_mode, s.office_hours, china_holidays());
}

}  // namespace peizou::scenario
