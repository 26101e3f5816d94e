#include "import.hpp"

#include <nlohmann/json.hpp>

#include "bpmn.hpp"
#include "guide.hpp"
#include "scenario/scenario_io.hpp"

namespace peizou::import {

ImportResult import_text(const std::string& file_name, const std::string& text,
                         const std::string& params) {
    ImportResult r;
    if (text.size() > kMaxImportBytes) {
        r.error("", "文件超过 " + std::to_string(kMaxImportBytes >> 20) + " MiB 上限，未导入",
                "file larger than the " + std::to_string(kMaxImportBytes >> 20) + " MiB limit, not imported");
        return r;
    }
    const FileKind kind = detect_kind(text);
    r.format = to_string(kind);
    Guide g;
    bool read = false;
    switch (kind) {
        case FileKind::bpmn: read = import_bpmn(text, params, r); break;
        case FileKind::guide_json: read = read_guide_json(text, g, r); break;
        case FileKind::guide_csv: read = read_guide_csv(text, g, r); break;
        case FileKind::scenario:
            r.error("1:1", "这已经是场景文件，无需导入（用 peizou validate 检查）",
                    "this is a scenario file already, nothing to import (check it with peizou validate)");
            return r;
        case FileKind::walk_record:
            r.error("1:1", "这是陪走记录，不能导入为场景（用 peizou replay）",
                    "this is a walk record, not importable as a scenario (use peizou replay)");
            return r;
        case FileKind::prosimos:
            r.error("1:1", "这是 Prosimos 仿真参数文件，不是流程：请与它的 BPMN 一起导入（peizou import 流程.bpmn --params 此文件；页面上把两个文件一起拖入或一起选中）",
                    "this is a Prosimos simulation parameter file, not a process: import it with its BPMN (peizou import PROCESS.bpmn --params THIS-FILE; on the page, drop or choose both files together)");
            return r;
        case FileKind::unknown:
            r.error("1:1", "无法识别的文件：应为 BPMN 2.0 XML、办事指南 JSON 或办事指南 CSV",
                    "unrecognised file: expected BPMN 2.0 XML, a service guide JSON or a service guide CSV");
            return r;
    }
    if (!read) { r.ok = false; return r; }
    if (kind != FileKind::bpmn) guide_draft(g, r);
    // The draft goes through the scenario reader: what is written is what loads.
    const auto loaded = scenario::load_scenario(scenario::save_scenario(r.draft), file_name + " (draft)");
    if (!loaded.ok) {
        for (const auto& i : loaded.issues)
            if (!i.warning)
                r.error(i.path, "草稿无效（导入程序的缺陷）：" + i.message_zh, "invalid draft (an importer bug): " + i.message_en);
        r.ok = false;
        return r;
    }
    r.draft = loaded.scenario;
    r.loaded = loaded;
    r.ok = true;
    return r;
}

std::string import_json(const std::string& file_name, const ImportResult& r) {
    std::string report = report_json(file_name, r);
    if (!r.ok) return report;
    auto j = nlohmann::ordered_json::parse(report);
    j["draft"] = nlohmann::ordered_json::parse(draft_text(r));
    return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace peizou::import

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
// The page's entry: import_json of the text of a dropped or opened file (`size` bytes, not
// NUL-terminated: a UTF-16 file has zero bytes). The result lives until the next call.
extern "C" EMSCRIPTEN_KEEPALIVE const char* peizou_import_text(const char* name, const char* text, int size) {
    static std::string last;
    const std::string file = name ? name : "";
    last = peizou::import::import_json(file, peizou::import::import_text(file, std::string(text, size > 0 ? static_cast<std::size_t>(size) : 0)));
    return last.c_str();
}
#endif
