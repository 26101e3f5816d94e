// Positions in JSON text. nlohmann/json 3.11.2 keeps no source positions, so this
// small scanner walks the original text to map JSON pointers to line:column, finds
// duplicate keys, and measures nesting depth before nlohmann (which recurses) sees it.
// Every function here is iterative and bounded by the text length, on any input.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace peizou::scenario {

struct TextPosition {
    int line = 0, column = 0;  // 1-based; column counts UTF-8 characters
};

// Converts byte offsets to line:column (line starts indexed once). Columns are counted
// on from the previous answer when it lies earlier on the same line, so asking for
// increasing offsets of one long line costs the line's length once, not once per offset.
class LineIndex {
public:
    explicit LineIndex(const std::string& text);
    TextPosition at(std::size_t offset) const;

private:
    const std::string& text_;
    std::vector<std::size_t> line_starts_;
    mutable std::size_t last_offset_ = 0;  // the previous answer: offset, its line start, column
    mutable std::size_t last_start_ = static_cast<std::size_t>(-1);
    mutable int last_column_ = 1;
};

// Appends code point `cp` to `out` as UTF-8 (the JSON \u escapes and the UTF-16 reader).
void append_utf8(std::string& out, std::uint32_t cp);

// "/a/b~1c" segment escaping of RFC 6901.
std::string pointer_escape(const std::string& key);
std::string pointer_append(const std::string& pointer, const std::string& key);
std::string pointer_append(const std::string& pointer, std::size_t index);
std::string pointer_parent(const std::string& pointer);  // "" for "" and "/x"

struct DepthCheck {
    int max_depth = 0;            // deepest nesting seen (capped at limit + 1)
    std::size_t offset = 0;       // where a limit was first exceeded
    bool exceeded = false;        // nesting deeper than `limit`
    bool too_wide = false;        // an object with more than `max_members` members
};
// Nesting of [ and { outside strings, and members per object (nlohmann's ordered_json
// looks keys up linearly, so a huge object would take quadratic time); stops at the
// first limit exceeded.
DepthCheck check_depth(const std::string& text, int limit,
                       std::size_t max_members = static_cast<std::size_t>(-1));

struct ValueLocation {
    std::size_t key_offset = 0;    // the member's key (or the value, for array items)
    std::size_t value_offset = 0;  // first character of the value
};

struct DuplicateKey {
    std::string pointer;           // pointer of the repeated member
    std::size_t key_offset = 0;    // its second (or later) occurrence
};

struct ScanResult {
    std::map<std::string, ValueLocation> found;  // for the pointers asked for
    std::vector<DuplicateKey> duplicates;        // the first `max_duplicates` of them
    std::size_t duplicate_count = 0;             // all of them
};
// Scans syntactically valid JSON (as accepted by nlohmann). On anything else it stops
// early and returns what it found so far.
ScanResult scan_json(const std::string& text, const std::set<std::string>& wanted,
                     std::size_t max_duplicates = static_cast<std::size_t>(-1));

}  // namespace peizou::scenario
