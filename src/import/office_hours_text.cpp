#include "office_hours_text.hpp"

#include "import_report.hpp"

namespace peizou::import {

namespace {
bool digit(char c) { return c >= '0' && c <= '9'; }

// H:MM, H.MM or H (hours 0–24) at `i`; advances `i`. Returns minutes or -1.
int read_time(const std::string& t, std::size_t& i) {
    std::size_t j = i;
    int h = 0, digits = 0;
    while (j < t.size() && digit(t[j]) && digits < 2) h = h * 10 + (t[j++] - '0'), ++digits;
    if (!digits || (j < t.size() && digit(t[j]))) return -1;
    int m = 0;
    if (j + 2 < t.size() && (t[j] == ':' || t[j] == '.') && digit(t[j + 1]) && digit(t[j + 2])) {
        m = (t[j + 1] - '0') * 10 + (t[j + 2] - '0');
        j += 3;
    } else if (t.compare(j, 3, "\xE7\x82\xB9") == 0) {  // 点
        j += 3;
        if (t.compare(j, 3, "\xE5\x8D\x8A") == 0) m = 30, j += 3;  // 半
    } else {
        return -1;
    }
    if (h > 24 || m > 59 || (h == 24 && m)) return -1;
    i = j;
    return h * 60 + m;
}

void skip_spaces(const std::string& t, std::size_t& i) {
    while (i < t.size() && t[i] == ' ') ++i;
}
}  // namespace

OfficeHoursText parse_office_hours(const std::string& raw) {
    OfficeHoursText r;
    const std::string t = halfwidth(raw);
    for (const char* w : {"周六", "星期六", "周日", "星期日", "节假日照常", "双休日"})
        if (t.find(w) != std::string::npos) r.weekend = true;
    bool pm = false;
    for (std::size_t i = 0; i < t.size();) {
        if (t.compare(i, 6, "下午") == 0 || t.compare(i, 6, "晚上") == 0) { pm = true; i += 6; continue; }
        if (t.compare(i, 6, "上午") == 0 || t.compare(i, 6, "早上") == 0 || t.compare(i, 6, "中午") == 0) {
            pm = false; i += 6; continue;
        }
        if (!digit(t[i]) || (i > 0 && digit(t[i - 1]))) { ++i; continue; }
        std::size_t j = i;
        int a = read_time(t, j);
        if (a < 0) { ++i; continue; }
        skip_spaces(t, j);
        if (j < t.size() && t[j] == '-') ++j;
        else if (t.compare(j, 3, "至") == 0 || t.compare(j, 3, "到") == 0) j += 3;
        else { i = j > i ? j : i + 1; continue; }
        skip_spaces(t, j);
        int b = read_time(t, j);
        if (b < 0) { i = j; continue; }
        i = j;
        if (pm && a < 12 * 60) a += 12 * 60;
        if (b <= a && b < 12 * 60) b += 12 * 60;  // "下午2:00-5:00", "9:00-5:00"
        if (b <= a || b > 24 * 60) continue;
        auto& v = r.hours.intervals;
        if (!v.empty() && a * kMinute < v.back().second) { r.dropped = true; continue; }
        if (v.size() >= 48) { r.dropped = true; continue; }
        v.push_back({a * kMinute, b * kMinute});
    }
    r.found = !r.hours.intervals.empty();
    return r;
}

}  // namespace peizou::import
