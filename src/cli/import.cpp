// peizou import FILE [--params SIM.json] [-o OUT.json] [--json]
#include <cstdio>
#include <fstream>

#include "args.hpp"
#include "import/import.hpp"

namespace peizou::cli {

static const char* kImportHelp =
    "usage: peizou import FILE [--params SIM.json] [-o OUT.json] [--json]\n"
    "\n"
    "把 BPMN 2.0 流程图或办事指南（JSON、CSV）转成场景草稿，并列出导入报告：每个源元素\n"
    "已映射、近似（如何近似）或未使用（为什么），附位置（XML、CSV 为行:列，JSON 为 JSON 指针）。\n"
    "Turns a BPMN 2.0 diagram or a service guide (办事指南, JSON or CSV) into a draft scenario\n"
    "and prints the import report: every source element mapped, approximated (and how) or\n"
    "ignored (and why), located (line:column for XML and CSV, JSON pointer for JSON).\n"
    "\n"
    "  --params SIM.json  Prosimos simulation parameters for a BPMN file\n"
    "  -o OUT.json        write the draft there (the report goes to standard output);\n"
    "                     without -o the draft goes to standard output, the report to stderr\n"
    "  --json             the report as JSON on standard output (with the draft as \"draft\"\n"
    "                     when there is no -o)\n"
    "\n"
    "exit status: 0 a draft was written (it may carry warnings), 1 the input cannot be\n"
    "imported, 2 bad arguments or an unreadable file. See docs/import.md.\n";

int import_command(const Args& args) {
    std::string file, params_file, out_file;
    bool json = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--help" || a == "-h") { std::fputs(kImportHelp, stdout); return 0; }
        std::string* value = a == "--params" ? &params_file : a == "-o" ? &out_file : nullptr;
        if (value) {
            if (i + 1 >= args.size()) {
                std::fprintf(stderr, "peizou import: %s 缺少参数值 / needs a value\n\n%s", a.c_str(), kImportHelp);
                return 2;
            }
            *value = args[++i];
        } else if (a == "--json") {
            json = true;
        } else if (!a.empty() && a[0] == '-') {
            std::fprintf(stderr, "peizou import: 未知选项 / unknown option '%s'\n\n%s", scenario::short_text(a).c_str(), kImportHelp);
            return 2;
        } else if (file.empty()) {
            file = a;
        } else {
            std::fprintf(stderr, "peizou import: 只能导入一个文件 / one file at a time\n\n%s", kImportHelp);
            return 2;
        }
    }
    if (file.empty()) {
        std::fprintf(stderr, "peizou import: 缺少文件 / missing FILE\n\n%s", kImportHelp);
        return 2;
    }
    std::string text, params;
    import::ImportResult result;
    const ReadStatus status = read_file(file, text, import::kMaxImportBytes);
    if (status == ReadStatus::unreadable) {
        std::fprintf(stderr, "peizou import: 无法读取 / cannot read '%s'\n", scenario::printable(file).c_str());
        return 2;
    }
    if (!params_file.empty() && read_file(params_file, params, scenario::Limits{}.max_bytes) != ReadStatus::ok) {
        std::fprintf(stderr, "peizou import: 无法读取参数文件 / cannot read '%s'\n", scenario::printable(params_file).c_str());
        return 2;
    }
    if (status == ReadStatus::too_large) {
        const auto [zh, en] = read_error(status, import::kMaxImportBytes);
        result.error("", zh, en);
    } else {
        result = import::import_text(file, text, params);
    }
    const std::string draft = result.ok ? import::draft_text(result) : std::string();
    if (result.ok && !out_file.empty()) {
        std::ofstream out(out_file, std::ios::binary);
        out << draft;
        if (!out) {
            std::fprintf(stderr, "peizou import: 无法写入 / cannot write '%s'\n", scenario::printable(out_file).c_str());
            return 2;
        }
    }
    if (json) {
        write_data(out_file.empty() ? import::import_json(file, result) : import::report_json(file, result));
    } else if (out_file.empty()) {
        std::fputs(import::report_text(file, result).c_str(), stderr);
        if (result.ok) write_data(draft);
    } else {
        write_text(import::report_text(file, result));
    }
    return result.ok ? 0 : 1;
}

}  // namespace peizou::cli
