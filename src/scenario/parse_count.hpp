// How many whole-document parses the readers have done (JSON: scenarios, walk records,
// guides, simulation parameters; XML: BPMN), counted where they parse. The page reports
// the parses an opened file cost on its way in (issue 16: "the text is parsed once on its
// way in"; test API state "user_files.way_in"). Counting only: no behaviour depends on it.
#pragma once
#include <atomic>

namespace peizou::scenario {

struct ParseCount {
    std::atomic<long> json{0}, xml{0};
};

inline ParseCount& parse_count() {
    static ParseCount count;
    return count;
}

}  // namespace peizou::scenario
