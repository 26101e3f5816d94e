// Importing what users already have (issue 16): 办事指南 service guides (JSON, CSV) and
// BPMN 2.0 diagrams become a `peizou-scenario/1` draft plus an import report that says,
// for every source element, whether it was mapped, approximated (and how) or ignored
// (and why), located by line:column (CSV, XML) or JSON pointer (JSON).
#pragma once
#include <string>
#include <vector>

#include "core/model.hpp"
#include "scenario/scenario_io.hpp"

namespace peizou::import {

enum class Mapping { mapped, approximated, ignored, error };
const char* to_string(Mapping m);

struct ReportLine {
    Mapping what = Mapping::mapped;
    std::string element;     // the source element: a field name, "bpmn:userTask id=…"
    std::string location;    // "12:5" (line:column) or "/materials/0" (JSON pointer)
    std::string message_zh, message_en;
};

struct ImportResult {
    bool ok = false;              // a draft was made (it may carry warnings)
    std::string format;           // "bpmn", "guide-json", "guide-csv" or "" when unknown
    Scenario draft;               // illustrative, with an assumption line for every default
    // The draft as the scenario reader read it back (import_text): draft_text(r) loads to
    // exactly this, so the page lists it without parsing the draft again.
    scenario::LoadResult loaded;
    std::vector<ReportLine> lines;

    void add(Mapping what, std::string element, std::string location, std::string zh,
             std::string en);
    void error(std::string location, std::string zh, std::string en) {
        add(Mapping::error, "", std::move(location), std::move(zh), std::move(en));
    }
    // A default the importer chose: an `assumptions` line of the draft too.
    void assume(std::string element, std::string location, std::string zh, std::string en);
    int count(Mapping what) const;
};

// One line per report entry ("file:LOC: 已映射 / mapped: element: zh / en") and a summary.
std::string report_text(const std::string& file_name, const ImportResult& r);
// {"file", "format", "ok", "counts": {...}, "lines": [{what, element, location, message_zh, message_en}]}
std::string report_json(const std::string& file_name, const ImportResult& r);

// The canonical JSON text of the draft (save_scenario).
std::string draft_text(const ImportResult& r);

// Helpers for building drafts.
// "2025-09-01T09:00", a Monday: the start every draft gets (an assumption line says so).
Seconds default_start();
// A readable ASCII id from free text ("A-1.b c" → "a_1_b_c"); `fallback` when nothing is left.
std::string make_id(const std::string& text, const std::string& fallback);
// The first number in `text` (ASCII or full-width digits, optional decimal point); false if none.
bool first_number(const std::string& text, double& out);
// Full-width ASCII (！…～, U+3000) to ASCII, and dashes/tildes/至/到 between times to '-'.
std::string halfwidth(const std::string& text);

}  // namespace peizou::import
