// peizou export FILE --variant V [--citizens N] [--seed S] --format csv|xes|cases|cases-json|bpmn
// peizou export FILE --variants A,B [--citizens N] [--seed S] --format table
#include <cstdio>

#include "args.hpp"
#include "core/engine.hpp"
#include "import/bpmn.hpp"
#include "scenario/exports.hpp"
#include "scenario/parallel_runs.hpp"

namespace peizou::cli {

static const char* kExportHelp =
    "usage: peizou export FILE --variant V [--citizens N] [--seed S] --format csv|xes|cases|cases-json|bpmn\n"
    "       peizou export FILE --variants A,B[,C…] [--citizens N] [--seed S] [--jobs N] --format table\n"
    "  Runs the variant like `peizou run` and prints to standard output:\n"
    "    csv    the event log of the process citizens, one line per event\n"
    "    xes    the same event log as XES (IEEE 1849) for PM4Py, Disco or ProM\n"
    "    cases  the measures of every finished citizen, one line per case\n"
    "    cases-json  the same measures as JSON\n"
    "    table  the comparison table of `peizou compare --json` as CSV\n"
    "    bpmn   the variant as BPMN 2.0 with a diagram (no run; docs/import.md)\n"
    "  --jobs N runs the table's variants on N threads (default: one per core; the\n"
    "  output is the same for any N). A single variant's log is one run, on one thread.\n"
    "  Columns and attributes are described in docs/exports.md.\n";

int export_command(const Args& args) {
    // --format is ours; everything else is the common flags.
    std::string format;
    Args rest;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--format") {
            if (i + 1 >= args.size()) {
                std::fprintf(stderr, "peizou export: --format needs a value / 缺少参数值\n\n%s", kExportHelp);
                return 2;
            }
            format = args[++i];
        } else {
            rest.push_back(args[i]);
        }
    }
    const bool table = format == "table";
    const Parsed p = parse_args(rest, table, true);
    if (p.help) { std::fputs(kExportHelp, stdout); return 0; }
    std::string error = p.error;
    if (error.empty() && format != "csv" && format != "xes" && format != "cases" && format != "cases-json" && format != "bpmn" && !table)
        error = format.empty() ? "missing --format / 缺少 --format" : "unknown format / 未知格式: " + format;
    if (!error.empty()) {
        std::fprintf(stderr, "peizou export: %s\n\n%s", error.c_str(), kExportHelp);
        return 2;
    }
    auto scenario = load_scenario_file(p.file);
    if (!scenario) return 1;
    if (format == "bpmn") {
        const Variant* v = scenario->variant(p.variant);
        if (!v) {
            std::fprintf(stderr, "peizou export: no variant '%s' / 场景中没有这个方案\n", scenario::short_text(p.variant).c_str());
            return 2;
        }
        write_data(import::export_bpmn(*scenario, *v));
        return 0;
    }
    const Calendar cal = scenario::scenario_calendar(*scenario);
    const auto citizens = static_cast<std::int32_t>(p.citizens);

    if (table) {
        std::vector<std::string> ids;
        if (p.variants.empty()) {
            for (const auto& v : scenario->variants) ids.push_back(v.id);
        } else {
            std::size_t at = 0;
            for (;;) {
                const std::size_t comma = p.variants.find(',', at);
                ids.push_back(p.variants.substr(at, comma == std::string::npos ? std::string::npos : comma - at));
                if (comma == std::string::npos) break;
                at = comma + 1;
            }
        }
        std::vector<const Variant*> variants;
        for (const auto& id : ids) {
            const Variant* v = scenario->variant(id);
            if (!v) {
                std::fprintf(stderr, "peizou export: no variant '%s' / 场景中没有这个方案\n", scenario::short_text(id).c_str());
                return 2;
            }
            variants.push_back(v);
        }
        const int jobs = p.jobs > 0 ? static_cast<int>(p.jobs) : scenario::default_jobs();
        write_data(scenario::compare_csv(scenario::run_compare(*scenario, cal, variants, {}, p.seed, citizens, jobs).runs));
        return 0;
    }

    const Variant* v = scenario->variant(p.variant);
    if (!v) {
        std::fprintf(stderr, "peizou export: no variant '%s' in %s / 场景中没有这个方案\n",
                     scenario::short_text(p.variant).c_str(), scenario::printable(p.file).c_str());
        return 2;
    }
    const scenario::LoggedRun r = scenario::run_with_log(*scenario, *v, cal, p.seed, citizens);
    if (format == "csv") write_data(scenario::event_log_csv(r));
    else if (format == "xes") write_data(scenario::event_log_xes(r, scenario->title + " · " + v->id));
    else if (format == "cases-json") write_data(scenario::cases_json(r.run).dump(2) + "\n");
    else write_data(scenario::cases_csv(r.run));
    return 0;
}

}  // namespace peizou::cli
