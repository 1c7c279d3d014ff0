#include "app/desktop/mainwindow.h"

#include "app/desktop/actionregistry.h"
#include "app/desktop/canvaskeyguard.h"
#include "app/desktop/canvasscene.h"
#include "app/desktop/canvasview.h"
#include "app/desktop/designio.h"
#include "app/desktop/loadwarnings.h"
#include "app/desktop/document.h"
#include "app/desktop/editactions.h"
#include "app/desktop/exporter.h"
#include "app/desktop/findingspanel.h"
#include "app/desktop/inspectordock.h"
#include "app/desktop/kinds.h"
#include "app/desktop/layoutrunner.h"
#include "app/desktop/modecontroller.h"
#include "app/desktop/openwindows.h"
#include "app/desktop/palettedock.h"
#include "app/desktop/recentfiles.h"
#include "app/desktop/recoverywriter.h"
#include "app/desktop/reviewcontroller.h"
#include "app/desktop/startpage.h"
#include "app/desktop/theme.h"
#include "app/desktop/tools/connecttool.h"
#include "app/desktop/tools/zonetool.h"
#include "model/version.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsItem>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QShortcut>
#include <QStatusBar>
#include <QToolBar>
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

    createActions();
    m_keyGuard = new CanvasKeyGuard(this, m_view);
    createMenus();
    createToolBar();
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
    m_zoomLabel = new QLabel(QStringLiteral("100%"));
    statusBar()->addPermanentWidget(m_zoomLabel);
    connect(m_view, &CanvasView::zoomChanged, this,
            [this](qreal z) { m_zoomLabel->setText(QStringLiteral("%1%").arg(qRound(z * 100))); });
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
    auto* w = new MainWindow;
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
    m_actions->hold({QStringLiteral("edit."), QStringLiteral("tools."), QStringLiteral("arrange."),
                     QStringLiteral("view."), QStringLiteral("file.export")});
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

bool MainWindow::openFile(const QString& path, bool asTemplate)
{
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
    const bool native = !asTemplate &&
                        !path.endsWith(QStringLiteral(".dot"), Qt::CaseInsensitive) &&
                        !path.endsWith(QStringLiteral(".gv"), Qt::CaseInsensitive);
    doc->reset(std::move(*design), native ? QFileInfo(path).absoluteFilePath() : QString());
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
    openFile(QFileDialog::getOpenFileName(this, tr("Open design"), QString(),
                                          tr("Designs (*.probeboard *.json *.dot *.gv);;All files (*)")));
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

bool MainWindow::saveAs()
{
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save design"),
        m_doc->filePath().isEmpty()
            ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) +
                  QLatin1Char('/') + tr("design.probeboard")
            : m_doc->filePath(),
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
    const QString base = m_doc->filePath().isEmpty()
                             ? tr("design")
                             : QFileInfo(m_doc->filePath()).completeBaseName();
    QString path = QFileDialog::getSaveFileName(this, tr("Export"), base + suffix, filter);
    if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty()) path += suffix;
    return path;
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
    runExport(tr("PNG images (*.png)"), QStringLiteral(".png"), [&](const QString& p, QString* e) {
        return exporter::exportPng(m_scene, p, scale, transparent, e);
    });
}

void MainWindow::exportSvg()
{
    runExport(tr("SVG images (*.svg)"), QStringLiteral(".svg"), [&](const QString& p, QString* e) {
        return exporter::exportSvg(m_scene, p, m_doc->displayName(), e);
    });
}

