#include "app/desktop/canvasscene.h"

#include "app/desktop/commands/commandfactory.h"
#include "app/desktop/commands/elementcommands.h"
#include "app/desktop/componentitem.h"
#include "app/desktop/document.h"
#include "app/desktop/flowitem.h"
#include "app/desktop/kinds.h"
#include "app/desktop/labeleditor.h"
#include "app/desktop/showntext.h"
#include "app/desktop/theme.h"
#include "app/desktop/tools/selecttool.h"
#include "app/desktop/tools/zonetool.h"
#include "app/desktop/zoneitem.h"
#include "model/jurisdiction.h"

#include <QGraphicsSceneDragDropEvent>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsView>
#include <QKeyEvent>
#include <QMimeData>
#include <QTextCursor>
#include <QUndoStack>
#include <QUrl>
#include <algorithm>
#include <cmath>

namespace pb::app {

namespace {
// Applies model state to items without the items reacting as if the user moved them.
class ApplyGuard
{
public:
    explicit ApplyGuard(bool& flag)
        : m_flag(flag)
        , m_old(flag)
    {
        m_flag = true;
    }
    ~ApplyGuard() { m_flag = m_old; }

private:
    bool& m_flag;
    bool m_old;
};
} // namespace

CanvasScene::CanvasScene(Document* doc, QObject* parent)
    : QGraphicsScene(parent)
    , m_doc(doc)
    , m_colors(CanvasColors::fromTheme())
    , m_selectTool(std::make_unique<SelectTool>(this))
{
    m_tool = m_selectTool.get();
    setSceneRect(QRectF(-2000, -2000, 8000, 6000));
    connect(doc, &Document::componentAdded, this, &CanvasScene::onComponentAdded);
    connect(doc, &Document::componentChanged, this, &CanvasScene::onComponentChanged);
    connect(doc, &Document::componentRemoved, this, &CanvasScene::onComponentRemoved);
    connect(doc, &Document::flowAdded, this, &CanvasScene::onFlowAdded);
    connect(doc, &Document::flowChanged, this, &CanvasScene::onFlowChanged);
    connect(doc, &Document::flowRemoved, this, &CanvasScene::onFlowRemoved);
    connect(doc, &Document::zoneAdded, this, &CanvasScene::onZoneAdded);
    connect(doc, &Document::zoneChanged, this, &CanvasScene::onZoneChanged);
    connect(doc, &Document::zoneRemoved, this, &CanvasScene::onZoneRemoved);
    connect(doc, &Document::modelReset, this, &CanvasScene::rebuild);
    connect(doc, &Document::batchStarted, this, &CanvasScene::onBatchStarted);
    connect(doc, &Document::batchFinished, this, &CanvasScene::onBatchFinished);
    connect(&Theme::instance(), &Theme::changed, this, &CanvasScene::applyTheme);
    rebuild();
}

CanvasScene::~CanvasScene()
{
    if (m_tool) m_tool->cancel();
}

QGraphicsItem* CanvasScene::itemFor(const QString& id) const
{
    if (auto* c = m_components.value(id)) return c;
    if (auto* z = m_zones.value(id)) return z;
    return m_flows.value(id);
}

QRectF CanvasScene::boxOf(const QGraphicsItem* item)
{
    if (item && item->type() == ComponentItem::Type)
        return item->mapRectToScene(static_cast<const ComponentItem*>(item)->rect());
    if (item && item->type() == ZoneItem::Type)
        return item->mapRectToScene(static_cast<const ZoneItem*>(item)->rect());
    return {};
}

QString CanvasScene::idOf(const QGraphicsItem* item)
{
    if (!item) return {};
    switch (item->type()) {
    case ComponentItem::Type:
        return static_cast<const ComponentItem*>(item)->id();
    case FlowItem::Type:
        return static_cast<const FlowItem*>(item)->id();
    case ZoneItem::Type:
        return static_cast<const ZoneItem*>(item)->id();
    default:
        return {};
    }
}

QStringList CanvasScene::selectedIds() const
{
    QStringList ids;
    for (QGraphicsItem* item : selectedItems())
        if (QString id = idOf(item); !id.isEmpty()) ids << id;
    return ids;
}

void CanvasScene::selectIds(const QStringList& ids)
{
    clearSelection();
    for (const QString& id : ids)
        if (QGraphicsItem* item = itemFor(id)) item->setSelected(true);
}

QRectF CanvasScene::contentRect() const
{
    QRectF r;
    for (auto* c : m_components)
        r |= c->sceneBoundingRect();
    for (auto* z : m_zones)
        r |= z->sceneBoundingRect();
    for (auto* f : m_flows)
        r |= f->sceneBoundingRect();
    return r;
}

QPointF CanvasScene::snap(QPointF p) const
{
    const qreal g = gridSize();
    return {std::round(p.x() / g) * g, std::round(p.y() / g) * g};
}

void CanvasScene::setTool(std::unique_ptr<Tool> tool)
{
    if (m_tool) m_tool->cancel();
    m_oneShotTool = std::move(tool);
    m_tool = m_oneShotTool ? m_oneShotTool.get() : m_selectTool.get();
    emit toolChanged(m_tool->name());
}

void CanvasScene::resetTool()
{
    setTool(nullptr);
}

QPointF CanvasScene::visibleCentre() const
{
    const QGraphicsView* v = views().value(0);
    return v ? v->mapToScene(v->viewport()->rect().center()) : sceneRect().center();
}

void CanvasScene::growSceneRect(const QRectF& r)
{
    const QRectF wanted = r.adjusted(-1500, -1500, 1500, 1500);
    if (!sceneRect().contains(wanted)) setSceneRect(sceneRect().united(wanted));
}

void CanvasScene::setDropTarget(QGraphicsItem* item)
{
    if (m_dropTarget == item) return;
    if (m_dropTarget) m_dropTarget->update();
    m_dropTarget = item;
    if (m_dropTarget) m_dropTarget->update();
}

void CanvasScene::rebuild()
{
    if (m_tool) m_tool->cancel();
    if (m_editor) finishLabelEdit(false);
    m_dropTarget = nullptr;
    clear(); // deletes every item
    m_components.clear();
    m_flows.clear();
    m_zones.clear();
    const model::Design& d = m_doc->design();
    ApplyGuard rebuilding(m_rebuilding);
    for (const auto& z : d.zones())
        onZoneAdded(qs(z.id));
    for (const auto& c : d.components())
        onComponentAdded(qs(c.id));
    for (const auto& f : d.flows())
        onFlowAdded(qs(f.id));
    restackZones();
    setSceneRect(QRectF(-2000, -2000, 8000, 6000));
    growSceneRect(contentRect());
    // Qt picks a depth of about log2(items): 2^15 cells at 10,000 components. A flow between
    // zones or regions crosses thousands of cells and is listed in each, so the benchmark's
    // 10,000-component design took 469 MB and 1.7 s to first paint, and 100,000 components went
    // past 6 GB without opening. Cells are capped at 2^kMaxBspDepth (docs/perf.md).
    constexpr int kMaxBspDepth = 10;
    const int items = int(m_components.size() + m_flows.size() + m_zones.size());
    setBspTreeDepth(std::clamp(int(std::ceil(std::log2(items + 1.0))), 5, kMaxBspDepth));
}

void CanvasScene::applyTheme()
{
    m_colors = CanvasColors::fromTheme();
    update();
    for (QGraphicsView* v : views())
        v->viewport()->update();
}

void CanvasScene::onComponentAdded(const QString& id)
{
    const model::Component* c = m_doc->design().component(id.toStdString());
    if (!c || m_components.contains(id)) return;
    auto* item = new ComponentItem(this, id);
    addItem(item);
    m_components.insert(id, item);
    ApplyGuard guard(m_applying);
    item->sync(*c);
    if (m_rebuilding) return; // rebuild adds the flows after all components
    growSceneRect(item->sceneRect());
    if (m_doc->restoring()) return; // so does an undo of a Delete: no scan of every flow per component
    // A flow re-added by undo before its endpoint: attach it now.
    for (const auto& fid : m_doc->design().flowsOf(c->id))
        if (!m_flows.contains(qs(fid))) onFlowAdded(qs(fid));
}

void CanvasScene::onComponentChanged(const QString& id)
{
    const model::Component* c = m_doc->design().component(id.toStdString());
    ComponentItem* item = m_components.value(id);
    if (!c || !item) return;
    ApplyGuard guard(m_applying);
    item->sync(*c);
    growSceneRect(item->sceneRect());
    // Kind changes can flip a flow between sync and async.
    const QList<FlowItem*> flows = item->flows();
    for (FlowItem* f : flows)
        onFlowChanged(f->id());
}

void CanvasScene::onComponentRemoved(const QString& id)
{
    if (m_rebuildPending) return;
    ComponentItem* item = m_components.take(id);
    if (!item) return;
    if (m_dropTarget == item) m_dropTarget = nullptr;
    m_highlighted.remove(id);
    // Flows still pointing at it (removed later in the same command) lose their ends.
    for (FlowItem* f : item->flows()) {
        FlowItem* flow = m_flows.take(f->id());
        if (!flow) continue;
        detachFlow(flow);
        removeItem(flow);
        delete flow;
    }
    removeItem(item);
    delete item;
}

void CanvasScene::onFlowAdded(const QString& id)
{
    const model::Design& d = m_doc->design();
    const model::Flow* f = d.flow(id.toStdString());
    if (!f || m_flows.contains(id)) return;
    ComponentItem* from = m_components.value(qs(f->from));
    ComponentItem* to = m_components.value(qs(f->to));
    if (!from || !to) return; // shown once both ends exist (see onComponentAdded)
    auto* item = new FlowItem(this, id);
    addItem(item);
    m_flows.insert(id, item);
    item->sync(d, *f, from, to);
    attachFlow(item);
}

void CanvasScene::onFlowChanged(const QString& id)
{
    const model::Design& d = m_doc->design();
    const model::Flow* f = d.flow(id.toStdString());
    FlowItem* item = m_flows.value(id);
    if (!f) return;
    if (!item) return onFlowAdded(id);
    if (m_inBatch) {
        m_pendingFlows.insert(id); // re-routed once, at the batch's end
        return;
    }
    detachFlow(item);
    ComponentItem* from = m_components.value(qs(f->from));
    ComponentItem* to = m_components.value(qs(f->to));
    if (!from || !to) return onFlowRemoved(id);
    item->sync(d, *f, from, to);
    attachFlow(item);
}

void CanvasScene::onFlowRemoved(const QString& id)
{
    if (m_rebuildPending) return;
    FlowItem* item = m_flows.take(id);
    if (!item) return;
    m_highlighted.remove(id);
    detachFlow(item);
    removeItem(item);
    delete item;
}

void CanvasScene::attachFlow(FlowItem* item)
{
    if (item->source()) item->source()->addFlow(item);
    if (item->target()) item->target()->addFlow(item);
}

void CanvasScene::detachFlow(FlowItem* item)
{
    if (item->source()) item->source()->removeFlow(item);
    if (item->target()) item->target()->removeFlow(item);
}

void CanvasScene::onZoneAdded(const QString& id)
{
    const model::Zone* z = m_doc->design().zone(id.toStdString());
    if (!z || m_zones.contains(id)) return;
    auto* item = new ZoneItem(this, id);
    addItem(item);
    m_zones.insert(id, item);
    ApplyGuard guard(m_applying);
    item->sync(*z);
    m_nestedZones.insert(id, nestedZones(*z));
    if (m_inBatch) m_restackPending = true; // once, at the batch's end
    else if (!m_rebuilding) restackZones(); // rebuild restacks once, after every zone is in
}

void CanvasScene::onZoneChanged(const QString& id)
{
    const model::Zone* z = m_doc->design().zone(id.toStdString());
    ZoneItem* item = m_zones.value(id);
    if (!z || !item) return;
    ApplyGuard guard(m_applying);
    item->sync(*z);
    growSceneRect(item->sceneRect());
    // Only a change of the zones it holds changes the stacking: moving 224 zones restacked every
    // zone 224 times, a quarter of a 20,000-component nudge.
    QStringList nested = nestedZones(*z);
    if (nested != m_nestedZones.value(id)) {
        m_nestedZones.insert(id, std::move(nested));
        restackZones();
    }
}

void CanvasScene::onZoneRemoved(const QString& id)
{
    if (m_rebuildPending) return;
    ZoneItem* item = m_zones.take(id);
    m_nestedZones.remove(id);
    if (!item) return;
    if (m_dropTarget == item) m_dropTarget = nullptr;
    m_highlighted.remove(id);
    removeItem(item);
    delete item;
    if (m_inBatch) m_restackPending = true; // once, at the batch's end
    else restackZones();
}

void CanvasScene::onBatchStarted(int elements, bool removing)
{
    m_inBatch = true;
    // QGraphicsScene takes an item out of a list of all the items, found by a search: a Delete of
    // 20,000 components and their flows one by one took seconds. Built again, it is one pass.
    const int items = int(m_components.size() + m_flows.size() + m_zones.size());
    m_rebuildPending = removing && elements >= 1000 && 4 * elements >= items;
}

void CanvasScene::onBatchFinished()
{
    m_inBatch = false;
    if (std::exchange(m_rebuildPending, false)) {
        const QStringList selected = selectedIds();
        rebuild(); // restacks too
        selectIds(selected);
        m_highlighted.removeIf([this](const QString& id) { return !itemFor(id); });
        m_pendingFlows.clear();
        return;
    }
    if (std::exchange(m_restackPending, false)) restackZones();
    for (const QString& id : std::exchange(m_pendingFlows, {}))
        onFlowChanged(id);
}

void CanvasScene::setHighlighted(const QStringList& ids, bool dimOthers)
{
    m_highlighted = QSet<QString>(ids.begin(), ids.end());
    m_dim = dimOthers && !ids.isEmpty();
    update();
}

namespace {
constexpr char kAudienceView[] = "pbAudienceView";
}

void CanvasScene::markAudienceView(QGraphicsView* view)
{
    view->setProperty(kAudienceView, true);
}

bool CanvasScene::isAudienceView(const QWidget* viewport)
{
    // No widget: an export or a thumbnail, a picture of the design for people who are not in the
    // review, so without its marks (docs/desktop.md: exports never include review highlights).
    if (!viewport) return true;
    // Items paint into the view's viewport; the flag sits on the view itself.
    const QWidget* view = viewport->parentWidget();
    return view && view->property(kAudienceView).toBool();
}

void CanvasScene::setBadge(const QString& id, const QString& severity, int count)
{
    if (ComponentItem* c = m_components.value(id)) c->setBadge(severity, count);
}

void CanvasScene::clearBadges()
{
    for (ComponentItem* c : m_components)
        c->setBadge(QString(), 0);
}

void CanvasScene::mousePressEvent(QGraphicsSceneMouseEvent* e)
{
    if (m_editor && !m_editor->sceneBoundingRect().contains(e->scenePos())) finishLabelEdit(true);
    if (m_editor || !m_tool->mousePress(e)) QGraphicsScene::mousePressEvent(e);
}

void CanvasScene::mouseMoveEvent(QGraphicsSceneMouseEvent* e)
{
    if (m_editor || !m_tool->mouseMove(e)) QGraphicsScene::mouseMoveEvent(e);
}

void CanvasScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* e)
{
    if (m_editor || !m_tool->mouseRelease(e)) QGraphicsScene::mouseReleaseEvent(e);
    if (m_tool->isFinished()) resetTool();
}

void CanvasScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent* e)
{
    if (m_editor) return QGraphicsScene::mouseDoubleClickEvent(e);
    if (m_tool->mouseDoubleClick(e)) return;
    for (QGraphicsItem* item : items(e->scenePos())) {
        const QString id = idOf(item);
        if (id.isEmpty()) continue;
        editLabel(id);
        return;
    }
    QGraphicsScene::mouseDoubleClickEvent(e);
}

void CanvasScene::keyPressEvent(QKeyEvent* e)
{
    if (!m_editor && e->key() == Qt::Key_Escape) {
        m_tool->cancel();
        resetTool();
        clearSelection();
        return;
    }
    if (!m_editor && m_tool->keyPress(e)) {
        if (m_tool->isFinished()) resetTool(); // Enter placed what the palette armed
        return;
    }
    QGraphicsScene::keyPressEvent(e);
}

void CanvasScene::editLabel(const QString& id)
{
    if (m_editor) finishLabelEdit(true);
    QGraphicsItem* item = itemFor(id);
    if (!item) return;
    m_editor = new LabelEditor(this, id, editableText(elementLabel(m_doc->design(), id.toStdString())));
    addItem(m_editor);
    QRectF r = item->sceneBoundingRect();
    if (auto* z = m_zones.value(id)) r = z->sceneTitleRect();
    if (auto* c = m_components.value(id)) r = c->sceneRect();
    if (auto* f = m_flows.value(id)) { // over the label's place, mid-path
        const QPointF mid = f->path().pointAtPercent(0.5);
        r = QRectF(mid - QPointF(80, 12), QSizeF(160, 24));
    }
    m_editor->setTextWidth(qMax<qreal>(120, r.width() - 16));
    m_editor->setPos(r.left() + 8, r.center().y() - m_editor->textRect().height() / 2);
    m_editor->setFocus();
    QTextCursor cursor = m_editor->textCursor();
    cursor.select(QTextCursor::Document);
    m_editor->setTextCursor(cursor);
}

