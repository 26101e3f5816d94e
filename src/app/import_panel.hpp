// Imports on the page (issue 16): BPMN and 办事指南 files opened or dropped become drafts
// in 我的文件 that open in the Editor, with the import report above the Editor's form.
#pragma once
#include <string>
#include <vector>

#include "app_state.hpp"
#include "platform/backend.hpp"

namespace peizou::app::import_panel {

// Whether an opened file is one to import (BPMN, guide JSON, guide CSV, and Prosimos
// parameters, which alone say what they are: import::detect_kind, from the first 4 KiB of
// its text, not its name).
bool is_import(const std::string& text);
// Files that arrived together (one drop, one selection in the file dialog): when a BPMN is
// among them, the first Prosimos parameter file among them is its parameters (`peizou
// import --params`): taken out of `files` and returned, its name in `params_name`; else "".
std::string take_params(std::vector<platform::OpenedFile>& files, std::string& params_name);
// Imports it once (the same code as `peizou import`, with `params` as --params), keeps the
// draft in 我的文件 and opens it in the Editor; the report is kept for drawing. False, with a
// located message in 我的文件, when it cannot be imported or the draft cannot be kept.
bool open(AppState& state, const std::string& name, const std::string& text, const std::string& params = "",
          const std::string& params_name = "");
// In the Editor, under its toolbar: a BPMN download of the shown variant, and the import
// report when the Editor shows the draft it made.
void draw_in_editor(AppState& state);

}  // namespace peizou::app::import_panel
