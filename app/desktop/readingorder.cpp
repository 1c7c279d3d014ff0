#include "app/desktop/readingorder.h"

#include "app/desktop/canvasscene.h"
#include "app/desktop/componentitem.h"
#include "app/desktop/document.h"
#include "app/desktop/flowitem.h"
#include "app/desktop/zoneitem.h"


#include <algorithm>
#include <cmath>
#include <vector>
#include <tuple>

namespace pb::app {

QStringList readingOrder(QList<std::pair<QString, QRectF>> rects)
{
    std::sort(rects.begin(), rects.end(), [](const auto& a, const auto& b) {
        if (a.second.top() != b.second.top()) return a.second.top() < b.second.top();
        return a.second.left() < b.second.left();
    });
    QStringList out;
    out.reserve(rects.size());
    qsizetype rowStart = 0;
    while (rowStart < rects.size()) {
        const QRectF first = rects[rowStart].second;
        qsizetype rowEnd = rowStart + 1;
        while (rowEnd < rects.size() && rects[rowEnd].second.center().y() <= first.bottom())
            ++rowEnd;
        std::stable_sort(rects.begin() + rowStart, rects.begin() + rowEnd,
                         [](const auto& a, const auto& b) { return a.second.left() < b.second.left(); });
        for (qsizetype i = rowStart; i < rowEnd; ++i)
            out << rects[i].first;
        rowStart = rowEnd;
    }
    return out;
}

QStringList elementOrder(const CanvasScene* scene)
{
    const model::Design& d = scene->document()->design();
    QList<std::pair<QString, QRectF>> components, zones;
    for (const auto& c : d.components())
        if (const ComponentItem* item = scene->componentItem(qs(c.id)))
            components.append({item->id(), item->sceneRect()});
    for (const auto& z : d.zones())
        if (const ZoneItem* item = scene->zoneItem(qs(z.id))) zones.append({item->id(), item->sceneRect()});
    QStringList order = readingOrder(components);
    // Each component's place by its index in the design, found through the design's own index:
    // a hash of the order's strings, and a string per flow end to look up in it, were most of
    // the first Tab after an edit at 10,000 components.
    std::vector<qsizetype> place(d.components().size(), -1);
    for (qsizetype i = 0; i < order.size(); ++i)
        if (auto at = d.placeOf(order[i].toStdString())) place[at->index] = i;
    auto placeOf = [&](const std::string& id) -> qsizetype {
        const auto at = d.placeOf(id);
        return at && at->type == model::ElementType::Component ? place[at->index] : -1;
    };
    order << readingOrder(zones);
    struct Ranked
    {
        qsizetype from, to;
        const std::string* id;
    };
    std::vector<Ranked> flows;
    flows.reserve(d.flows().size());
    for (const auto& f : d.flows())
        if (scene->flowItem(qs(f.id))) flows.push_back({placeOf(f.from), placeOf(f.to), &f.id});
    std::sort(flows.begin(), flows.end(), [](const Ranked& a, const Ranked& b) {
        return std::tie(a.from, a.to, *a.id) < std::tie(b.from, b.to, *b.id);
    });
    for (const Ranked& f : flows)
        order << qs(*f.id);
    return order;
}

QString nearestComponent(const CanvasScene* scene, QPointF from, QPointF direction, const QString& exclude)
{
    QString best;
    qreal bestScore = 0;
    // The scene's items, not the design's components looked up one by one by a string made for
    // each (28 ms a key press at 10,000). A hash has no order: a tie goes to the lower id.
    for (auto it = scene->componentItems().cbegin(); it != scene->componentItems().cend(); ++it) {
        const ComponentItem* item = it.value();
        if (it.key() == exclude) continue;
        const QPointF v = item->sceneRect().center() - from;
        const qreal along = QPointF::dotProduct(v, direction);
        if (along < 1) continue; // level with it, or behind
        const qreal across = std::abs(v.x() * direction.y() - v.y() * direction.x());
        const qreal score = along + 2 * across;
        if (best.isEmpty() || score < bestScore || (score == bestScore && it.key() < best)) {
            best = it.key();
            bestScore = score;
        }
    }
    return best;
}

QPointF elementCentre(const CanvasScene* scene, const QString& id)
{
    if (const ComponentItem* c = scene->componentItem(id)) return c->sceneRect().center();
    if (const ZoneItem* z = scene->zoneItem(id)) return z->sceneRect().center();
    if (const FlowItem* f = scene->flowItem(id)) return f->mapToScene(f->path().pointAtPercent(0.5));
    return {};
}

} // namespace pb::app
