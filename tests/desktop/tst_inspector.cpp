#include "app/desktop/canvasscene.h"
#include "app/desktop/document.h"
#include "app/desktop/inspectordock.h"
#include "app/desktop/tageditor.h"
#include "testdesigns.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>

using namespace pb;
using namespace pb::app;

// The inspector edits through commands: each edit is one undo step on the model.
class TstInspector : public QObject
{
    Q_OBJECT

private:
    Document* m_doc = nullptr;
    CanvasScene* m_scene = nullptr;
    InspectorDock* m_dock = nullptr;

    void select(const QString& id)
    {
        m_scene->selectIds({id});
        QTRY_COMPARE(m_dock->shownId(), id);
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        m_doc = new Document(this);
        model::Design d = test::smallDesign();
        d.component("orders-db")->props = {{"replicas", 2.0},
                                           {"encrypted", true},
                                           {"data_classes", model::StringList{"pii"}},
                                           {"owner", std::string("team-a")}};
        m_doc->reset(d, QString());
        m_scene = new CanvasScene(m_doc, this);
        m_dock = new InspectorDock(m_doc, m_scene);
        m_dock->show();
    }
    void cleanup()
    {
        delete m_dock;
        delete m_scene;
        delete m_doc;
    }

    void editorsFollowValueTypes()
    {
        select(QStringLiteral("orders-db"));
        QVERIFY(qobject_cast<QDoubleSpinBox*>(m_dock->editorFor(QStringLiteral("replicas"))));
        QVERIFY(qobject_cast<QCheckBox*>(m_dock->editorFor(QStringLiteral("encrypted"))));
        QVERIFY(qobject_cast<TagEditor*>(m_dock->editorFor(QStringLiteral("data_classes"))));
        QVERIFY(qobject_cast<QLineEdit*>(m_dock->editorFor(QStringLiteral("owner"))));
    }

    void numberEditIsOneCommand()
    {
        select(QStringLiteral("orders-db"));
        auto* spin = qobject_cast<QDoubleSpinBox*>(m_dock->editorFor(QStringLiteral("replicas")));
        QVERIFY(spin);
        spin->setValue(3);
        emit spin->editingFinished();
        QCOMPARE(m_doc->undoStack()->count(), 1);
        QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Set replicas on orders-db"));
        QCOMPARE(model::numberProperty(m_doc->design().component("orders-db")->props, "replicas"),
                 std::optional<double>(3));
        m_doc->undoStack()->undo();
        QCOMPARE(model::numberProperty(m_doc->design().component("orders-db")->props, "replicas"),
                 std::optional<double>(2));
    }

    void boolAndTagsEdit()
    {
        select(QStringLiteral("orders-db"));
        auto* box = qobject_cast<QCheckBox*>(m_dock->editorFor(QStringLiteral("encrypted")));
        box->click();
        QCOMPARE(model::boolProperty(m_doc->design().component("orders-db")->props, "encrypted"),
                 std::optional<bool>(false));
        QTRY_VERIFY(m_dock->editorFor(QStringLiteral("data_classes")));
        auto* tags = qobject_cast<TagEditor*>(m_dock->editorFor(QStringLiteral("data_classes")));
        tags->lineEdit()->setText(QStringLiteral("payment, pii"));
        QTest::keyClick(tags->lineEdit(), Qt::Key_Return);
        const auto list =
            model::listProperty(m_doc->design().component("orders-db")->props, "data_classes");
        QCOMPARE(list, std::optional<model::StringList>(model::StringList{"pii", "payment"}));
        QCOMPARE(m_doc->undoStack()->count(), 2);
    }

    void labelEdit()
    {
        select(QStringLiteral("api"));
        QLineEdit* label = m_dock->labelEdit();
        QVERIFY(label);
        label->setText(QStringLiteral("orders-api"));
        emit label->editingFinished();
        QCOMPARE(m_doc->design().component("api")->label, std::string("orders-api"));
        QCOMPARE(m_doc->undoStack()->count(), 1);
    }

    void refreshesOnUndo()
    {
        select(QStringLiteral("orders-db"));
        auto* edit = qobject_cast<QLineEdit*>(m_dock->editorFor(QStringLiteral("owner")));
        edit->setText(QStringLiteral("team-b"));
        emit edit->editingFinished();
        m_doc->undoStack()->undo();
        QTRY_COMPARE(qobject_cast<QLineEdit*>(m_dock->editorFor(QStringLiteral("owner")))->text(),
                     QStringLiteral("team-a"));
    }
};

QTEST_MAIN(TstInspector)
#include "tst_inspector.moc"
