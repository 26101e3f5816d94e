// The last file imported on the page (issue 16): a BPMN diagram or a 办事指南 guide dropped
// or opened becomes a draft in 我的文件 that opens in the Editor; its import report is kept
// here, made once when the file arrives (src/app/import_panel.cpp), and drawn every frame.
#pragma once
#include <string>
#include <vector>

#include "import/import_report.hpp"

namespace peizou::app {

struct ImportReportState {
    std::string source;                        // the file as dropped ("permit.bpmn")
    std::string params;                        // the Prosimos parameters dropped with it ("" none)
    std::string format;                        // "bpmn", "guide-json", "guide-csv"
    bool ok = false;                           // a draft was made
    std::string draft_key;                     // "user/scenarios/permit.json" ("" when none)
    std::vector<import::ReportLine> lines;
    int mapped = 0, approximated = 0, ignored = 0, errors = 0;
    bool shown = true;                         // the Editor shows it (closed with ×)
};

}  // namespace peizou::app
