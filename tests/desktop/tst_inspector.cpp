#include "app/desktop/canvasscene.h"
#include "app/desktop/commands/commandfactory.h"
#include "app/desktop/document.h"
#include "app/desktop/inspectordock.h"
#include "app/desktop/showntext.h"
#include "app/desktop/tageditor.h"
#include "testdesigns.h"

#include <QCheckBox>
#include <QComboBox>
#include <QPushButton>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QPointer>
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

    // A number property added as 0 (or drawn whole) still takes a share: a cache's hit ratio of
    // 0.9 is what the headline rule reads. Its range is the vocabulary's, widened to hold what the
    // file has, and the field shows only the decimals a value needs.
    void numberFieldsTakeDecimalsAndKeepOutOfRangeValues()
    {
        m_doc->undoStack()->push(commands::setProperty(m_doc, QStringLiteral("cache"), "hit_ratio", model::Value(0.0)));
        select(QStringLiteral("cache"));
        auto* spin = qobject_cast<QDoubleSpinBox*>(m_dock->editorFor(QStringLiteral("hit_ratio")));
        QVERIFY(spin);
        QCOMPARE(spin->text(), QStringLiteral("0"));
        QCOMPARE(spin->maximum(), 1.0);
        spin->selectAll();
        QTest::keyClicks(spin, QStringLiteral("0.9"));
        QTest::keyClick(spin, Qt::Key_Return);
        QCOMPARE(model::numberProperty(m_doc->design().component("cache")->props, "hit_ratio"), std::optional<double>(0.9));
        QPointer<QDoubleSpinBox> old = spin;
        QTRY_VERIFY(!old); // rebuilt from the model
        QTRY_VERIFY(m_dock->editorFor(QStringLiteral("hit_ratio")));
        spin = qobject_cast<QDoubleSpinBox*>(m_dock->editorFor(QStringLiteral("hit_ratio")));
        QCOMPARE(spin->text(), QStringLiteral("0.9"));

        // 5 is out of a share's range; it is shown as it is, and focus alone does not change it.
        m_doc->undoStack()->push(commands::setProperty(m_doc, QStringLiteral("cache"), "hit_ratio", model::Value(5.0)));
        old = spin;
        QTRY_VERIFY(!old);
        QTRY_VERIFY(m_dock->editorFor(QStringLiteral("hit_ratio")));
        spin = qobject_cast<QDoubleSpinBox*>(m_dock->editorFor(QStringLiteral("hit_ratio")));
        QCOMPARE(spin->text(), QStringLiteral("5"));
        const int steps = m_doc->undoStack()->count();
        emit spin->editingFinished();
        QCOMPARE(m_doc->undoStack()->count(), steps);
        QCOMPARE(model::numberProperty(m_doc->design().component("cache")->props, "hit_ratio"), std::optional<double>(5));

        // A large number is taken whole, not cut at the twelfth digit as it is typed.
        m_doc->undoStack()->push(commands::setProperty(m_doc, QStringLiteral("orders-db"), "rps", model::Value(1.0)));
        select(QStringLiteral("orders-db"));
        QTRY_VERIFY(m_dock->editorFor(QStringLiteral("rps")));
        auto* rps = qobject_cast<QDoubleSpinBox*>(m_dock->editorFor(QStringLiteral("rps")));
        QVERIFY(rps);
        rps->selectAll();
        QTest::keyClicks(rps, QStringLiteral("99999999999999"));
        QTest::keyClick(rps, Qt::Key_Return);
        QCOMPARE(model::numberProperty(m_doc->design().component("orders-db")->props, "rps"), std::optional<double>(99999999999999.0));
    }

    // Added without a value, a property is not drawn yet: written as [] or 0 it was a value
    // nobody chose (an empty "carries" on a flow closed a personal-data finding).
    void anAddedPropertyIsDrawnOnlyOnceItHasAValue()
    {
        select(QStringLiteral("orders-db"));
        auto addProperty = [this](const QString& key) {
            QComboBox* name = nullptr;
            for (auto* box : m_dock->findChildren<QComboBox*>())
                if (box->isEditable()) name = box;
            QPushButton* add = nullptr;
            for (auto* b : m_dock->findChildren<QPushButton*>())
                if (b->text() == QStringLiteral("Add")) add = b;
            QVERIFY(name && add);
            name->setEditText(key);
            add->click();
        };
        addProperty(QStringLiteral("data"));
        QCOMPARE(m_doc->undoStack()->count(), 0);
        QVERIFY(!m_doc->design().component("orders-db")->props.count("data"));
        QTRY_VERIFY(qobject_cast<TagEditor*>(m_dock->editorFor(QStringLiteral("data"))));
        auto* tags = qobject_cast<TagEditor*>(m_dock->editorFor(QStringLiteral("data")));
        QTest::keyClick(tags->lineEdit(), Qt::Key_Return); // nothing typed: still nothing drawn
        QCOMPARE(m_doc->undoStack()->count(), 0);
        tags->lineEdit()->setText(QStringLiteral("pii"));
        QTest::keyClick(tags->lineEdit(), Qt::Key_Return);
        QCOMPARE(model::listProperty(m_doc->design().component("orders-db")->props, "data"),
                 std::optional<model::StringList>(model::StringList{"pii"}));
        QCOMPARE(m_doc->undoStack()->count(), 1);

        addProperty(QStringLiteral("rps"));
        QTRY_VERIFY(qobject_cast<QDoubleSpinBox*>(m_dock->editorFor(QStringLiteral("rps"))));
        auto* rps = qobject_cast<QDoubleSpinBox*>(m_dock->editorFor(QStringLiteral("rps")));
        QCOMPARE(rps->cleanText(), QString());
        emit rps->editingFinished();
        QCOMPARE(m_doc->undoStack()->count(), 1);
        QVERIFY(!m_doc->design().component("orders-db")->props.count("rps"));
        // A rate is not negative: the minus sign is not taken, so "-40" is 40, never a silent -0.
        QTest::keyClicks(rps, QStringLiteral("-40"));
        QTest::keyClick(rps, Qt::Key_Return);
        QCOMPARE(model::numberProperty(m_doc->design().component("orders-db")->props, "rps"), std::optional<double>(40));
        QCOMPARE(m_doc->undoStack()->count(), 2);
        // Choosing another element drops a draft that was never given a value.
        addProperty(QStringLiteral("owner_team"));
        QTRY_VERIFY(m_dock->editorFor(QStringLiteral("owner_team")));
        select(QStringLiteral("cache"));
        select(QStringLiteral("orders-db"));
        QVERIFY(!m_dock->editorFor(QStringLiteral("owner_team")));
        QVERIFY(!m_doc->design().component("orders-db")->props.count("owner_team"));
        // Drawn from a draft, then removed at once: gone, not back as an empty draft.
        addProperty(QStringLiteral("region"));
        QTRY_VERIFY(qobject_cast<QLineEdit*>(m_dock->editorFor(QStringLiteral("region"))));
        auto* region = qobject_cast<QLineEdit*>(m_dock->editorFor(QStringLiteral("region")));
        region->setText(QStringLiteral("eu-west-1"));
        emit region->editingFinished();
        m_doc->undoStack()->undo();
        QTRY_VERIFY(!m_dock->editorFor(QStringLiteral("region")));
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

    // Found by a tester: after one value, the list editor lost the focus and the next keys went
    // to the canvas as tool shortcuts; and Enter in "Add property" did nothing.
    void listValuesAndPropertiesGoInByKeyboard()
    {
        m_dock->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_dock));
        select(QStringLiteral("orders-db"));
        auto* tags = qobject_cast<TagEditor*>(m_dock->editorFor(QStringLiteral("data_classes")));
        tags->lineEdit()->setFocus();
        QTest::keyClicks(tags->lineEdit(), QStringLiteral("payment"));
        QTest::keyClick(tags->lineEdit(), Qt::Key_Return);
        QTRY_VERIFY(m_dock->editorFor(QStringLiteral("data_classes")) != tags);
        auto* again = qobject_cast<TagEditor*>(m_dock->editorFor(QStringLiteral("data_classes")));
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(again->lineEdit()));
        QTest::keyClicks(again->lineEdit(), QStringLiteral("card"));
        QTest::keyClick(again->lineEdit(), Qt::Key_Return);
        QCOMPARE(model::listProperty(m_doc->design().component("orders-db")->props, "data_classes"),
                 std::optional<model::StringList>(model::StringList{"pii", "payment", "card"}));

        QComboBox* name = nullptr;
        for (auto* box : m_dock->findChildren<QComboBox*>())
            if (box->isEditable()) name = box;
        QVERIFY(name);
        name->lineEdit()->setFocus();
        name->setEditText(QStringLiteral("rps"));
        QTest::keyClick(name->lineEdit(), Qt::Key_Return);
        QTRY_VERIFY(qobject_cast<QDoubleSpinBox*>(m_dock->editorFor(QStringLiteral("rps"))));
    }

    // Found by a tester: a value chosen or typed from the keyboard rebuilt the form and the focus
    // went to the window, so the next letters started tools ("t" of "automatic"). The new editor
    // of the same property takes it back; an editor left for another widget does not.
    void aValueSetFromTheKeyboardKeepsTheFocus()
    {
        m_dock->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_dock));
        m_doc->undoStack()->push(commands::setProperty(m_doc, QStringLiteral("orders-db"), "failover", model::Value(std::string("manual"))));
        select(QStringLiteral("orders-db"));
        auto* combo = qobject_cast<QComboBox*>(m_dock->editorFor(QStringLiteral("failover")));
        QVERIFY(combo);
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_A); // "automatic"
        QCOMPARE(model::stringProperty(m_doc->design().component("orders-db")->props, "failover"),
                 std::optional<std::string>("automatic"));
        QTRY_COMPARE(QApplication::focusWidget(), m_dock->editorFor(QStringLiteral("failover")));
        auto* owner = qobject_cast<QLineEdit*>(m_dock->editorFor(QStringLiteral("owner")));
        owner->setFocus();
        owner->selectAll();
        QTest::keyClicks(owner, QStringLiteral("team-b"));
        QTest::keyClick(owner, Qt::Key_Return);
        QTRY_COMPARE(QApplication::focusWidget(), m_dock->editorFor(QStringLiteral("owner")));
        auto* again = qobject_cast<QLineEdit*>(m_dock->editorFor(QStringLiteral("owner")));
        again->setText(QStringLiteral("team-c"));
        QLineEdit elsewhere; // another window: leaving for it ends the edit
        elsewhere.show();
        elsewhere.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&elsewhere));
        elsewhere.setFocus();
        QTRY_COMPARE(model::stringProperty(m_doc->design().component("orders-db")->props, "owner"),
                     std::optional<std::string>("team-c"));
        QTest::qWait(20);
        QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(&elsewhere));
    }

    void labelEdit()
    {
        select(QStringLiteral("api"));
        QLineEdit* label = m_dock->labelEdit();
        QVERIFY(label);
        label->selectAll();
        QTest::keyClicks(label, QStringLiteral("orders-api"));
        QTest::keyClick(label, Qt::Key_Return);
        QCOMPARE(m_doc->design().component("api")->label, std::string("orders-api"));
        QCOMPARE(m_doc->undoStack()->count(), 1);
    }

    void shownTextCutsBetweenCharacters()
    {
        QCOMPARE(shownText("orders-api"), QStringLiteral("orders-api"));
        const std::string exact(kShownChars, 'a');
        QCOMPARE(shownText(exact), QString::fromStdString(exact));
        for (const std::string piece : {std::string("\xc3\x84"), std::string("\xf0\x9f\x98\x80"), std::string("ab")}) {
            std::string text;
            while (text.size() < 10'000) text += piece;
            const QString shown = shownText(text);
            QVERIFY(shown.endsWith(QChar(0x2026)));
            QVERIFY(shown.size() <= kShownChars + 1);
            const QString before = shown.chopped(1);
            QVERIFY2(QString::fromStdString(text).startsWith(before), qPrintable(before)); // no broken character
            QVERIFY(before.size() >= kShownChars - 1);
        }
    }

    // A file may hold a label of any length. The field shows the start of one too long to type,
    // and leaving the field must not save that start as the label; typing replaces it all.
    void aLabelTooLongToEditStaysWholeUntilTyped()
    {
        const std::string huge(3'000'000, 'x');
        m_doc->undoStack()->push(commands::setLabel(m_doc, QStringLiteral("api"), QString::fromStdString(huge)));
        const int steps = m_doc->undoStack()->count();
        select(QStringLiteral("api"));
        QLineEdit* label = m_dock->labelEdit();
        QVERIFY(label);
        QVERIFY(label->text().size() <= 200);
        QVERIFY(label->text().endsWith(QChar(0x2026)));
        emit label->editingFinished(); // focus left without typing
        QCOMPARE(m_doc->design().component("api")->label.size(), huge.size());
        QCOMPARE(m_doc->undoStack()->count(), steps);
        label->selectAll();
        QTest::keyClicks(label, QStringLiteral("short"));
        QTest::keyClick(label, Qt::Key_Return);
        QCOMPARE(m_doc->design().component("api")->label, std::string("short"));
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
