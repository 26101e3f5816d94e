// The 编辑 Editor's state (issue 15): the draft scenario being edited, its undo stack,
// the last validation, the selected item, where it saves. Editing operations are
// src/scenario/scenario_edit; the screen is editor_screen.cpp / editor_forms.cpp.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "scenario/scenario_edit.hpp"

namespace peizou::app {

struct LivePreview;  // live_preview.hpp (helper graph)

// What the form shows: the scenario's own fields (kind "scenario"), or one item. A lever
// is shown with its variant.
struct EditorSelection {
    std::string kind = "scenario";  // scenario, place, department, material, step, branch, variant
    std::string id, variant;
    friend bool operator==(const EditorSelection&, const EditorSelection&) = default;
};

struct EditorState {
    bool open = false;                  // a draft is loaded
    Scenario draft;                     // what the user edits (derived variants' steps are stale:
                                        //   `check.scenario` holds them resolved)
    Scenario committed;                 // the draft as of the last undo step
    scenario::EditHistory history{200};
    bool pending = false;               // draft differs from `committed` (a widget still active)
    int version = 0;                    // bumped on every change of the draft
    int checked_version = -1;
    scenario::LoadResult check;         // validate_draft(draft) of `checked_version`
    double check_ms = 0;                // how long that validation took (with sim_key)
    std::uint64_t sim_key = 0;          // scenario::simulation_key(check.scenario) when it is ok
    EditorSelection sel;
    std::string file;                   // name in 我的文件 it saves to ("shop-opening.json")
    std::string text;                   // canonical text of the draft as last validated
    std::string saved_text;             // canonical text last saved ("" = never saved)
    std::string editing_field;          // the text field the overlay edits ("" = none)
    std::string rename_text;            // the id field of the selected item, while typed
    EditorSelection rename_for;         // the item rename_text belongs to
    std::vector<scenario::Reference> delete_refs;  // asked before deleting a referenced item
    bool confirm_delete = false;
    std::string pending_open;           // a library key to open once the user agrees to discard
    bool pending_new = false, pending_new_example = false;
    bool ask_discard = false;
    int draft_kept_version = -1;        // version last written to the draft slot
    double draft_changed_at = 0;        // ImGui time of the first unkept change
    bool restored = false;              // the draft slot was read at start-up
    std::string typed, typed_for;       // a text form (start, office hours) as typed, and its path
    Scenario shadow;                    // the draft as last validated (changes are found against it)
    std::string message;                // the last save, or why it failed
    std::string graph_variant;          // the variant the graph and live preview show ("" = the second, else before)
    std::shared_ptr<LivePreview> preview;  // the live before/after (made on first use)
    bool show_graph = false;            // narrow layout: the 流程图与指标 tab is chosen (else 表单)
    bool tab_requested = false;         // … and the tab bar must switch to it this frame
    bool leave_prompt = false;          // the page asks before it is closed (unsaved changes)
};

}  // namespace peizou::app
