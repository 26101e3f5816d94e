// Reading a scenario file's JSON into the model, with every problem reported.
//
// [SECTION] names, clocks and dates   [SECTION] the scenario, durations, office hours
// (the Reader class: scenario_reader.hpp; places … levers: scenario_read_parts.cpp)
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "core/lever_spec.hpp"
#include "json_text.hpp"
#include "scenario_read.hpp"
#include "scenario_reader.hpp"

namespace peizou::scenario {

using J = nlohmann::ordered_json;

// ---------------------------------------------------------------- [SECTION] names, clocks and dates

std::string variant_path(const std::string& variant_id) {
    return pointer_append("/variants", variant_id);
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string closest(const std::string& word, const std::vector<std::string>& options) {
    if (word.size() > 64) return "";
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(2, word.size() / 2) + 1;
    for (const auto& option : options) {
        std::size_t gap = option.size() > word.size() ? option.size() - word.size()
                                                      : word.size() - option.size();
        if (gap >= best_distance) continue;  // cannot be closer; also skips long ids
        std::size_t d = edit_distance(word, option);
        if (d < best_distance) {
            best_distance = d;
            best = option;
        }
    }
    return best;
}

bool parse_clock(const std::string& text, Seconds& out) {
    if (text.size() != 5 || text[2] != ':') return false;
    for (int i : {0, 1, 3, 4})
        if (text[static_cast<std::size_t>(i)] < '0' || text[static_cast<std::size_t>(i)] > '9')
            return false;
    int hour = (text[0] - '0') * 10 + (text[1] - '0');
    int minute = (text[3] - '0') * 10 + (text[4] - '0');
    if (minute > 59 || hour > 24 || (hour == 24 && minute != 0)) return false;
    out = hour * kHour + minute * kMinute;
    return true;
}

std::string format_clock(Seconds s) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", static_cast<int>(s / kHour),
                  static_cast<int>(s % kHour / kMinute));
    return buffer;
}

namespace {
bool digits(const std::string& text, std::size_t at, std::size_t count, int& out) {
    out = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (i >= text.size() || text[i] < '0' || text[i] > '9') return false;
        out = out * 10 + (text[i] - '0');
    }
    return true;
}

int days_in_month(int year, int month) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}
}  // namespace

bool parse_start(const std::string& text, Seconds& out) {
    // YYYY-MM-DDTHH:MM[:SS]
    if (text.size() != 16 && text.size() != 19) return false;
    int year, month, day, hour, minute, second = 0;
    if (!digits(text, 0, 4, year) || text[4] != '-' || !digits(text, 5, 2, month) ||
        text[7] != '-' || !digits(text, 8, 2, day) || text[10] != 'T' ||
        !digits(text, 11, 2, hour) || text[13] != ':' || !digits(text, 14, 2, minute))
        return false;
    if (text.size() == 19 && (text[16] != ':' || !digits(text, 17, 2, second))) return false;
    if (year < 1970 || year > 2200 || month < 1 || month > 12 || day < 1 ||
        day > days_in_month(year, month) || hour > 23 || minute > 59 || second > 59)
        return false;
    out = make_time(CivilDate{year, month, day}, hour, minute, second);
    return true;
}

std::string format_start(Seconds t) {
    CivilDate d = civil_from_days(day_of(t));
    Seconds s = second_of_day(t);
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d", d.year, d.month, d.day,
                  static_cast<int>(s / kHour), static_cast<int>(s % kHour / kMinute));
    std::string out = buffer;
    if (s % kMinute) {
        std::snprintf(buffer, sizeof buffer, ":%02d", static_cast<int>(s % kMinute));
        out += buffer;
    }
    return out;
}

using namespace read_detail;

// ---------------------------------------------------------------- [SECTION] the scenario, durations, office hours

