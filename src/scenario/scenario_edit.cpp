#include "scenario_edit.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>

#include "core/random.hpp"
#include "scenario_read.hpp"

namespace peizou::scenario {

const char* to_string(ItemKind kind) {
    switch (kind) {
    case ItemKind::place: return "place";
    case ItemKind::department: return "department";
    case ItemKind::material: return "material";
    case ItemKind::step: return "step";
    case ItemKind::branch: return "branch";
    case ItemKind::variant: return "variant";
    }
    return "?";
}

namespace {

Variant* find_variant(Scenario& s, const std::string& id) {
    for (auto& v : s.variants)
        if (v.id == id) return &v;
    return nullptr;
}

template <class T>
auto find_by_id(std::vector<T>& items, const std::string& id) {
    return std::find_if(items.begin(), items.end(), [&](const T& t) { return t.id == id; });
}

// The ids of the items of `kind` (in `variant` for steps and branches).
std::vector<std::string> ids_of(const Scenario& s, ItemKind kind, const std::string& variant) {
    std::vector<std::string> out;
    auto collect = [&](const auto& items) {
        for (const auto& it : items) out.push_back(it.id);
    };
    const Variant* v = s.variant(variant);
    switch (kind) {
    case ItemKind::place: collect(s.places); break;
    case ItemKind::department: collect(s.departments); break;
    case ItemKind::material: collect(s.materials); break;
    case ItemKind::variant: collect(s.variants); break;
    case ItemKind::step: if (v) collect(v->steps); break;
    case ItemKind::branch: if (v) collect(v->branches); break;
    }
    return out;
}

// Variant ids whose `from` chain reaches `root` (not root itself).
std::vector<std::string> descendants(const Scenario& s, const std::string& root) {
    std::vector<std::string> found{root};
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto& v : s.variants)
            if (!v.from.empty() &&
                std::find(found.begin(), found.end(), v.from) != found.end() &&
                std::find(found.begin(), found.end(), v.id) == found.end()) {
                found.push_back(v.id);
                grew = true;
            }
    }
    found.erase(found.begin());
    return found;
}

// Calls `one(value, path)` for each single field and `list(vector, path)` for each list
// that can name the item, in file order.
using OneFn = std::function<void(std::string&, const std::string&)>;
using ListFn = std::function<void(std::vector<std::string>&, const std::string&)>;

void visit_reference_fields(Scenario& s, const ItemRef& item, const OneFn& one, const ListFn& list) {
    const std::string vp = "/variants/";
    switch (item.kind) {
    case ItemKind::place:
        for (std::size_t i = 0; i < s.departments.size(); ++i)
            one(s.departments[i].place, "/departments/" + std::to_string(i) + "/place");
        break;
    case ItemKind::department:
        for (auto& v : s.variants) {
            if (v.from.empty())
                for (std::size_t i = 0; i < v.steps.size(); ++i) {
                    const std::string p = vp + v.id + "/steps/" + std::to_string(i);
                    one(v.steps[i].department, p + "/department");
                    one(v.steps[i].reception, p + "/reception");
                }
            for (std::size_t i = 0; i < v.levers.size(); ++i) {
                const std::string p = vp + v.id + "/levers/" + std::to_string(i);
                list(v.levers[i].departments, p + "/departments");
                one(v.levers[i].window_department, p + "/window_department");
            }
        }
        break;
    case ItemKind::material:
        for (auto& v : s.variants) {
            if (v.from.empty())
                for (std::size_t i = 0; i < v.steps.size(); ++i) {
                    const std::string p = vp + v.id + "/steps/" + std::to_string(i);
                    list(v.steps[i].needs, p + "/needs");
                    list(v.steps[i].produces, p + "/produces");
                }
            for (std::size_t i = 0; i < v.levers.size(); ++i)
                list(v.levers[i].materials, vp + v.id + "/levers/" + std::to_string(i) + "/materials");
        }
        break;
    case ItemKind::step: {
        Variant* v = find_variant(s, item.variant);
        if (!v || !v->from.empty()) break;
        for (std::size_t i = 0; i < v->steps.size(); ++i)
            list(v->steps[i].after, vp + v->id + "/steps/" + std::to_string(i) + "/after");
        for (std::size_t b = 0; b < v->branches.size(); ++b) {
            const std::string p = vp + v->id + "/branches/" + std::to_string(b);
            list(v->branches[b].after, p + "/after");
            for (std::size_t o = 0; o < v->branches[b].options.size(); ++o)
                list(v->branches[b].options[o].steps, p + "/options/" + std::to_string(o) + "/steps");
        }
        for (const auto& d : descendants(s, v->id)) {
            Variant* dv = find_variant(s, d);
            for (std::size_t i = 0; i < dv->levers.size(); ++i)
                list(dv->levers[i].steps, vp + d + "/levers/" + std::to_string(i) + "/steps");
        }
        break;
    }
    case ItemKind::branch: break;  // nothing names a branch
    case ItemKind::variant:
        for (auto& v : s.variants) one(v.from, vp + v.id + "/from");
        break;
    }
}

}  // namespace

