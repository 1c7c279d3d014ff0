#include "app/desktop/mainwindow.h"

#include "app/desktop/actionregistry.h"
#include "app/desktop/canvaskeyguard.h"
#include "app/desktop/clipboard.h"
#include "app/desktop/canvasscene.h"
#include "app/desktop/canvasview.h"
#include "app/desktop/designio.h"
#include "app/desktop/dialogplaces.h"
#include "app/desktop/loadwarnings.h"
#include "app/desktop/document.h"
#include "app/desktop/editactions.h"
#include "app/desktop/exporter.h"
#include "app/desktop/findingspanel.h"
#include "app/desktop/partchooser.h"
#include "app/desktop/inspectordock.h"
#include "app/desktop/kinds.h"
#include "app/desktop/layoutrunner.h"
#include "app/desktop/modecontroller.h"
#include "app/desktop/openwindows.h"
#include "app/desktop/palettedock.h"
#include "app/desktop/preferences.h"
#include "app/desktop/recentfiles.h"
#include "app/desktop/recoveryindicator.h"
#include "app/desktop/recoverywriter.h"
#include "app/desktop/reviewcontroller.h"
#include "app/desktop/startpage.h"
#include "app/desktop/taborder.h"
#include "app/desktop/theme.h"
#include "app/desktop/tools/connecttool.h"
#include "app/desktop/tools/zonetool.h"
#include "app/desktop/windowactions.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsItem>
#include <QGuiApplication>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QStackedWidget>
#include <QStatusBar>
#include <QUndoStack>
#include <QUndoView>

