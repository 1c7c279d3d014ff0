#include "app/desktop/commands/commandfactory.h"
#include "app/desktop/commands/elementcommands.h"
#include "app/desktop/document.h"
#include "model/validation.h"
#include "testdesigns.h"

#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>

using namespace pb;
using namespace pb::app;

// Every command: push → model as expected; undo → exactly the model before (same JSON and
// Design ==); redo → exactly the model after.
class TstCommands : public QObject
{
    Q_OBJECT

private:
    Document* m_doc = nullptr;
    QUndoStack* stack() { return m_doc->undoStack(); }

    void checkUndoRedo(const model::Design& before)
    {
        const model::Design after = m_doc->design();
        QVERIFY(!(after == before));
        stack()->undo();
        QCOMPARE(test::dump(m_doc->design()), test::dump(before));
        QVERIFY(m_doc->design() == before);
        stack()->redo();
        QCOMPARE(test::dump(m_doc->design()), test::dump(after));
        QVERIFY(m_doc->design() == after);
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        m_doc = new Document(this);
        m_doc->reset(test::smallDesign(), QString());
    }
    void cleanup() { delete m_doc; }

    void addComponent()
    {
        const model::Design before = m_doc->design();
        AddElementsCommand* cmd = commands::addComponent(m_doc, "queue", QPointF(40, 300));
        const QString id = cmd->ids().value(0);
        stack()->push(cmd);
        const model::Component* c = m_doc->design().component(id.toStdString());
        QVERIFY(c);
        QCOMPARE(c->kind, std::string("queue"));
        QCOMPARE(c->pos, (model::Point{40, 300}));
        QVERIFY(stack()->undoText().startsWith(QStringLiteral("Add ")));
        checkUndoRedo(before);
    }

    void moveOneAndMany()
    {
        model::Design before = m_doc->design();
        stack()->push(commands::move(m_doc, {{QStringLiteral("orders-db"), QPointF(500, 160)}}));
        QCOMPARE(stack()->undoText(), QStringLiteral("Move orders-db"));
        QCOMPARE(m_doc->design().component("orders-db")->pos, (model::Point{500, 160}));
        checkUndoRedo(before);

        before = m_doc->design();
        stack()->push(commands::move(m_doc, {{QStringLiteral("api"), QPointF(0, 400)},
                                             {QStringLiteral("cache"), QPointF(20, 400)},
                                             {QStringLiteral("client"), QPointF(40, 400)}}));
        QCOMPARE(stack()->undoText(), QStringLiteral("Move 3 components"));
        checkUndoRedo(before);
    }

    // Auto-layout moves components and gives no bends: bends drawn for the old places are
    // dropped from the flows whose ends it moved, in the same undo step; others keep theirs.
    void layoutDropsBendsOfFlowsItMoves()
    {
        model::Design d = test::smallDesign();
        d.flow("f3")->bends = {{400, 300}, {460, 300}};
        d.flow("f1")->bends = {{100, 60}};
        m_doc->reset(d, QString());
        const model::Design before = m_doc->design();
        stack()->push(commands::applyLayout(m_doc, {{QStringLiteral("orders-db"), QPointF(480, 400)}}, {},
                                            QStringLiteral("Auto-layout (dot)")));
        QVERIFY(m_doc->design().flow("f3")->bends.empty());
        QCOMPARE(m_doc->design().flow("f1")->bends.size(), std::size_t(1)); // neither end moved
        QCOMPARE(stack()->count(), 1);
        checkUndoRedo(before);
    }

    void moveWithoutChangeIsNoCommand()
    {
        QVERIFY(!commands::move(m_doc, {{QStringLiteral("api"), QPointF(240, 0)}}));
    }

