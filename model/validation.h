#pragma once

#include "model/design.h"
#include "model/diagnostic.h"
#include "model/vocabulary.h"

#include <string>
#include <unordered_map>

namespace pb::model {

// How deeply zones may nest (a region holding an availability zone holding a trust boundary is
// three). Deeper designs are refused when loaded: nothing drawn needs more, and the whiteboard,
// the DOT export (whose import allows 256 levels) and Graphviz's layout need not handle more.
inline constexpr int kMaxZoneDepth = 64;

// Bend points on one flow. A hand-routed flow has a handful; the whiteboard strokes every one on
// each repaint, and a flow of two million took seconds per frame.
inline constexpr std::size_t kMaxBends = 1000;

// Where things may be drawn, in scene units. A 100,000-component design laid out spans about
// 100,000; a position of 1e308 made the whiteboard's view transform NaN and showed nothing.
inline constexpr double kMaxCoordinate = 10'000'000;
inline constexpr double kMaxExtent = 1'000'000; // a component's or zone's width and height

// Checks the graph after loading, whatever the source format:
// errors  — flows to missing components, zone members that do not exist, zone membership
//           cycles, zones nested more than kMaxZoneDepth deep, flows with more than kMaxBends
//           bend points, positions and sizes out of bounds, an element listed in two zones that
//           are not nested, property values of
//           the wrong type for a well-known property;
// warnings — unknown kinds and property names that look like misspellings ("did you mean"),
//           values outside a property's allowed set.
// Diagnostics name the element id; a pointer without a leading '/' ("properties/rps") is
// relative to the element's own entry. Callers add the file and line.
void validateDesign(const Design& design, const Vocabulary& vocab, Diagnostics& diags);
// The same for a design an importer made from `file`, its findings named by the file and, where
// `lines` knows the element, at its line. False when any diagnostic in `diags` is an error.
bool validateImported(const Design& design, const std::string& file, Diagnostics& diags,
                      const std::unordered_map<std::string, int>* lines = nullptr);

// Brings an element's geometry inside the limits above (NaN to 0, bends past kMaxBends dropped);
// true when anything changed. The whiteboard applies it to every edit, so that no gesture, however
// absurd, can save a file that would then be refused when opened.
bool clampGeometry(Component& c);
bool clampGeometry(Zone& z);
bool clampGeometry(Flow& f);

} // namespace pb::model