void MainWindow::exportDot()
{
    runExport(
        tr("Graphviz DOT (*.dot)"), QStringLiteral(".dot"),
        [&](const QString& p, QString* e) { return exporter::exportDot(m_doc->design(), p, e); });
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

void MainWindow::createActions()
{
    createFileActions();
    createEditActions();
    createToolActions();
    createViewActions();
}

void MainWindow::createFileActions()
{
    ActionRegistry* a = m_actions;
    connect(a->add(QStringLiteral("file.new"), tr("&New"), QKeySequence::New), &QAction::triggered,
            this, &MainWindow::newDesign);
    connect(a->add(QStringLiteral("file.newWindow"), tr("New &Window"),
                   QKeySequence(tr("Ctrl+Shift+N"))),
            &QAction::triggered, this, [] { createWindow()->showStartPage(); });
    connect(a->add(QStringLiteral("file.open"), tr("&Open…"), QKeySequence::Open),
            &QAction::triggered, this, &MainWindow::openDialog);
    connect(a->add(QStringLiteral("file.save"), tr("&Save"), QKeySequence::Save),
            &QAction::triggered, this, &MainWindow::save);
    connect(a->add(QStringLiteral("file.saveAs"), tr("Save &As…"), QKeySequence(tr("Ctrl+Shift+S"))),
            &QAction::triggered, this, &MainWindow::saveAs);
    connect(a->add(QStringLiteral("file.start"), tr("Start &Page")), &QAction::triggered, this,
            &MainWindow::showStartPage);
    connect(a->add(QStringLiteral("file.exportPng"), tr("Export &PNG…")), &QAction::triggered, this,
            [this] { exportPng(1.0); });
    connect(a->add(QStringLiteral("file.exportPng2x"), tr("Export PNG (&2×)…")),
            &QAction::triggered, this, [this] { exportPng(2.0); });
    a->add(QStringLiteral("file.exportTransparent"), tr("&Transparent PNG Background"))
        ->setCheckable(true);
    connect(a->add(QStringLiteral("file.exportSvg"), tr("Export &SVG…")), &QAction::triggered, this,
            &MainWindow::exportSvg);
    connect(a->add(QStringLiteral("file.exportDot"), tr("Export &DOT…")), &QAction::triggered, this,
            &MainWindow::exportDot);
    connect(a->add(QStringLiteral("file.close"), tr("&Close"), QKeySequence::Close),
            &QAction::triggered, this, &QWidget::close);
    connect(a->add(QStringLiteral("file.quit"), tr("&Quit"), QKeySequence::Quit),
            &QAction::triggered, qApp, &QApplication::closeAllWindows);
}

void MainWindow::createEditActions()
{
    ActionRegistry* a = m_actions;
    QUndoStack* stack = m_doc->undoStack();
    QAction* undo = a->add(QStringLiteral("edit.undo"), tr("&Undo"), QKeySequence::Undo);
    // Ctrl+Y as well: what draw.io and most editors take for redo, not in Qt's Linux bindings.
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    if (!redoKeys.contains(QKeySequence(Qt::CTRL | Qt::Key_Y))) redoKeys << QKeySequence(Qt::CTRL | Qt::Key_Y);
    QAction* redo = a->add(QStringLiteral("edit.redo"), tr("&Redo"), redoKeys);
    connect(undo, &QAction::triggered, m_edit, &EditActions::undo);
    connect(redo, &QAction::triggered, m_edit, &EditActions::redo);
    undo->setEnabled(false);
    redo->setEnabled(false);
    connect(stack, &QUndoStack::canUndoChanged, undo, &QAction::setEnabled);
    connect(stack, &QUndoStack::canRedoChanged, redo, &QAction::setEnabled);
    // The menu names the command ("Undo Fix: set fencing on orders-db"); the toolbar button
    // keeps its short label, or a long command name pushed the toolbar's other buttons off.
    undo->setIconText(tr("Undo"));
    redo->setIconText(tr("Redo"));
    connect(stack, &QUndoStack::undoTextChanged, undo, [undo](const QString& t) {
        undo->setText(t.isEmpty() ? tr("&Undo") : tr("&Undo %1").arg(t));
        undo->setToolTip(tr("%1 (%2)").arg(t.isEmpty() ? tr("Undo") : tr("Undo %1").arg(t),
                                           undo->shortcut().toString(QKeySequence::NativeText)));
    });
    connect(stack, &QUndoStack::redoTextChanged, redo, [redo](const QString& t) {
        redo->setText(t.isEmpty() ? tr("&Redo") : tr("&Redo %1").arg(t));
        redo->setToolTip(tr("%1 (%2)").arg(t.isEmpty() ? tr("Redo") : tr("Redo %1").arg(t),
                                           redo->shortcut().toString(QKeySequence::NativeText)));
    });
    connect(a->add(QStringLiteral("edit.cut"), tr("Cu&t"), QKeySequence::Cut), &QAction::triggered,
            m_edit, &EditActions::cut);
    connect(a->add(QStringLiteral("edit.copy"), tr("&Copy"), QKeySequence::Copy),
            &QAction::triggered, m_edit, &EditActions::copy);
    connect(a->add(QStringLiteral("edit.paste"), tr("&Paste"), QKeySequence::Paste),
            &QAction::triggered, m_edit, &EditActions::paste);
    connect(a->add(QStringLiteral("edit.duplicate"), tr("&Duplicate"), QKeySequence(tr("Ctrl+D"))),
            &QAction::triggered, m_edit, &EditActions::duplicate);
    connect(a->add(QStringLiteral("edit.delete"), tr("De&lete"),
                   {QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)}),
            &QAction::triggered, m_edit, &EditActions::deleteSelection);
    connect(a->add(QStringLiteral("edit.selectAll"), tr("Select &All"), QKeySequence::SelectAll),
            &QAction::triggered, m_edit, &EditActions::selectAll);
    connect(a->add(QStringLiteral("edit.rename"), tr("&Rename"), QKeySequence(Qt::Key_F2)),
            &QAction::triggered, m_edit, &EditActions::rename);
    connect(a->add(QStringLiteral("edit.find"), tr("&Find…"), QKeySequence::Find),
            &QAction::triggered, this, [this] {
                showCanvas();
                m_edit->beginFind();
                m_findEdit->setFocus();
                m_findEdit->selectAll();
            });
}