    void setAndRemoveProperty()
    {
        model::Design before = m_doc->design();
        stack()->push(commands::setProperty(m_doc, QStringLiteral("orders-db"), "fencing",
                                            model::Value(std::string("epoch"))));
        QCOMPARE(stack()->undoText(), QStringLiteral("Set fencing on orders-db"));
        QCOMPARE(model::stringProperty(m_doc->design().component("orders-db")->props, "fencing"),
                 std::optional<std::string>("epoch"));
        checkUndoRedo(before);

        before = m_doc->design();
        stack()->push(
            commands::setProperty(m_doc, QStringLiteral("orders-db"), "fencing", std::nullopt));
        QCOMPARE(stack()->undoText(), QStringLiteral("Remove fencing from orders-db"));
        // An unlabelled flow is named by its ends, not by an id the user never sees.
        stack()->push(commands::setProperty(m_doc, QStringLiteral("f3"), "circuit_breaker", model::Value(true)));
        QCOMPARE(stack()->undoText(), QStringLiteral("Set circuit_breaker on api → orders-db"));
        stack()->undo();
        QVERIFY(!model::findProperty(m_doc->design().component("orders-db")->props, "fencing"));
        checkUndoRedo(before);
        // Setting the same value again changes nothing, so nothing is pushed.
        QVERIFY(
            !commands::setProperty(m_doc, QStringLiteral("orders-db"), "fencing", std::nullopt));
    }

    void renameFlowAndZone()
    {
        const model::Design before = m_doc->design();
        stack()->beginMacro(QStringLiteral("two renames"));
        stack()->push(commands::setLabel(m_doc, QStringLiteral("f3"), QStringLiteral("SQL")));
        stack()->push(
            commands::setLabel(m_doc, QStringLiteral("eu"), QStringLiteral("eu-central")));
        stack()->endMacro();
        QCOMPARE(m_doc->design().flow("f3")->label, std::string("SQL"));
        QCOMPARE(m_doc->design().zone("eu")->label, std::string("eu-central"));
        checkUndoRedo(before);
    }

    void deleteComponentTakesFlowsAndMembershipInOneStep()
    {
        const model::Design before = m_doc->design();
        const int count = stack()->count();
        stack()->push(commands::remove(m_doc, {QStringLiteral("api")}));
        QCOMPARE(stack()->count(), count + 1);
        QCOMPARE(stack()->undoText(), QStringLiteral("Delete api"));
        const model::Design& d = m_doc->design();
        QVERIFY(!d.component("api"));
        QVERIFY(d.flows().empty()); // all three flows touched api
        const auto& members = d.zone("eu")->members;
        QVERIFY(std::find(members.begin(), members.end(), "api") == members.end());
        checkUndoRedo(before);
    }

    void deleteZoneKeepsMembers()
    {
        const model::Design before = m_doc->design();
        stack()->push(commands::remove(m_doc, {QStringLiteral("eu")}));
        QVERIFY(!m_doc->design().zone("eu"));
        QVERIFY(m_doc->design().component("api"));
        checkUndoRedo(before);
    }

    // Found by a scripted pass over the whiteboard: deleting a PCI boundary inside a region left
    // what it held in no zone at all, so it lost the region and drew a residency finding.
    void deleteNestedZoneHandsItsMembersToTheZoneAround()
    {
        model::Zone pci;
        pci.id = "pci";
        pci.kind = "trust_boundary";
        pci.members = {"orders-db"};
        pci.pos = {460, 100};
        pci.size = {220, 120};
        model::Design nested = m_doc->design();
        std::erase(nested.zone("eu")->members, std::string("orders-db"));
        nested.zone("eu")->members.push_back("pci");
        nested.addZone(pci);
        m_doc->reset(nested, QString());
        stack()->push(commands::remove(m_doc, {QStringLiteral("pci")}));
        QVERIFY(!m_doc->design().zone("pci"));
        const model::Zone* around = m_doc->design().parentZone("orders-db");
        QVERIFY(around);
        QCOMPARE(around->id, std::string("eu"));
        checkUndoRedo(nested);
        // Deleted together, the zone and what it held are both gone, and nothing is handed on.
        m_doc->reset(nested, QString());
        stack()->push(commands::remove(m_doc, {QStringLiteral("pci"), QStringLiteral("orders-db")}));
        const auto& members = m_doc->design().zone("eu")->members;
        QCOMPARE(std::count(members.begin(), members.end(), std::string("orders-db")), 0);
    }

