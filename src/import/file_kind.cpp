#include "file_kind.hpp"

namespace peizou::import {

const char* to_string(FileKind k) {
    switch (k) {
        case FileKind::scenario: return "scenario";
        case FileKind::walk_record: return "walk-record";
        case FileKind::bpmn: return "bpmn";
        case FileKind::guide_json: return "guide-json";
        case FileKind::guide_csv: return "guide-csv";
        case FileKind::prosimos: return "prosimos";
        case FileKind::unknown: return "unknown";
    }
    return "unknown";
}

namespace {
// The first 4 KiB as ASCII-ish UTF-8: UTF-16 zero bytes dropped (enough to sniff).
std::string head_text(const std::string& text) {
    std::string h = text.substr(0, 4096);
    const bool le = h.size() >= 2 && static_cast<unsigned char>(h[0]) == 0xFF && static_cast<unsigned char>(h[1]) == 0xFE;
    const bool be = h.size() >= 2 && static_cast<unsigned char>(h[0]) == 0xFE && static_cast<unsigned char>(h[1]) == 0xFF;
    const bool zeros = h.size() >= 2 && (h[0] == 0 || h[1] == 0);
    if (le || be || zeros) {
        std::string a;
        for (std::size_t i = (le || be) ? 2 : 0; i < h.size(); ++i)
            if (h[i] != 0) a += h[i];
        h = a;
    }
    if (h.compare(0, 3, "\xEF\xBB\xBF") == 0) h = h.substr(3);
    std::size_t i = 0;
    while (i < h.size() && (h[i] == ' ' || h[i] == '\t' || h[i] == '\r' || h[i] == '\n')) ++i;
    return h.substr(i);
}

// "key" followed by ':' and a string starting with `value` (whitespace allowed).
bool json_member(const std::string& h, const std::string& key, const std::string& value) {
    for (std::size_t at = h.find("\"" + key + "\""); at != std::string::npos; at = h.find("\"" + key + "\"", at + 1)) {
        std::size_t i = at + key.size() + 2;
        while (i < h.size() && (h[i] == ' ' || h[i] == '\t' || h[i] == '\r' || h[i] == '\n')) ++i;
        if (i >= h.size() || h[i] != ':') continue;
        ++i;
        while (i < h.size() && (h[i] == ' ' || h[i] == '\t' || h[i] == '\r' || h[i] == '\n')) ++i;
        if (h.compare(i, value.size(), value) == 0) return true;
    }
    return false;
}
}  // namespace

FileKind detect_kind(const std::string& text) {
    const std::string h = head_text(text);
    if (h.empty()) return FileKind::unknown;
    if (h[0] == '<') return FileKind::bpmn;
    if (h[0] == '{') {
        if (json_member(h, "format", "\"peizou-scenario/")) return FileKind::scenario;
        if (json_member(h, "format", "\"peizou-walk/")) return FileKind::walk_record;
        if (json_member(h, "task_name", "")) return FileKind::guide_json;
        for (const char* key : {"arrival_time_distribution", "task_resource_distribution", "resource_profiles",
                                "gateway_branching_probabilities"})
            if (json_member(h, key, "")) return FileKind::prosimos;
        // A scenario whose "format" is not in the first 4 KiB, or a bad one: the scenario
        // reader says what is wrong.
        return FileKind::scenario;
    }
    if (h.compare(0, 12, "事项名称") == 0 || h.compare(0, 13, "\"事项名称") == 0) return FileKind::guide_csv;
    return FileKind::unknown;
}

}  // namespace peizou::import
