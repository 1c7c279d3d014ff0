#include "app/desktop/canvasaccessible.h"

#include "app/desktop/canvasscene.h"
#include "app/desktop/canvasview.h"
#include "app/desktop/componentitem.h"
#include "app/desktop/document.h"
#include "app/desktop/flowitem.h"
#include "app/desktop/kinds.h"
#include "app/desktop/zoneitem.h"

#include <QGraphicsItem>
#include <QPointer>
#include <QWindow>

namespace pb::app {

namespace {

// One element of the drawing, addressed by its id: it stays valid through edits of the element
// and reads everything from the model and the scene when asked, never a copy.
class ElementAccessible : public QAccessibleInterface
{
public:
    ElementAccessible(CanvasView* view, QString id)
        : m_view(view)
        , m_id(std::move(id))
    {
    }

    const QString& id() const { return m_id; }
    // A reader may ask while the window is being torn down: no view, or a view without a scene.
    bool isValid() const override { return m_view && scene() && scene()->itemFor(m_id); }
    QObject* object() const override { return nullptr; }
    QWindow* window() const override { return m_view ? m_view->window()->windowHandle() : nullptr; }
    QAccessibleInterface* parent() const override { return QAccessible::queryAccessibleInterface(m_view); }
    QAccessibleInterface* child(int) const override { return nullptr; }
    int childCount() const override { return 0; }
    int indexOfChild(const QAccessibleInterface*) const override { return -1; }
    QAccessibleInterface* childAt(int, int) const override { return nullptr; }
    void setText(QAccessible::Text, const QString&) override {}

    QString text(QAccessible::Text t) const override
    {
        if (!isValid()) return {};
        const model::Design& d = scene()->document()->design();
        if (t == QAccessible::Name) return elementName(d, m_id.toStdString());
        if (t == QAccessible::Description) return CanvasAccessible::describe(scene(), m_id, false);
        return {};
    }

    QAccessible::Role role() const override
    {
        if (!isValid()) return QAccessible::NoRole;
        if (scene()->flowItem(m_id)) return QAccessible::Link; // it links two components
        if (scene()->zoneItem(m_id)) return QAccessible::Grouping;
        return QAccessible::Graphic;
    }

    QAccessible::State state() const override
    {
        QAccessible::State s;
        const QGraphicsItem* item = isValid() ? scene()->itemFor(m_id) : nullptr;
        if (!item) {
            s.invalid = true;
            return s;
        }
        s.focusable = true;
        s.selectable = true;
        s.selected = item->isSelected();
        s.focused = m_view->hasFocus() && m_view->keyFocusId() == m_id;
        s.offscreen = !m_view->viewport()->rect().intersects(viewRect(item));
        return s;
    }

    QRect rect() const override
    {
        const QGraphicsItem* item = isValid() ? scene()->itemFor(m_id) : nullptr;
        if (!item) return {};
        const QRect r = viewRect(item);
        return QRect(m_view->viewport()->mapToGlobal(r.topLeft()), r.size());
    }

private:
    CanvasScene* scene() const { return m_view->canvas(); }

    QRect viewRect(const QGraphicsItem* item) const
    {
        QRectF r = item->sceneBoundingRect();
        if (const ComponentItem* c = scene()->componentItem(m_id)) r = c->sceneRect();
        if (const ZoneItem* z = scene()->zoneItem(m_id)) r = z->sceneRect();
        return m_view->mapFromScene(r).boundingRect();
    }

