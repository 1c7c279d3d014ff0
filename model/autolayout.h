#pragma once

#include "model/design.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace pb::model {

struct LayoutOptions
{
    std::string engine;          // "dot", "sfdp", or empty: dot up to 2,000 components, else sfdp
    bool leftToRight = true;     // rankdir=LR for dot
};

// Positions in scene units (1 point = 1 unit), y growing downwards, top-left corners.
struct LayoutBox
{
    std::string id;
    double x = 0, y = 0, width = 0, height = 0;
};

struct LayoutResult
{
    bool ok = false;
    std::string error;
    std::string engine;
    std::vector<LayoutBox> nodes;    // one per component
    std::vector<LayoutBox> clusters; // one per zone, enclosing its members
};

// The engine used when none is asked for: dot up to 2,000 components, sfdp above (dot's
// layered layout takes half a minute at 2,000).
std::string defaultLayoutEngine(const Design& design);

// Lays a design out with Graphviz in this process (under the Graphviz lock). Hostile
// attributes never reach Graphviz: the graph is built from the model, not from user DOT.
LayoutResult layoutDesign(const Design& design, const LayoutOptions& options = {});

// The JSON that `probeboard-cli layout` writes and the whiteboard reads:
// {"engine": "dot", "nodes": [{"id", "x", "y", "width", "height"}], "clusters": [...]}
nlohmann::ordered_json layoutToJson(const LayoutResult& result);

// True when the design has two components or more, all at one point: drawn without positions
// (a DOT file without pb_pos), so that whoever shows it must place it first.
bool isUnpositioned(const Design& design);

// Moves components and zones of `design` to the result's boxes.
void applyLayout(Design& design, const LayoutResult& result);

} // namespace pb::model
