#include "app/desktop/canvasnavigator.h"

#include "app/desktop/actionregistry.h"
#include "app/desktop/canvasaccessible.h"
#include "app/desktop/canvasscene.h"
#include "app/desktop/canvasview.h"
#include "app/desktop/componentitem.h"
#include "app/desktop/document.h"
#include "app/desktop/kinds.h"
#include "app/desktop/readingorder.h"
#include "app/desktop/zoneitem.h"

#include <QAction>
#include <QApplication>
#include <QGraphicsItem>
#include <QLineF>

#include <algorithm>
#include <functional>

namespace pb::app {

CanvasNavigator::CanvasNavigator(CanvasScene* scene, CanvasView* view, QObject* parent)
    : QObject(parent)
    , m_scene(scene)
    , m_view(view)
{
    connect(scene, &QGraphicsScene::selectionChanged, this, &CanvasNavigator::onSelectionChanged);
    Document* doc = scene->document();
    auto forget = [this] { m_orderKnown = false; };
    for (auto signal : {&Document::componentAdded, &Document::componentRemoved, &Document::flowAdded,
                        &Document::flowRemoved, &Document::zoneAdded, &Document::zoneRemoved})
        connect(doc, signal, this, forget);
    connect(doc, &Document::changed, this, forget); // a move changes the reading order
    connect(doc, &Document::modelReset, this, [this] {
        m_orderKnown = false;
        m_view->setKeyFocusId(QString());
        m_view->setAccessibleDescription(QString());
    });
    // The frame lies outside the item's bounds: a nudge repaints the item, not the frame.
    connect(doc, &Document::changed, this, [this] {
        if (!m_view->keyFocusId().isEmpty()) m_view->updateKeyFocusFrame();
    });
}

void CanvasNavigator::addActions(ActionRegistry* r)
{
    auto add = [this, r](const char* id, const QString& text, const QList<QKeySequence>& keys, auto slot,
                         Target target) {
        QAction* a = r->addScoped(m_view, QLatin1String(id), text, keys);
        m_targets.append({a, std::move(target)});
        connect(a, &QAction::triggered, this, [this, slot] {
            // From the Go menu the focus may be in a panel: the frame is drawn, and the next Tab
            // goes on, only while the canvas has the keys.
            QWidget* focused = QApplication::focusWidget();
            if (focused != m_view && !m_view->isAncestorOf(focused)) m_view->setFocus(Qt::ShortcutFocusReason);
            std::invoke(slot, this);
        });
    };
    add("canvas.nextElement", tr("Select &Next Element"), {QKeySequence(Qt::Key_Tab)}, &CanvasNavigator::next,
        [this](QString* why) { return stepTarget(1, why); });
    // Shift+Tab first, as the Go menu shows the first; X11 sends it as Backtab with Shift held.
    add("canvas.previousElement", tr("Select &Previous Element"),
        {QKeySequence(Qt::SHIFT | Qt::Key_Tab), QKeySequence(Qt::SHIFT | Qt::Key_Backtab), QKeySequence(Qt::Key_Backtab)},
        &CanvasNavigator::previous, [this](QString* why) { return stepTarget(-1, why); });
    const struct
    {
        const char* id;
        const char* text;
        Qt::Key key;
        QPointF direction;
    } ways[] = {{"canvas.nearestLeft", QT_TR_NOOP("Select Component to the &Left"), Qt::Key_Left, {-1, 0}},
                {"canvas.nearestRight", QT_TR_NOOP("Select Component to the &Right"), Qt::Key_Right, {1, 0}},
                {"canvas.nearestUp", QT_TR_NOOP("Select Component &Above"), Qt::Key_Up, {0, -1}},
                {"canvas.nearestDown", QT_TR_NOOP("Select Component &Below"), Qt::Key_Down, {0, 1}}};
    for (const auto& w : ways)
        add(w.id, tr(w.text), {QKeySequence(Qt::ALT | w.key)}, [d = w.direction](CanvasNavigator* n) { n->nearest(d); },
            [this, d = w.direction](QString* why) { return nearestTarget(d, why); });
    add("canvas.followOut", tr("Follow Flow &Out"), {QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Right)},
        &CanvasNavigator::followOut, [this](QString* why) { return followTarget(true, why); });
    add("canvas.followIn", tr("Follow Flow &In"), {QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Left)},
        &CanvasNavigator::followIn, [this](QString* why) { return followTarget(false, why); });
    add("canvas.up", tr("Select Enclosing &Zone"), {QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Up)},
        &CanvasNavigator::up, [this](QString* why) { return upTarget(why); });
    add("canvas.down", tr("Select First &Member"), {QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Down)},
        &CanvasNavigator::down, [this](QString* why) { return downTarget(why); });
}