bool item_exists(const Scenario& s, const ItemRef& item) {
    const auto ids = ids_of(s, item.kind, item.variant);
    return std::find(ids.begin(), ids.end(), item.id) != ids.end();
}

std::vector<Reference> references_to(const Scenario& s, const ItemRef& item) {
    std::vector<Reference> out;
    Scenario copy = s;  // the visitor takes fields by reference; nothing is changed
    visit_reference_fields(
        copy, item,
        [&](std::string& value, const std::string& path) {
            if (value == item.id) out.push_back({path, false});
        },
        [&](std::vector<std::string>& ids, const std::string& path) {
            for (std::size_t i = 0; i < ids.size(); ++i)
                if (ids[i] == item.id) out.push_back({path + "/" + std::to_string(i), true});
        });
    return out;
}

bool rename_item(Scenario& s, const ItemRef& item, const std::string& new_id) {
    if (new_id.empty() || !item_exists(s, item)) return false;
    if (new_id == item.id) return true;
    if (item_exists(s, {item.kind, new_id, item.variant})) return false;
    visit_reference_fields(
        s, item,
        [&](std::string& value, const std::string&) {
            if (value == item.id) value = new_id;
        },
        [&](std::vector<std::string>& ids, const std::string&) {
            std::replace(ids.begin(), ids.end(), item.id, new_id);
        });
    auto rename = [&](auto& items) { find_by_id(items, item.id)->id = new_id; };
    switch (item.kind) {
    case ItemKind::place: rename(s.places); break;
    case ItemKind::department: rename(s.departments); break;
    case ItemKind::material: rename(s.materials); break;
    case ItemKind::variant: rename(s.variants); break;
    case ItemKind::step: rename(find_variant(s, item.variant)->steps); break;
    case ItemKind::branch: rename(find_variant(s, item.variant)->branches); break;
    }
    return true;
}

std::vector<Reference> delete_item(Scenario& s, const ItemRef& item, bool drop_references) {
    if (!item_exists(s, item)) return {};
    std::vector<Reference> refs = references_to(s, item);
    if (drop_references)
        visit_reference_fields(
            s, item, [](std::string&, const std::string&) {},
            [&](std::vector<std::string>& ids, const std::string&) {
                ids.erase(std::remove(ids.begin(), ids.end(), item.id), ids.end());
            });
    auto erase = [&](auto& items) { items.erase(find_by_id(items, item.id)); };
    switch (item.kind) {
    case ItemKind::place: erase(s.places); break;
    case ItemKind::department: erase(s.departments); break;
    case ItemKind::material: erase(s.materials); break;
    case ItemKind::variant: erase(s.variants); break;
    case ItemKind::step: erase(find_variant(s, item.variant)->steps); break;
    case ItemKind::branch: erase(find_variant(s, item.variant)->branches); break;
    }
    return refs;
}

std::string fresh_id(const Scenario& s, ItemKind kind, const std::string& base,
                     const std::string& variant) {
    const auto ids = ids_of(s, kind, variant);
    auto used = [&](const std::string& id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); };
    if (!used(base)) return base;
    for (int n = 2;; ++n)
        if (!used(base + "_" + std::to_string(n))) return base + "_" + std::to_string(n);
}

