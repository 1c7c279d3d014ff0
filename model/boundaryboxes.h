#pragma once

#include "model/design.h"
#include "model/diagnostic.h"

#include <string>
#include <vector>

namespace pb::model {

// Threat-modelling tools (Threat Dragon, Microsoft's Threat Modeling Tool) draw a trust boundary
// as a box over the page, and keep no list of what it holds: what is inside is what is drawn
// inside. Their readers make each box a zone and fill it here.
struct DrawnBox
{
    std::string zoneId; // the zone made of it, already in the design
    double x = 0, y = 0, w = 0, h = 0;
};

// The size a component of `kind` is drawn at when the file gives it none of its own.
Size drawnSizeOf(const std::string& kind);

// A component joins the smallest box around its centre, and a box the smallest larger box around
// its centre. Past 50,000,000 element-by-box tests (a model of 200,000 of each would take hours)
// the boxes stay empty, with warning `code` in `file` saying so.
void placeInBoxes(Design& design, std::vector<DrawnBox> boxes, const std::string& file,
                  const char* code, Diagnostics& diags);

// The warning, with `code`, for a trust boundary drawn as a line, which the readers leave out: a
// line across the page does not write down what is on which side of it.
Diagnostic boundaryLineLeftOut(const std::string& file, int line, int column, const char* code);

} // namespace pb::model
