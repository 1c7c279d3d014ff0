// The scene's zones: which zone holds a point or a rect, what is nested in one, and how they
// stack. Apart from canvasscene.cpp, which mirrors the model element by element.
#include "app/desktop/canvasscene.h"

#include "app/desktop/document.h"
#include "app/desktop/zoneitem.h"
#include "model/jurisdiction.h"

namespace pb::app {

template <typename Holds>
ZoneItem* CanvasScene::smallestZone(Holds holds, const QSet<QString>& exclude) const
{
    ZoneItem* best = nullptr;
    qreal bestArea = 0;
    for (ZoneItem* z : m_zones) {
        if (exclude.contains(z->id()) || !holds(z->sceneRect())) continue;
        const qreal area = z->rect().width() * z->rect().height();
        if (!best || area < bestArea) {
            best = z;
            bestArea = area;
        }
    }
    return best;
}
ZoneItem* CanvasScene::zoneAt(QPointF p, const QSet<QString>& exclude) const
{
    return smallestZone([p](const QRectF& zone) { return zone.contains(p); }, exclude);
}

ZoneItem* CanvasScene::zoneAround(const QRectF& r, const QSet<QString>& exclude) const
{
    return smallestZone([&r](const QRectF& zone) { return zone.contains(r); }, exclude);
}

QHash<QString, QString> CanvasScene::zonesAfterMove(const QHash<QString, QPointF>& offsets) const
{
    // Each element's zone, worked out once: asking the design per moved element scanned every
    // zone's members each time, and a nudge of 20,000 components spent a second on it.
    const auto zoneOf = model::zoneParents(m_doc->design());
    QHash<QString, QString> parents;
    for (auto it = offsets.begin(); it != offsets.end(); ++it) {
        const QString& id = it.key();
        QGraphicsItem* item = itemFor(id);
        if (!item) continue;
        QSet<QString> exclude = descendantsOf(id);
        exclude.insert(id);
        ZoneItem* zone = zoneAt(item->sceneBoundingRect().center() + it.value(), exclude);
        const QString now = zone ? zone->id() : QString();
        const auto before = zoneOf.find(id.toStdString());
        if (now != (before == zoneOf.end() ? QString() : qs(before->second)))
            parents.insert(id, now);
    }
    return parents;
}

QSet<QString> CanvasScene::descendantsOf(const QString& zoneId) const
{
    QSet<QString> out;
    QStringList todo{zoneId};
    while (!todo.isEmpty()) {
        const ZoneItem* z = m_zones.value(todo.takeLast());
        if (!z) continue;
        for (const QString& m : z->members())
            if (!out.contains(m) && m != zoneId) {
                out.insert(m);
                todo << m;
            }
    }
    return out;
}
QStringList CanvasScene::nestedZones(const model::Zone& z) const
{
    QStringList out;
    for (const auto& m : z.members)
        if (m_doc->design().zone(m)) out << QString::fromStdString(m);
    return out;
}
void CanvasScene::restackZones()
{
    // Nested zones paint above their parents: z = -100 + depth. The parents are worked out once:
    // asking the design for each zone's parent scans every zone's members, and doing that per
    // zone (as each was added) kept a design of 1,000 zones opening for minutes.
    const auto parents = model::zoneParents(m_doc->design());
    for (ZoneItem* z : m_zones) {
        int depth = 0;
        for (auto up = parents.find(z->id().toStdString()); up != parents.end() && depth < 32;
             up = parents.find(up->second))
            ++depth;
        z->setZValue(-100 + depth);
    }
}

} // namespace pb::app
