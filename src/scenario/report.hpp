// Internal to src/scenario: the list of problems found while loading, before their
// JSON pointers are turned into line:column.
#pragma once
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "scenario_io.hpp"

namespace peizou::scenario {

struct Problem {
    Issue issue;
    bool at_key = false;  // locate the member's key (unknown fields), not its value
};

class Report {
public:
    explicit Report(int max_issues) : max_issues_(max_issues) {}

    // A problem as a message of the catalogue (core/diagnostics.hpp): its code and
    // arguments, or a text rendered from it (a message with a suffix or prefix).
    void error(const std::string& path, DiagText text, bool at_key = false) {
        add(path, std::move(text.zh), std::move(text.en), false, at_key);
    }
    void warning(const std::string& path, DiagText text) { add(path, std::move(text.zh), std::move(text.en), true, false); }
    void error(const std::string& path, Diag code, std::initializer_list<DiagArg> args = {}, bool at_key = false) {
        error(path, render_text(code, args), at_key);
    }
    void warning(const std::string& path, Diag code, std::initializer_list<DiagArg> args = {}) {
        warning(path, render_text(code, args));
    }
    // Every problem found is counted; only the first `max_issues` are listed. The list's
    // cap never stops reading: the model is the same however many problems there are.
    int errors() const { return errors_; }
    int warnings() const { return warnings_; }
    int dropped() const { return dropped_; }
    bool full() const { return static_cast<int>(problems_.size()) >= max_issues_; }
    // "Did you mean" costs an edit distance per known id: only for the first problems.
    bool suggesting() const { return problems_.size() < 100 && !full(); }
    std::vector<Problem>& problems() { return problems_; }

private:
    void add(const std::string& path, std::string zh, std::string en, bool warning, bool at_key) {
        ++(warning ? warnings_ : errors_);
        if (full()) {  // still counted, so the file stays invalid
            ++dropped_;
            return;
        }
        Problem p;
        p.issue.path = path;
        p.issue.message_zh = std::move(zh);
        p.issue.message_en = std::move(en);
        p.issue.warning = warning;
        p.at_key = at_key;
        problems_.push_back(std::move(p));
    }

    int max_issues_;
    int errors_ = 0;
    int warnings_ = 0;
    int dropped_ = 0;
    std::vector<Problem> problems_;
};

// Quotes a value for a message: control characters escaped (see printable), long values
// cut (at a UTF-8 character boundary).
// (Appended, not `"\"" + … + "\""`: GCC 12 warns falsely of an overlapping memcpy there.)
inline std::string quote_value(const std::string& s) {
    std::string out = "\"";
    out += short_text(s);
    out += '"';
    return out;
}

}  // namespace peizou::scenario
