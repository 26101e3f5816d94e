// Office hours as service guides write them: "工作日：上午9:00-12:00、下午14:00-17:00",
// "周一至周五 9：00—12：00，13：30—17：30", "上午9:00-12:00 下午2:00-5:00" (下午/晚上 adds 12 h
// to an hour below 12), full-width digits, colons and dashes too.
#pragma once
#include <string>

#include "core/calendar.hpp"

namespace peizou::import {

struct OfficeHoursText {
    bool found = false;       // at least one interval
    OfficeHours hours;        // in order, not overlapping
    bool dropped = false;     // later intervals out of order (a second season's hours) left out
    bool weekend = false;     // the text mentions 周六/周日/节假日 opening: not modelled
};
OfficeHoursText parse_office_hours(const std::string& text);

}  // namespace peizou::import
