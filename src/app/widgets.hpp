// Small widgets shared by screens.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace peizou::app {

// Wrapped text that also breaks between Chinese characters (ImGui 1.86's TextWrapped
// only breaks at spaces and a few punctuation marks, so a Chinese paragraph overflows),
// never at the start of a line before closing punctuation (，。、：；！？）》”…).
// Wraps at the right edge of the content region.
// Text longer than kMaxShownBytes (a 4 MiB summary) shows its start and how much more
// there is (shown_part): laying out megabytes every frame would stall the page.
void text_wrapped(const std::string& utf8);
constexpr std::size_t kMaxShownBytes = 20000;
std::string shown_part(const std::string& utf8);
// The lines text_wrapped would draw for `utf8` at `width` (logical px) and font size
// `font_size` (px) of the current font: for drawing wrapped text into a draw list.
std::vector<std::string> wrap_lines(const std::string& utf8, float width, float font_size);
// The same, after a bullet.
void bullet_text_wrapped(const std::string& utf8);
// `utf8` cut at a character boundary and ended with "…" so that it fits in `width` px
// in the current font (a list entry, a button at projector scale); unchanged when it fits.
std::string fit_width(const std::string& utf8, float width);
// SameLine() when an item `width` px wide still fits on this line, else a new line
// (a toolbar or a form row at projector scale wraps instead of running off the edge).
void same_line_if_fits(float width);

}  // namespace peizou::app
