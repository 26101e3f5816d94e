// peizou replay WALK.json [--json] — arrives with the walkthrough (issue 5).
#include <cstdio>

#include "commands.hpp"

namespace peizou::cli {
int replay_command(const Args&) {
    std::fprintf(stderr, "peizou replay: not available yet / 尚未提供\n");
    return 2;
}
}  // namespace peizou::cli
