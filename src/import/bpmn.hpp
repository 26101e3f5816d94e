// BPMN 2.0 XML (with BIMP/QBP or Prosimos simulation parameters) → draft, and back.
#pragma once
#include <string>

#include "import_report.hpp"

namespace peizou::import {

// Our extension elements in exported BPMN.
inline constexpr const char* kPeizouNs = "https://peizou.example/bpmn";

// Fills r.draft and the report; false (with located errors) when the XML cannot be imported.
bool import_bpmn(const std::string& text, const std::string& params, ImportResult& r);

// BPMN 2.0 of one variant with a bpmndi diagram (lanes = departments, columns = dependency
// depth) and our parameters as extension elements (namespace https://peizou.example/bpmn).
std::string export_bpmn(const Scenario& s, const Variant& v);

}  // namespace peizou::import
