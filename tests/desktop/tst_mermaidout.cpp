// The whiteboard's Mermaid way out: Edit → Copy as Mermaid puts a flowchart on the clipboard for a
// pull request or a wiki page, File → Export → Mermaid writes one, and both read back as the
// drawing's graph; a design whose flowchart would not read back is refused, naming the element.
#include "app/desktop/actionregistry.h"
#include "app/desktop/designio.h"
#include "app/desktop/document.h"
#include "app/desktop/exporter.h"
#include "app/desktop/mainwindow.h"
#include "model/mermaidimport.h"
#include "testdesigns.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

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
};

QTEST_MAIN(TstMermaidOut)
#include "tst_mermaidout.moc"