void CanvasNavigator::describeActions(bool shown)
{
    for (const auto& [action, target] : m_targets) {
        QString why;
        const QString to = shown ? target(&why) : QString();
        if (!shown) why = tr("The canvas is not shown: go back to the design to move through it");
        const QString tip = to.isEmpty() ? why : tr("Go to %1").arg(describe(to));
        action->setEnabled(!to.isEmpty());
        action->setStatusTip(tip);
        action->setToolTip(tip);
    }
}

void CanvasNavigator::enableActions()
{
    for (const auto& [action, target] : m_targets)
        action->setEnabled(true);
}

QString CanvasNavigator::current(bool forward)
{
    const QStringList selected = m_scene->selectedIds();
    const QString focus = m_view->keyFocusId();
    if (!focus.isEmpty() && selected.contains(focus)) return focus;
    if (selected.size() <= 1) return selected.value(0);
    // Only several selected need the order, which a change of the design makes work out again.
    // A set: after Select All, Shift+Tab looked each of 37,000 elements up in a list as long.
    const QSet<QString> chosen(selected.begin(), selected.end());
    QString found;
    for (const QString& id : order()) {
        if (!chosen.contains(id)) continue;
        found = id;
        if (forward) break;
    }
    return found;
}

const QStringList& CanvasNavigator::order()
{
    if (!m_orderKnown) {
        m_order = elementOrder(m_scene);
        m_place.clear();
        m_place.reserve(m_order.size());
        for (qsizetype i = 0; i < m_order.size(); ++i)
            m_place.insert(m_order[i], i);
        m_orderKnown = true;
    }
    return m_order;
}

qsizetype CanvasNavigator::placeOf(const QString& id)
{
    order();
    return m_place.value(id, -1);
}

void CanvasNavigator::next()
{
    reach([this](QString* why) { return stepTarget(1, why); });
}

void CanvasNavigator::previous()
{
    reach([this](QString* why) { return stepTarget(-1, why); });
}

void CanvasNavigator::nearest(QPointF direction)
{
    reach([this, direction](QString* why) { return nearestTarget(direction, why); });
}

void CanvasNavigator::followOut()
{
    reach([this](QString* why) { return followTarget(true, why); });
}

void CanvasNavigator::followIn()
{
    reach([this](QString* why) { return followTarget(false, why); });
}

void CanvasNavigator::up()
{
    reach([this](QString* why) { return upTarget(why); });
}

void CanvasNavigator::down()
{
    reach([this](QString* why) { return downTarget(why); });
}

void CanvasNavigator::reach(const Target& target)
{
    if (m_scene->isEditingLabel()) return;
    QString why;
    if (const QString to = target(&why); !to.isEmpty())
        go(to);
    else if (!why.isEmpty())
        m_scene->showStatus(why);
}

QString CanvasNavigator::stepTarget(int by, QString* why)
{
    const QStringList& order = this->order();
    if (order.isEmpty()) {
        *why = tr("The drawing is empty");
        return QString();
    }
    const qsizetype at = placeOf(current(by > 0));
    const qsizetype n = order.size();
    return order[at < 0 ? (by > 0 ? 0 : n - 1) : ((at + by) % n + n) % n];
}

QString CanvasNavigator::nearestTarget(QPointF direction, QString* why)
{
    const QString from = current(true);
    if (from.isEmpty()) {
        // Nothing to start from: the component nearest the middle of what is in sight.
        const QPointF middle = m_scene->visibleCentre();
        QString best;
        qreal bestDistance = 0;
        for (const auto& c : m_scene->document()->design().components()) {
            const ComponentItem* item = m_scene->componentItem(qs(c.id));
            const qreal distance = item ? QLineF(item->sceneRect().center(), middle).length() : 0;
            if (item && (best.isEmpty() || distance < bestDistance)) {
                best = item->id();
                bestDistance = distance;
            }
        }
        if (best.isEmpty()) *why = tr("The drawing has no components");
        return best;
    }
    const QString to = nearestComponent(m_scene, elementCentre(m_scene, from), direction, from);
    if (to.isEmpty()) *why = tr("No component beyond %1 that way").arg(describe(from));
    return to;
}

