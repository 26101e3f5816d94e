// One function per `peizou` sub-command; each parses its own arguments and returns
// the process exit code (0 ok, 1 the input is bad, 2 the arguments are bad).
#pragma once
#include <string>
#include <vector>

namespace peizou::cli {
using Args = std::vector<std::string>;
int run_command(const Args& args);       // run.cpp
int compare_command(const Args& args);   // compare.cpp
int replay_command(const Args& args);    // replay.cpp
int validate_command(const Args& args);  // validate.cpp
int export_command(const Args& args);    // export.cpp
int class_command(const Args& args);     // class.cpp
int import_command(const Args& args);    // import.cpp
}  // namespace peizou::cli
