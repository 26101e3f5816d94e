// `peizou` — the command line. Same code natively and under Node (wasm).
#include <cstdio>
#include <cstring>

#include "commands.hpp"

namespace {
struct Command {
    const char* name;
    int (*fn)(const peizou::cli::Args&);
    const char* help;
};
const Command kCommands[] = {
    {"run", peizou::cli::run_command, "run FILE [--variant NAME] [--citizens N] [--seed S] [--json]"},
    {"compare", peizou::cli::compare_command, "compare FILE --variants A,B [--citizens N] [--seed S] [--json] [--shapley]"},
    {"replay", peizou::cli::replay_command, "replay WALK.json [--json]"},
    {"class", peizou::cli::class_command, "class WALK.json... [--scenario FILE] [--json] [--format md|csv] [--names] [--en]"},
    {"validate", peizou::cli::validate_command, "validate FILE [--json]"},
    {"import", peizou::cli::import_command, "import FILE [--params SIM.json] [-o OUT.json] [--json]"},
    {"export", peizou::cli::export_command, "export FILE --variant V [--citizens N] [--seed S] --format csv|xes|cases|table|bpmn"},
};

void usage(FILE* out) {
    std::fprintf(out, "peizou — 陪走 government service process simulator\n\nusage:\n");
    for (const auto& c : kCommands) std::fprintf(out, "  peizou %s\n", c.help);
    std::fprintf(out, "\n`peizou COMMAND --help` explains one command.\n");
}
}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    for (const auto& c : kCommands) {
        if (!std::strcmp(argv[1], c.name)) return c.fn(peizou::cli::Args(argv + 2, argv + argc));
    }
    std::fprintf(stderr, "peizou: unknown command '%s' / 未知命令\n\n", argv[1]);
    usage(stderr);
    return 2;
}