void MainWindow::createToolActions()
{
    ActionRegistry* a = m_actions;
    // The scene's own shortcuts (Delete, Ctrl+A…) must not fire while a label or an inspector
    // field is being edited; QLineEdit takes those keys first, the in-place editor checks itself.
    auto tool = [this](const QString& id, const QString& text, const QKeySequence& key) {
        QAction* act = m_actions->add(id, text, key);
        act->setCheckable(true);
        return act;
    };
    connect(tool(QStringLiteral("tools.select"), tr("&Select"), QKeySequence(Qt::Key_V)),
            &QAction::triggered, this, [this] { m_scene->resetTool(); });
    connect(tool(QStringLiteral("tools.connect"), tr("&Connect"), QKeySequence(Qt::Key_C)),
            &QAction::triggered, this,
            [this] { m_scene->setTool(std::make_unique<ConnectTool>(m_scene)); });
    connect(a->add(QStringLiteral("edit.connectSelected"), tr("Co&nnect Selected"), QKeySequence(tr("Ctrl+Shift+C"))),
            &QAction::triggered, m_edit, &EditActions::connectSelected);
    connect(a->add(QStringLiteral("tools.region"), tr("&Region"), QKeySequence(Qt::Key_R)),
            &QAction::triggered, this, [this] { activateKind(QStringLiteral("region")); });
    connect(a->add(QStringLiteral("tools.az"), tr("&Availability Zone")), &QAction::triggered, this,
            [this] { activateKind(QStringLiteral("az")); });
    connect(a->add(QStringLiteral("tools.trust"), tr("&Trust Boundary"), QKeySequence(Qt::Key_T)),
            &QAction::triggered, this, [this] { activateKind(QStringLiteral("trust_boundary")); });
    connect(a->add(QStringLiteral("arrange.straight"), tr("&Straight Flows")), &QAction::triggered,
            this, [this] { m_edit->setRouting(false); });
    connect(a->add(QStringLiteral("arrange.orthogonal"), tr("&Orthogonal Flows")),
            &QAction::triggered, this, [this] { m_edit->setRouting(true); });
    connect(a->add(QStringLiteral("arrange.layout"), tr("Auto-&layout")), &QAction::triggered, this,
            [this] { m_layout->run(QString()); }); // dot, or sfdp above 2,000 components
    connect(a->add(QStringLiteral("arrange.layoutDot"), tr("Auto-layout (&dot)"),
                   QKeySequence(tr("Ctrl+L"))),
            &QAction::triggered, this, [this] { m_layout->run(QStringLiteral("dot")); });
    connect(a->add(QStringLiteral("arrange.layoutSfdp"), tr("Auto-layout (s&fdp, large designs)")),
            &QAction::triggered, this, [this] { m_layout->run(QStringLiteral("sfdp")); });
}

