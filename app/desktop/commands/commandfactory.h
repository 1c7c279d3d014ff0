#pragma once

#include "app/desktop/commands/elementcommands.h"
#include "model/design.h"

#include <QHash>
#include <QPointF>
#include <QPolygonF>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <optional>

class QUndoCommand;

namespace pb::app {

class Document;

// Builders for every edit the whiteboard makes, each with its readable undo text. They return
// nullptr when the edit would change nothing, so callers never push empty commands.
namespace commands {

AddElementsCommand* addComponent(Document* doc, const std::string& kind, QPointF topLeft);
AddElementsCommand* addFlow(Document* doc, const std::string& from, const std::string& to);
AddElementsCommand* addZone(Document* doc, const std::string& kind, const QRectF& rect);
// New top-left positions for components and zones moved in one gesture. `parents` gives the
// new innermost zone ("" = none) for elements whose membership changes with the drop.
EditElementsCommand* move(Document* doc, const QHash<QString, QPointF>& positions,
                          const QHash<QString, QString>& parents = {});
// An auto-layout result: new top-left positions for components, new rects for zones; one step.
QUndoCommand* applyLayout(Document* doc, const QHash<QString, QPointF>& positions,
                          const QHash<QString, QRectF>& zoneRects, const QString& text);
QUndoCommand* resize(Document* doc, const QString& id, const QRectF& rect);
// The flow's bends by hand (none: straight, or by its routing, again); `text` names the flow
// as %1 ("Bend %1").
QUndoCommand* setBends(Document* doc, const QString& flowId, const QPolygonF& bends, const QString& text);
QUndoCommand* setLabel(Document* doc, const QString& id, const QString& label);
// Sets (value) or removes (nullopt) one property of a component, flow or zone.
QUndoCommand* setProperty(Document* doc, const QString& id, const std::string& key,
                          const std::optional<model::Value>& value);
QUndoCommand* setKind(Document* doc, const QString& id, const std::string& kind);
// Deletes the elements and everything that would dangle: flows of deleted components,
// membership entries, as one macro.
QUndoCommand* remove(Document* doc, const QStringList& ids);

} // namespace commands
} // namespace pb::app
