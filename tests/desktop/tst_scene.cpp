#include "app/desktop/canvasscene.h"
#include "app/desktop/canvasview.h"
#include "app/desktop/commands/commandfactory.h"
#include "app/desktop/commands/elementcommands.h"
#include "app/desktop/componentitem.h"
#include "app/desktop/document.h"
#include "app/desktop/flowitem.h"
#include "app/desktop/zoneitem.h"
#include "testdesigns.h"

#include <QImage>
#include <QPainter>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>

using namespace pb;
using namespace pb::app;

// The canvas is a mirror of the model: every model change, done or undone, shows up as the
// matching item change, and a reset rebuilds the items from scratch.
class TstScene : public QObject
{
    Q_OBJECT

private:
    Document* m_doc = nullptr;
    CanvasScene* m_scene = nullptr;

    void checkMirrors()
    {
        const model::Design& d = m_doc->design();
        QCOMPARE(m_scene->componentCount(), int(d.components().size()));
        QCOMPARE(m_scene->flowItems().size(), qsizetype(d.flows().size()));
        for (const auto& c : d.components()) {
            ComponentItem* item = m_scene->componentItem(qs(c.id));
            QVERIFY2(item, c.id.c_str());
            QCOMPARE(item->pos(), QPointF(c.pos.x, c.pos.y));
            QCOMPARE(item->label(), qs(c.label));
        }
        for (const auto& z : d.zones()) {
            ZoneItem* item = m_scene->zoneItem(qs(z.id));
            QVERIFY(item);
            QCOMPARE(item->pos(), QPointF(z.pos.x, z.pos.y));
        }
        for (const auto& f : d.flows()) {
            FlowItem* item = m_scene->flowItem(qs(f.id));
            QVERIFY(item);
            QCOMPARE(item->source()->id(), qs(f.from));
            QCOMPARE(item->target()->id(), qs(f.to));
        }
    }

