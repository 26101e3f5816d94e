// `peizou import` and the page's import: any supported file → draft + report.
#pragma once
#include <string>

#include "file_kind.hpp"
#include "import_report.hpp"

namespace peizou::import {

// Largest file imported (BPMN files from modelers with big diagrams stay well below).
constexpr std::size_t kMaxImportBytes = 16u << 20;

// Imports `text` (named `file_name` in messages). `params` is an optional Prosimos
// simulation-parameters JSON for a BPMN file. On success the draft has been written
// and read back through the scenario reader: it loads and validates.
ImportResult import_text(const std::string& file_name, const std::string& text,
                         const std::string& params = "");

// The report as JSON (report_json) with the draft as "draft" when one was made: what the
// page's import entry (peizou_import_text, wasm) and `peizou import --json` print.
std::string import_json(const std::string& file_name, const ImportResult& r);

}  // namespace peizou::import
