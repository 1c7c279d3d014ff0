// The whiteboard's Mermaid way out: Edit → Copy as Mermaid puts a flowchart on the clipboard for a
// pull request or a wiki page, File → Export → Mermaid writes one, and both read back as the
// drawing's graph; a design whose flowchart would not read back is refused, naming the element.
#include "app/desktop/actionregistry.h"
#include "app/desktop/canvasscene.h"
#include "app/desktop/canvasview.h"
#include "app/desktop/designio.h"
#include "app/desktop/document.h"
#include "app/desktop/exporter.h"
#include "app/desktop/mainwindow.h"
#include "app/desktop/partchooser.h"
#include "model/mermaidimport.h"
#include "testdesigns.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QGraphicsItem>
#include <QInputDialog>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

using namespace pb;
using namespace pb::app;

namespace {
model::Design readBack(const QString& text)
{
    model::Diagnostics diags;
    auto d = model::importMermaid(text.toStdString(), "clipboard.mmd", diags);
    if (!d) qFatal("the flowchart does not read back: %s", model::formatAll(diags).c_str());
    return std::move(*d);
}
} // namespace

class TstMermaidOut : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void copyAsMermaidPutsTheGraphOnTheClipboard()
    {
        const QString path = m_dir.filePath(QStringLiteral("small.probeboard"));
        QString error;
        model::Design small = test::smallDesign();
        small.component("api")->kind = "search_index"; // no name would make a guess of that
        QVERIFY(writeDesign(small, path, &error));
        MainWindow w;
        w.show();
        QVERIFY(w.openFile(path));
        QApplication::clipboard()->clear();
        QAction* copy = w.actions()->get(QStringLiteral("edit.copyMermaid"));
        QVERIFY(copy && copy->isEnabled());
        copy->trigger();
        const QString text = QApplication::clipboard()->text();
        QVERIFY2(text.contains(QStringLiteral("flowchart ")), qPrintable(text));
        QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("Mermaid")));
        const model::Design back = readBack(text);
        const model::Design& drawn = w.document()->design();
        QCOMPARE(back.components().size(), drawn.components().size());
        QCOMPARE(back.flows().size(), drawn.flows().size());
        for (const auto& c : drawn.components()) {
            QVERIFY2(back.component(c.id), c.id.c_str());
            QCOMPARE(back.component(c.id)->kind, c.kind); // said by its class, not guessed
        }
        QCOMPARE(back.zone("eu")->members, drawn.zone("eu")->members);
        QVERIFY(!w.document()->isModified()); // copying changes nothing
        // With a selection, the selection: its components and the flows between them.
        w.scene()->selectIds({QStringLiteral("api"), QStringLiteral("orders-db")});
        copy->trigger();
        const model::Design part = readBack(QApplication::clipboard()->text());
        QCOMPARE(part.components().size(), std::size_t{2});
        QVERIFY(part.component("api") && part.component("orders-db") && !part.component("client"));
        QCOMPARE(part.flows().size(), std::size_t{1});
        QCOMPARE(part.flows().front().from + ">" + part.flows().front().to, std::string("api>orders-db"));
        QVERIFY(w.statusBar()->currentMessage().startsWith(QStringLiteral("Copied the selection")));
    }

    // The other way in: a ```mermaid block copied from a README pastes as elements, laid out,
    // in one undo step; a flowchart that does not read says why and pastes nothing.
    void aMermaidBlockPastesAsElements()
    {
        const QString path = m_dir.filePath(QStringLiteral("paste.probeboard"));
        QString error;
        QVERIFY(writeDesign(test::smallDesign(), path, &error));
        MainWindow w;
        w.show();
        QVERIFY(w.openFile(path));
        const model::Design before = w.document()->design();
        QApplication::clipboard()->setText(QStringLiteral("From the README:\n\n```mermaid\nflowchart LR\n"
                                                          "  subgraph pay[Payments]\n    ledger[(Ledger)]\n  end\n"
                                                          "  biller[Biller] -->|posts| ledger\n  biller -.-> events[[usage]]\n"
                                                          "  class events queue\n```\nThanks!\n"));
        w.actions()->get(QStringLiteral("edit.paste"))->trigger();
        const model::Design& after = w.document()->design();
        QCOMPARE(after.components().size(), before.components().size() + 3);
        QCOMPARE(after.flows().size(), before.flows().size() + 2);
        QVERIFY2(after.component("ledger") && after.component("biller") && after.component("events"), "ids kept where free");
        QCOMPARE(after.component("events")->kind, std::string("queue"));
        QCOMPARE(after.zone("pay")->members, std::vector<std::string>{"ledger"});
        const auto& biller = after.component("biller")->pos;
        const auto& ledger = after.component("ledger")->pos;
        QVERIFY2(biller.x != ledger.x || biller.y != ledger.y, "laid out, not piled on one spot");
        w.actions()->get(QStringLiteral("edit.undo"))->trigger(); // one step takes it all back
        QVERIFY(w.document()->design() == before);

        // A chart wider than the view is shown whole once pasted, not cut off at the view's edge.
        QString chain = QStringLiteral("flowchart LR\n  n1");
        for (int i = 2; i <= 40; ++i) chain += QStringLiteral(" --> n%1").arg(i);
        QApplication::clipboard()->setText(chain);
        w.actions()->get(QStringLiteral("edit.paste"))->trigger();
        QCOMPARE(w.document()->design().components().size(), before.components().size() + 40);
        QRectF pasted;
        for (QGraphicsItem* item : w.scene()->selectedItems()) pasted |= item->sceneBoundingRect();
        const QRectF shown = w.view()->mapToScene(w.view()->viewport()->rect()).boundingRect();
        QVERIFY2(shown.contains(pasted), "the whole paste is in sight");
        w.actions()->get(QStringLiteral("edit.undo"))->trigger();

        QApplication::clipboard()->setText(QStringLiteral("flowchart LR\n  a --> b\n  b ?? c\n"));
        w.actions()->get(QStringLiteral("edit.paste"))->trigger();
        QVERIFY(w.document()->design() == before);
        const QString status = w.statusBar()->currentMessage();
        QVERIFY2(status.startsWith(QStringLiteral("Cannot paste the Mermaid flowchart: line 3: expected an arrow")), qPrintable(status));
        QApplication::clipboard()->setText(QStringLiteral("just some words"));
        w.actions()->get(QStringLiteral("edit.paste"))->trigger();
        QVERIFY2(w.statusBar()->currentMessage().startsWith(QStringLiteral("Nothing to paste")), qPrintable(w.statusBar()->currentMessage()));
        w.document()->undoStack()->setClean();
    }

    void exportWritesAFlowchartThatOpensAgain()
    {
        Document doc;
        doc.reset(test::smallDesign(), QString());
        const QString path = m_dir.filePath(QStringLiteral("out.mmd"));
        QString error;
        QVERIFY2(exporter::exportMermaid(doc.design(), path, &error), qPrintable(error));
        Document opened;
        QVERIFY2(opened.load(path, &error), qPrintable(error));
        QVERIFY(opened.filePath().isEmpty()); // an import: Save never writes over the .mmd
        QCOMPARE(opened.design().components().size(), doc.design().components().size());
        QCOMPARE(opened.design().component("orders-db")->kind, std::string("database"));
    }

    void aFlowchartThatWouldNotReadBackIsRefused()
    {
        model::Design d = test::smallDesign();
        d.component("api")->label = std::string("api\0tail", 8);
        const QString path = m_dir.filePath(QStringLiteral("nul.mmd"));
        QString error;
        QVERIFY(!exporter::exportMermaid(d, path, &error));
        QVERIFY2(error.contains(QStringLiteral("'api'")) && error.contains(QStringLiteral("NUL")), qPrintable(error));
        QVERIFY(!QFile::exists(path));
        QVERIFY(exporter::mermaidText(d, &error).isEmpty());
        QVERIFY2(error.contains(QStringLiteral("'api'")), qPrintable(error));
    }

    // An architecture page with two flowcharts asks which to open, listed by their headings; the
    // one picked opens as ARCH.md#2, Untitled, offered to be saved as ARCH-2.probeboard beside it.
    void aMarkdownPageAsksWhichFlowchart()
    {
        const QString page = m_dir.filePath(QStringLiteral("ARCH.md"));
        QFile f(page);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# Shop\n\n## Reads\n\n```mermaid\nflowchart LR\n  api --> cache[(redis)]\n```\n\n## Usage\n\n"
                "```mermaid\nflowchart LR\n  q[[usage-queue]] -.-> w[usage worker]\n```\n");
        f.close();
        QStringList listed;
        auto answer = [&listed](bool accept) {
            QTimer::singleShot(50, [&listed, accept] {
                auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
                if (!dialog) return;
                listed = dialog->comboBoxItems();
                dialog->setTextValue(listed.value(1));
                accept ? dialog->accept() : dialog->reject();
            });
        };
        answer(false);
        QCOMPARE(partchooser::choose(nullptr, page), QString()); // cancelled: nothing opens
        QCOMPARE(listed, QStringList({QStringLiteral("Flowchart 1, line 5: Reads"), QStringLiteral("Flowchart 2, line 12: Usage")}));
        MainWindow w;
        w.show();
        answer(true);
        QVERIFY(w.openFile(page));
        QVERIFY(w.document()->design().component("w") && !w.document()->design().component("cache"));
        QVERIFY(w.document()->filePath().isEmpty()); // Untitled: a save never writes JSON over the page
        QCOMPARE(partchooser::saveName(page + QStringLiteral("#2")), m_dir.filePath(QStringLiteral("ARCH-2.probeboard")));
        QCOMPARE(partchooser::saveName(m_dir.filePath(QStringLiteral("p.png"))), m_dir.filePath(QStringLiteral("p.probeboard")));
        QVERIFY(!isNativeDesign(page + QStringLiteral("#2")));
        QString error;
        QVERIFY2(readDesign(page + QStringLiteral("#1"), &error), qPrintable(error)); // as Open Recent reopens it
        QVERIFY(!readDesign(m_dir.filePath(QStringLiteral("gone.md#1")), &error));
        QVERIFY2(error.contains(QStringLiteral("gone.md: the file does not exist")), qPrintable(error));
        w.document()->undoStack()->setClean();
    }

    // File → Export → Export draw.io…: the file reads back as the design, and what it cannot
    // hold is said rather than dropped quietly.
    void drawioExportSaysWhatItLeavesOut()
    {
        model::Design d = test::smallDesign();
        d.decisions.push_back({});
        d.decisions.push_back({});
        const QString path = m_dir.filePath(QStringLiteral("out.drawio"));
        QString error, note;
        QVERIFY2(exporter::exportDrawio(d, path, &error, &note), qPrintable(error));
        QCOMPARE(note, QStringLiteral("Exported out.drawio. Not in it: 2 review decisions are not carried by a draw.io file"));
        const auto back = readDesign(path, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->components().size(), d.components().size());
        QVERIFY(!isNativeDesign(path)); // opened as Untitled: a save never writes JSON over it
        note.clear();
        QVERIFY(exporter::exportDrawio(test::smallDesign(), path, &error, &note));
        QVERIFY(note.isEmpty());
    }

    // File → Export → Export Open Threat Model…: the document opens again as the design, as an
    // import (Untitled), so that a save never writes a design over it.
    void otmExportOpensAgain()
    {
        const model::Design d = test::smallDesign();
        const QString path = m_dir.filePath(QStringLiteral("out.otm"));
        QString error;
        QVERIFY2(exporter::exportOtm(d, path, &error), qPrintable(error));
        const auto back = readDesign(path, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->components().size(), d.components().size());
        QCOMPARE(back->flows().size(), d.flows().size());
        QVERIFY(!isNativeDesign(path));
    }

    // A Threat Dragon model opens by its diagrams' names, as Untitled: a save never writes a
    // design over the team's model. A design file named .json is still saved in place.
    void aThreatDragonModelOpensAndIsNeverSavedOver()
    {
        const QString model = QStringLiteral(PB_TEST_DATA "/threatdragon/shop-threatdragon.json");
        QVERIFY(!isNativeDesign(model));
        QStringList listed;
        QTimer::singleShot(50, [&listed] {
            auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
            if (!dialog) return;
            listed = dialog->comboBoxItems();
            dialog->setTextValue(listed.value(1));
            dialog->accept();
        });
        MainWindow w;
        w.show();
        QVERIFY(w.openFile(model));
        QCOMPARE(listed, QStringList({QStringLiteral("Diagram 1: Checkout"), QStringLiteral("Diagram 2: Context")}));
        QVERIFY(w.document()->design().component("shop")); // the second diagram
        QVERIFY(w.document()->filePath().isEmpty());
        QCOMPARE(partchooser::saveName(model + QStringLiteral("#2")),
                 QStringLiteral(PB_TEST_DATA "/threatdragon/shop-threatdragon-2.probeboard"));
        const QString design = m_dir.filePath(QStringLiteral("plain.json"));
        QFile f(design);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"probeboard/1\", \"title\": \"summary detail\", \"components\": []}");
        f.close();
        QVERIFY(isNativeDesign(design));
        w.document()->undoStack()->setClean();
    }

    // The same for a Threat Modeling Tool model: its diagrams by name, never "flowcharts".
    void aThreatModelingToolModelOpensByItsDiagrams()
    {
        const QString model = QStringLiteral(PB_TEST_DATA "/tmt/shop.tm7");
        QVERIFY(!isNativeDesign(model));
        QStringList listed;
        QString said;
        QTimer::singleShot(50, [&listed, &said] {
            auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
            if (!dialog) return;
            listed = dialog->comboBoxItems();
            said = dialog->labelText();
            dialog->setTextValue(listed.value(1));
            dialog->accept();
        });
        MainWindow w;
        w.show();
        QVERIFY(w.openFile(model));
        QCOMPARE(listed, QStringList({QStringLiteral("Diagram 1: Checkout"), QStringLiteral("Diagram 2: Back office")}));
        QVERIFY2(said.startsWith(QStringLiteral("shop.tm7 holds 2 diagrams.")), qPrintable(said));
        QVERIFY(w.document()->design().component("refund-worker"));
        QVERIFY(w.document()->filePath().isEmpty());
        QCOMPARE(partchooser::saveName(model + QStringLiteral("#2")), QStringLiteral(PB_TEST_DATA "/tmt/shop-2.probeboard"));
        w.document()->undoStack()->setClean();
        // An Open Threat Model document is never saved over either, named .otm or .json.
        QVERIFY(!isNativeDesign(QStringLiteral(PB_TEST_DATA "/otm/payments.otm")));
        const QString otmJson = m_dir.filePath(QStringLiteral("startleft.json"));
        QVERIFY(QFile::copy(QStringLiteral(PB_TEST_DATA "/otm/payments.otm"), otmJson));
        QVERIFY(!isNativeDesign(otmJson));
    }
};

QTEST_MAIN(TstMermaidOut)
#include "tst_mermaidout.moc"
