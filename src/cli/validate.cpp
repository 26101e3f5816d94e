// `peizou validate FILE [--json] [--canonical]`: every problem of a scenario file, with
// positions; or, with --canonical, the valid file in the canonical form the app saves.
#include <cstdio>
#include <nlohmann/json.hpp>
#include <tuple>

#include "args.hpp"
#include "scenario/scenario_io.hpp"

namespace peizou::cli {

namespace {
const char* kValidateHelp =
    "usage: peizou validate FILE [--json] [--canonical]\n"
    "\n"
    "检查场景文件，一次列出所有问题（行:列、JSON 路径、中英文说明）。\n"
    "Checks a scenario file and lists every problem at once (line:column, JSON path,\n"
    "message in Chinese and English).\n"
    "\n"
    "  --json   print {\"file\", \"ok\", \"errors\", \"warnings\", \"issues\": [{path, line,\n"
    "           column, message_zh, message_en, warning}]} instead of one line per issue\n"
    "           (errors and warnings count every problem; the list stops at 500)\n"
    "  --canonical  print a valid file in canonical form (as the Editor saves it: the\n"
    "           canonical writer), problems to standard error; nothing when invalid\n"
    "\n"
    "exit status: 0 valid (warnings allowed), 1 invalid, 2 bad arguments or unreadable file\n";

}  // namespace

int validate_command(const Args& args) {
    std::string file;
    bool json = false, canonical = false;
    for (const auto& a : args) {
        if (a == "--help" || a == "-h") {
            std::fputs(kValidateHelp, stdout);
            return 0;
        }
        if (a == "--json") {
            json = true;
        } else if (a == "--canonical") {
            canonical = true;
        } else if (!a.empty() && a[0] == '-') {
            std::fprintf(stderr, "peizou validate: 未知选项 / unknown option '%s'\n\n%s",
                         a.c_str(), kValidateHelp);
            return 2;
        } else if (file.empty()) {
            file = a;
        } else {
            std::fprintf(stderr, "peizou validate: 只能检查一个文件 / one file at a time\n\n%s",
                         kValidateHelp);
            return 2;
        }
    }
    if (file.empty()) {
        std::fprintf(stderr, "peizou validate: 缺少文件 / missing FILE\n\n%s", kValidateHelp);
        return 2;
    }
    scenario::Limits limits;
    std::string text;
    const ReadStatus status = read_file(file, text, limits.max_bytes);
    if (status == ReadStatus::unreadable) {
        std::fprintf(stderr, "peizou validate: 无法读取 / cannot read '%s'\n", file.c_str());
        return 2;
    }
    scenario::LoadResult result;
    if (status == ReadStatus::too_large) {
        // Only limit + 1 bytes were read: report the limit, not a size we do not know.
        scenario::Issue issue;
        std::tie(issue.message_zh, issue.message_en) = read_error(status, limits.max_bytes);
        result.ok = false;
        result.errors = 1;
        result.issues.push_back(issue);
    } else {
        result = scenario::load_scenario(text, file, limits);
    }

    if (canonical && !json) {
        for (const auto& i : result.issues) std::fprintf(stderr, "%s\n", scenario::format_issue(file, i).c_str());
        if (result.ok) std::fputs(scenario::save_scenario(result.scenario).c_str(), stdout);
    } else if (json) {
        nlohmann::ordered_json out;
        out["file"] = file;
        out["ok"] = result.ok;
        out["errors"] = result.errors;  // all found; "issues" lists at most 500 and a last "N more"
        out["warnings"] = result.warnings;
        out["issues"] = nlohmann::ordered_json::array();
        for (const auto& i : result.issues) {
            out["issues"].push_back({{"path", i.path},
                                     {"line", i.line},
                                     {"column", i.column},
                                     {"message_zh", i.message_zh},
                                     {"message_en", i.message_en},
                                     {"warning", i.warning}});
        }
        std::string s = out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        std::printf("%s\n", s.c_str());
    } else {
        // Counts of every problem found, also those the capped list leaves out.
        for (const auto& i : result.issues) std::printf("%s\n", scenario::format_issue(file, i).c_str());
        const std::string name = scenario::printable(file);
        if (result.ok)
            std::printf("%s: 有效 / valid (%d 个警告 / warnings)\n", name.c_str(), result.warnings);
        else
            std::printf("%s: 无效 / invalid (%d 个错误 / errors, %d 个警告 / warnings)\n",
                        name.c_str(), result.errors, result.warnings);
    }
    return result.ok ? 0 : 1;
}

}  // namespace peizou::cli
