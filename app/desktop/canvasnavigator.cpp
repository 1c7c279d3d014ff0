#include "app/desktop/canvasnavigator.h"

#include "app/desktop/actionregistry.h"
#include "app/desktop/canvasscene.h"
#include "app/desktop/canvasview.h"
#include "app/desktop/componentitem.h"
#include "app/desktop/document.h"
#include "app/desktop/kinds.h"
#include "app/desktop/readingorder.h"
#include "app/desktop/zoneitem.h"

#include <QAction>
#include <QGraphicsItem>
#include <QLineF>

#include <algorithm>

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
    auto add = [this, r](const char* id, const QString& text, const QList<QKeySequence>& keys, auto slot) {
        connect(r->addScoped(m_view, QLatin1String(id), text, keys), &QAction::triggered, this, slot);
    };
    // X11 sends Shift+Tab as Backtab with Shift held; other platforms as Shift+Tab.
    add("canvas.nextElement", tr("Select &Next Element"), {QKeySequence(Qt::Key_Tab)}, &CanvasNavigator::next);
    add("canvas.previousElement", tr("Select &Previous Element"),
        {QKeySequence(Qt::SHIFT | Qt::Key_Backtab), QKeySequence(Qt::SHIFT | Qt::Key_Tab), QKeySequence(Qt::Key_Backtab)},
        &CanvasNavigator::previous);
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
        add(w.id, tr(w.text), {QKeySequence(Qt::ALT | w.key)}, [this, d = w.direction] { nearest(d); });
    add("canvas.followOut", tr("Follow Flow &Out"), {QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Right)},
        &CanvasNavigator::followOut);
    add("canvas.followIn", tr("Follow Flow &In"), {QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Left)},
        &CanvasNavigator::followIn);
    add("canvas.up", tr("Select Enclosing &Zone"), {QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Up)},
        &CanvasNavigator::up);
    add("canvas.down", tr("Select First &Member"), {QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Down)},
        &CanvasNavigator::down);
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
    step(1);
}

void CanvasNavigator::previous()
{
    step(-1);
}

void CanvasNavigator::step(int by)
{
    if (m_scene->isEditingLabel()) return;
    const QStringList& order = this->order();
    if (order.isEmpty()) return;
    const qsizetype at = placeOf(current(by > 0));
    const qsizetype n = order.size();
    go(order[at < 0 ? (by > 0 ? 0 : n - 1) : ((at + by) % n + n) % n]);
}

void CanvasNavigator::nearest(QPointF direction)
{
    if (m_scene->isEditingLabel()) return;
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
        if (!best.isEmpty()) go(best);
        return;
    }
    const QString to = nearestComponent(m_scene, elementCentre(m_scene, from), direction, from);
    if (to.isEmpty())
        m_scene->showStatus(tr("No component beyond %1 that way").arg(describe(from)));
    else
        go(to);
}

void CanvasNavigator::followOut()
{
    follow(true);
}

void CanvasNavigator::followIn()
{
    follow(false);
}

void CanvasNavigator::follow(bool out)
{
    if (m_scene->isEditingLabel()) return;
    const model::Design& d = m_scene->document()->design();
    const QString at = current(true);
    if (const model::Flow* f = d.flow(at.toStdString())) return go(qs(out ? f->to : f->from));
    if (!d.component(at.toStdString()))
        return m_scene->showStatus(tr("Select a component or a flow to follow its flows"));
    if (const QString first = firstFlow(at, out); !first.isEmpty()) return go(first);
    const QString name = elementName(d, at.toStdString());
    m_scene->showStatus(out ? tr("No flow leaves %1").arg(name) : tr("No flow reaches %1").arg(name));
}

void CanvasNavigator::up()
{
    if (m_scene->isEditingLabel()) return;
    const model::Design& d = m_scene->document()->design();
    const QString from = current(true);
    if (from.isEmpty()) return;
    if (d.flow(from.toStdString())) return sibling(-1);
    if (const model::Zone* z = d.parentZone(from.toStdString())) return go(qs(z->id));
    m_scene->showStatus(tr("%1 is in no zone").arg(elementName(d, from.toStdString())));
}

void CanvasNavigator::down()
{
    if (m_scene->isEditingLabel()) return;
    const model::Design& d = m_scene->document()->design();
    const QString from = current(true);
    if (from.isEmpty()) return;
    if (d.flow(from.toStdString())) return sibling(1);
    if (const model::Zone* z = d.zone(from.toStdString())) {
        // The member Tab reaches first.
        QString first;
        qsizetype firstAt = -1;
        for (const std::string& member : z->members)
            if (const qsizetype at = placeOf(qs(member)); at >= 0 && (firstAt < 0 || at < firstAt)) {
                first = qs(member);
                firstAt = at;
            }
        if (!first.isEmpty()) return go(first);
        return m_scene->showStatus(tr("%1 holds nothing").arg(elementName(d, from.toStdString())));
    }
    m_scene->showStatus(tr("A component holds nothing: Alt+Shift+Right follows its flows"));
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

// The flows leaving the same component as the current flow, round to the first.
void CanvasNavigator::sibling(int by)
{
    const model::Design& d = m_scene->document()->design();
    const QString at = current(by > 0);
    const model::Flow* f = d.flow(at.toStdString());
    if (!f) return;
    QList<std::pair<qsizetype, QString>> ranked;
    for (const auto& g : d.flows())
        if (g.from == f->from) ranked.append({placeOf(qs(g.id)), qs(g.id)});
    std::sort(ranked.begin(), ranked.end());
    QStringList same;
    for (const auto& [at, id] : ranked)
        same << id;
    const qsizetype i = same.indexOf(at), n = same.size();
    go(same[((i + by) % n + n) % n]);
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
    const model::Design& d = m_scene->document()->design();
    const std::string sid = id.toStdString();
    if (const model::Component* c = d.component(sid)) {
        int in = 0, out = 0;
        for (const auto& f : d.flows()) {
            in += f.to == sid;
            out += f.from == sid;
        }
        return tr("%1 (%2): flows in %3, out %4")
            .arg(elementName(d, sid), kindDisplayName(c->kind))
            .arg(in)
            .arg(out);
    }
    if (const model::Flow* f = d.flow(sid)) {
        const QString ends = elementName(d, f->from) + QStringLiteral(" → ") + elementName(d, f->to);
        return f->label.empty() ? tr("Flow %1").arg(ends) : tr("Flow %1 (%2)").arg(qs(f->label), ends);
    }
    if (const model::Zone* z = d.zone(sid))
        return tr("%1 (%2): %3 members")
            .arg(elementName(d, sid), zoneDisplayName(z->kind))
            .arg(z->members.size());
    return QString();
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