namespace pb::app {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_doc(new Document(this))
    , m_scene(new CanvasScene(m_doc, this))
    , m_view(new CanvasView(m_scene))
    , m_stack(new QStackedWidget)
    , m_start(new StartPage)
    , m_palette(new PaletteDock(this))
    , m_inspector(new InspectorDock(m_doc, m_scene, this))
    , m_history(new QDockWidget(tr("History"), this))
    , m_actions(new ActionRegistry(this))
    , m_edit(new EditActions(m_doc, m_scene, m_view, this))
    , m_layout(new LayoutRunner(m_doc, this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setAcceptDrops(true);
    setWindowIcon(QIcon(QStringLiteral(":/icons/probeboard.svg")));
    m_stack->addWidget(m_start);
    m_stack->addWidget(m_view);
    setCentralWidget(m_stack);
    addDockWidget(Qt::LeftDockWidgetArea, m_palette);
    addDockWidget(Qt::RightDockWidgetArea, m_inspector);
    m_history->setObjectName(QStringLiteral("historyDock"));
    m_history->setWidget(new QUndoView(m_doc->undoStack()));
    addDockWidget(Qt::RightDockWidgetArea, m_history);
    m_history->hide();
    resizeDocks({m_palette, m_inspector}, {200, 300}, Qt::Horizontal);

    WindowActions::createActions(this);
    m_keyGuard = new CanvasKeyGuard(this, m_view);
    WindowActions::createMenus(this);
    WindowActions::createToolBar(this);
    connectDocument();
    m_countLabel = new QLabel;
    statusBar()->addPermanentWidget(m_countLabel);
    auto updateCounts = [this] {
        const model::Design& d = m_doc->design();
        const auto n = [](std::size_t count, const QString& one, const QString& many) {
            return count == 1 ? one : many.arg(count);
        };
        m_countLabel->setText(n(d.components().size(), tr("1 component"), tr("%1 components")) +
                              QStringLiteral(" · ") + n(d.flows().size(), tr("1 flow"), tr("%1 flows")) +
                              QStringLiteral(" · ") + n(d.zones().size(), tr("1 zone"), tr("%1 zones")));
    };
    connect(m_doc, &Document::changed, this, updateCounts);
    connect(m_doc, &Document::modelReset, this, updateCounts);
    // Live review (issue 5): findings dock, canvas badges and counts in the status bar.
    m_review = new ReviewController(m_doc, this);
    m_findings = new FindingsPanel(m_review, m_scene, m_view, this);
    addReviewDock(m_findings, Qt::RightDockWidgetArea);
    statusBar()->addPermanentWidget(m_findings->countsLabel());
    new ModeController(this); // Draw / Practice / Interview / Review (owns its panels)
    TabOrder::install(this); // Tab through the drawing, F6 through the panels
    m_zoomLabel = new QLabel(QStringLiteral("100%"));
    statusBar()->addPermanentWidget(m_zoomLabel);
    connect(m_view, &CanvasView::zoomChanged, this,
            [this](qreal z) { m_zoomLabel->setText(QStringLiteral("%1%").arg(qRound(z * 100))); });
    new RecoveryIndicator(m_doc->recovery(), statusBar());
    connect(m_scene, &CanvasScene::statusMessage, this,
            [this](const QString& m) { statusBar()->showMessage(m, 6000); });
    connect(m_scene, &CanvasScene::fileDropped, this, [this](const QString& p) { openFile(p); });
    connect(m_scene, &CanvasScene::toolChanged, this, &MainWindow::setToolByName);
    connect(m_palette, &PaletteDock::kindActivated, this, &MainWindow::activateKind);
    connect(m_start, &StartPage::newRequested, this, &MainWindow::newDesign);
    connect(m_start, &StartPage::openDialogRequested, this, &MainWindow::openDialog);
    connect(m_start, &StartPage::openRequested, this, &MainWindow::openFile);
    connect(m_start, &StartPage::backRequested, this, &MainWindow::showCanvas);
    connect(m_layout, &LayoutRunner::finished, this, [this](bool ok, const QString& m) {
        statusBar()->showMessage(m, 8000);
        if (ok) m_view->zoomToFit();
    });
    showStartPage();
    updateTitle();
    resize(1400, 900);
}

MainWindow::~MainWindow()
{
    // The document is a child and goes after this destructor; its undo stack signals while it is
    // torn down, and must not reach slots of a MainWindow that no longer exists (UBSan).
    m_doc->undoStack()->disconnect(this);
    m_doc->disconnect(this);
}

MainWindow* MainWindow::createWindow()
{
    bool first = true;
    for (QWidget* top : QApplication::topLevelWidgets())
        first = first && !(qobject_cast<MainWindow*>(top) && top->isVisible());
    auto* w = new MainWindow;
    if (first) preferences::restoreWindow(*w);
    w->show();
    return w;
}

void MainWindow::addReviewDock(QDockWidget* dock, Qt::DockWidgetArea area)
{
    addDockWidget(area, dock);
    if (m_viewMenu) m_viewMenu->addAction(dock->toggleViewAction());
}

void MainWindow::connectDocument()
{
    connect(m_doc, &Document::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_doc, &Document::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_doc->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
}

void MainWindow::updateTitle()
{
    setWindowTitle(QStringLiteral("%1[*] — Probeboard").arg(m_doc->displayName()));
    setWindowModified(m_doc->isModified());
    setWindowFilePath(m_doc->filePath());
}

void MainWindow::showCanvas()
{
    m_actions->release();
    // The document may have been replaced while they were held: undo follows the one shown.
    m_actions->get(QStringLiteral("edit.undo"))->setEnabled(m_doc->undoStack()->canUndo());
    m_actions->get(QStringLiteral("edit.redo"))->setEnabled(m_doc->undoStack()->canRedo());
    m_stack->setCurrentWidget(m_view);
    m_palette->show();
    m_inspector->show();
    if (m_findings) m_findings->show();
    m_view->setFocus();
}

bool MainWindow::holdsWork() const
{
    return m_doc->isModified() || !m_doc->filePath().isEmpty() || !m_doc->design().components().empty() ||
           !m_doc->design().zones().empty();
}

void MainWindow::showStartPage()
{
    m_start->refresh();
    m_start->setBackTo(holdsWork() ? m_doc->displayName() : QString());
    m_palette->hide();
    m_inspector->hide();
    if (m_findings) m_findings->hide();
    // The scheme stays choosable here: it is not about the canvas, and the start page is where a
    // first launch lands.
    m_actions->hold({QStringLiteral("edit."), QStringLiteral("tools."), QStringLiteral("arrange."),
                     QStringLiteral("view.zoom"), QStringLiteral("view.grid"), QStringLiteral("view.snap"),
                     QStringLiteral("view.guides"),
                     QStringLiteral("file.export")});
    m_stack->setCurrentWidget(m_start);
}

void MainWindow::activateKind(const QString& kind)
{
    showCanvas();
    if (zoneKinds().contains(kind))
        m_scene->setTool(std::make_unique<ZoneTool>(m_scene, kind.toStdString()));
    else
        m_scene->setTool(std::make_unique<InsertComponentTool>(m_scene, kind.toStdString()));
    statusBar()->showMessage(placingHint(zoneKinds().contains(kind)), 6000);
    m_view->setFocus(Qt::OtherFocusReason); // so that Enter places it without the mouse
}

QString MainWindow::placingHint(bool zone) const
{
    return zone ? tr("Drag on the canvas to draw the zone, or press Enter for one in the middle (Esc cancels).")
                : tr("Click on the canvas to place it, or press Enter to place it in the middle (Esc cancels).");
}

void MainWindow::setToolByName(const QString& name)
{
    if (name == QLatin1String("select")) {
        m_palette->tree()->clearSelection();
        // The placing hint is done with once the tool is; other messages stay their time.
        const QString shown = statusBar()->currentMessage();
        if (shown == placingHint(true) || shown == placingHint(false)) statusBar()->clearMessage();
    }
    m_actions->get(QStringLiteral("tools.select"))->setChecked(name == QLatin1String("select"));
    m_actions->get(QStringLiteral("tools.connect"))->setChecked(name == QLatin1String("connect"));
    m_view->viewport()->setCursor(m_scene->tool()->cursor());
}

void MainWindow::newDesign()
{
    // Whatever page shows: from the Start Page over a modified design, reusing this window threw
    // the unsaved work away (and its recovery copy with it).
    if (holdsWork()) {
        createWindow()->newDesign();
        return;
    }
    m_doc->reset(model::Design{}, QString());
    showCanvas();
    m_view->resetZoom();
    m_view->centerOn(QPointF(400, 300));
}

bool MainWindow::openFile(const QString& file, bool asTemplate)
{
    // A Markdown page with several flowcharts: the one the user picks ("doc.md#2").
    const QString path = file.isEmpty() ? file : partchooser::choose(this, file);
    if (path.isEmpty()) return false;
    if (!asTemplate && openwindows::raise(path)) return true; // a second window on it saved over the first
    // A window that already holds a design opens others in a new window (as draw.io does),
    // so "open" never replaces work, even from the Start Page shown over it.
    const bool busy = holdsWork();
    QString error;
    bool placed = false;
    QStringList warnings;
    auto design = readDesign(path, &error, &placed, &warnings);
    if (!design) {
        QMessageBox box(QMessageBox::Warning, tr("Cannot open %1").arg(QFileInfo(path).fileName()),
                        tr("Probeboard could not open “%1”.").arg(path), QMessageBox::Ok, this);
        box.setInformativeText(error);
        box.exec();
        return false;
    }
    MainWindow* target = busy ? createWindow() : this;
    Document* doc = target->m_doc;
    const bool native = !asTemplate && isNativeDesign(path);
    doc->reset(std::move(*design), native ? QFileInfo(path).absoluteFilePath() : QString());
    if (!native && !asTemplate) doc->setImportedFrom(QFileInfo(path).absoluteFilePath());
    if ((!native || placed) && !asTemplate) doc->markModified();
    if (!asTemplate) recent::add(path);
    target->updateRecentMenu();
    target->showCanvas();
    target->m_view->fitWhenShown();
    showLoadWarnings(target, path, warnings);
    return true;
}

bool MainWindow::restoreRecovery(const QString& recoveryPath, const QString& originalPath)
{
    QString error;
    auto design = readDesign(recoveryPath, &error);
    if (!design) return false;
    m_doc->reset(std::move(*design), originalPath);
    m_doc->markModified();
    showCanvas();
    m_view->fitWhenShown();
    statusBar()->showMessage(tr("Restored unsaved work. Save it to keep it."), 10000);
    return true;
}

void MainWindow::openDialog()
{
    openFile(QFileDialog::getOpenFileName(this, tr("Open design"), dialogplaces::openFolder(m_doc->filePath()),
                                          openDesignFilter()));
}

bool MainWindow::save()
{
    if (m_doc->filePath().isEmpty()) return saveAs();
    QString error;
    if (!m_doc->save(m_doc->filePath(), &error)) {
        QMessageBox::warning(this, tr("Save failed"), error);
        return false;
    }
    recent::add(m_doc->filePath());
    updateRecentMenu();
    statusBar()->showMessage(tr("Saved %1").arg(m_doc->filePath()), 4000);
    return true;
}

QString MainWindow::saveSuggestion() const
{
    // An import is saved beside what it came from, under its name: payments.png → payments.probeboard.
    if (!m_doc->importedFrom().isEmpty()) return partchooser::saveName(m_doc->importedFrom());
    return dialogplaces::besideDesign(QString(), tr("design.probeboard"));
}

bool MainWindow::saveAs()
{
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save design"),
        m_doc->filePath().isEmpty() ? saveSuggestion() : m_doc->filePath(),
        tr("Probeboard designs (*.probeboard)"));
    if (path.isEmpty()) return false;
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".probeboard");
    QString error;
    if (!m_doc->save(path, &error)) {
        QMessageBox::warning(this, tr("Save failed"), error);
        return false;
    }
    recent::add(path);
    updateRecentMenu();
    return true;
}

QString MainWindow::exportPath(const QString& filter, const QString& suffix)
{
    QString path = QFileDialog::getSaveFileName(this, tr("Export"), exportSuggestion(suffix), filter);
    if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty()) path += suffix;
    return path;
}