ItemRef add_item(Scenario& s, ItemKind kind, const std::string& variant) {
    const bool in_variant = kind == ItemKind::step || kind == ItemKind::branch;
    Variant* v = in_variant ? find_variant(s, variant) : nullptr;
    if (in_variant && (!v || !v->from.empty())) return {kind, "", variant};
    const std::string base = to_string(kind);
    std::string id;
    const auto ids = ids_of(s, kind, variant);
    for (int n = 1; id.empty(); ++n) {
        std::string candidate = base + "_" + std::to_string(n);
        if (std::find(ids.begin(), ids.end(), candidate) == ids.end()) id = candidate;
    }
    switch (kind) {
    case ItemKind::place: {
        Place p;
        p.id = p.name = id;
        s.places.push_back(p);
        break;
    }
    case ItemKind::department: {
        Department d;
        d.id = d.name = id;
        d.place = s.places.empty() ? "home" : s.places.back().id;
        s.departments.push_back(d);
        break;
    }
    case ItemKind::material: {
        Material m;
        m.id = m.name = id;
        s.materials.push_back(m);
        break;
    }
    case ItemKind::step: {
        Step st;
        st.id = st.name = id;
        if (!s.departments.empty()) st.department = s.departments.front().id;
        v->steps.push_back(st);
        break;
    }
    case ItemKind::branch: {
        Branch b;
        b.id = b.question = id;
        v->branches.push_back(b);
        break;
    }
    case ItemKind::variant: {
        Variant nv;
        nv.id = nv.title = id;
        s.variants.push_back(nv);
        break;
    }
    }
    return {kind, id, in_variant ? variant : ""};
}

ItemRef duplicate_item(Scenario& s, const ItemRef& item) {
    if (!item_exists(s, item)) return {item.kind, "", item.variant};
    const auto ids = ids_of(s, item.kind, item.variant);
    std::string id;
    for (int n = 1; id.empty(); ++n) {
        std::string candidate = item.id + "_copy" + (n == 1 ? "" : std::to_string(n));
        if (std::find(ids.begin(), ids.end(), candidate) == ids.end()) id = candidate;
    }
    auto dup = [&](auto& items) {
        auto it = find_by_id(items, item.id);
        auto copy = *it;
        copy.id = id;
        items.insert(it + 1, copy);
    };
    switch (item.kind) {
    case ItemKind::place: dup(s.places); break;
    case ItemKind::department: dup(s.departments); break;
    case ItemKind::material: dup(s.materials); break;
    case ItemKind::variant: dup(s.variants); break;
    case ItemKind::step: dup(find_variant(s, item.variant)->steps); break;
    case ItemKind::branch: dup(find_variant(s, item.variant)->branches); break;
    }
    return {item.kind, id, item.variant};
}

bool add_lever(Scenario& s, const std::string& variant, LeverKind kind) {
    Variant* v = find_variant(s, variant);
    if (!v) return false;
    if (v->from.empty()) {
        // Only an empty written-out variant other than the first becomes derived.
        if (&s.variants.front() == v || !v->steps.empty() || !v->branches.empty()) return false;
        v->from = s.variants.front().id;
    }
    Lever lever;
    lever.kind = kind;
    if (kind == LeverKind::compress_time) lever.factor = 0.5;
    v->levers.push_back(lever);
    return true;
}

bool remove_lever(Scenario& s, const std::string& variant, std::size_t index) {
    Variant* v = find_variant(s, variant);
    if (!v || index >= v->levers.size()) return false;
    v->levers.erase(v->levers.begin() + static_cast<std::ptrdiff_t>(index));
    return true;
}

bool move_lever(Scenario& s, const std::string& variant, std::size_t from, std::size_t to) {
    Variant* v = find_variant(s, variant);
    if (!v || from >= v->levers.size() || to >= v->levers.size()) return false;
    Lever lever = v->levers[from];
    v->levers.erase(v->levers.begin() + static_cast<std::ptrdiff_t>(from));
    v->levers.insert(v->levers.begin() + static_cast<std::ptrdiff_t>(to), lever);
    return true;
}

LoadResult validate_draft(const Scenario& s) {
    return load_scenario(save_scenario(s), "");
}

