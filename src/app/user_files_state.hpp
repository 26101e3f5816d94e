// The user's own files (issue 7): scenarios and walk records opened from disk or dropped
// on the page, kept in platform::user_dir() with the settings. User scenarios are
// LibraryEntry items with `user` set; walk records are listed here.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "scenario/scenario_io.hpp"

namespace peizou::app {

struct UserWalk {
    std::string file;                        // "user/walks/<name>.json"
    bool ok = false;
    std::string scenario, variant;           // what it walks, when it loads
    std::vector<scenario::Issue> issues;     // kept and shown when it fails
};

struct UserFilesState {
    std::string dir;                         // platform::user_dir()
    std::vector<UserWalk> walks;
    std::string message_zh, message_en;      // the last save/delete, or why it failed
    bool message_is_error = false;
    std::uint64_t message_serial = 0;        // counts the messages said: a late flush tells what is newer
    std::string storage_error;               // IndexedDB unavailable / last flush failed
    std::string saved_language;              // settings as last written ("" = not yet)
    float saved_scale = 0;
    std::string saved_selected;              // the Library's selection as last written
    bool saved_welcome_dismissed = false;
};

}  // namespace peizou::app