QString MainWindow::exportSuggestion(const QString& suffix) const
{
    // Beside the file, as draw.io offers it.
    const QString base = m_doc->filePath().isEmpty() ? tr("design") : QFileInfo(m_doc->filePath()).completeBaseName();
    return dialogplaces::besideDesign(m_doc->filePath(), base + suffix);
}

void MainWindow::runExport(const QString& filter, const QString& suffix,
                           const std::function<bool(const QString&, QString*)>& write)
{
    const QString path = exportPath(filter, suffix);
    if (path.isEmpty()) return;
    QString error;
    if (!write(path, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
    else
        statusBar()->showMessage(tr("Exported %1").arg(path), 4000);
}

void MainWindow::exportPng(qreal scale)
{
    const bool transparent = m_actions->get(QStringLiteral("file.exportTransparent"))->isChecked();
    QString note;
    runExport(tr("PNG images (*.png)"), QStringLiteral(".png"), [&](const QString& p, QString* e) {
        return exporter::exportPng(m_scene, p, scale, transparent, e, preferences::includeDesignInPictures(), &note);
    });
    if (!note.isEmpty()) statusBar()->showMessage(note, 10000);
}

void MainWindow::exportSvg()
{
    runExport(tr("SVG images (*.svg)"), QStringLiteral(".svg"), [&](const QString& p, QString* e) {
        return exporter::exportSvg(m_scene, p, m_doc->displayName(), e, preferences::includeDesignInPictures());
    });
}

void MainWindow::exportPdf()
{
    runExport(tr("PDF documents (*.pdf)"), QStringLiteral(".pdf"), [&](const QString& p, QString* e) {
        return exporter::exportPdf(m_scene, p, m_doc->displayName(), e, preferences::includeDesignInPictures());
    });
}

void MainWindow::exportDot()
{
    runExport(
        tr("Graphviz DOT (*.dot)"), QStringLiteral(".dot"),
        [&](const QString& p, QString* e) { return exporter::exportDot(m_doc->design(), p, e); });
}

void MainWindow::exportMermaid()
{
    runExport(
        tr("Mermaid flowcharts (*.mmd)"), QStringLiteral(".mmd"),
        [&](const QString& p, QString* e) { return exporter::exportMermaid(m_doc->design(), p, e); });
}

void MainWindow::exportOtm()
{
    runExport(
        tr("Open Threat Model documents (*.otm)"), QStringLiteral(".otm"),
        [&](const QString& p, QString* e) { return exporter::exportOtm(m_doc->design(), p, e); });
}

void MainWindow::exportThreagile()
{
    runExport(
        tr("Threagile models (*.yaml)"), QStringLiteral(".yaml"),
        [&](const QString& p, QString* e) { return exporter::exportThreagile(m_doc->design(), p, e); });
}

void MainWindow::exportDrawio()
{
    QString note;
    runExport(tr("draw.io diagrams (*.drawio)"), QStringLiteral(".drawio"), [&](const QString& p, QString* e) {
        return exporter::exportDrawio(m_doc->design(), p, e, &note);
    });
    if (!note.isEmpty()) statusBar()->showMessage(note, 10000);
}

void MainWindow::copyMermaid()
{
    // For a pull request, an issue or a wiki page, where GitHub and GitLab draw it: what is
    // selected (with the flows between it and what its zones hold), else the whole design.
    const QStringList selected = m_scene->selectedIds();
    model::Design part;
    if (!selected.isEmpty()) {
        const auto fragment = clipboard::collect(m_doc->design(), selected);
        part.title = m_doc->design().title;
        for (const auto& c : fragment.components) part.addComponent(c);
        for (const auto& z : fragment.zones) part.addZone(z);
        for (const auto& f : fragment.flows) part.addFlow(f);
    }
    QString error;
    const QString text = exporter::mermaidText(selected.isEmpty() ? m_doc->design() : part, &error);
    if (text.isEmpty()) {
        QMessageBox::warning(this, tr("Copy as Mermaid"), error);
        return;
    }
    QGuiApplication::clipboard()->setText(text);
    statusBar()->showMessage(selected.isEmpty()
                                 ? tr("Copied the design as a Mermaid flowchart: paste it into a ```mermaid block")
                                 : tr("Copied the selection as a Mermaid flowchart: paste it into a ```mermaid block"),
                             6000);
}

bool MainWindow::maybeSave()
{
    if (!m_doc->isModified()) return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"),
        tr("“%1” has changes that are not saved. Save them before closing?")
            .arg(m_doc->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save) return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::closeEvent(QCloseEvent* e)
{
    if (!maybeSave()) {
        e->ignore();
        return;
    }
    m_doc->recovery()->removeAll(); // the interview session's copy too: its close box has been answered
    preferences::rememberWindow(*this);
    e->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e)
{
    if (e->mimeData()->hasUrls()) e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e)
{
    for (const QUrl& url : e->mimeData()->urls())
        if (url.isLocalFile()) {
            openFile(url.toLocalFile());
            break;
        }
}

void MainWindow::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::PaletteChange || e->type() == QEvent::ApplicationPaletteChange ||
        e->type() == QEvent::ThemeChange)
        Theme::instance().refresh();
    QMainWindow::changeEvent(e);
}

void MainWindow::updateRecentMenu()
{
    if (!m_recentMenu) return;
    m_recentMenu->clear();
    const QStringList files = recent::files();
    for (const QString& f : files)
        m_recentMenu->addAction(QFileInfo(f).fileName(), this, [this, f] { openFile(f); })
            ->setToolTip(f);
    m_recentMenu->setEnabled(!files.isEmpty());
}

} // namespace pb::app
