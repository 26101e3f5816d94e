// The one place that decides what an opened file is, for the CLI and the page alike.
#pragma once
#include <string>

namespace peizou::import {

enum class FileKind { scenario, walk_record, bpmn, guide_json, guide_csv, prosimos, unknown };
const char* to_string(FileKind k);

// From the text alone (file names lie): XML → BPMN; JSON with "format":
// "peizou-scenario/…" → scenario, "peizou-walk/…" → walk record, "task_name" → guide,
// a Prosimos member ("arrival_time_distribution", "task_resource_distribution",
// "resource_profiles", "gateway_branching_probabilities") → Prosimos parameters;
// a first cell 事项名称 → guide CSV. UTF-8 or UTF-16 (either order), BOM or not.
FileKind detect_kind(const std::string& text);

}  // namespace peizou::import