// ---------------------------------------------------------------- simulation key

namespace {
void blank(std::string& text) { text.clear(); }
}  // namespace

std::uint64_t simulation_key(const Scenario& s) {
    Scenario k = s;
    for (std::string* t : {&k.title, &k.title_en, &k.summary, &k.summary_en}) blank(*t);
    k.illustrative = false;
    k.assumptions.clear();
    k.sources.clear();
    for (auto& p : k.places)
        for (std::string* t : {&p.name, &p.name_en}) blank(*t);
    for (auto& d : k.departments)
        for (std::string* t : {&d.name, &d.name_en}) blank(*t);
    for (auto& m : k.materials) {
        if (!m.name.empty()) m.name = "-";  // kept non-empty: the engine names no material without a name
        for (std::string* t : {&m.name_en, &m.obtain_hint}) blank(*t);
    }
    for (auto& v : k.variants) {
        for (std::string* t : {&v.title, &v.title_en}) blank(*t);
        for (auto& st : v.steps) {
            for (std::string* t : {&st.name, &st.name_en, &st.rework_reason, &st.caption}) blank(*t);
            st.presenter_pause = false;
            st.diagram.reset();
        }
        for (auto& b : v.branches) {
            for (std::string* t : {&b.question, &b.question_en}) blank(*t);
            for (auto& o : b.options)
                for (std::string* t : {&o.label, &o.label_en}) blank(*t);
        }
        for (auto& l : v.levers)
            for (std::string* t : {&l.note, &l.window_name}) blank(*t);
    }
    const std::string text = save_scenario(k);
    return stable_hash(text.data(), text.size());
}

std::string start_text(const Scenario& s) { return format_start(s.start); }

bool set_start(Scenario& s, const std::string& text) {
    Seconds t = 0;
    if (!parse_start(text, t)) return false;
    s.start = t;
    return true;
}

std::string hours_text(const OfficeHours& hours) {
    std::string out;
    for (const auto& [open, close] : hours.intervals)
        out += (out.empty() ? "" : ", ") + format_clock(open) + "-" + format_clock(close);
    return out;
}

bool parse_hours(const std::string& text, OfficeHours& out) {
    OfficeHours hours;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = text.find(',', at);
        if (end == std::string::npos) end = text.size();
        std::string part = text.substr(at, end - at);
        part.erase(std::remove(part.begin(), part.end(), ' '), part.end());
        const std::size_t dash = part.find('-');
        Seconds open = 0, close = 0;
        if (dash == std::string::npos || !parse_clock(part.substr(0, dash), open) ||
            !parse_clock(part.substr(dash + 1), close))
            return false;
        hours.intervals.emplace_back(open, close);
        at = end + 1;
    }
    out = hours;
    return true;
}

bool set_by_hour(ArrivalRate& rate, int hour, double value) {
    if (hour < 0 || hour >= 24) return false;
    if (!rate.by_hour_given()) rate.by_hour.assign(24, rate.per_hour);
    rate.by_hour[static_cast<std::size_t>(hour)] = std::max(0.0, value);
    return true;
}

void clear_by_hour(ArrivalRate& rate) { rate.by_hour.clear(); }

std::string numbers_text(const std::vector<double>& values) {
    std::string out;
    for (double v : values) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.10g", v);
        out += (out.empty() ? "" : ", ") + std::string(buffer);
    }
    return out;
}

bool parse_numbers(const std::string& text, std::vector<double>& out) {
    std::string plain = text;
    for (std::size_t at; (at = plain.find("\xe3\x80\x81")) != std::string::npos;) plain.replace(at, 3, ",");  // 、
    std::vector<double> values;
    std::size_t at = 0;
    while (at < plain.size()) {
        std::size_t end = plain.find_first_of(", ", at);
        if (end == std::string::npos) end = plain.size();
        const std::string part = plain.substr(at, end - at);
        at = end + 1;
        if (part.empty()) continue;
        char* stop = nullptr;
        const double v = std::strtod(part.c_str(), &stop);
        if (stop != part.c_str() + part.size() || !std::isfinite(v)) return false;
        values.push_back(v);
    }
    out = values;
    return true;
}