void Reader::scenario(const J& root, Scenario& s) {
    if (!object(root, "")) return;
    fields(root, "", kScenarioFields);

    std::string format;
    if (string(root, "", "format", format, true) && format != kFormatVersion) {
        report_.error("/format", Diag::file_format_unsupported, {quote_value(format), kFormatVersion});
    }
    string(root, "", "id", s.id, true);
    string(root, "", "title", s.title, true);
    string(root, "", "title_en", s.title_en);
    string(root, "", "summary", s.summary);
    string(root, "", "summary_en", s.summary_en);
    boolean(root, "", "illustrative", s.illustrative);
    strings(root, "", "assumptions", s.assumptions, false);
    items(root, "", "sources", limits_.max_steps, false, Diag::word_sources,
          [&](const J& v, const std::string& p, std::size_t) {
              s.sources.emplace_back();
              source(v, p, s.sources.back());
          });
    std::string start;
    if (string(root, "", "start", start, true) && !parse_start(start, s.start)) {
        report_.error("/start", Diag::file_start_invalid, {quote_value(start)});
    }
    if (const J* calendar = member(root, "", "calendar", false)) {
        if (object(*calendar, "/calendar")) {
            fields(*calendar, "/calendar", kCalendarFields);
            enumeration(*calendar, "/calendar", "mode", s.calendar_mode);
            if (const J* hours = member(*calendar, "/calendar", "office_hours", false))
                office_hours(*hours, "/calendar/office_hours", s.office_hours);
        }
    }
    if (number(root, "", "arrivals_per_working_day", s.arrivals_per_working_day)) {
        if (s.arrivals_per_working_day < kMinArrivals && s.arrivals_per_working_day >= 0) {
            report_.error("/arrivals_per_working_day", Diag::file_arrivals_too_few,
                          {number_text(s.arrivals_per_working_day)});
        } else {
            range("/arrivals_per_working_day", s.arrivals_per_working_day, kMinArrivals, 100000);
        }
    }

    if (integer(root, "", "promised_trips", s.promised_trips)) range("/promised_trips", s.promised_trips, 0, 100);

    items(root, "", "places", limits_.max_steps, true, Diag::word_places,
          [&](const J& v, const std::string& p, std::size_t) {
              s.places.emplace_back();
              place(v, p, s.places.back());
          });
    items(root, "", "departments", limits_.max_steps, true, Diag::word_departments,
          [&](const J& v, const std::string& p, std::size_t) {
              s.departments.emplace_back();
              department(v, p, s.departments.back());
          });
    items(root, "", "materials", limits_.max_steps, false, Diag::word_materials,
          [&](const J& v, const std::string& p, std::size_t) {
              s.materials.emplace_back();
              material(v, p, s.materials.back());
          });

    const J* variants = member(root, "", "variants", true);
    if (!variants || !object(*variants, "/variants")) return;
    if (variants->size() > static_cast<std::size_t>(limits_.max_variants)) {
        report_.error("/variants", Diag::file_too_many,
                      {Diag::word_variants, std::to_string(variants->size()), std::to_string(limits_.max_variants)});
        return;
    }
    if (!variants->contains("before")) {
        report_.error("/variants/before", Diag::file_missing_before);
    }
    for (const auto& item : variants->items()) {
        Variant v;
        v.id = item.key();
        std::string p = variant_path(v.id);
        if (v.id.empty()) report_.error(p, Diag::file_variant_id_empty, {}, true);
        variant(item.value(), p, v);
        // "before" comes first in the model, the others in file order.
        if (v.id == "before") s.variants.insert(s.variants.begin(), std::move(v));
        else s.variants.push_back(std::move(v));
    }
}

