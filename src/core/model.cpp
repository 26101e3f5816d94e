// Small helpers of the model: enum names (the words used in scenario files),
// lookups by id, and the mean of a duration.
#include "model.hpp"

#include "lever_spec.hpp"


namespace peizou {

double Duration::typical() const {
    switch (dist) {
        case DistKind::fixed: return value;
        case DistKind::uniform: return (low + high) / 2;
        case DistKind::triangular: return (low + mode + high) / 3;
        case DistKind::exponential:
        case DistKind::normal:  // nominal mean (truncation at 0 ignored)
        case DistKind::lognormal: return mean;
        case DistKind::empirical: {
            double sum = 0, weight = 0;
            for (std::size_t i = 0; i < values.size() && i < weights.size(); ++i) {
                sum += values[i] * weights[i];
                weight += weights[i];
            }
            return weight > 0 ? sum / weight : 0;
        }
    }
    return value;
}

namespace {
template <class T>
const T* find_by_id(const std::vector<T>& items, const std::string& id) {
    for (const T& item : items)
        if (item.id == id) return &item;
    return nullptr;
}

// Enum <-> name tables, in enum order.
const char* const kDistNames[] = {"fixed", "uniform", "triangular", "exponential",
                                  "normal", "lognormal", "empirical"};
const char* const kUnitNames[] = {"minutes", "hours", "working_days", "calendar_days"};
const char* const kStepKindNames[] = {"window", "online", "review", "inspection",
                                      "payment", "collect", "mail"};
const char* const kChooserNames[] = {"citizen", "chance"};
const char* const kCalendarModeNames[] = {"working_days", "always_open", "calendar_days"};

template <class E, std::size_t N>
const char* name_of(E e, const char* const (&names)[N]) {
    auto i = static_cast<std::size_t>(e);
    return i < N ? names[i] : "?";
}

template <class E, std::size_t N>
bool parse_name(const std::string& s, E& out, const char* const (&names)[N]) {
    for (std::size_t i = 0; i < N; ++i) {
        if (s == names[i]) {
            out = static_cast<E>(i);
            return true;
        }
    }
    return false;
}
}  // namespace

const Variant* Scenario::variant(const std::string& id) const { return find_by_id(variants, id); }
const Department* Scenario::department(const std::string& id) const {
    return find_by_id(departments, id);
}
const Material* Scenario::material(const std::string& id) const {
    return find_by_id(materials, id);
}
const Place* Scenario::place(const std::string& id) const { return find_by_id(places, id); }

const char* to_string(DistKind e) { return name_of(e, kDistNames); }
const char* to_string(TimeUnit e) { return name_of(e, kUnitNames); }
const char* to_string(StepKind e) { return name_of(e, kStepKindNames); }
// Lever kinds are named by their table (lever_spec.cpp).
const char* to_string(LeverKind e) {
    auto i = static_cast<std::size_t>(e);
    return i < lever_specs().size() ? lever_specs()[i].key : "?";
}
const char* to_string(Chooser e) { return name_of(e, kChooserNames); }
const char* to_string(CalendarMode e) { return name_of(e, kCalendarModeNames); }

bool parse_enum(const std::string& s, DistKind& out) { return parse_name(s, out, kDistNames); }
bool parse_enum(const std::string& s, TimeUnit& out) { return parse_name(s, out, kUnitNames); }
bool parse_enum(const std::string& s, StepKind& out) { return parse_name(s, out, kStepKindNames); }
bool parse_enum(const std::string& s, LeverKind& out) {
    const LeverSpec* spec = find_lever_spec(s);
    if (spec) out = spec->kind;
    return spec != nullptr;
}
bool parse_enum(const std::string& s, Chooser& out) { return parse_name(s, out, kChooserNames); }
bool parse_enum(const std::string& s, CalendarMode& out) {
    return parse_name(s, out, kCalendarModeNames);
}

}  // namespace peizou
