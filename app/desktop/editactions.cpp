#include "app/desktop/editactions.h"

#include "app/desktop/canvasscene.h"
#include "app/desktop/canvasview.h"
#include "app/desktop/clipboard.h"
#include "app/desktop/commands/commandfactory.h"
#include "app/desktop/commands/elementcommands.h"
#include "app/desktop/document.h"
#include "app/desktop/kinds.h"
#include "app/desktop/showntext.h"
#include "app/desktop/zoneitem.h"

#include <QApplication>
#include <QClipboard>
#include <QCursor>
#include <QGraphicsItem>
#include <QMimeData>
#include <QSet>
#include <QTimer>
#include <QUndoStack>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace pb::app {

EditActions::EditActions(Document* doc, CanvasScene* scene, CanvasView* view, QObject* parent)
    : QObject(parent)
    , m_doc(doc)
    , m_scene(scene)
    , m_view(view)
{
    // Once per turn of the event loop: the scene says "changed" for each item a Select All
    // selects, and reading the whole selection each time was quadratic in it.
    connect(m_scene, &QGraphicsScene::selectionChanged, this, [this] {
        if (!std::exchange(m_trackPending, true)) QTimer::singleShot(0, this, &EditActions::trackSelection);
    });
}

// QGraphicsScene keeps no order of selection; the first one picked is the flow's source.
void EditActions::trackSelection()
{
    m_trackPending = false;
    const QStringList now = m_scene->selectedIds();
    const QSet<QString> selected(now.begin(), now.end());
    m_selectionOrder.removeIf([&selected](const QString& id) { return !selected.contains(id); });
    const QSet<QString> known(m_selectionOrder.begin(), m_selectionOrder.end());
    for (const QString& id : now)
        if (!known.contains(id)) m_selectionOrder << id;
}

void EditActions::beginFind()
{
    if (m_trackPending) trackSelection();
    m_beforeFind = m_selectionOrder;
}

void EditActions::connectSelected()
{
    if (m_trackPending) trackSelection();
    QStringList ends;
    for (const QString& id : m_selectionOrder)
        if (m_doc->design().component(id.toStdString())) ends << id;
    if (ends.size() < 2) {
        m_scene->showStatus(tr("Select two components to connect: the first selected is where the flow starts."));
        return;
    }
    QUndoStack* stack = m_doc->undoStack();
    if (ends.size() > 2) stack->beginMacro(tr("Connect %1 components").arg(ends.size()));
    for (qsizetype i = 0; i + 1 < ends.size(); ++i)
        if (QUndoCommand* add = commands::addFlow(m_doc, ends[i].toStdString(), ends[i + 1].toStdString()))
            stack->push(add);
    if (ends.size() > 2) stack->endMacro();
}

void EditActions::step(bool forward)
{
    m_doc->takeTouched();
    forward ? m_doc->undoStack()->redo() : m_doc->undoStack()->undo();
    QRectF changed;
    for (const QString& id : m_doc->takeTouched())
        if (QGraphicsItem* item = m_scene->itemFor(id)) changed |= item->sceneBoundingRect();
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    if (!changed.isEmpty() && !visible.intersects(changed)) m_view->centerOn(changed.center());
}

void EditActions::copy()
{
    const auto fragment = clipboard::collect(m_doc->design(), m_scene->selectedIds());
    if (fragment.empty()) return;
    QApplication::clipboard()->setMimeData(clipboard::toMimeData(fragment));
    m_pasteCount = 0;
}

void EditActions::cut()
{
    copy();
    deleteSelection();
}

bool EditActions::paste()
{
    QString why;
    const auto fragment = clipboard::fromMimeData(QApplication::clipboard()->mimeData(), &why);
    if (!fragment) {
        m_scene->showStatus(why.isEmpty() ? tr("Nothing to paste: the clipboard holds no Probeboard elements or Mermaid flowchart.")
                                          : tr("Cannot paste the Mermaid flowchart: %1").arg(why));
        return false;
    }
    ++m_pasteCount;
    auto fresh = clipboard::withFreshIds(*fragment, m_doc->design(), pasteOffset(*fragment));
    const int n = int(fresh.components.size() + fresh.zones.size() + fresh.flows.size());
    QString text = tr("Paste %1 elements").arg(n);
    if (n == 1) {
        const std::string label = !fresh.components.empty() ? fresh.components[0].label
                                  : !fresh.zones.empty()    ? fresh.zones[0].label
                                                            : fresh.flows[0].label;
        text = tr("Paste %1").arg(shownText(label));
    }
    auto* cmd = new AddElementsCommand(m_doc, fresh.components, fresh.flows, fresh.zones, text);
    const QStringList ids = cmd->ids();
    QUndoStack* stack = m_doc->undoStack();
    stack->beginMacro(text);
    stack->push(cmd);
    if (QUndoCommand* join = commands::move(m_doc, {}, zonesLandedIn(fresh))) stack->push(join);
    stack->endMacro();
    m_scene->selectIds(ids);
    showPasted();
    return true;
}

