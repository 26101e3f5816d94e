// 办事指南 service guides: the national platform's item fields (JSON) or a CSV with
// Chinese headers, read into one Guide, then drafted into a scenario (guide_draft.cpp).
#pragma once
#include <string>
#include <vector>

#include "import_report.hpp"

namespace peizou::import {

struct GuideField {
    std::string value;      // as text (JSON numbers and booleans written out)
    std::string location;   // JSON pointer or line:column
    bool given = false;
};

struct GuideMaterial {
    std::string location;
    GuideField name, need, form, pages, originals, copies, source;
};

struct Guide {
    GuideField task_name, task_code, dept_name, legal, legal_type, promise, promise_type,
        scene_num, is_fee, fee, addr, time, flow, online, link, delivery, windows,
        url;  // the published guide page the fields were taken from (a Peizou addition)
    std::vector<GuideMaterial> materials;
};

// Readers fill the guide and report unknown fields as ignored; false (with errors in
// `r`) when the text is not a guide at all.
bool read_guide_json(const std::string& text, Guide& g, ImportResult& r);
bool read_guide_csv(const std::string& text, Guide& g, ImportResult& r);
// The draft: one window step to apply, the review with the promised limit, collection
// or mail when the guide says so; every default an assumption line.
void guide_draft(const Guide& g, ImportResult& r);

// "1", "是", "true", "必要", "Y" → true; "0", "否", "非必要", "容缺" … → false; else `fallback`.
bool guide_truthy(const std::string& text, bool fallback);

}  // namespace peizou::import
