// Imports on the page (issue 16): BPMN and 办事指南 files opened or dropped become drafts
// in 我的文件 that open in the Editor, with the import report above the Editor's form.
#pragma once
#include <string>

#include "app_state.hpp"

namespace peizou::app::import_panel {

// Whether an opened file is one to import (BPMN, guide JSON, guide CSV: import::detect_kind,
// from the first 4 KiB of its text, not its name).
bool is_import(const std::string& text);
// Imports it once (the same code as `peizou import`), keeps the draft in 我的文件 and opens
// it in the Editor; the report is kept for drawing. False, with a located message in
// 我的文件, when it cannot be imported or the draft cannot be kept.
bool open(AppState& state, const std::string& name, const std::string& text);
// In the Editor, under its toolbar: a BPMN download of the shown variant, and the import
// report when the Editor shows the draft it made.
void draw_in_editor(AppState& state);

}  // namespace peizou::app::import_panel