// A paste larger than the view (a whole flowchart from a README) is shown whole, as Zoom to
// Selection would; a smaller one that the view's edge cuts is scrolled into sight. Half of a
// pasted diagram out of view looked like half a paste.
void EditActions::showPasted()
{
    if (!m_view->isVisible()) return;
    QRectF pasted;
    for (QGraphicsItem* item : m_scene->selectedItems()) pasted |= item->sceneBoundingRect();
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    if (pasted.isEmpty() || visible.contains(pasted)) return;
    if (pasted.width() > visible.width() || pasted.height() > visible.height())
        m_view->zoomToSelection();
    else
        m_view->ensureVisible(pasted, 20, 20);
}

// A copy lands a little below and right of its original, further with each paste, as in draw.io.
// When that place is out of sight (a copy from another window, or from a part of the design
// scrolled away), it lands under the mouse, or in the middle of the view: a paste the user
// cannot see looks like a paste that did nothing.
QPointF EditActions::pasteOffset(const clipboard::Fragment& f) const
{
    const qreal grid = m_scene->gridSize();
    const QPointF step(2 * grid * m_pasteCount, 2 * grid * m_pasteCount);
    const QRectF box = clipboard::bounds(f);
    QWidget* port = m_view->viewport();
    if (box.isNull() || !m_view->isVisible()) return step;
    const QRectF visible = m_view->mapToScene(port->rect()).boundingRect();
    if (visible.intersects(box.translated(step))) return step;
    const QPoint cursor = port->mapFromGlobal(QCursor::pos());
    const QPointF target = port->rect().contains(cursor) ? m_view->mapToScene(cursor) : visible.center();
    const QPointF shift = target - box.center();
    auto snapped = [grid](qreal v) { return grid > 0 ? std::round(v / grid) * grid : v; };
    return {snapped(shift.x()), snapped(shift.y())};
}

// The zone each pasted element lands in, for those the paste does not nest in a pasted zone:
// as when one is dropped there, a copy drawn inside a region belongs to it (left in none, it
// lost the region's jurisdiction and drew a residency finding).
QHash<QString, QString> EditActions::zonesLandedIn(const clipboard::Fragment& pasted) const
{
    QSet<QString> pastedZones, nested;
    for (const auto& z : pasted.zones) {
        pastedZones << QString::fromStdString(z.id);
        for (const auto& m : z.members) nested << QString::fromStdString(m);
    }
    QHash<QString, QString> parents;
    // A zone nests only where it fits whole, as one drawn there does (ZoneTool::createZone).
    auto land = [&](const std::string& id, const QRectF& rect, bool wholly) {
        const QString qid = QString::fromStdString(id);
        if (nested.contains(qid)) return;
        const ZoneItem* zone = wholly ? m_scene->zoneAround(rect, pastedZones)
                                      : m_scene->zoneAt(rect.center(), pastedZones);
        if (zone) parents.insert(qid, zone->id());
    };
    for (const auto& c : pasted.components)
        land(c.id, QRectF(QPointF(c.pos.x, c.pos.y), componentSize(c)), false);
    for (const auto& z : pasted.zones)
        land(z.id, QRectF(z.pos.x, z.pos.y, z.size.width, z.size.height), true);
    return parents;
}

void EditActions::duplicate()
{
    copy();
    paste();
}

void EditActions::deleteSelection()
{
    if (m_scene->isEditingLabel()) return;
    if (QUndoCommand* cmd = commands::remove(m_doc, m_scene->selectedIds()))
        m_doc->undoStack()->push(cmd);
}

void EditActions::selectAll()
{
    for (QGraphicsItem* item : m_scene->items())
        if (!CanvasScene::idOf(item).isEmpty()) item->setSelected(true);
}