    void moveIntoAndOutOfZone()
    {
        model::Design before = m_doc->design();
        stack()->push(commands::move(m_doc, {{QStringLiteral("client"), QPointF(260, 160)}},
                                     {{QStringLiteral("client"), QStringLiteral("eu")}}));
        QCOMPARE(stack()->undoText(), QStringLiteral("Move client into eu-west"));
        QCOMPARE(m_doc->design().parentZone("client")->id, std::string("eu"));
        checkUndoRedo(before);
        before = m_doc->design();
        stack()->push(commands::move(m_doc, {{QStringLiteral("api"), QPointF(-400, 0)}},
                                     {{QStringLiteral("api"), QString()}}));
        QVERIFY(!m_doc->design().parentZone("api"));
        checkUndoRedo(before);
    }

    void moveKeepsZonesOpenable()
    {
        // A zone dropped into a zone inside itself would make a cycle; nesting past
        // model::kMaxZoneDepth would make a design that no longer opens. Both leave it where it is.
        model::Design d;
        for (int i = 0; i < model::kMaxZoneDepth; ++i) {
            model::Zone z;
            z.id = "z" + std::to_string(i);
            z.kind = "region";
            if (i + 1 < model::kMaxZoneDepth) z.members = {"z" + std::to_string(i + 1)};
            d.addZone(z);
        }
        model::Zone loose;
        loose.id = "loose";
        loose.kind = "trust_boundary";
        d.addZone(loose);
        model::Component c;
        c.id = "svc";
        c.kind = "service";
        d.addComponent(c);
        m_doc->reset(d, QString());
        const auto parentOf = [&](const char* id) {
            const model::Zone* z = m_doc->design().parentZone(id);
            return z ? z->id : std::string();
        };
        const QString deepest = QString::fromStdString("z" + std::to_string(model::kMaxZoneDepth - 1));
        if (QUndoCommand* cmd = commands::move(m_doc, {{QStringLiteral("loose"), QPointF(5, 5)}},
                                               {{QStringLiteral("loose"), deepest}}))
            stack()->push(cmd);
        QCOMPARE(parentOf("loose"), std::string()); // one level too deep
        if (QUndoCommand* cmd = commands::move(m_doc, {{QStringLiteral("z0"), QPointF(5, 5)}},
                                               {{QStringLiteral("z0"), QStringLiteral("z3")}}))
            stack()->push(cmd);
        QCOMPARE(parentOf("z0"), std::string()); // into its own descendant
        stack()->push(commands::move(m_doc, {{QStringLiteral("svc"), QPointF(5, 5)}}, {{QStringLiteral("svc"), deepest}}));
        QCOMPARE(parentOf("svc"), deepest.toStdString()); // a component adds no level
        stack()->push(commands::move(m_doc, {{QStringLiteral("loose"), QPointF(5, 5)}},
                                     {{QStringLiteral("loose"), QStringLiteral("z62")}}));
        QCOMPARE(parentOf("loose"), std::string("z62")); // exactly at the limit
    }

    void redoIsIdempotent()
    {
        stack()->push(commands::addFlow(m_doc, "client", "orders-db"));
        const std::string after = test::dump(m_doc->design());
        const QUndoCommand* cmd = stack()->command(stack()->index() - 1);
        const_cast<QUndoCommand*>(cmd)->redo(); // a second redo must not add a second flow
        QCOMPARE(test::dump(m_doc->design()), after);
    }

    void addFlowRejectsSelfLoopAndUnknownEnds()
    {
        QVERIFY(!commands::addFlow(m_doc, "api", "api"));
        QVERIFY(!commands::addFlow(m_doc, "api", "nope"));
    }

    void modifiedFollowsUndoStack()
    {
        QVERIFY(!m_doc->isModified());
        stack()->push(
            commands::setLabel(m_doc, QStringLiteral("api"), QStringLiteral("orders-api")));
        QVERIFY(m_doc->isModified());
        stack()->undo();
        QVERIFY(!m_doc->isModified());
    }
};

QTEST_GUILESS_MAIN(TstCommands)
#include "tst_commands.moc"
