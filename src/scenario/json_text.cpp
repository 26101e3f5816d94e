#include "json_text.hpp"

#include <algorithm>
#include <cstdint>

namespace peizou::scenario {

LineIndex::LineIndex(const std::string& text) : text_(text) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') line_starts_.push_back(i + 1);
}

TextPosition LineIndex::at(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());  // >= 1
    std::size_t start = line_starts_[line - 1];
    std::size_t from = start;
    int column = 1;
    if (start == last_start_ && offset >= last_offset_) {  // go on from the previous answer
        from = last_offset_;
        column = last_column_;
    }
    for (std::size_t i = from; i < offset; ++i)  // count characters, not UTF-8 continuation bytes
        if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
    last_start_ = start;
    last_offset_ = offset;
    last_column_ = column;
    return {static_cast<int>(line), column};
}

std::string pointer_escape(const std::string& key) {
    std::string out;
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string pointer_append(const std::string& pointer, const std::string& key) {
    return pointer + "/" + pointer_escape(key);
}

std::string pointer_append(const std::string& pointer, std::size_t index) {
    return pointer + "/" + std::to_string(index);
}

std::string pointer_parent(const std::string& pointer) {
    auto slash = pointer.rfind('/');
    return slash == std::string::npos ? std::string() : pointer.substr(0, slash);
}

DepthCheck check_depth(const std::string& text, int limit, std::size_t max_members) {
    DepthCheck result;
    // Per open bracket: is it an object, and how many commas directly inside it.
    std::vector<std::pair<bool, std::size_t>> open;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            open.emplace_back(c == '{', 0);
            int depth = static_cast<int>(open.size());
            result.max_depth = std::max(result.max_depth, depth);
            if (depth > limit) {
                result.exceeded = true;
                result.offset = i;
                return result;
            }
        } else if (c == ']' || c == '}') {
            if (!open.empty()) open.pop_back();
        } else if (c == ',' && !open.empty() && open.back().first) {
            if (++open.back().second >= max_members) {  // members = commas + 1
                result.too_wide = true;
                result.offset = i;
                return result;
            }
        }
    }
    return result;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }


// Reads 4 hex digits at text[i..i+4); returns false if they are not hex.
bool read_hex4(const std::string& text, std::size_t i, std::uint32_t& out) {
    if (i + 4 > text.size()) return false;
    out = 0;
    for (std::size_t k = i; k < i + 4; ++k) {
        char c = text[k];
        out <<= 4;
        if (c >= '0' && c <= '9') out |= static_cast<std::uint32_t>(c - '0');
        else if (c >= 'a' && c <= 'f') out |= static_cast<std::uint32_t>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') out |= static_cast<std::uint32_t>(c - 'A' + 10);
        else return false;
    }
    return true;
}

// Reads the string starting at text[i] == '"'; decodes it into `out` when asked.
// Returns the offset just past the closing quote, or npos if the text ends first.
std::size_t read_string(const std::string& text, std::size_t i, std::string* out) {
    ++i;
    while (i < text.size()) {
        char c = text[i];
        if (c == '"') return i + 1;
        if (c != '\\') {
            if (out) *out += c;
            ++i;
            continue;
        }
        if (i + 1 >= text.size()) return std::string::npos;
        char e = text[i + 1];
        i += 2;
        if (!out) continue;
        switch (e) {
            case 'b': *out += '\b'; break;
            case 'f': *out += '\f'; break;
            case 'n': *out += '\n'; break;
            case 'r': *out += '\r'; break;
            case 't': *out += '\t'; break;
            case 'u': {
                std::uint32_t cp = 0;
                if (!read_hex4(text, i, cp)) return std::string::npos;
                i += 4;
                std::uint32_t low = 0;
                if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < text.size() && text[i] == '\\' &&
                    text[i + 1] == 'u' && read_hex4(text, i + 2, low) && low >= 0xDC00 &&
                    low < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    i += 6;
                }
                append_utf8(*out, cp);
                break;
            }
            default: *out += e; break;  // \" \\ \/
        }
    }
    return std::string::npos;
}

struct Frame {
    bool is_object = false;
    std::string pointer;
    std::size_t index = 0;          // arrays: index of the current item
    std::string key;                // objects: key of the current member
    std::size_t key_offset = 0;
    std::set<std::string> keys;     // objects: keys seen so far
};

}  // namespace

ScanResult scan_json(const std::string& text, const std::set<std::string>& wanted,
                     std::size_t max_duplicates) {
    ScanResult result;
    std::vector<Frame> stack;
    // A UTF-8 byte order mark is skipped, as nlohmann does.
    std::size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    const std::size_t n = text.size();
    auto skip_space = [&] {
        while (i < n && is_space(text[i])) ++i;
    };

    enum class State { value, after_value, key } state = State::value;
    for (;;) {
        skip_space();
        if (i >= n) return result;
        if (state == State::key) {
            // At a key (or the '}' of an empty object).
            Frame& f = stack.back();
            if (text[i] == '}') {
                stack.pop_back();
                ++i;
                state = State::after_value;
                continue;
            }
            if (text[i] != '"') return result;
            f.key.clear();
            f.key_offset = i;
            i = read_string(text, i, &f.key);
            if (i == std::string::npos) return result;
            if (!f.keys.insert(f.key).second &&
                result.duplicate_count++ < max_duplicates)
                result.duplicates.push_back({pointer_append(f.pointer, f.key), f.key_offset});
            skip_space();
            if (i >= n || text[i] != ':') return result;
            ++i;
            state = State::value;
            continue;
        }
        if (state == State::value) {
            std::string pointer;
            ValueLocation location{i, i};
            if (!stack.empty()) {
                const Frame& f = stack.back();
                if (f.is_object) {
                    pointer = pointer_append(f.pointer, f.key);
                    location.key_offset = f.key_offset;
                } else {
                    pointer = pointer_append(f.pointer, f.index);
                }
            }
            if (wanted.count(pointer)) result.found[pointer] = location;
            char c = text[i];
            if (c == '{' || c == '[') {
                Frame f;
                f.is_object = c == '{';
                f.pointer = std::move(pointer);
                stack.push_back(std::move(f));
                ++i;
                skip_space();
                if (i < n && text[i] == ']' && c == '[') {
                    stack.pop_back();
                    ++i;
                    state = State::after_value;
                } else {
                    state = c == '{' ? State::key : State::value;
                }
                continue;
            }
            if (c == '"') {
                i = read_string(text, i, nullptr);
                if (i == std::string::npos) return result;
            } else {
                while (i < n && !is_space(text[i]) && text[i] != ',' && text[i] != ']' &&
                       text[i] != '}')
                    ++i;
            }
            state = State::after_value;
            continue;
        }
        // After a value: ',' or the end of the enclosing container.
        if (stack.empty()) return result;
        Frame& f = stack.back();
        char c = text[i++];
        if (c == ',') {
            if (f.is_object) {
                state = State::key;
            } else {
                ++f.index;
                state = State::value;
            }
        } else if ((c == '}' && f.is_object) || (c == ']' && !f.is_object)) {
            stack.pop_back();
        } else {
            return result;
        }
    }
}

}  // namespace peizou::scenario