void MainWindow::createViewActions()
{
    ActionRegistry* a = m_actions;
    connect(a->add(QStringLiteral("view.zoomIn"), tr("Zoom &In"),
                   {QKeySequence::ZoomIn, QKeySequence(tr("Ctrl+="))}),
            &QAction::triggered, m_view, &CanvasView::zoomIn);
    connect(a->add(QStringLiteral("view.zoomOut"), tr("Zoom &Out"), QKeySequence::ZoomOut),
            &QAction::triggered, m_view, &CanvasView::zoomOut);
    connect(
        a->add(QStringLiteral("view.zoomReset"), tr("&Actual Size"), QKeySequence(tr("Ctrl+0"))),
        &QAction::triggered, m_view, &CanvasView::resetZoom);
    connect(a->add(QStringLiteral("view.zoomFit"), tr("Zoom to &Fit"), QKeySequence(tr("Ctrl+1"))),
            &QAction::triggered, m_view, &CanvasView::zoomToFit);
    connect(a->add(QStringLiteral("view.zoomSelection"), tr("Zoom to &Selection"),
                   QKeySequence(tr("Ctrl+2"))),
            &QAction::triggered, m_view, &CanvasView::zoomToSelection);
    QAction* grid =
        a->add(QStringLiteral("view.grid"), tr("Show &Grid"), QKeySequence(tr("Ctrl+'")));
    grid->setCheckable(true);
    grid->setChecked(true);
    connect(grid, &QAction::toggled, m_view, &CanvasView::setGridVisible);
    QAction* snap = a->add(QStringLiteral("view.snap"), tr("S&nap to Grid"));
    snap->setCheckable(true);
    snap->setChecked(true);
    connect(snap, &QAction::toggled, this, [this](bool on) { m_scene->setSnapEnabled(on); });
    auto* themes = new QActionGroup(this);
    const std::pair<const char*, Theme::Mode> modes[] = {{"view.themeSystem", Theme::Mode::System},
                                                         {"view.themeLight", Theme::Mode::Light},
                                                         {"view.themeDark", Theme::Mode::Dark}};
    const QString names[] = {tr("Follow &System"), tr("&Light"), tr("&Dark")};
    for (int i = 0; i < 3; ++i) {
        QAction* t = a->add(QLatin1String(modes[i].first), names[i]);
        t->setCheckable(true);
        t->setChecked(Theme::instance().mode() == modes[i].second);
        themes->addAction(t);
        connect(t, &QAction::triggered, this,
                [mode = modes[i].second] { Theme::instance().setMode(mode); });
    }
    connect(a->add(QStringLiteral("help.about"), tr("&About Probeboard")), &QAction::triggered,
            this, [this] {
                QMessageBox::about(
                    this, tr("About Probeboard"),
                    tr("<h3>Probeboard %1</h3><p>A whiteboard for system-design reviews: draw "
                       "the architecture, get asked the follow-up questions.</p>")
                        .arg(QString::fromUtf8(pb::kVersion)));
            });
    connect(&Theme::instance(), &Theme::changed, m_view, &CanvasView::applyTheme);
}

