// The engine-only module of the page's worker pool (issue 17): core + scenario, no SDL,
// ImGui or GL. web/pool.js compiles peizou_worker.wasm once and posts the compiled
// module to every worker, which runs one task at a time through this function.
#include <emscripten.h>

#include <string>

#include "app/pool_task.hpp"

extern "C" EMSCRIPTEN_KEEPALIVE const char* peizou_worker_task(const char* task_json) {
    static std::string out;
    try {
        out = peizou::app::pool::run_task(task_json);
    } catch (const std::exception& e) {
        out = std::string("error: ") + e.what();
    }
    return out.c_str();
}
