#pragma once

#include "model/design.h"
#include "model/diagnostic.h"
#include "model/uniqueids.h"

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace pb::model {

// The size a component of `kind` is drawn at when the file gives it none of its own.
Size drawnSizeOf(const std::string& kind);

// Whether `kind` keeps data (a database, cache, queue, object store, search index, analytics or
// audit ledger): what a tool's "store" may be when its name says which.
bool isStoreKind(const std::string& kind);

// Threat-modelling tools (Threat Dragon, Microsoft's Threat Modeling Tool) draw a trust boundary
// as a box over the page and keep no list of what it holds: what is inside is what is drawn
// inside. A component joins the smallest box around its centre, and a box the smallest larger box
// around its centre.
struct DrawnBox
{
    std::string zoneId; // the zone made of it, already in the design
    double x = 0, y = 0, w = 0, h = 0;
};

// What the readers of those tools' diagrams share: the design being made, ids made from names
// and the tool's own ids mapped to them, the boxes, and the warnings about what was left out.
// Warning codes start with the reader's `codes` ("W-TMT": W-TMT-LOOSE, W-TMT-BOXES, …).
class DrawnDiagram
{
public:
    DrawnDiagram(std::string file, Diagnostics& diags, std::string codes);

    // A fresh id from `name` ("Orders DB" → orders-db, then orders-db-2), else from `fallback`.
    std::string freshId(const std::string& name, const char* fallback);
    // The component, known to the tool as `theirs`.
    void addComponent(Component c, const std::string& theirs);
    // The zone of a trust-boundary box, drawn at its position and size.
    void addBox(Zone z);
    // A zone whose members the tool lists (pytm's boundaries): it has no box to be placed by.
    void addZone(Zone z) { m_design.addZone(std::move(z)); }
    // A flow, its id and label set, from what the tool's id `from` names to what `to` names;
    // nothing when either names nothing, said at the line and column `where` gives (worked out
    // only then: finding a line may mean mapping the file): "<what> has no <ends> at one end".
    std::optional<Flow> flowBetween(const std::string& from, const std::string& to, const std::string& label,
                                    const std::function<std::pair<int, int>()>& where, const std::string& what,
                                    const char* ends, const std::string& hint);
    void addFlow(Flow f) { m_design.addFlow(std::move(f)); }
    // Said once per diagram: a line across the page does not write down what is on which side.
    void boundaryLineLeftOut(const std::function<std::pair<int, int>()>& where);
    void setTitle(std::string title) { m_design.title = std::move(title); }
    // The boxes filled (past 50,000,000 element-by-box tests they stay empty, said), the flows
    // left out counted (`flows`: how they are named, "data flows"), and the design checked.
    std::optional<Design> finish(const char* flows);

private:
    void placeInBoxes();

    std::string m_file;
    Diagnostics& m_diags;
    std::string m_codes;
    Design m_design;
    UniqueIds m_ids;
    std::unordered_map<std::string, std::string> m_idOf; // the tool's id → the element's
    std::vector<DrawnBox> m_boxes;
    WarningsAtMost m_leftOut{m_diags, 50};
    bool m_saidLine = false;
};

} // namespace pb::model