const char* example_scenario_json() {
    return R"json({
  "format": "peizou-scenario/1",
  "id": "shop-opening",
  "title": "小型门店开业", "title_en": "Opening a small shop",
  "summary": "营业执照登记后，视情况进行消防检查，再办理开业备案。",
  "illustrative": true,
  "assumptions": ["办理时长为估计值"],
  "sources": [{"citation": "某市政务服务指南（示例）", "says": "承诺时限 3 个工作日"}],
  "start": "2025-09-29T09:00",
  "calendar": {"mode": "working_days", "office_hours": [["09:00", "12:00"], ["13:30", "17:00"]]},
  "arrivals_per_working_day": 12,
  "places": [
    {"id": "home", "name": "门店"},
    {"id": "center", "name": "政务服务中心", "name_en": "Service centre", "travel_minutes": 30}
  ],
  "departments": [
    {"id": "amr", "name": "市场监管局", "place": "center", "windows": 2, "online": true,
     "background": {"per_hour": 6}, "background_service": {"dist": "exponential", "mean": 12}},
    {"id": "fire", "name": "消防救援支队", "place": "center", "windows": 1,
     "office_hours": [["09:00", "12:00"]]}
  ],
  "materials": [
    {"id": "id_card", "name": "身份证", "held_at_start": true},
    {"id": "license", "name": "营业执照", "obtain_hint": "向市场监管局申请"},
    {"id": "fire_ok", "name": "消防检查合格意见"}
  ],
  "variants": {
    "before": {
      "title": "改革前",
      "steps": [
        {"id": "register", "name": "营业执照登记", "kind": "window", "department": "amr",
         "service": {"dist": "triangular", "low": 10, "mode": 20, "high": 40},
         "review": {"dist": "uniform", "low": 1, "high": 3, "unit": "working_days"},
         "needs": ["id_card"], "produces": ["license"],
         "rework_probability": 0.2, "rework_reason": "经营范围表述不规范",
         "online_allowed": true, "legal_limit_days": 15},
        {"id": "fire_check", "name": "消防现场检查", "kind": "inspection", "department": "fire",
         "service": 60, "review": {"value": 5, "unit": "working_days"},
         "needs": ["license"], "produces": ["fire_ok"], "after": ["register"]},
        {"id": "open", "name": "开业备案", "department": "amr",
         "needs": ["license"], "after": ["register", "fire_check"]}
      ],
      "branches": [
        {"id": "fire_needed", "question": "需要消防检查吗？", "chooser": "chance",
         "after": ["register"],
         "options": [
           {"id": "yes", "label": "需要", "probability": 0.4, "steps": ["fire_check"]},
           {"id": "no", "label": "不需要", "probability": 0.6}
         ]}
      ]
    },
    "online": {
      "title": "一网通办", "title_en": "Online",
      "from": "before",
      "levers": [
        {"kind": "online", "steps": ["register"]},
        {"kind": "compress_time", "factor": 0.5, "note": "承诺时限减半"}
      ]
    }
  }
}
)json";
}

Scenario blank_scenario() {
    Scenario s;
    s.id = "new-scenario";
    s.title = "新情景";
    s.title_en = "New scenario";
    set_start(s, "2025-09-29T09:00");
    Place home;
    home.id = "home";
    home.name = "家";
    home.name_en = "Home";
    s.places.push_back(home);
    Variant before;
    before.id = "before";
    before.title = "改革前";
    before.title_en = "Before";
    s.variants.push_back(before);
    return s;
}

void EditHistory::commit(const Scenario& before) {
    undo_.push_back(before);
    if (undo_.size() > limit_) undo_.erase(undo_.begin());
    redo_.clear();
}

bool EditHistory::undo(Scenario& current) {
    if (undo_.empty()) return false;
    redo_.push_back(std::move(current));
    current = std::move(undo_.back());
    undo_.pop_back();
    return true;
}

bool EditHistory::redo(Scenario& current) {
    if (redo_.empty()) return false;
    undo_.push_back(std::move(current));
    current = std::move(redo_.back());
    redo_.pop_back();
    return true;
}

}  // namespace peizou::scenario