QString CanvasNavigator::followTarget(bool out, QString* why)
{
    const model::Design& d = m_scene->document()->design();
    const QString at = current(true);
    if (const model::Flow* f = d.flow(at.toStdString())) return qs(out ? f->to : f->from);
    if (!d.component(at.toStdString())) {
        *why = tr("Select a component or a flow to follow its flows");
        return QString();
    }
    if (QString first = firstFlow(at, out); !first.isEmpty()) return first;
    const QString name = elementName(d, at.toStdString());
    *why = out ? tr("No flow leaves %1").arg(name) : tr("No flow reaches %1").arg(name);
    return QString();
}

QString CanvasNavigator::upTarget(QString* why)
{
    const model::Design& d = m_scene->document()->design();
    const QString from = current(true);
    if (from.isEmpty()) {
        *why = tr("Select an element to go to the zone holding it");
        return QString();
    }
    if (d.flow(from.toStdString())) return siblingTarget(from, -1, why);
    if (const model::Zone* z = d.parentZone(from.toStdString())) return qs(z->id);
    *why = tr("%1 is in no zone").arg(elementName(d, from.toStdString()));
    return QString();
}

QString CanvasNavigator::downTarget(QString* why)
{
    const model::Design& d = m_scene->document()->design();
    const QString from = current(true);
    if (from.isEmpty()) {
        *why = tr("Select a zone to go to its first member");
        return QString();
    }
    if (d.flow(from.toStdString())) return siblingTarget(from, 1, why);
    if (const model::Zone* z = d.zone(from.toStdString())) {
        // The member Tab reaches first.
        QString first;
        qsizetype firstAt = -1;
        for (const std::string& member : z->members)
            if (const qsizetype at = placeOf(qs(member)); at >= 0 && (firstAt < 0 || at < firstAt)) {
                first = qs(member);
                firstAt = at;
            }
        if (first.isEmpty()) *why = tr("%1 holds nothing").arg(elementName(d, from.toStdString()));
        return first;
    }
    *why = tr("A component holds nothing: Alt+Shift+Right follows its flows");
    return QString();
}

// The flow Tab reaches first among those leaving (`out`) or reaching `component`.
QString CanvasNavigator::firstFlow(const QString& component, bool out)
{
    const std::string sid = component.toStdString();
    QString first;
    qsizetype firstAt = -1;
    for (const auto& f : m_scene->document()->design().flows()) {
        if ((out ? f.from : f.to) != sid) continue;
        const qsizetype at = placeOf(qs(f.id));
        if (at >= 0 && (firstAt < 0 || at < firstAt)) {
            first = qs(f.id);
            firstAt = at;
        }
    }
    return first;
}

// The flows leaving the same component as `flow`, round to the first.
QString CanvasNavigator::siblingTarget(const QString& flow, int by, QString* why)
{
    const model::Design& d = m_scene->document()->design();
    const model::Flow* f = d.flow(flow.toStdString());
    if (!f) return QString();
    QList<std::pair<qsizetype, QString>> ranked;
    for (const auto& g : d.flows())
        if (g.from == f->from) ranked.append({placeOf(qs(g.id)), qs(g.id)});
    if (ranked.size() < 2) {
        *why = tr("No other flow leaves %1").arg(elementName(d, f->from));
        return QString();
    }
    std::sort(ranked.begin(), ranked.end());
    QStringList same;
    for (const auto& [at, id] : ranked)
        same << id;
    const qsizetype i = same.indexOf(flow), n = same.size();
    return same[((i + by) % n + n) % n];
}

void CanvasNavigator::go(const QString& id)
{
    QGraphicsItem* item = m_scene->itemFor(id);
    if (!item) return;
    m_going = true;
    m_scene->selectIds({id});
    m_going = false;
    m_view->setKeyFocusId(id);
    QRectF r = item->sceneBoundingRect();
    if (const ComponentItem* c = m_scene->componentItem(id)) r = c->sceneRect();
    if (const ZoneItem* z = m_scene->zoneItem(id)) r = z->sceneRect();
    m_view->ensureVisible(r, 40, 40);
    const QString about = describe(id);
    m_scene->showStatus(about);
    // Qt tells a screen reader of the change (DescriptionChanged); the status bar it would not read.
    m_view->setAccessibleDescription(about);
}

// What a screen reader user needs to know where they are: the name, what it is, and its links.
QString CanvasNavigator::describe(const QString& id) const
{
    return CanvasAccessible::describe(m_scene, id, true);
}

void CanvasNavigator::onSelectionChanged()
{
    if (m_going) return;
    const QString focus = m_view->keyFocusId();
    if (!focus.isEmpty() && m_scene->selectedIds() != QStringList{focus}) {
        m_view->setKeyFocusId(QString());
        m_view->setAccessibleDescription(QString());
    }
}

} // namespace pb::app
