#include "fonts.hpp"

#include <algorithm>
#include <cstring>

#include "imgui.h"
#include "platform/backend.hpp"
#include "strings.hpp"

namespace peizou::app {

// Invalid bytes become U+FFFD, never a crash.
std::u32string utf8_to_u32(const std::string& s) {
    std::u32string out;
    std::size_t i = 0;
    while (i < s.size()) {
        auto b = static_cast<unsigned char>(s[i]);
        int n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
        char32_t c = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
        bool ok = n > 0 && i + static_cast<std::size_t>(n) <= s.size();
        for (int k = 1; ok && k < n; ++k) {
            auto t = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
            ok = (t & 0xC0) == 0x80;
            c = (c << 6) | (t & 0x3F);
        }
        out.push_back(ok ? c : 0xFFFD);
        i += ok ? static_cast<std::size_t>(n) : 1;
    }
    return out;
}

std::string u32_to_utf8(const std::u32string& text) {
    std::string out;
    for (char32_t c : text) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

namespace {

// Characters that need a glyph: printable, in the Basic Multilingual Plane (ImWchar is
// 16-bit in ImGui 1.86), beyond ASCII (the default range always has ASCII).
bool needs_glyph(char32_t c) {
    return c >= 0x80 && c <= 0xFFFF && !(c >= 0x80 && c < 0xA0) && c != 0xFEFF;
}

void add_string(const char* text, void* user) {
    fonts_add_text(*static_cast<AppState*>(user), text);
}

}  // namespace

bool fonts_init(AppState& state) {
    std::string bytes;
    if (!platform::read_file(platform::fonts_dir() + "/ui.otf", bytes)) return false;
    state.fonts.ui_bytes.assign(bytes.begin(), bytes.end());
    for_each_string(add_string, &state);
    // Every character of ui.otf (made from the text of src/app, src/core, src/scenario and
    // scenarios/*.json: ~1,000): text composed at run time — a core message, a caption
    // with a step's name — never meets a character the atlas lacks. (User files and typed
    // text register their own.)
    std::string all;
    if (platform::read_file(platform::fonts_dir() + "/ui.otf.chars.txt", all)) {
        for (char32_t c : utf8_to_u32(all))
            if (needs_glyph(c) && state.fonts.codepoints.insert(c).second) state.fonts.speculative.insert(c);
    }
    state.fonts.dirty = true;
    return true;
}

void fonts_add_text(AppState& state, const std::string& utf8) {
    FontState& f = state.fonts;
    for (char32_t c : utf8_to_u32(utf8)) {
        if (!needs_glyph(c)) continue;
        if (f.codepoints.insert(c).second) f.dirty = true;
        if (!f.speculative.empty() && f.speculative.erase(c)) f.dirty = true;  // now really needed
    }
}

void fonts_add_file_text(AppState& state, const std::string& text) {
    fonts_add_text(state, text);
    std::u32string escaped;
    for (std::size_t i = 0; i + 6 <= text.size(); ++i) {
        if (text[i] != '\\' || text[i + 1] != 'u') continue;
        char32_t c = 0;
        bool ok = true;
        for (std::size_t k = i + 2; k < i + 6 && ok; ++k) {
            const char h = text[k];
            ok = (h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F');
            c = c * 16 + static_cast<char32_t>(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
        }
        if (ok) escaped.push_back(c);
    }
    for (char32_t c : escaped)
        if (needs_glyph(c) && state.fonts.codepoints.insert(c).second) state.fonts.dirty = true;
}

void fonts_check_frame(AppState& state) {
    FontState& f = state.fonts;
    const ImDrawData* data = ImGui::GetDrawData();
    if (!data || !data->Valid || f.fallback_u < 0) return;
    int drawn = 0;
    for (int l = 0; l < data->CmdListsCount; ++l) {
        const ImVector<ImDrawVert>& vertices = data->CmdLists[l]->VtxBuffer;
        for (const ImDrawVert& v : vertices) drawn += v.uv.x == f.fallback_u && v.uv.y == f.fallback_v ? 1 : 0;
    }
    f.fallback_drawn = drawn;
    if (drawn > 0) ++f.fallback_frames;
}

std::u32string fonts_missing(const std::string& utf8) {
    std::u32string out;
    ImFont* font = ImGui::GetIO().Fonts->Fonts.empty() ? nullptr : ImGui::GetIO().Fonts->Fonts[0];
    for (char32_t c : utf8_to_u32(utf8)) {
        if (c < 0x20 || c == 0x7F) continue;
        // Beyond the BMP ImGui 1.86 cannot draw at all (16-bit ImWchar).
        if (c > 0xFFFF || !font || !font->FindGlyphNoFallback(static_cast<ImWchar>(c))) out.push_back(c);
    }
    return out;
}

bool fonts_update(AppState& state) {
    FontState& f = state.fonts;
    float pixels = kBaseFontPixels * state.scale * state.framebuffer_scale;
    if (!f.dirty && pixels == f.built_pixels) return false;
    if (f.ui_bytes.empty()) return false;

    ImGuiIO& io = ImGui::GetIO();
    // The ranges must outlive the atlas build (ImGui keeps the pointer).
    static ImVector<ImWchar> ranges;
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
    for (std::uint32_t c : f.codepoints) builder.AddChar(static_cast<ImWchar>(c));
    ranges.clear();
    builder.BuildRanges(&ranges);

    io.Fonts->Clear();
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // the bytes stay in FontState
    config.OversampleH = 1;               // CJK at 1x: crisp enough, a quarter of the atlas
    config.OversampleV = 1;
    config.PixelSnapH = true;
    std::strncpy(config.Name, "Noto Sans CJK SC", sizeof(config.Name) - 1);
    ImFont* ui = io.Fonts->AddFontFromMemoryTTF(f.ui_bytes.data(), static_cast<int>(f.ui_bytes.size()), pixels,
                                                &config, ranges.Data);
    if (f.large == LargeFont::loaded) {
        ImFontConfig merge = config;
        merge.MergeMode = true;  // fills only the glyphs the small subset lacks
        io.Fonts->AddFontFromMemoryTTF(f.large_bytes.data(), static_cast<int>(f.large_bytes.size()),
                                       pixels, &merge, ranges.Data);
    }
    // U+FFFD, the glyph ImGui draws for any character the atlas lacks, is a box of our
    // own: visible as a missing character, and unique in the atlas (fonts_check_frame).
    const int box_w = std::max(2, static_cast<int>(pixels * 0.5f)), box_h = std::max(2, static_cast<int>(pixels * 0.7f));
    const int box = io.Fonts->AddCustomRectFontGlyph(ui, 0xFFFD, box_w, box_h, static_cast<float>(box_w) + pixels * 0.15f,
                                                     ImVec2(pixels * 0.07f, pixels * 0.2f));
    io.Fonts->Build();
    {
        unsigned char* alpha = nullptr;
        int tex_w = 0, tex_h = 0;
        io.Fonts->GetTexDataAsAlpha8(&alpha, &tex_w, &tex_h);
        const ImFontAtlasCustomRect* r = io.Fonts->GetCustomRectByIndex(box);
        for (int y = 0; y < r->Height; ++y)
            for (int x = 0; x < r->Width; ++x) {
                const bool edge = x == 0 || y == 0 || x == r->Width - 1 || y == r->Height - 1;
                alpha[(r->Y + y) * tex_w + r->X + x] = edge ? 0xFF : 0x00;
            }
    }
    io.FontGlobalScale = 1.0f / state.framebuffer_scale;
    f.built_pixels = pixels;
    f.dirty = false;

    ImFont* font = io.Fonts->Fonts[0];
    f.glyphs = font->Glyphs.Size;
    const ImFontGlyph* fallback = font->FindGlyphNoFallback(0xFFFD);
    f.fallback_u = fallback ? fallback->U0 : -1;
    f.fallback_v = fallback ? fallback->V0 : -1;
    f.missing.clear();
    for (auto it = f.codepoints.begin(); it != f.codepoints.end();) {
        const std::uint32_t c = *it;
        if (font->FindGlyphNoFallback(static_cast<ImWchar>(c))) {
            ++it;
        } else if (f.speculative.erase(c)) {
            it = f.codepoints.erase(it);  // listed for ui.otf but not in it, and no text needs it
        } else {
            f.missing.push_back(c);
            ++it;
        }
    }
    if (!f.missing.empty() && f.large == LargeFont::not_needed) {
        f.large = LargeFont::loading;
        platform::fetch_lazy("large.otf", [&state](std::vector<std::uint8_t> bytes) {
            if (bytes.empty()) {
                state.fonts.large = LargeFont::failed;
                return;
            }
            state.fonts.large_bytes = std::move(bytes);
            state.fonts.large = LargeFont::loaded;
            state.fonts.dirty = true;
        });
    }
    return true;
}

}  // namespace peizou::app