void EditActions::rename()
{
    const QStringList ids = m_scene->selectedIds();
    if (ids.size() != 1) return;
    // From the find field (Ctrl+F, Enter, F2) the typing went on into the field: the editor
    // on the canvas gets keys only while the view has focus.
    m_view->setFocus(Qt::ShortcutFocusReason);
    m_scene->editLabel(ids.first());
}

void EditActions::setRouting(bool orthogonal)
{
    QUndoStack* stack = m_doc->undoStack();
    QStringList flows;
    for (const QString& id : m_scene->selectedIds())
        if (m_doc->design().flow(id.toStdString())) flows << id;
    if (flows.isEmpty()) {
        m_scene->showStatus(tr("Select one or more flows to change their routing."));
        return;
    }
    stack->beginMacro(orthogonal ? tr("Route %1 flows orthogonally").arg(flows.size())
                                 : tr("Route %1 flows straight").arg(flows.size()));
    for (const QString& id : flows) {
        auto value =
            orthogonal ? std::optional<model::Value>(std::string("orthogonal")) : std::nullopt;
        if (QUndoCommand* cmd = commands::setProperty(m_doc, id, "routing", value))
            stack->push(cmd);
        // Bends drawn by hand win over the routing: without this the choice showed no change.
        if (QUndoCommand* cmd = commands::setBends(m_doc, id, {}, tr("Straighten %1"))) stack->push(cmd);
    }
    stack->endMacro();
}

namespace {
// How well a label or id matches: 0 the whole of it, 1 its start, 2 inside it, 3 not at all.
int matchRank(const std::string& label, const std::string& id, const QString& needle)
{
    int best = 3;
    for (const std::string* s : {&label, &id}) {
        const QString text = QString::fromStdString(*s);
        if (text.compare(needle, Qt::CaseInsensitive) == 0) return 0;
        if (text.startsWith(needle, Qt::CaseInsensitive)) best = std::min(best, 1);
        else if (text.contains(needle, Qt::CaseInsensitive)) best = std::min(best, 2);
    }
    return best;
}
} // namespace

int EditActions::find(const QString& text)
{
    m_matches.clear();
    m_matchIndex = -1;
    const QString needle = text.trimmed();
    if (needle.isEmpty()) {
        return 0;
    }
    // "orders" found orders-cache before orders itself, and Shift+Enter connected the wrong
    // one: whole matches come first, then starts, then the rest; components before zones and
    // flows, which are found too, since the keyboard has no other way to reach them.
    std::vector<std::pair<int, QString>> ranked;
    const model::Design& d = m_doc->design();
    for (const auto& c : d.components())
        if (const int r = matchRank(c.label, c.id, needle); r < 3) ranked.emplace_back(r, QString::fromStdString(c.id));
    for (const auto& z : d.zones())
        if (const int r = matchRank(z.label, z.id, needle); r < 3) ranked.emplace_back(3 + r, QString::fromStdString(z.id));
    for (const auto& f : d.flows())
        if (const int r = matchRank(f.label, f.id, needle); r < 3) ranked.emplace_back(6 + r, QString::fromStdString(f.id));
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& r : ranked) m_matches << std::move(r.second);
    if (!m_matches.isEmpty()) {
        m_freshMatch = false;
        nextMatch(false);
        m_freshMatch = true; // shown while typing; Enter or Shift+Enter takes this one
    }
    m_scene->showStatus(m_matches.isEmpty()
                            ? tr("Nothing matches “%1”.").arg(needle)
                            : m_matches.size() == 1
                                  ? tr("1 match for “%1”.").arg(needle)
                                  : tr("%1 matches for “%2” — Enter for the next one.").arg(m_matches.size()).arg(needle));
    return int(m_matches.size());
}

void EditActions::nextMatch(bool add)
{
    if (m_trackPending) trackSelection();
    if (m_matches.isEmpty()) return;
    if (!std::exchange(m_freshMatch, false)) m_matchIndex = (m_matchIndex + 1) % int(m_matches.size());
    m_view->centerOnId(m_matches[m_matchIndex]);
    if (add) {
        QStringList ids = m_beforeFind;
        ids.removeAll(m_matches[m_matchIndex]);
        ids << m_matches[m_matchIndex];
        m_scene->selectIds(ids);
        m_selectionOrder = ids; // the order the user picked them in, not the scene's
        m_beforeFind = ids;     // Shift+Enter on the next match adds a third
    }
}

} // namespace pb::app
