// State of the 培训班 Class screen (issue 18): the walk records opened for one class and
// the report read from them (scenario/class_report.hpp, the same as `peizou class`).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "scenario/class_report.hpp"

namespace peizou::app {

struct ClassState {
    std::vector<scenario::ClassFile> files;  // as opened or dropped; a file of the same name replaces
    bool show_names = false;
    bool dirty = false;                      // the report must be read again
    scenario::ClassReport report;
    std::unique_ptr<Scenario> scenario;      // the class's scenario (for the heat map); null: not found
    std::string message_zh, message_en;      // the last save, download or refusal
    bool message_is_error = false;
    std::vector<std::string> saved;          // classes kept in my files (classes/*.json)
    std::string saved_name;                  // this class's file there; empty: a new class (a fresh name)
    bool saved_listed = false;
};

}  // namespace peizou::app
