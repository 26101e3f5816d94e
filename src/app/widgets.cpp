#include "widgets.hpp"

#include "imgui.h"

namespace peizou::app {
namespace {

// Decodes one UTF-8 character at s[i]; returns its length (1 for bad bytes).
int decode(const std::string& s, std::size_t i, char32_t& c) {
    auto b = static_cast<unsigned char>(s[i]);
    int n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
    if (i + static_cast<std::size_t>(n) > s.size()) n = 1;
    c = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
    return n;
}

bool is_wide(char32_t c) { return c >= 0x2E80 && c <= 0xFFEF; }

bool is_closing(char32_t c) {
    static const char32_t kClosing[] = {U'，', U'。', U'、', U'：', U'；', U'！', U'？', U'）', U'》',
                                        U'〉', U'”', U'’', U'」', U'』', U'】', U'…', U'·', U',',
                                        U'.', U';', U':', U'!', U'?', U')'};
    for (char32_t k : kClosing) {
        if (c == k) return true;
    }
    return false;
}

bool is_opening(char32_t c) {
    return c == U'（' || c == U'《' || c == U'〈' || c == U'“' || c == U'‘' || c == U'「' ||
           c == U'『' || c == U'【' || c == U'(';
}

}  // namespace

std::vector<std::string> wrap_lines(const std::string& s, float width, float font_size) {
    std::vector<std::string> lines;
    ImFont* font = ImGui::GetFont();
    const float scale = font_size / font->FontSize;
    std::size_t line_start = 0;
    while (line_start < s.size()) {
        float x = 0;
        std::size_t i = line_start, last_break = std::string::npos, end = s.size(), next = s.size();
        char32_t prev = 0;
        while (i < s.size()) {
            char32_t c;
            int n = decode(s, i, c);
            if (c == '\n') {
                end = i;
                next = i + 1;
                break;
            }
            // A line may break before i: after a space, or between wide characters
            // unless i closes or the previous one opens.
            bool can_break = i > line_start &&
                             (prev == ' ' || ((is_wide(c) || is_wide(prev)) && !is_closing(c) && !is_opening(prev)));
            if (can_break) last_break = i;
            x += font->GetCharAdvance(static_cast<ImWchar>(c <= 0xFFFF ? c : 0xFFFD)) * scale;
            if (x > width && i > line_start) {
                end = last_break != std::string::npos ? last_break : i;
                next = end;
                break;
            }
            prev = c;
            i += static_cast<std::size_t>(n);
        }
        std::size_t trimmed = end;
        while (trimmed > line_start && s[trimmed - 1] == ' ') --trimmed;
        lines.push_back(s.substr(line_start, trimmed - line_start));
        while (next < s.size() && s[next] == ' ') ++next;  // no leading blanks on a new line
        line_start = next;
    }
    return lines;
}

std::string shown_part(const std::string& s) {
    if (s.size() <= kMaxShownBytes) return s;
    std::size_t cut = kMaxShownBytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    return s.substr(0, cut) + " … (+" + std::to_string(s.size() - cut) + " B)";
}

void text_wrapped(const std::string& whole) {
    const std::string s = shown_part(whole);
    for (const std::string& line : wrap_lines(s, ImGui::GetContentRegionAvail().x, ImGui::GetFontSize()))
        ImGui::TextUnformatted(line.data(), line.data() + line.size());
}

void same_line_if_fits(float width) {
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
}

std::string fit_width(const std::string& s, float width) {
    std::string cut = s;
    while (!cut.empty() && ImGui::CalcTextSize(cut.c_str()).x > width) {
        if (cut.size() >= 3 && cut.compare(cut.size() - 3, 3, "…") == 0) cut.resize(cut.size() - 3);
        while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();
        if (!cut.empty()) cut.pop_back();
        cut += "…";
    }
    return cut;
}

void bullet_text_wrapped(const std::string& s) {
    ImGui::Bullet();
    ImGui::BeginGroup();
    text_wrapped(s);
    ImGui::EndGroup();
}

}  // namespace peizou::app
