// peizou class WALK.json|RECORDS.zip... [--scenario FILE] [--json] [--format md|csv] [--names] [--en]
#include <cstdio>
#include <filesystem>

#include "args.hpp"
#include "scenario/class_report.hpp"

namespace peizou::cli {

static const char* kClassHelp =
    "usage: peizou class WALK.json|RECORDS.zip... [--scenario FILE] [--json] [--format md|csv] [--names] [--en]\n"
    "  The 培训班 class debrief: many trainees' walk records of one scenario together —\n"
    "  per step who reached it, was sent back (补正) and why, went back again for it and\n"
    "  how long it took (median, min–max); pain flags by category; each trainee beside\n"
    "  the model citizen (default policy, same seed and start) and the reformed variant;\n"
    "  the merged 问题清单 (problem list) for the rectification meeting.\n"
    "  A .zip of records is read entry by entry (stored or deflate); an entry that is\n"
    "  not a .json or does not unpack is set apart with the reason.\n"
    "  The class's scenario is the one most records name, found by id in ./scenarios/\n"
    "  (or next to the first record) unless --scenario names its file. Records of another\n"
    "  scenario or of another version of the file (scenario_sha256), and records that do\n"
    "  not read or replay, are set apart: each is listed on stderr with its line:column.\n"
    "  Output: Markdown (default), --format csv (the problem list, UTF-8 with a BOM) or\n"
    "  --json (what the page's class view shows). Trainees are 学员 1…N unless --names.\n"
    "  --en: Markdown/CSV headings in English. Exit 0 when at least one record counts,\n"
    "  1 when none does or the scenario is not found, 2 for bad arguments.\n";

int class_command(const Args& args) {
    std::vector<std::string> paths;
    std::string scenario_path, format = "md";
    bool json = false, names = false, zh = true;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        std::string error;
        if (a == "--help" || a == "-h") { std::fputs(kClassHelp, stdout); return 0; }
        if (a == "--json") json = true;
        else if (a == "--names") names = true;
        else if (a == "--en") zh = false;
        else if ((a == "--scenario" || a == "--format") && i + 1 >= args.size()) error = a + " needs a value / 缺少参数值";
        else if (a == "--scenario") scenario_path = args[++i];
        else if (a == "--format") {
            format = args[++i];
            if (format != "md" && format != "csv") error = "--format is md or csv / 格式须为 md 或 csv: " + format;
        } else if (!a.empty() && a[0] == '-') error = "unknown option / 未知选项: " + a;
        else paths.push_back(a);
        if (!error.empty()) {
            std::fprintf(stderr, "peizou class: %s\n\n%s", error.c_str(), kClassHelp);
            return 2;
        }
    }
    if (paths.empty()) {
        std::fprintf(stderr, "peizou class: missing WALK.json / 缺少走流程记录\n\n%s", kClassHelp);
        return 2;
    }
    // Records are named by their file name (as the page names dropped files); the path
    // stays for the messages.
    std::vector<scenario::ClassFile> files;
    std::map<std::string, std::string> path_of;
    // A .zip gives each record inside it, named ZIP/ENTRY (path ZIP!ENTRY in the messages).
    for (const std::string& path : paths) {
        const std::string name = std::filesystem::path(path).filename().string();
        std::string bytes;
        if (!read_input(path, bytes)) bytes.clear();  // then set apart as malformed, with the reason above
        for (scenario::ClassFile& f : scenario::class_files(name, bytes)) {
            path_of[f.name] = f.name == name ? path : path + "!" + f.name.substr(name.size() + 1);
            files.push_back(std::move(f));
        }
    }
    const std::string id = scenario::class_scenario(files);
    if (scenario_path.empty() && !id.empty()) scenario_path = find_scenario(id, paths.front());
    std::string scenario_text;
    std::optional<Scenario> scenario;
    if (!scenario_path.empty()) {
        scenario = load_scenario_file(scenario_path);
        if (scenario && read_file(scenario_path, scenario_text) != ReadStatus::ok) scenario.reset();
    } else {
        std::fprintf(stderr, "peizou class: scenario '%s' not found; use --scenario FILE / 找不到场景\n",
                     scenario::short_text(id).c_str());
    }
    const scenario::ClassReport report = scenario ? scenario::class_report(files, *scenario, scenario_text, names)
                                                  : scenario::class_without_scenario(files, id);
    for (const scenario::SetApart& a : report.set_apart)
        std::fprintf(stderr, "%s (%s)\n", scenario::format_issue(path_of[a.file], a.issue).c_str(), a.reason.c_str());
    if (json) std::printf("%s\n", scenario::class_json(report).dump().c_str());
    else if (format == "csv") write_data(scenario::class_csv(report, zh));
    else write_text(scenario::class_markdown(report, zh));
    return report.trainees.empty() ? 1 : 0;
}

}  // namespace peizou::cli
