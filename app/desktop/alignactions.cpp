#include "app/desktop/alignactions.h"

#include "app/desktop/actionregistry.h"
#include "app/desktop/canvasscene.h"
#include "app/desktop/commands/commandfactory.h"
#include "app/desktop/componentitem.h"
#include "app/desktop/document.h"
#include "app/desktop/whydisabled.h"
#include "app/desktop/zoneitem.h"

#include <QAction>
#include <QMenu>
#include <QTimer>
#include <QUndoStack>

namespace pb::app {

using alignment::Op;

namespace {
struct Entry
{
    const char* id;
    const char* text;
    Qt::Key key; // with Alt+Shift, as draw.io has them
    Op op;
};

// Alt+Shift and the initial letter, as in draw.io; the arrows with Alt+Shift walk the drawing.
const Entry kEntries[] = {
    {"arrange.alignLeft", QT_TRANSLATE_NOOP("pb::app::AlignActions", "Align &Left"), Qt::Key_L, Op::Left},
    {"arrange.alignCenter", QT_TRANSLATE_NOOP("pb::app::AlignActions", "Align &Centres"), Qt::Key_C, Op::Center},
    {"arrange.alignRight", QT_TRANSLATE_NOOP("pb::app::AlignActions", "Align &Right"), Qt::Key_R, Op::Right},
    {"arrange.alignTop", QT_TRANSLATE_NOOP("pb::app::AlignActions", "Align &Top"), Qt::Key_T, Op::Top},
    {"arrange.alignMiddle", QT_TRANSLATE_NOOP("pb::app::AlignActions", "Align &Middles"), Qt::Key_M, Op::Middle},
    {"arrange.alignBottom", QT_TRANSLATE_NOOP("pb::app::AlignActions", "Align &Bottom"), Qt::Key_B, Op::Bottom},
    {"arrange.distributeH", QT_TRANSLATE_NOOP("pb::app::AlignActions", "Distribute &Horizontally"), Qt::Key_H,
     Op::DistributeHorizontally},
    {"arrange.distributeV", QT_TRANSLATE_NOOP("pb::app::AlignActions", "Distribute &Vertically"), Qt::Key_V,
     Op::DistributeVertically},
};

// The element's box on the canvas: its own rect, without the badge, handles or title around it.
QRectF boxOf(const QGraphicsItem* item)
{
    if (item->type() == ComponentItem::Type)
        return item->mapRectToScene(static_cast<const ComponentItem*>(item)->rect());
    if (item->type() == ZoneItem::Type) return item->mapRectToScene(static_cast<const ZoneItem*>(item)->rect());
    return {};
}

bool movable(const QGraphicsItem* item)
{
    return item->type() == ComponentItem::Type || item->type() == ZoneItem::Type;
}
} // namespace

AlignActions::AlignActions(ActionRegistry* actions, CanvasScene* scene, QObject* parent)
    : QObject(parent)
    , m_scene(scene)
{
    for (const Entry& e : kEntries) {
        QAction* a = actions->add(QLatin1String(e.id), tr(e.text), {QKeySequence(Qt::ALT | Qt::SHIFT | e.key)});
        connect(a, &QAction::triggered, this, [this, op = e.op] { apply(op); });
        m_actions.push_back({a, e.op});
    }
    // Once per turn of the event loop: a Select All changes the selection once per item.
    connect(m_scene, &QGraphicsScene::selectionChanged, this, [this] {
        if (!std::exchange(m_refreshPending, true)) QTimer::singleShot(0, this, &AlignActions::refresh);
    });
    refresh();
}

void AlignActions::addTo(QMenu* arrange) const
{
    QMenu* menu = arrange->addMenu(tr("Align and &Distribute"));
    for (const auto& [action, op] : m_actions) {
        if (op == Op::DistributeHorizontally) menu->addSeparator();
        menu->addAction(action);
    }
    whydisabled::watch(menu);
}

void AlignActions::refresh()
{
    m_refreshPending = false;
    int count = 0;
    for (QGraphicsItem* item : m_scene->selectedItems()) count += movable(item) ? 1 : 0;
    for (const auto& [action, op] : m_actions) {
        const bool enough = count >= alignment::least(op);
        action->setEnabled(enough);
        const bool distributes = alignment::least(op) == 3;
        whydisabled::set(action, enough ? QString()
                                 : distributes ? tr("Select three or more components or zones to spread them out.")
                                               : tr("Select two or more components or zones to line them up."));
    }
}

QStringList AlignActions::roots() const
{
    QSet<QString> selected, inside;
    for (QGraphicsItem* item : m_scene->selectedItems()) {
        if (!movable(item)) continue;
        const QString id = CanvasScene::idOf(item);
        selected.insert(id);
        if (item->type() == ZoneItem::Type) inside.unite(m_scene->descendantsOf(id));
    }
    QStringList out;
    for (const QString& id : selected)
        if (!inside.contains(id)) out << id;
    return out;
}

bool AlignActions::apply(Op op)
{
    QHash<QString, QRectF> boxes;
    for (const QString& id : roots())
        if (QGraphicsItem* item = m_scene->itemFor(id)) boxes.insert(id, boxOf(item));
    const QHash<QString, QPointF> placed = alignment::plan(boxes, op);
    if (placed.isEmpty()) return false;
    QHash<QString, QPointF> positions, offsets;
    for (auto it = placed.begin(); it != placed.end(); ++it) {
        QGraphicsItem* item = m_scene->itemFor(it.key());
        const QPointF delta = it.value() - boxes.value(it.key()).topLeft();
        offsets.insert(it.key(), delta);
        positions.insert(it.key(), item->pos() + delta);
        if (item->type() == ZoneItem::Type)
            for (const QString& member : m_scene->descendantsOf(it.key()))
                if (QGraphicsItem* m = m_scene->itemFor(member)) positions.insert(member, m->pos() + delta);
    }
    Document* doc = m_scene->document();
    EditElementsCommand* cmd = commands::move(doc, positions, m_scene->zonesAfterMove(offsets));
    if (!cmd) return false;
    for (const auto& [action, o] : m_actions)
        if (o == op) cmd->setText(action->text().remove(QLatin1Char('&')));
    doc->undoStack()->push(cmd);
    return true;
}

} // namespace pb::app