void MainWindow::createMenus()
{
    auto add = [this](QMenu* menu, std::initializer_list<const char*> ids) {
        for (const char* id : ids) {
            if (QLatin1String(id) == QLatin1String("-"))
                menu->addSeparator();
            else
                menu->addAction(m_actions->get(QLatin1String(id)));
        }
    };
    QMenu* file = menuBar()->addMenu(tr("&File"));
    add(file, {"file.new", "file.newWindow", "file.open"});
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(&recent::notifier(), &recent::Notifier::changed, this, &MainWindow::updateRecentMenu);
    add(file, {"file.start", "-", "file.save", "file.saveAs", "-"});
    QMenu* exp = file->addMenu(tr("&Export"));
    add(exp, {"file.exportPng", "file.exportPng2x", "file.exportTransparent", "-", "file.exportSvg",
              "file.exportDot"});
    add(file, {"-", "file.close", "file.quit"});
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    add(edit, {"edit.undo", "edit.redo", "-", "edit.cut", "edit.copy", "edit.paste",
               "edit.duplicate", "edit.delete", "-", "edit.selectAll", "edit.rename", "edit.find", "edit.connectSelected"});
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    add(m_viewMenu, {"view.zoomIn", "view.zoomOut", "view.zoomReset", "view.zoomFit",
                     "view.zoomSelection", "-", "view.grid", "view.snap", "-"});
    QMenu* theme = m_viewMenu->addMenu(tr("&Theme"));
    add(theme, {"view.themeSystem", "view.themeLight", "view.themeDark"});
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_palette->toggleViewAction());
    m_viewMenu->addAction(m_inspector->toggleViewAction());
    m_viewMenu->addAction(m_history->toggleViewAction());
    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    add(tools, {"tools.select", "tools.connect", "-", "tools.region", "tools.az", "tools.trust"});
    QMenu* arrange = menuBar()->addMenu(tr("&Arrange"));
    add(arrange, {"arrange.straight", "arrange.orthogonal", "-", "arrange.layout",
                  "arrange.layoutDot", "arrange.layoutSfdp"});
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    add(help, {"help.about"});
    updateRecentMenu();
}

void MainWindow::createToolBar()
{
    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    for (const char* id :
         {"file.new", "file.open", "file.save", "-", "edit.undo", "edit.redo", "-", "tools.select",
          "tools.connect", "tools.region", "tools.trust", "-", "view.zoomFit", "arrange.layout"}) {
        if (QLatin1String(id) == QLatin1String("-"))
            bar->addSeparator();
        else
            bar->addAction(m_actions->get(QLatin1String(id)));
    }
    // Undo/redo show their full text in the menu; the toolbar keeps short names.
    for (const char* id : {"edit.undo", "edit.redo"})
        if (QWidget* w = bar->widgetForAction(m_actions->get(QLatin1String(id))))
            w->setMaximumWidth(220);
    auto* spacer = new QWidget;
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    m_findEdit = new QLineEdit;
    m_findEdit->setPlaceholderText(tr("Find (Ctrl+F)"));
    m_findEdit->setAccessibleName(tr("Find a component, zone or flow"));
    m_findEdit->setClearButtonEnabled(true);
    m_findEdit->setMaximumWidth(240);
    bar->addWidget(m_findEdit);
    m_keyGuard->setFindField(m_findEdit);
    connect(m_findEdit, &QLineEdit::textChanged, m_edit, &EditActions::find);
    connect(m_findEdit, &QLineEdit::returnPressed, m_edit, &EditActions::findNext);
    auto* addMatch = new QShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Return), m_findEdit, nullptr, nullptr, Qt::WidgetShortcut);
    connect(addMatch, &QShortcut::activated, m_edit, &EditActions::addNextMatch);
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