    // Pixels with ink in what the view shows and in what an export (no widget: whole paths) draws
    // of the same area, and how many of them differ.
    static std::pair<int, int> shownAgainstExport(CanvasView& view)
    {
        const QImage shown = view.viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32);
        QImage whole(shown.size(), QImage::Format_RGB32);
        {
            QPainter p(&whole);
            view.render(&p, QRectF(whole.rect()), view.viewport()->rect());
        }
        int ink = 0, differ = 0;
        for (int y = 0; y < shown.height(); ++y)
            for (int x = 0; x < shown.width(); ++x) {
                const bool inkA = qGray(shown.pixel(x, y)) < 200, inkB = qGray(whole.pixel(x, y)) < 200;
                ink += inkA || inkB;
                differ += inkA != inkB;
            }
        return {ink, differ};
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        m_doc = new Document(this);
        m_scene = new CanvasScene(m_doc, this);
        m_doc->reset(test::smallDesign(), QString());
    }
    void cleanup()
    {
        delete m_scene;
        delete m_doc;
    }

    void initialMirror() { checkMirrors(); }

    // A design fitted into a small window (30–55 % zoom) still shows its labels; below 30 %
    // components are plain blocks.
    void labelsShowAtMidZoom()
    {
        const model::Component original = m_doc->design().components().front();
        ComponentItem* item = m_scene->componentItem(qs(original.id));
        // As the whiteboard shows it: through a view (an export, with no view, leaves badges out).
        CanvasView view(m_scene);
        view.resize(400, 200);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto render = [&](qreal scale, const QString& label) {
            model::Component c = original;
            c.label = label.toStdString();
            item->sync(c);
            view.setZoom(scale);
            view.centerOn(item->sceneBoundingRect().center());
            return view.viewport()->grab().toImage();
        };
        QVERIFY(render(0.42, QStringLiteral("orders-db")) != render(0.42, QString()));
        QVERIFY(render(0.2, QStringLiteral("orders-db")) == render(0.2, QString()));
        // Finding badges stay on too: the panel lists findings at any zoom.
        m_scene->setBadge(qs(original.id), QStringLiteral("high"), 3);
        const QImage badged = render(0.42, QStringLiteral("orders-db"));
        m_scene->setBadge(qs(original.id), QString(), 0);
        QVERIFY(badged != render(0.42, QStringLiteral("orders-db")));
        item->sync(original);
    }

    // A zone's title grows at fit zoom to stay legible, but not past the room above its first
    // member: grown to 7 pt on screen it slid under the boxes of the first row. It keeps 5.5 pt
    // at least, and its own size from 78 % zoom up.
    void zoneTitlesStayAboveTheirMembers()
    {
        const qreal band = 22; // the band at the title's own size
        QCOMPARE(ZoneItem::titleGrow(1.0, 40, band), 1.0);
        QCOMPARE(ZoneItem::titleGrow(0.32, 400, band), 7.0 / (9.0 * 0.32)); // room enough
        QCOMPARE(ZoneItem::titleGrow(0.32, 45, band), 45 / band);          // as much as fits
        QCOMPARE(ZoneItem::titleGrow(0.32, 30, band), 5.5 / (9.0 * 0.32)); // the floor
        QCOMPARE(ZoneItem::titleGrow(0.9, 10, band), 1.0);                 // never below its own size
    }

    // On screen a dashed flow is stroked only where the view shows it (Qt's dash stroker walked
    // all of a long line, dash by dash, on every frame). What shows must be what an export, which
    // strokes the whole line, draws there: same dashes, in the same phase.
    void aLongDashedFlowShowsAsTheWholeLineWould()
    {
        model::Design d;
        d.addComponent(test::component("events", "queue", 0, 0));
        d.addComponent(test::component("billing", "worker", 30000, 7000));
        d.addFlow(test::flow("f1", "events", "billing"));
        m_doc->reset(std::move(d), QString());
        QVERIFY(m_scene->flowItem(QStringLiteral("f1"))->isAsync());
        CanvasView view(m_scene);
        view.resize(400, 300);
        view.setZoom(1.0);
        view.centerOn(QPointF(15080, 3530)); // mid-line: both ends far outside the view
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const auto [ink, differ] = shownAgainstExport(view);
        QVERIFY2(ink > 150, qPrintable(QString::number(ink))); // the line crosses the view
        QVERIFY2(differ * 10 < ink, qPrintable(QStringLiteral("%1 of %2").arg(differ).arg(ink)));
    }

    // The same for a zone's dotted outline: a region-sized availability zone at 100 % was most of
    // a repaint while its whole perimeter was stroked.
    void aLargeDottedZoneShowsAsTheWholeOutlineWould()
    {
        model::Design d;
        model::Zone az;
        az.id = "az-1";
        az.kind = "az";
        az.pos = {0, 0};
        az.size = {40000, 20000};
        d.addZone(az);
        m_doc->reset(std::move(d), QString());
        CanvasView view(m_scene);
        view.resize(400, 300);
        view.setZoom(1.0);
        view.centerOn(QPointF(21000, 20000)); // the bottom edge, far from every corner
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const auto [ink, differ] = shownAgainstExport(view);
        QVERIFY2(ink > 100, qPrintable(QString::number(ink)));
        QVERIFY2(differ * 10 < ink, qPrintable(QStringLiteral("%1 of %2").arg(differ).arg(ink)));
    }

    void addAndRemove()
    {
        AddElementsCommand* add = commands::addComponent(m_doc, "worker", QPointF(0, 300));
        const QString id = add->ids().value(0);
        m_doc->undoStack()->push(add);
        QVERIFY(m_scene->componentItem(id));
        checkMirrors();
        m_doc->undoStack()->undo();
        QVERIFY(!m_scene->componentItem(id));
        checkMirrors();
    }

    void deleteAndUndoRestoresItemsAndFlows()
    {
        m_doc->undoStack()->push(commands::remove(m_doc, {QStringLiteral("api")}));
        QVERIFY(!m_scene->componentItem(QStringLiteral("api")));
        QVERIFY(m_scene->flowItems().isEmpty());
        checkMirrors();
        m_doc->undoStack()->undo();
        QCOMPARE(m_scene->flowItems().size(), 3);
        checkMirrors();
    }

    // Deleting most of a large design, then undo and redo: one pass each way (one at a time it
    // re-indexed the design per element, 16 s for 10,000 components), every item back and
    // attached to its ends, the file order as it was.
    void deletingManyAndUndoingMirrorsTheModel()
    {
        model::Design d;
        for (int i = 0; i < 1500; ++i)
            d.addComponent(test::component("c" + std::to_string(i), i % 3 ? "service" : "queue", 200.0 * (i % 40), 150.0 * (i / 40)));
        for (int i = 0; i + 1 < 1500; ++i) d.addFlow(test::flow("f" + std::to_string(i), "c" + std::to_string(i), "c" + std::to_string(i + 1)));
        model::Zone z;
        z.id = "region";
        z.pos = {-50, -50};
        z.size = {1000, 600};
        for (int i = 0; i < 20; ++i) z.members.push_back("c" + std::to_string(i));
        d.addZone(z);
        const model::Design original = d;
        m_doc->reset(std::move(d), QString());
        QStringList gone;
        for (int i = 0; i < 1500; ++i)
            if (i % 10) gone << QStringLiteral("c%1").arg(i);
        gone << QStringLiteral("region");
        m_doc->undoStack()->push(commands::remove(m_doc, gone));
        QCOMPARE(m_scene->componentCount(), 150);
        QVERIFY(m_scene->flowItems().isEmpty()); // every flow had an end among them
        checkMirrors();
        m_doc->undoStack()->undo();
        QVERIFY(m_doc->design() == original);
        checkMirrors();
        for (FlowItem* f : m_scene->flowItems()) QVERIFY(f->source() && f->target());
        m_doc->undoStack()->redo();
        QCOMPARE(m_scene->componentCount(), 150);
        checkMirrors();
    }

    void flowFollowsMovedComponent()
    {
        FlowItem* flow = m_scene->flowItem(QStringLiteral("f3"));
        const QRectF before = flow->sceneBoundingRect();
        m_doc->undoStack()->push(
            commands::move(m_doc, {{QStringLiteral("orders-db"), QPointF(480, 600)}}));
        checkMirrors();
        QCOMPARE(m_scene->flowItem(QStringLiteral("f3")), flow);
        QVERIFY(flow->sceneBoundingRect().bottom() > before.bottom() + 300);
        // The path ends on the moved component's border.
        const QRectF target = m_scene->componentItem(QStringLiteral("orders-db"))->sceneRect();
        const QPointF end = flow->path().pointAtPercent(1.0);
        QVERIFY(target.adjusted(-1, -1, 1, 1).contains(end));
    }

    void longLabelOnAShortFlowLeavesItsArrowInSight()
    {
        m_doc->undoStack()->push(commands::setLabel(m_doc, QStringLiteral("f2"),
                                                    QStringLiteral("reads the hot keys first")));
        FlowItem* flow = m_scene->flowItem(QStringLiteral("f2"));
        const QRectF api = m_scene->componentItem(QStringLiteral("api"))->sceneRect();
        // A long line: the label sits on it, half way.
        m_doc->undoStack()->push(commands::move(
            m_doc, {{QStringLiteral("cache"), api.topRight() + QPointF(400, 0)}}));
        QCOMPARE(flow->labelRect().center(), flow->path().pointAtPercent(0.5));
        m_doc->undoStack()->undo();
        // Next to api, the gap is narrower than the label: it moves beside the line.
        m_doc->undoStack()->push(commands::move(
            m_doc, {{QStringLiteral("cache"), api.topRight() + QPointF(40, 0)}}));
        const QPainterPath shortLine = flow->path();
        const QRectF label = flow->labelRect();
        QVERIFY(label.width() > shortLine.length());
        QVERIFY(!label.contains(shortLine.pointAtPercent(0)));
        QVERIFY(!label.contains(shortLine.pointAtPercent(1)));
        QVERIFY(label.bottom() < shortLine.pointAtPercent(0.5).y()); // above a level line
        // Not under either end, which would paint over it.
        QVERIFY(!label.intersects(api));
        QVERIFY(!label.intersects(m_scene->componentItem(QStringLiteral("cache"))->sceneRect()));
        // Below it, 40 apart: the label is wider than high, but still covered the whole gap.
        m_doc->undoStack()->push(commands::move(
            m_doc, {{QStringLiteral("cache"), api.bottomLeft() + QPointF(0, 40)}}));
        const QPainterPath down = flow->path();
        QVERIFY(!flow->labelRect().contains(down.pointAtPercent(0.5)));
        QVERIFY(flow->labelRect().left() > down.pointAtPercent(0.5).x()); // to its right
        m_doc->undoStack()->undo();
        m_doc->undoStack()->undo();
        m_doc->undoStack()->undo();
    }

    // A short slanting flow from a box to one below and to its right: its label, wider than the
    // gap, went up past the first box and ended far from its line. It now takes the side that is
    // clear sooner, below.
    void aLabelBesideAShortFlowTakesTheNearerSide()
    {
        m_doc->undoStack()->push(commands::setLabel(m_doc, QStringLiteral("f1"), QStringLiteral("Portal Traffic")));
        FlowItem* flow = m_scene->flowItem(QStringLiteral("f1"));
        const QRectF client = m_scene->componentItem(QStringLiteral("client"))->sceneRect();
        for (int dy : {20, 40}) {
            m_doc->undoStack()->push(commands::move(m_doc, {{QStringLiteral("api"), client.topRight() + QPointF(90, dy)}}));
            const QPointF mid = flow->path().pointAtPercent(0.5);
            const QRectF label = flow->labelRect();
            QVERIFY2(label.top() > mid.y(), qPrintable(QString::number(dy))); // below its line
            // Above, it had to climb past the client's box and badge: 71 and 54 units away.
            QVERIFY2(QLineF(mid, label.center()).length() < 45, qPrintable(QString::number(dy)));
            QVERIFY(!label.intersects(m_scene->componentItem(QStringLiteral("client"))->sceneRect()));
            QVERIFY(!label.intersects(m_scene->componentItem(QStringLiteral("api"))->sceneRect()));
            m_doc->undoStack()->undo();
        }
        m_doc->undoStack()->undo();
    }

    // A flow's label half way along sat on the title of the zone the flow crossed, and hid the
    // zone's name. It now slides along the flow until clear of every title.
    void aFlowLabelKeepsOffZoneTitles()
    {
        m_doc->undoStack()->push(commands::setLabel(m_doc, QStringLiteral("f1"), QStringLiteral("Charge Card")));
        FlowItem* flow = m_scene->flowItem(QStringLiteral("f1"));
        const QRectF before = flow->labelRect();
        const QRectF title = m_scene->zoneItem(QStringLiteral("eu"))->sceneTitleBand();
        // client and api level with the title, either side of it: half way is on the title.
        const QSizeF size = m_scene->componentItem(QStringLiteral("client"))->sceneRect().size();
        const QPointF centre = title.center() - QPointF(size.width() / 2, size.height() / 2);
        m_doc->undoStack()->push(commands::move(m_doc, {{QStringLiteral("client"), centre - QPointF(400, 0)},
                                                        {QStringLiteral("api"), centre + QPointF(400, 0)}}));
        const QPainterPath line = flow->path();
        QVERIFY(title.contains(line.pointAtPercent(0.5))); // half way is under the title
        QVERIFY2(!flow->labelRect().intersects(title), qPrintable(QStringLiteral("label %1,%2").arg(flow->labelRect().x()).arg(flow->labelRect().y())));
        QCOMPARE(flow->labelRect().center().y(), line.pointAtPercent(0.5).y()); // still on its line
        m_doc->undoStack()->undo();
        QCOMPARE(flow->labelRect(), before); // away from the title, where it was
        m_doc->undoStack()->undo();
    }

    // A Delete of thousands rebuilds the scene once instead of taking items out one by one; the
    // scene still mirrors the model, keeps what else was selected, and its undo restacks nested
    // zones once, above their parents.
    void bulkDeleteAndItsUndoKeepTheSceneAMirror()
    {
        model::Design d;
        QStringList doomed;
        for (int i = 0; i < 1600; ++i) {
            const std::string id = "c" + std::to_string(i);
            d.addComponent({id, "service", id, {}, {double(i % 40) * 200, double(i / 40) * 120}, {}});
            if (i > 0) d.addFlow({"f" + std::to_string(i), "c" + std::to_string(i - 1), id, "", {}, {}});
            if (i < 1200) doomed << QString::fromStdString(id);
        }
        model::Zone outer{"outer", "region", "outer", {}, {}, {-50, -50}, {8200, 5000}};
        model::Zone inner{"inner", "az", "inner", {}, {}, {-20, -20}, {4000, 2000}};
        for (int i = 0; i < 400; ++i) inner.members.push_back("c" + std::to_string(i));
        outer.members = {"inner"};
        d.addZone(outer);
        d.addZone(inner);
        Document doc;
        doc.reset(d, QString());
        CanvasScene scene(&doc);
        Document* const savedDoc = m_doc;
        CanvasScene* const savedScene = m_scene;
        m_doc = &doc;
        m_scene = &scene;
        scene.selectIds({QStringLiteral("c1500")});
        doc.undoStack()->push(commands::remove(&doc, doomed));
        QCOMPARE(scene.componentCount(), 400);
        checkMirrors();
        QCOMPARE(scene.selectedIds(), QStringList{QStringLiteral("c1500")});
        doc.undoStack()->undo();
        QCOMPARE(scene.componentCount(), 1600);
        checkMirrors();
        QVERIFY(scene.zoneItem(QStringLiteral("inner"))->zValue() > scene.zoneItem(QStringLiteral("outer"))->zValue());
        QCOMPARE(doc.design().zone("inner")->members.size(), size_t(400));
        doc.undoStack()->redo();
        checkMirrors();
        m_doc = savedDoc;
        m_scene = savedScene;
    }

    // An orthogonal route between components almost level: its middle leg is short, and the
    // label half way along the route covered it and both bends. It sits on the longest leg.
    void orthogonalLabelSitsOnItsLongestLeg()
    {
        QUndoStack* stack = m_doc->undoStack();
        const int steps = stack->index();
        stack->push(commands::setLabel(m_doc, QStringLiteral("f2"), QStringLiteral("reads")));
        stack->push(commands::setProperty(m_doc, QStringLiteral("f2"), "routing", model::Value(std::string("orthogonal"))));
        const QRectF api = m_scene->componentItem(QStringLiteral("api"))->sceneRect();
        stack->push(commands::move(m_doc, {{QStringLiteral("cache"), api.topLeft() + QPointF(500, 12)}}));
        FlowItem* flow = m_scene->flowItem(QStringLiteral("f2"));
        QVERIFY(flow->isOrthogonal());
        const QPainterPath path = flow->path();
        const QRectF label = flow->labelRect();
        QVERIFY(!label.isNull());
        // The two bends of the route are the points where it turns: both stay in sight.
        QPointF bends[2];
        int found = 0;
        for (int i = 1; i + 1 < path.elementCount() && found < 2; ++i)
            bends[found++] = QPointF(path.elementAt(i).x, path.elementAt(i).y);
        QCOMPARE(found, 2);
        QVERIFY2(!label.contains(bends[0]) && !label.contains(bends[1]), "the label covers a bend");
        // On a level leg, half way along it.
        QVERIFY(qFuzzyCompare(label.center().y(), bends[0].y()) || qFuzzyCompare(label.center().y(), bends[1].y()));
        while (stack->index() > steps) stack->undo();
    }

    void routingAndAsyncFromProperties()
    {
        m_doc->undoStack()->push(commands::setProperty(m_doc, QStringLiteral("f2"), "routing",
                                                       model::Value(std::string("orthogonal"))));
        QVERIFY(m_scene->flowItem(QStringLiteral("f2"))->isOrthogonal());
        QVERIFY(!m_scene->flowItem(QStringLiteral("f2"))->isAsync());
        m_doc->undoStack()->push(
            commands::setProperty(m_doc, QStringLiteral("f2"), "sync", model::Value(false)));
        QVERIFY(m_scene->flowItem(QStringLiteral("f2"))->isAsync());
        m_doc->undoStack()->undo();
        m_doc->undoStack()->undo();
        QVERIFY(!m_scene->flowItem(QStringLiteral("f2"))->isOrthogonal());
    }

    void reloadRebuilds()
    {
        model::Design other;
        other.addComponent(test::component("solo", "service", 10, 20));
        m_doc->reset(other, QString());
        checkMirrors();
        QCOMPARE(m_scene->componentCount(), 1);
        QVERIFY(!m_scene->zoneItem(QStringLiteral("eu")));
        m_doc->reset(test::smallDesign(), QString());
        checkMirrors();
    }

    void zoneMoveFromModelDoesNotCarryMembers()
    {
        // Positions come from the model for every element; the zone must not push its members
        // a second time when the model moves it (undo of a zone drag, auto-layout).
        m_doc->undoStack()->push(
            commands::move(m_doc, {{QStringLiteral("eu"), QPointF(300, -100)}}));
        checkMirrors();
        QCOMPARE(m_scene->componentItem(QStringLiteral("api"))->pos(), QPointF(240, 0));
    }

    void highlightHook()
    {
        m_scene->setHighlighted({QStringLiteral("api"), QStringLiteral("f3")}, true);
        QVERIFY(m_scene->isHighlighted(QStringLiteral("api")));
        QVERIFY(m_scene->dimOthers());
        m_doc->undoStack()->push(commands::remove(m_doc, {QStringLiteral("api")}));
        QVERIFY(!m_scene->isHighlighted(QStringLiteral("api")));
    }
};

QTEST_MAIN(TstScene)
#include "tst_scene.moc"
