// Editing operations on a Scenario for the 编辑 Editor (no UI): add, duplicate, delete
// and rename any place, department, material, step, branch or variant (a rename carries
// every reference along), lever add / remove / reorder, an undo stack, and validation
// through the canonical writer and the reader (the same messages and paths as
// `peizou validate`).
//
// Steps and branches belong to a written-out variant (`ItemRef::variant`); the steps of
// a derived variant are computed from its `from` + `levers`, so they are not edited.
// A step id is looked up in the variant that holds it and referenced by that variant's
// steps and branches and by the levers of every variant derived from it (directly or
// through a chain). Materials, places and departments are scenario-wide.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "scenario_io.hpp"

namespace peizou::scenario {

enum class ItemKind { place, department, material, step, branch, variant };
const char* to_string(ItemKind kind);

struct ItemRef {
    ItemKind kind = ItemKind::place;
    std::string id;
    std::string variant;  // step and branch: the written-out variant that holds it
    friend bool operator==(const ItemRef&, const ItemRef&) = default;
};

// One place that names an item: its JSON path in the saved file (as `peizou validate`
// prints paths: "/variants/before/steps/2/needs/0") and whether it can be dropped (an
// entry of a list) or must be changed by hand (a single field such as a department's
// place or a variant's `from`).
struct Reference {
    std::string path;
    bool in_list = true;
    friend bool operator==(const Reference&, const Reference&) = default;
};

// Whether the item exists.
bool item_exists(const Scenario& s, const ItemRef& item);
// Every reference to the item, in file order (the item's own id field is not one).
std::vector<Reference> references_to(const Scenario& s, const ItemRef& item);

// Renames the item and every reference to it. False (nothing changed) when the item
// does not exist, the new id is empty, or another item of the same kind (in the same
// variant for steps and branches) already has it.
bool rename_item(Scenario& s, const ItemRef& item, const std::string& new_id);

// Deletes the item and returns the references that pointed at it. With `drop_references`
// the list entries among them are removed too (single fields stay, and validation then
// reports them); without, all stay. Nothing happens (empty result) if it does not exist.
std::vector<Reference> delete_item(Scenario& s, const ItemRef& item, bool drop_references);

// Adds a new item with a fresh id ("step_1", "step_2" …) at the end of its list and
// returns it (steps and branches: to written-out variant `variant`). Variants are added
// written out with no steps. Empty id when the variant does not exist or is derived.
ItemRef add_item(Scenario& s, ItemKind kind, const std::string& variant = "");
// Copies the item right after itself with a fresh id ("<id>_copy", "<id>_copy2" …).
ItemRef duplicate_item(Scenario& s, const ItemRef& item);
// An id not used by any item of that kind (in that variant): base, base_2, base_3 …
std::string fresh_id(const Scenario& s, ItemKind kind, const std::string& base,
                     const std::string& variant = "");

// Levers of variant `variant` (which then is derived: a written-out variant gets
// `from` = "before" if it had none). Indices out of range do nothing (false).
bool add_lever(Scenario& s, const std::string& variant, LeverKind kind);
bool remove_lever(Scenario& s, const std::string& variant, std::size_t index);
// Moves lever `from` to position `to` (the others keep their order).
bool move_lever(Scenario& s, const std::string& variant, std::size_t from, std::size_t to);

// Validation: save_scenario then load_scenario, so the issues are exactly those of
// `peizou validate` on the saved file (paths, lines, zh/en messages).
LoadResult validate_draft(const Scenario& s);

// What a run of `s` simulates, as a number for the Editor's live preview: a hash of the
// canonical text of `s` with every display text blanked (titles, summary, sources,
// assumptions; names of places, departments, materials, steps; hints, rework reasons,
// captions and presenter pauses, diagram positions; branch questions, option labels;
// lever notes and window names). Two drafts with the same key give the same Monte Carlo,
// figure for figure, so an edit that keeps the key need not run it again. A material's
// name is kept as given or not: the engine does not name a material that has no name.
std::uint64_t simulation_key(const Scenario& s);

// Text forms of fields the editor shows as text: the start ("2025-09-29T09:00") and
// office hours ("09:00-12:00, 13:30-17:00"). The setters return false (nothing changed)
// when the text is malformed.
std::string start_text(const Scenario& s);
bool set_start(Scenario& s, const std::string& text);
std::string hours_text(const OfficeHours& hours);
bool parse_hours(const std::string& text, OfficeHours& out);

// Background per hour of the day (a department's `by_hour`, 24 bars): setting one hour of a
// rate that has no profile yet starts the profile from `per_hour` for every hour, so the
// other hours keep what the model did before. Values below 0 become 0; an hour outside
// 0…23 does nothing (false). clear_by_hour drops the profile (back to `per_hour`).
bool set_by_hour(ArrivalRate& rate, int hour, double value);
void clear_by_hour(ArrivalRate& rate);

// A list of numbers as typed ("5, 10, 20" — commas, spaces or 、 between them), for an
// empirical duration's values and weights. False (out unchanged) when a part is not a
// number; an empty text is an empty list.
std::string numbers_text(const std::vector<double>& values);
bool parse_numbers(const std::string& text, std::vector<double>& out);

// The small example of docs/scenario-format.md (a unit test holds the two equal), and
// a blank scenario: a home, a "before" variant, nothing else.
const char* example_scenario_json();
Scenario blank_scenario();

// Undo / redo by snapshots: call commit(before) after each edit that changed the
// scenario, with the scenario as it was before that edit. At most `limit` steps kept.
class EditHistory {
public:
    explicit EditHistory(std::size_t limit = 200) : limit_(limit) {}
    void commit(const Scenario& before);
    bool undo(Scenario& current);  // false: nothing to undo
    bool redo(Scenario& current);
    bool can_undo() const { return !undo_.empty(); }
    bool can_redo() const { return !redo_.empty(); }
    std::size_t undo_size() const { return undo_.size(); }
    void clear() { undo_.clear(); redo_.clear(); }

private:
    std::size_t limit_;
    std::vector<Scenario> undo_, redo_;
};

}  // namespace peizou::scenario
