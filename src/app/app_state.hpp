// AppState: everything the UI knows, in one explicit struct (no statics in screens).
// Screens are functions of it: they draw it and change it. The simulation state
// itself lives in src/core objects held here; the UI never duplicates it.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "scenario/scenario_io.hpp"
#include "presentation_state.hpp"  // added by the presentation (issue 7)
#include "walkthrough_state.hpp"  // added by the walkthrough (issue 5)
#include "compare_state.hpp"      // added by the compare screen (issue 6)
#include "user_files_state.hpp"  // added by offline delivery (issue 7)
#include "class_state.hpp"       // added by the class debrief (issue 18)
#include "editor_state.hpp"      // added by the editor (issue 15)
#include "import_state.hpp"      // added by the import (issue 16)

namespace peizou::app {

enum class Screen { library, walkthrough, compare, presentation, class_view, editor };
enum class Language { zh, en };

const char* to_string(Screen);
bool parse_screen(const std::string& s, Screen& out);

// One file of the scenario library, kept even when it fails to load (its issues show).
struct LibraryEntry {
    std::string file;                       // "company-deregistration.json"
    scenario::LoadResult result;
    bool user = false;                      // one of the user's own files ("my files")
    // A built-in file not parsed yet (issue 17: parsed after the first frame). Until then
    // `result` holds only the titles (ok assumed) and these counts from a light scan.
    bool pending = false;
    std::string text;                       // the file's text while pending
    struct Index {
        std::string title, title_en;
        int variants = 0, first_steps = 0;  // variants, steps listed in the first one
    } index;                                // kept after the parse (test API: library)
};

struct LibraryState {
    std::string dir;                        // where the files were read from
    std::vector<LibraryEntry> entries;      // sorted by file name
    std::string selected;                   // key (file) of the selected entry, "" = none
    bool reveal_selected = false;           // scroll the list to it once (set when not clicked there)
    bool welcome_dismissed = false;         // the welcome panel's "don't show again" (settings)
    // Scenario cards (library_card.cpp): a quick compare of the first two variants per
    // entry, run in slices when first shown and kept for the session.
    struct Card {
        std::int64_t seed = 0;
        int citizens = 0;
        std::vector<std::string> variants;               // before, after (ids)
        std::vector<std::array<double, 4>> figures;      // per variant: calendar days, trips,
                                                         //   submissions (means), one-trip share
        float work_ms_max = 0;                           // its longest slice of work in a frame
    };
    std::map<std::string, Card> cards;      // by entry key, complete ones only
    std::unique_ptr<CompareState> card_run; // the card run under way (its file: card_run->file)
};

// Screens hold library entries by key (LibraryEntry::file), never by index: indices
// shift when a user file is added or deleted. The entry's index now, -1 if none.
int entry_index(const LibraryState& lib, const std::string& key);

// Fonts: the atlas holds exactly the characters of `codepoints` (all text the app can
// show). When some are missing from the small subset, the large one is fetched.
enum class LargeFont { not_needed, loading, loaded, failed };
struct FontState {
    std::vector<std::uint8_t> ui_bytes, large_bytes;
    LargeFont large = LargeFont::not_needed;
    std::set<std::uint32_t> codepoints;     // every character registered so far
    std::set<std::uint32_t> speculative;    // registered from ui.otf's list, not yet by any text:
                                            //   dropped if the font lacks them (comments' ⌊⌋)
    bool dirty = true;                      // the atlas must be rebuilt before next frame
    float built_pixels = 0;                 // font size of the current atlas, device px
    int glyphs = 0;                         // glyphs in the current atlas
    std::u32string missing;                 // registered characters the atlas lacks
    // The fallback glyph (a box of our own for U+FFFD) is drawn for any character the
    // atlas lacks, wherever the text came from; each frame is checked for it.
    float fallback_u = -1, fallback_v = -1; // its top-left texture coordinates
    int fallback_drawn = 0;                 // fallback glyphs in the last frame checked
    std::uint64_t fallback_frames = 0;      // frames that drew any
};

struct AppState {
    Screen screen = Screen::library;
    bool screen_requested = false;          // select the tab on the next frame (act/menu)
    Language language = Language::zh;
    float scale = 1.0f;                     // View menu: 1.0 / 1.5 / 2.0 (projector)
    float framebuffer_scale = 1.0f;         // device px per logical px (devicePixelRatio)
    float styled_scale = 0;                 // scale the ImGui style was last sized for
    std::uint64_t frame = 0;
    bool quit = false;
    std::string crash_test;                 // test.crash {when: "frame"}: fail in the next frame

    LibraryState library;
    FontState fonts;
    WalkState walk;                         // 走流程 screen (walkthrough_state.hpp)
    CompareState compare;                   // 对比 screen (compare_state.hpp)
    UserFilesState user;                    // 我的文件 (user_files_state.hpp)
    PresentationState presentation;         // 演示 screen (presentation_state.hpp)
    ClassState class_view;                  // 培训班 screen (class_state.hpp)
    EditorState editor;                     // 编辑 screen (editor_state.hpp)
    ImportReportState import_report;        // the last import (import_state.hpp, issue 16)
};

// Sizes in em: multiples of the current font height, so the scale and DPI just work.
float em(float n = 1.0f);

}  // namespace peizou::app
