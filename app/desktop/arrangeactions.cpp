#include "app/desktop/arrangeactions.h"

#include "app/desktop/actionregistry.h"
#include "app/desktop/canvasscene.h"
#include "app/desktop/commands/commandfactory.h"
#include "app/desktop/componentitem.h"
#include "app/desktop/document.h"
#include "app/desktop/kinds.h"
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
    Qt::Key key; // with Alt+Shift
    Op op;
};

// Alt+Shift and the initial letter: draw.io gives these no keys, and Figma's (Alt+A, Alt+W, …)
// would take the menus' mnemonics here. Alt+Shift with the arrows walks the drawing (Go menu).
const Entry kEntries[] = {
    {"arrange.alignLeft", QT_TRANSLATE_NOOP("pb::app::ArrangeActions", "Align &Left"), Qt::Key_L, Op::Left},
    {"arrange.alignCenter", QT_TRANSLATE_NOOP("pb::app::ArrangeActions", "Align &Centres"), Qt::Key_C, Op::Center},
    {"arrange.alignRight", QT_TRANSLATE_NOOP("pb::app::ArrangeActions", "Align &Right"), Qt::Key_R, Op::Right},
    {"arrange.alignTop", QT_TRANSLATE_NOOP("pb::app::ArrangeActions", "Align &Top"), Qt::Key_T, Op::Top},
    {"arrange.alignMiddle", QT_TRANSLATE_NOOP("pb::app::ArrangeActions", "Align &Middles"), Qt::Key_M, Op::Middle},
    {"arrange.alignBottom", QT_TRANSLATE_NOOP("pb::app::ArrangeActions", "Align &Bottom"), Qt::Key_B, Op::Bottom},
    {"arrange.distributeH", QT_TRANSLATE_NOOP("pb::app::ArrangeActions", "Distribute &Horizontally"), Qt::Key_H,
     Op::DistributeHorizontally},
    {"arrange.distributeV", QT_TRANSLATE_NOOP("pb::app::ArrangeActions", "Distribute &Vertically"), Qt::Key_V,
     Op::DistributeVertically},
};

// A locked element stays where it is, as a drag leaves it.
bool movable(const QGraphicsItem* item)
{
    return (item->type() == ComponentItem::Type || item->type() == ZoneItem::Type) && !isLocked(item);
}
} // namespace

ArrangeActions::ArrangeActions(ActionRegistry* actions, CanvasScene* scene, QObject* parent)
    : QObject(parent)
    , m_scene(scene)
{
    for (const Entry& e : kEntries) {
        QAction* a = actions->add(QLatin1String(e.id), tr(e.text), {QKeySequence(Qt::ALT | Qt::SHIFT | e.key)});
        connect(a, &QAction::triggered, this, [this, op = e.op] { apply(op); });
        m_actions.push_back({a, e.op});
    }
    // draw.io locks with Ctrl+L, which here lays the design out with dot.
    m_lock = actions->add(QStringLiteral("arrange.lock"), tr("Loc&k / Unlock"), {QKeySequence(tr("Ctrl+Shift+L"))});
    connect(m_lock, &QAction::triggered, this, &ArrangeActions::toggleLock);
    // Once per turn of the event loop: a Select All changes the selection once per item.
    connect(m_scene, &QGraphicsScene::selectionChanged, this, [this] {
        if (!std::exchange(m_refreshPending, true)) QTimer::singleShot(0, this, &ArrangeActions::refresh);
    });
    refresh();
}

void ArrangeActions::addTo(QMenu* arrange) const
{
    QMenu* menu = arrange->addMenu(tr("Align and &Distribute"));
    for (const auto& [action, op] : m_actions) {
        if (op == Op::DistributeHorizontally) menu->addSeparator();
        menu->addAction(action);
    }
    whydisabled::watch(menu);
    arrange->addAction(m_lock);
}

void ArrangeActions::refresh()
{
    m_refreshPending = false;
    int count = 0, lockable = 0, locked = 0;
    for (QGraphicsItem* item : m_scene->selectedItems()) {
        count += movable(item) ? 1 : 0;
        const bool element = item->type() == ComponentItem::Type || item->type() == ZoneItem::Type;
        lockable += element ? 1 : 0;
        locked += element && isLocked(item) ? 1 : 0;
    }
    m_lock->setEnabled(lockable > 0);
    m_lock->setText(lockable > 0 && locked == lockable ? tr("Unloc&k") : tr("Loc&k"));
    whydisabled::set(m_lock, lockable > 0 ? QString() : tr("Select a component or zone to hold it in place."));
    for (const auto& [action, op] : m_actions) {
        const bool enough = count >= alignment::least(op);
        action->setEnabled(enough);
        const bool distributes = alignment::least(op) == 3;
        whydisabled::set(action, enough ? QString()
                                 : distributes ? tr("Select three or more components or zones, not locked, to spread them out.")
                                               : tr("Select two or more components or zones, not locked, to line them up."));
    }
}

QStringList ArrangeActions::roots() const
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

bool ArrangeActions::toggleLock()
{
    QStringList ids;
    bool allLocked = true;
    for (QGraphicsItem* item : m_scene->selectedItems()) {
        if (item->type() != ComponentItem::Type && item->type() != ZoneItem::Type) continue;
        ids << CanvasScene::idOf(item);
        allLocked = allLocked && isLocked(item);
    }
    if (ids.isEmpty()) return false;
    ids.sort(); // one order for the undo text and the commands, whatever the scene's
    Document* doc = m_scene->document();
    QUndoStack* stack = doc->undoStack();
    const QString what = ids.size() == 1 ? elementName(doc->design(), ids.front().toStdString())
                                         : tr("%n elements", nullptr, int(ids.size()));
    stack->beginMacro(allLocked ? tr("Unlock %1").arg(what) : tr("Lock %1").arg(what));
    for (const QString& id : ids)
        if (QUndoCommand* cmd = commands::setProperty(doc, id, kLockedKey,
                                                      allLocked ? std::nullopt : std::optional(model::Value(true))))
            stack->push(cmd);
    stack->endMacro();
    refresh(); // the item says Unlock now, before the selection changes
    return true;
}

bool ArrangeActions::apply(Op op)
{
    QHash<QString, QRectF> boxes;
    for (const QString& id : roots())
        if (QGraphicsItem* item = m_scene->itemFor(id)) boxes.insert(id, CanvasScene::boxOf(item));
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
