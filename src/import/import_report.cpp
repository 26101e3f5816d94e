#include "import_report.hpp"

#include <nlohmann/json.hpp>

#include "scenario/scenario_io.hpp"

namespace peizou::import {

const char* to_string(Mapping m) {
    switch (m) {
        case Mapping::mapped: return "mapped";
        case Mapping::approximated: return "approximated";
        case Mapping::ignored: return "ignored";
        case Mapping::error: return "error";
    }
    return "error";
}

namespace {
const char* label_zh(Mapping m) {
    switch (m) {
        case Mapping::mapped: return "已映射";
        case Mapping::approximated: return "近似";
        case Mapping::ignored: return "未使用";
        case Mapping::error: return "错误";
    }
    return "错误";
}
}  // namespace

void ImportResult::add(Mapping what, std::string element, std::string location, std::string zh,
                       std::string en) {
    lines.push_back({what, std::move(element), std::move(location), std::move(zh), std::move(en)});
}

void ImportResult::assume(std::string element, std::string location, std::string zh,
                          std::string en) {
    draft.assumptions.push_back(zh);
    add(Mapping::approximated, std::move(element), std::move(location),
        "默认值（已写入 assumptions）：" + zh, "default (in assumptions): " + en);
}

int ImportResult::count(Mapping what) const {
    int n = 0;
    for (const auto& l : lines) n += l.what == what;
    return n;
}

std::string report_text(const std::string& file_name, const ImportResult& r) {
    std::string out;
    for (const auto& l : r.lines) {
        out += scenario::printable(file_name);
        if (!l.location.empty()) out += ":" + scenario::printable(l.location);
        out += ": ";
        out += label_zh(l.what);
        out += " / ";
        out += to_string(l.what);
        if (!l.element.empty()) out += ": " + scenario::short_text(l.element, 80);
        out += ": " + scenario::printable(l.message_zh) + " / " + scenario::printable(l.message_en) + "\n";
    }
    out += scenario::printable(file_name) + ": ";
    if (r.ok) {
        out += "已生成草稿 / draft written (" + std::to_string(r.count(Mapping::mapped)) +
               " 已映射 / mapped, " + std::to_string(r.count(Mapping::approximated)) +
               " 近似 / approximated, " + std::to_string(r.count(Mapping::ignored)) +
               " 未使用 / ignored)\n";
    } else {
        out += "无法导入 / cannot be imported (" + std::to_string(r.count(Mapping::error)) +
               " 个错误 / errors)\n";
    }
    return out;
}

std::string report_json(const std::string& file_name, const ImportResult& r) {
    nlohmann::ordered_json out;
    out["file"] = file_name;
    out["format"] = r.format;
    out["ok"] = r.ok;
    out["counts"] = {{"mapped", r.count(Mapping::mapped)},
                     {"approximated", r.count(Mapping::approximated)},
                     {"ignored", r.count(Mapping::ignored)},
                     {"error", r.count(Mapping::error)}};
    out["lines"] = nlohmann::ordered_json::array();
    for (const auto& l : r.lines)
        out["lines"].push_back({{"what", to_string(l.what)},
                                {"element", l.element},
                                {"location", l.location},
                                {"message_zh", l.message_zh},
                                {"message_en", l.message_en}});
    return out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string draft_text(const ImportResult& r) { return scenario::save_scenario(r.draft); }

Seconds default_start() {
    // 2025-09-01 is a Monday: days since 1970-01-01 = 20332.
    return static_cast<Seconds>(20332) * kDay + 9 * kHour;
}

std::string make_id(const std::string& text, const std::string& fallback) {
    std::string id;
    for (unsigned char c : text) {
        if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (ok) id += static_cast<char>(c);
        else if (!id.empty() && id.back() != '_') id += '_';
        if (id.size() >= 40) break;
    }
    while (!id.empty() && id.back() == '_') id.pop_back();
    return id.empty() ? fallback : id;
}

std::string halfwidth(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        // U+FF01…U+FF5E: EF BC 81 … EF BD 9E
        if (c == 0xEF && i + 2 < text.size()) {
            const auto b1 = static_cast<unsigned char>(text[i + 1]);
            const auto b2 = static_cast<unsigned char>(text[i + 2]);
            unsigned cp = 0;
            if (b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) cp = 0xFF00u + (b2 - 0x80u);
            if (b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) cp = 0xFF40u + (b2 - 0x80u);
            if (cp) {
                out += static_cast<char>(cp - 0xFF00u + 0x20u);
                i += 3;
                continue;
            }
        }
        // U+3000 ideographic space, dashes U+2010…U+2015, U+2212 minus, U+301C wave dash.
        auto three = [&](const char* s) { return text.compare(i, 3, s) == 0; };
        if (three("\xE3\x80\x80")) { out += ' '; i += 3; continue; }
        if (three("\xE2\x80\x90") || three("\xE2\x80\x91") || three("\xE2\x80\x92") ||
            three("\xE2\x80\x93") || three("\xE2\x80\x94") || three("\xE2\x80\x95") ||
            three("\xE2\x88\x92") || three("\xE3\x80\x9C")) {
            out += '-'; i += 3; continue;
        }
        out += static_cast<char>(c);
        ++i;
    }
    return out;
}

bool first_number(const std::string& raw, double& out) {
    const std::string t = halfwidth(raw);
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i] < '0' || t[i] > '9') continue;
        double v = 0;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9') v = v * 10 + (t[i++] - '0');
        if (i + 1 < t.size() && t[i] == '.' && t[i + 1] >= '0' && t[i + 1] <= '9') {
            double scale = 0.1;
            for (++i; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, scale /= 10) v += (t[i] - '0') * scale;
        }
        out = v;
        return true;
    }
    return false;
}

}  // namespace peizou::import
