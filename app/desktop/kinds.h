#pragma once

#include "model/design.h"
#include "model/vocabulary.h"

#include <QGraphicsItem>
#include <QSizeF>
#include <QString>
#include <QStringList>

namespace pb::app {

// The desktop's view of the vocabulary. Returns nullptr when the vocabulary files are not
// installed, so the canvas still opens (with plain shapes) instead of aborting.
const model::Vocabulary* vocabulary();

QString kindDisplayName(const std::string& kind);
// Palette group: edge, compute, data, messaging, compliance; "default" if unknown.
QString kindGroup(const std::string& kind);
QString kindIcon(const std::string& kind);
QSizeF componentSize(const model::Component& c);
QSizeF zoneMinimumSize();
// Zone kinds drawn as containers, in palette order.
QStringList zoneKinds();
QString zoneDisplayName(const std::string& kind);
// "<prefix>-<n>" with the smallest n >= 1 not used yet: "database-1", "database-2", …
// `from`, when given, is where counting starts, and is left past the id returned: a paste of
// thousands of one kind counted up from 1 for each, and 5,000 services took 1.7 s.
std::string freshId(const model::Design& d, const std::string& prefix, std::size_t* from = nullptr);
// The label when set, else the id, as the design holds it.
const std::string& elementLabel(const model::Design& d, const std::string& id);
// The same as shown on one line (shownText), and an unlabelled flow by its ends ("api → db"):
// how commands and messages name an element.
QString elementName(const model::Design& d, const std::string& id);
// True if the flow is asynchronous: sync=false drawn, or the vocabulary default (a flow that
// touches a messaging component defaults to async).
bool flowIsAsync(const model::Design& d, const model::Flow& f);
// `locked = true`: a component or zone held in place on the canvas. A drawing property only:
// no rule reads it. The items show it by not being movable (QGraphicsItem::ItemIsMovable), which
// is also what a drag, a nudge, a resize and Align ask.
inline const std::string kLockedKey = "locked";
bool isLockedIn(const model::Properties& props);
bool isLocked(const QGraphicsItem* item);

} // namespace pb::app