    QPointer<CanvasView> m_view;
    QString m_id;
};

QAccessibleInterface* factory(const QString&, QObject* object)
{
    if (auto* view = qobject_cast<CanvasView*>(object)) return new CanvasAccessible(view);
    return nullptr;
}

} // namespace

CanvasAccessible::CanvasAccessible(CanvasView* view)
    : QAccessibleWidget(view, QAccessible::Canvas, tr("Design canvas"))
{
}

CanvasAccessible::~CanvasAccessible()
{
    for (const QAccessible::Id id : std::as_const(m_children)) QAccessible::deleteAccessibleInterface(id);
}

void CanvasAccessible::install()
{
    static const bool installed = [] {
        QAccessible::installFactory(factory);
        return true;
    }();
    Q_UNUSED(installed);
}

CanvasView* CanvasAccessible::view() const
{
    return static_cast<CanvasView*>(widget());
}

const model::Design* CanvasAccessible::design() const
{
    const CanvasScene* scene = view() ? view()->canvas() : nullptr;
    return scene ? &scene->document()->design() : nullptr;
}

QString CanvasAccessible::idAt(int index) const
{
    if (index < 0 || !design()) return {};
    const model::Design& d = *design();
    auto i = static_cast<std::size_t>(index);
    if (i < d.components().size()) return qs(d.components()[i].id);
    i -= d.components().size();
    if (i < d.zones().size()) return qs(d.zones()[i].id);
    i -= d.zones().size();
    if (i < d.flows().size()) return qs(d.flows()[i].id);
    return {};
}

QAccessibleInterface* CanvasAccessible::childFor(const QString& id)
{
    if (id.isEmpty() || !design() || !view()->canvas()->itemFor(id)) return nullptr;
    auto it = m_children.constFind(id);
    if (it != m_children.constEnd()) return QAccessible::accessibleInterface(*it);
    auto* child = new ElementAccessible(view(), id);
    m_children.insert(id, QAccessible::registerAccessibleInterface(child));
    return child;
}

int CanvasAccessible::childCount() const
{
    if (!design()) return 0;
    const model::Design& d = *design();
    return static_cast<int>(d.components().size() + d.zones().size() + d.flows().size());
}

QAccessibleInterface* CanvasAccessible::child(int index) const
{
    return const_cast<CanvasAccessible*>(this)->childFor(idAt(index));
}

int CanvasAccessible::indexOfChild(const QAccessibleInterface* child) const
{
    const auto* element = dynamic_cast<const ElementAccessible*>(child);
    if (!element || !design()) return -1;
    const model::Design& d = *design();
    const auto place = d.placeOf(element->id().toStdString());
    if (!place) return -1;
    std::size_t base = 0;
    if (place->type == model::ElementType::Zone) base = d.components().size();
    if (place->type == model::ElementType::Flow) base = d.components().size() + d.zones().size();
    return static_cast<int>(base + place->index);
}

QAccessibleInterface* CanvasAccessible::childAt(int x, int y) const
{
    const QPoint at = view()->viewport()->mapFromGlobal(QPoint(x, y));
    for (QGraphicsItem* item : view()->items(at)) // topmost first
        if (const QString id = CanvasScene::idOf(item); !id.isEmpty())
            return const_cast<CanvasAccessible*>(this)->childFor(id);
    return nullptr;
}

QAccessibleInterface* CanvasAccessible::focusChild() const
{
    return const_cast<CanvasAccessible*>(this)->childFor(view()->keyFocusId());
}

QString CanvasAccessible::text(QAccessible::Text t) const
{
    if (t == QAccessible::Description) return view()->accessibleDescription();
    return QAccessibleWidget::text(t);
}

QString CanvasAccessible::describe(const CanvasScene* scene, const QString& id, bool withName)
{
    const model::Design& d = scene->document()->design();
    const std::string sid = id.toStdString();
    auto named = [&](const QString& what) { return withName ? tr("%1 (%2)").arg(elementName(d, sid), what) : what; };
    if (const model::Component* c = d.component(sid)) {
        int in = 0, out = 0; // from the item's flows: counting over every flow was O(flows) per element
        if (const ComponentItem* item = scene->componentItem(id))
            for (const FlowItem* f : item->flows())
                if (const model::Flow* flow = d.flow(f->id().toStdString())) {
                    in += flow->to == sid;
                    out += flow->from == sid;
                }
        return tr("%1: flows in %2, out %3").arg(named(kindDisplayName(c->kind))).arg(in).arg(out);
    }
    if (const model::Flow* f = d.flow(sid)) {
        const QString ends = elementName(d, f->from) + QStringLiteral(" → ") + elementName(d, f->to);
        return f->label.empty() ? tr("Flow %1").arg(ends) : tr("Flow %1 (%2)").arg(qs(f->label), ends);
    }
    if (const model::Zone* z = d.zone(sid)) {
        const QString members = z->members.size() == 1 ? tr("1 member") : tr("%1 members").arg(z->members.size());
        return tr("%1: %2").arg(named(zoneDisplayName(z->kind)), members);
    }
    return {};
}

void CanvasAccessible::notifyFocus(CanvasView* view, const QString& id)
{
    if (!QAccessible::isActive() || id.isEmpty()) return;
    auto* canvas = dynamic_cast<CanvasAccessible*>(QAccessible::queryAccessibleInterface(view));
    if (QAccessibleInterface* child = canvas ? canvas->childFor(id) : nullptr) {
        QAccessibleEvent event(child, QAccessible::Focus);
        QAccessible::updateAccessibility(&event);
    }
}

} // namespace pb::app