void CanvasScene::finishLabelEdit(bool commit)
{
    if (!m_editor) return;
    LabelEditor* editor = m_editor;
    m_editor = nullptr;
    const QString id = editor->elementId();
    const QString text = editor->toPlainText().simplified();
    commit = commit && editor->document()->isModified(); // untouched: the label stays whole
    removeItem(editor);
    editor->deleteLater();
    if (commit && !text.isEmpty() && m_doc->design().contains(id.toStdString()))
        if (QUndoCommand* cmd = commands::setLabel(m_doc, id, text)) m_doc->undoStack()->push(cmd);
    for (QGraphicsView* v : views())
        v->setFocus();
}

void CanvasScene::dragEnterEvent(QGraphicsSceneDragDropEvent* e)
{
    const QMimeData* md = e->mimeData();
    if (md->hasFormat(QLatin1String(kKindMime)) || md->hasUrls()) {
        e->setDropAction(md->hasUrls() ? Qt::CopyAction : Qt::CopyAction);
        e->accept();
        return;
    }
    e->ignore();
}

void CanvasScene::dragMoveEvent(QGraphicsSceneDragDropEvent* e)
{
    const QMimeData* md = e->mimeData();
    if (md->hasFormat(QLatin1String(kKindMime))) {
        setDropTarget(zoneAt(e->scenePos()));
        e->setDropAction(Qt::CopyAction);
        e->accept();
        return;
    }
    if (md->hasUrls()) {
        e->setDropAction(Qt::CopyAction);
        e->accept();
        return;
    }
    e->ignore();
}

