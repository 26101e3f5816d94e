// The worker pool's entry point (issue 17): web/pool.js instantiates the page's own
// module in each Web Worker (no glue, no main(): only the static constructors) and runs
// one task at a time through this function; nothing here touches SDL, ImGui or GL.
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