void Reader::duration(const J& v, const std::string& path, Duration& d) {
    d = Duration{};
    if (v.is_number()) {
        if (number_value(v, path, d.value)) range(path, d.value, 0, three_years_in(d.unit));
        return;
    }
    if (!v.is_object()) {
        type_error(path, Diag::type_duration);
        return;
    }
    fields(v, path, kDurationFields);
    // With an unreadable dist its parameters cannot be judged: stop at that one error.
    if (!enumeration(v, path, "dist", d.dist) && v.contains("dist")) return;
    enumeration(v, path, "unit", d.unit);
    Names wanted = dist_parameters(d.dist);
    for (const auto& item : v.items()) {
        const std::string& key = item.key();
        if (key == "dist" || key == "unit") continue;
        bool known = std::find(kDurationFields.begin(), kDurationFields.end(), key) !=
                     kDurationFields.end();
        if (known && std::find(wanted.begin(), wanted.end(), key) == wanted.end()) {
            report_.error(pointer_append(path, key), Diag::file_dist_parameter,
                          {quote_value(key), to_string(d.dist), join(wanted)}, true);
        }
    }
    const double limit = three_years_in(d.unit);
    bool ok = true;
    auto param = [&](const char* key, double& out) {
        if (!number(v, path, key, out, true)) {
            ok = false;
            return;
        }
        if (!range(pointer_append(path, key), out, 0, limit)) ok = false;
    };
    switch (d.dist) {
        case DistKind::fixed: param("value", d.value); break;
        case DistKind::uniform:
            param("low", d.low);
            param("high", d.high);
            break;
        case DistKind::triangular:
            param("low", d.low);
            param("mode", d.mode);
            param("high", d.high);
            if (ok && !(d.low <= d.mode && d.mode <= d.high)) {
                report_.error(path + "/mode", Diag::file_mode_outside);
                ok = false;
            }
            break;
        case DistKind::exponential: param("mean", d.mean); break;
        case DistKind::normal:
        case DistKind::lognormal:
            param("mean", d.mean);
            param("sd", d.sd);
            if (ok && d.dist == DistKind::lognormal && d.mean == 0 && d.sd > 0) {
                report_.error(path + "/mean", Diag::file_lognormal_mean_zero);
            } else if (ok && d.dist == DistKind::lognormal && d.sd > kMaxLognormalCv * d.mean) {
                report_.error(path + "/sd", Diag::file_lognormal_too_wide,
                              {number_text(d.sd), number_text(d.mean)});
            }
            break;
        case DistKind::empirical: {
            auto list = [&](const char* key, std::vector<double>& out) {
                const J* a = member(v, path, key, true);
                std::string p = pointer_append(path, key);
                if (!a || !array(*a, p)) {
                    ok = false;
                    return;
                }
                for (std::size_t i = 0; i < a->size(); ++i) {
                    double x = 0;
                    std::string ip = pointer_append(p, i);
                    if (!number_value((*a)[i], ip, x) ||
                        !range(ip, x, 0, std::string(key) == "values" ? limit : 1e9))
                        ok = false;
                    out.push_back(x);
                }
            };
            list("values", d.values);
            list("weights", d.weights);
            if (!ok) break;
            double total = 0;
            for (double w : d.weights) total += w;
            if (d.values.empty() || d.values.size() != d.weights.size()) {
                report_.error(path + "/weights", Diag::file_weights_length);
            } else if (total <= 0) {
                report_.error(path + "/weights", Diag::file_weights_sum);
            }
            break;
        }
    }
    if (ok && (d.dist == DistKind::uniform) && d.low > d.high) {
        report_.error(path + "/low", Diag::file_low_above_high);
    }
}

void Reader::office_hours(const J& v, const std::string& path, OfficeHours& out) {
    out.intervals.clear();
    if (!array(v, path)) return;
    if (v.empty()) {
        report_.error(path, Diag::file_office_hours_empty);
        return;
    }
    Seconds previous_close = -1;
    constexpr std::size_t kMaxIntervals = 48;
    for (std::size_t i = 0; i < v.size() && i < kMaxIntervals; ++i) {
        std::string p = pointer_append(path, i);
        const J& pair = v[i];
        if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() ||
            !pair[1].is_string()) {
            report_.error(p, Diag::file_office_interval_form);
            return;
        }
        Seconds open = 0, close = 0;
        bool ok = true;
        for (std::size_t k = 0; k < 2; ++k) {
            std::string text = pair[k].get<std::string>();
            if (!parse_clock(text, k == 0 ? open : close)) {
                report_.error(pointer_append(p, k), Diag::file_clock_malformed, {quote_value(text)});
                ok = false;
            }
        }
        if (!ok) return;
        if (open >= close) {
            report_.error(p, Diag::file_office_open_after_close);
            return;
        }
        if (open < previous_close) {
            report_.error(p, Diag::file_office_order);
            return;
        }
        previous_close = close;
        out.intervals.emplace_back(open, close);
    }
    if (v.size() > kMaxIntervals)
        report_.error(path, Diag::file_office_too_many, {std::to_string(kMaxIntervals)});
}

void read_scenario(const J& root, const Limits& limits, Report& report, Scenario& out) {
    Reader(limits, report).scenario(root, out);
}

}  // namespace peizou::scenario