void CanvasScene::dropEvent(QGraphicsSceneDragDropEvent* e)
{
    const QMimeData* md = e->mimeData();
    setDropTarget(nullptr);
    if (md->hasUrls()) {
        for (const QUrl& url : md->urls())
            if (url.isLocalFile()) {
                emit fileDropped(url.toLocalFile());
                break;
            }
        e->acceptProposedAction();
        return;
    }
    const std::string kind = QString::fromUtf8(md->data(QLatin1String(kKindMime))).toStdString();
    if (kind.empty()) return e->ignore();
    e->setDropAction(Qt::CopyAction);
    e->accept();
    if (zoneKinds().contains(QString::fromStdString(kind))) {
        const QRectF r(snap(e->scenePos() - QPointF(180, 120)), QSizeF(360, 240));
        selectIds({ZoneTool::createZone(this, kind, r)});
        return;
    }
    placeComponent(kind, e->scenePos());
}

QString CanvasScene::placeComponent(const std::string& kind, QPointF at)
{
    model::Component probe;
    probe.kind = kind;
    const QSizeF size = componentSize(probe);
    AddElementsCommand* add =
        commands::addComponent(m_doc, kind, snap(at - QPointF(size.width() / 2, size.height() / 2)));
    const QString id = add->ids().value(0);
    QUndoStack* stack = m_doc->undoStack();
    ZoneItem* zone = zoneAt(at);
    if (!zone) {
        stack->push(add);
    } else {
        stack->beginMacro(add->text());
        stack->push(add);
        if (QUndoCommand* m = commands::move(m_doc, {}, {{id, zone->id()}})) stack->push(m);
        stack->endMacro();
    }
    selectIds({id});
    return id;
}

} // namespace pb::app
