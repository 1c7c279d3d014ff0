#include "app/desktop/windowactions.h"

#include "app/desktop/actionregistry.h"
#include "app/desktop/arrangeactions.h"
#include "app/desktop/canvaskeyguard.h"
#include "app/desktop/canvasscene.h"
#include "app/desktop/canvasview.h"
#include "app/desktop/document.h"
#include "app/desktop/editactions.h"
#include "app/desktop/inspectordock.h"
#include "app/desktop/layoutrunner.h"
#include "app/desktop/mainwindow.h"
#include "app/desktop/overviewmap.h"
#include "app/desktop/palettedock.h"
#include "app/desktop/preferences.h"
#include "app/desktop/recentfiles.h"
#include "app/desktop/shortcutsdialog.h"
#include "app/desktop/theme.h"
#include "app/desktop/tools/connecttool.h"
#include "app/desktop/whydisabled.h"
#include "model/version.h"

#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QShortcut>
#include <QToolBar>
#include <QUndoStack>

namespace pb::app {

namespace {
// A choice kept between launches (QSettings): ticked from it, saved when toggled, and shown
// ticked in every open window, not only the one it was made in.
QAction* keptChoice(ActionRegistry* a, const QString& id, const QString& text, const QString& tip, bool on,
                    void (*save)(bool))
{
    QAction* action = a->add(id, text);
    action->setCheckable(true);
    action->setChecked(on);
    action->setStatusTip(tip);
    QObject::connect(action, &QAction::toggled, action, [id, save](bool now) {
        save(now);
        for (QWidget* top : QApplication::topLevelWidgets())
            if (auto* other = qobject_cast<MainWindow*>(top))
                if (QAction* same = other->actions()->get(id); same && same->isChecked() != now) same->setChecked(now);
    });
    return action;
}
} // namespace

void WindowActions::createActions(MainWindow* w)
{
    createFileActions(w);
    createEditActions(w);
    createToolActions(w);
    createViewActions(w);
}

void WindowActions::createFileActions(MainWindow* w)
{
    ActionRegistry* a = w->m_actions;
    QObject::connect(a->add(QStringLiteral("file.new"), tr("&New"), QKeySequence::New), &QAction::triggered,
            w, &MainWindow::newDesign);
    QObject::connect(a->add(QStringLiteral("file.newWindow"), tr("New &Window"),
                   QKeySequence(tr("Ctrl+Shift+N"))),
            &QAction::triggered, w, [] { MainWindow::createWindow()->showStartPage(); });
    QObject::connect(a->add(QStringLiteral("file.open"), tr("&Open…"), QKeySequence::Open),
            &QAction::triggered, w, &MainWindow::openDialog);
    QObject::connect(a->add(QStringLiteral("file.save"), tr("&Save"), QKeySequence::Save),
            &QAction::triggered, w, &MainWindow::save);
    QObject::connect(a->add(QStringLiteral("file.saveAs"), tr("Save &As…"), QKeySequence(tr("Ctrl+Shift+S"))),
            &QAction::triggered, w, &MainWindow::saveAs);
    QObject::connect(a->add(QStringLiteral("file.start"), tr("Start &Page")), &QAction::triggered, w,
            &MainWindow::showStartPage);
    QObject::connect(a->add(QStringLiteral("file.exportPng"), tr("Export &PNG…")), &QAction::triggered, w,
            [w] { w->exportPng(1.0); });
    QObject::connect(a->add(QStringLiteral("file.exportPng2x"), tr("Export PNG (&2×)…")),
            &QAction::triggered, w, [w] { w->exportPng(2.0); });
    a->add(QStringLiteral("file.exportTransparent"), tr("&Transparent PNG Background"))
        ->setCheckable(true);
    keptChoice(a, QStringLiteral("file.exportLightPaper"), tr("Export on &Light Paper"),
               tr("Pictures and PDFs use the light scheme's colours even while the window is dark"),
               preferences::exportOnLightPaper(), &preferences::setExportOnLightPaper);
    keptChoice(a, QStringLiteral("file.exportEmbed"), tr("&Include the Design in Pictures"),
               tr("Exported PNG, SVG and PDF files carry the design, so that they open again as the drawing"),
               preferences::includeDesignInPictures(), &preferences::setIncludeDesignInPictures);
    QObject::connect(a->add(QStringLiteral("file.exportSvg"), tr("Export &SVG…")), &QAction::triggered, w,
            &MainWindow::exportSvg);
    QObject::connect(a->add(QStringLiteral("file.exportPdf"), tr("Export PD&F…")), &QAction::triggered, w,
            &MainWindow::exportPdf);
    QObject::connect(a->add(QStringLiteral("file.exportDot"), tr("Export &DOT…")), &QAction::triggered, w,
            &MainWindow::exportDot);
    QObject::connect(a->add(QStringLiteral("file.exportMermaid"), tr("Export &Mermaid…")), &QAction::triggered, w,
            &MainWindow::exportMermaid);
    QObject::connect(a->add(QStringLiteral("file.exportDrawio"), tr("Export d&raw.io…")), &QAction::triggered, w,
            &MainWindow::exportDrawio);
    QObject::connect(a->add(QStringLiteral("file.exportOtm"), tr("Export Open &Threat Model…")), &QAction::triggered,
                     w, &MainWindow::exportOtm);
    QObject::connect(a->add(QStringLiteral("file.exportThreagile"), tr("Export Threa&gile Model…")), &QAction::triggered,
                     w, &MainWindow::exportThreagile);
    QObject::connect(a->add(QStringLiteral("edit.copyMermaid"), tr("Copy as Mer&maid")), &QAction::triggered, w,
            &MainWindow::copyMermaid);
    QObject::connect(a->add(QStringLiteral("file.close"), tr("&Close"), QKeySequence::Close),
            &QAction::triggered, w, &QWidget::close);
    QObject::connect(a->add(QStringLiteral("file.quit"), tr("&Quit"), QKeySequence::Quit),
            &QAction::triggered, qApp, &QApplication::closeAllWindows);
}

void WindowActions::createEditActions(MainWindow* w)
{
    ActionRegistry* a = w->m_actions;
    QUndoStack* stack = w->m_doc->undoStack();
    QAction* undo = a->add(QStringLiteral("edit.undo"), tr("&Undo"), QKeySequence::Undo);
    // Ctrl+Y as well: what draw.io and most editors take for redo, not in Qt's Linux bindings.
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    if (!redoKeys.contains(QKeySequence(Qt::CTRL | Qt::Key_Y))) redoKeys << QKeySequence(Qt::CTRL | Qt::Key_Y);
    QAction* redo = a->add(QStringLiteral("edit.redo"), tr("&Redo"), redoKeys);
    QObject::connect(undo, &QAction::triggered, w->m_edit, &EditActions::undo);
    QObject::connect(redo, &QAction::triggered, w->m_edit, &EditActions::redo);
    undo->setEnabled(false);
    redo->setEnabled(false);
    QObject::connect(stack, &QUndoStack::canUndoChanged, undo, &QAction::setEnabled);
    QObject::connect(stack, &QUndoStack::canRedoChanged, redo, &QAction::setEnabled);
    // The menu names the command ("Undo Fix: set fencing on orders-db"); the toolbar button
    // keeps its short label, or a long command name pushed the toolbar's other buttons off.
    undo->setIconText(tr("Undo"));
    redo->setIconText(tr("Redo"));
    QObject::connect(stack, &QUndoStack::undoTextChanged, undo, [undo](const QString& t) {
        undo->setText(t.isEmpty() ? tr("&Undo") : tr("&Undo %1").arg(t));
        undo->setToolTip(tr("%1 (%2)").arg(t.isEmpty() ? tr("Undo") : tr("Undo %1").arg(t),
                                           undo->shortcut().toString(QKeySequence::NativeText)));
    });
    QObject::connect(stack, &QUndoStack::redoTextChanged, redo, [redo](const QString& t) {
        redo->setText(t.isEmpty() ? tr("&Redo") : tr("&Redo %1").arg(t));
        redo->setToolTip(tr("%1 (%2)").arg(t.isEmpty() ? tr("Redo") : tr("Redo %1").arg(t),
                                           redo->shortcut().toString(QKeySequence::NativeText)));
    });
    QObject::connect(a->add(QStringLiteral("edit.cut"), tr("Cu&t"), QKeySequence::Cut), &QAction::triggered,
            w->m_edit, &EditActions::cut);
    QObject::connect(a->add(QStringLiteral("edit.copy"), tr("&Copy"), QKeySequence::Copy),
            &QAction::triggered, w->m_edit, &EditActions::copy);
    QObject::connect(a->add(QStringLiteral("edit.paste"), tr("&Paste"), QKeySequence::Paste),
            &QAction::triggered, w->m_edit, &EditActions::paste);
    QObject::connect(a->add(QStringLiteral("edit.duplicate"), tr("&Duplicate"), QKeySequence(tr("Ctrl+D"))),
            &QAction::triggered, w->m_edit, &EditActions::duplicate);
    QObject::connect(a->add(QStringLiteral("edit.delete"), tr("De&lete"),
                   {QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)}),
            &QAction::triggered, w->m_edit, &EditActions::deleteSelection);
    QObject::connect(a->add(QStringLiteral("edit.selectAll"), tr("Select &All"), QKeySequence::SelectAll),
            &QAction::triggered, w->m_edit, &EditActions::selectAll);
    QObject::connect(a->add(QStringLiteral("edit.rename"), tr("&Rename"), QKeySequence(Qt::Key_F2)),
            &QAction::triggered, w->m_edit, &EditActions::rename);
    QObject::connect(a->add(QStringLiteral("edit.find"), tr("&Find…"), QKeySequence::Find),
            &QAction::triggered, w, [w] {
                w->showCanvas();
                w->m_edit->beginFind();
                w->m_findEdit->setFocus();
                w->m_findEdit->selectAll();
            });
}

void WindowActions::createToolActions(MainWindow* w)
{
    ActionRegistry* a = w->m_actions;
    // The scene's own shortcuts (Delete, Ctrl+A…) must not fire while a label or an inspector
    // field is being edited; QLineEdit takes those keys first, the in-place editor checks itself.
    auto tool = [w](const QString& id, const QString& text, const QKeySequence& key) {
        QAction* act = w->m_actions->add(id, text, key);
        act->setCheckable(true);
        return act;
    };
    QObject::connect(tool(QStringLiteral("tools.select"), tr("&Select"), QKeySequence(Qt::Key_V)),
            &QAction::triggered, w, [w] { w->m_scene->resetTool(); });
    QObject::connect(tool(QStringLiteral("tools.connect"), tr("&Connect"), QKeySequence(Qt::Key_C)),
            &QAction::triggered, w,
            [w] { w->m_scene->setTool(std::make_unique<ConnectTool>(w->m_scene)); });
    QObject::connect(a->add(QStringLiteral("edit.connectSelected"), tr("Co&nnect Selected"), QKeySequence(tr("Ctrl+Shift+C"))),
            &QAction::triggered, w->m_edit, &EditActions::connectSelected);
    QObject::connect(a->add(QStringLiteral("tools.region"), tr("&Region"), QKeySequence(Qt::Key_R)),
            &QAction::triggered, w, [w] { w->activateKind(QStringLiteral("region")); });
    QObject::connect(a->add(QStringLiteral("tools.az"), tr("&Availability Zone")), &QAction::triggered, w,
            [w] { w->activateKind(QStringLiteral("az")); });
    QObject::connect(a->add(QStringLiteral("tools.trust"), tr("&Trust Boundary"), QKeySequence(Qt::Key_T)),
            &QAction::triggered, w, [w] { w->activateKind(QStringLiteral("trust_boundary")); });
    QObject::connect(a->add(QStringLiteral("arrange.straight"), tr("&Straight Flows")), &QAction::triggered,
            w, [w] { w->m_edit->setRouting(false); });
    QObject::connect(a->add(QStringLiteral("arrange.orthogonal"), tr("&Orthogonal Flows")),
            &QAction::triggered, w, [w] { w->m_edit->setRouting(true); });
    QObject::connect(a->add(QStringLiteral("arrange.layout"), tr("Auto-&layout")), &QAction::triggered, w,
            [w] { w->m_layout->run(QString()); }); // dot, or sfdp above 2,000 components
    QObject::connect(a->add(QStringLiteral("arrange.layoutDot"), tr("Auto-layout (&dot)"),
                   QKeySequence(tr("Ctrl+L"))),
            &QAction::triggered, w, [w] { w->m_layout->run(QStringLiteral("dot")); });
    QObject::connect(a->add(QStringLiteral("arrange.layoutSfdp"), tr("Auto-layout (s&fdp, large designs)")),
            &QAction::triggered, w, [w] { w->m_layout->run(QStringLiteral("sfdp")); });
    w->m_arrange = new ArrangeActions(a, w->m_scene, w);
}

void WindowActions::createViewActions(MainWindow* w)
{
    ActionRegistry* a = w->m_actions;
    QObject::connect(a->add(QStringLiteral("view.zoomIn"), tr("Zoom &In"),
                   {QKeySequence::ZoomIn, QKeySequence(tr("Ctrl+="))}),
            &QAction::triggered, w->m_view, &CanvasView::zoomIn);
    QObject::connect(a->add(QStringLiteral("view.zoomOut"), tr("Zoom &Out"), QKeySequence::ZoomOut),
            &QAction::triggered, w->m_view, &CanvasView::zoomOut);
    QObject::connect(
        a->add(QStringLiteral("view.zoomReset"), tr("&Actual Size"), QKeySequence(tr("Ctrl+0"))),
        &QAction::triggered, w->m_view, &CanvasView::resetZoom);
    QObject::connect(a->add(QStringLiteral("view.zoomFit"), tr("Zoom to &Fit"), QKeySequence(tr("Ctrl+1"))),
            &QAction::triggered, w->m_view, &CanvasView::zoomToFit);
    QObject::connect(a->add(QStringLiteral("view.zoomSelection"), tr("Zoom to &Selection"),
                   QKeySequence(tr("Ctrl+2"))),
            &QAction::triggered, w->m_view, &CanvasView::zoomToSelection);
    QAction* grid =
        a->add(QStringLiteral("view.grid"), tr("Show &Grid"), QKeySequence(tr("Ctrl+'")));
    grid->setCheckable(true);
    grid->setChecked(true);
    QObject::connect(grid, &QAction::toggled, w->m_view, &CanvasView::setGridVisible);
    QAction* snap = a->add(QStringLiteral("view.snap"), tr("S&nap to Grid"));
    snap->setCheckable(true);
    snap->setChecked(true);
    QObject::connect(snap, &QAction::toggled, w, [w](bool on) { w->m_scene->setSnapEnabled(on); });
    QAction* guides = a->add(QStringLiteral("view.guides"), tr("G&uides"));
    guides->setCheckable(true);
    guides->setChecked(true);
    guides->setStatusTip(tr("While dragging, line edges and centres up with the elements nearby"));
    QObject::connect(guides, &QAction::toggled, w, [w](bool on) { w->m_scene->setGuidesEnabled(on); });
    auto* overview = new OverviewMap(w->m_view, w->m_doc);
    QAction* map = a->add(QStringLiteral("view.overview"), tr("&Overview"), QKeySequence(tr("Ctrl+Shift+O")));
    map->setCheckable(true);
    map->setChecked(true);
    QObject::connect(map, &QAction::toggled, overview, &OverviewMap::setOn);
    auto* themes = new QActionGroup(w);
    const std::pair<const char*, Theme::Mode> modes[] = {{"view.themeSystem", Theme::Mode::System},
                                                         {"view.themeLight", Theme::Mode::Light},
                                                         {"view.themeDark", Theme::Mode::Dark}};
    const QString names[] = {tr("Follow &System"), tr("&Light"), tr("&Dark")};
    for (int i = 0; i < 3; ++i) {
        QAction* t = a->add(QLatin1String(modes[i].first), names[i]);
        t->setCheckable(true);
        t->setChecked(Theme::instance().mode() == modes[i].second);
        themes->addAction(t);
        QObject::connect(t, &QAction::triggered, w,
                [mode = modes[i].second] {
                    Theme::instance().setMode(mode);
                    preferences::setThemeMode(mode);
                });
    }
    // Ctrl+/ as in Google Docs and Slack; F1 as help everywhere.
    QObject::connect(a->add(QStringLiteral("help.shortcuts"), tr("&Keyboard Shortcuts"),
                            {QKeySequence(Qt::CTRL | Qt::Key_Slash), QKeySequence(Qt::Key_F1)}),
                     &QAction::triggered, w, [w] {
                         if (auto* open = w->findChild<ShortcutsDialog*>()) {
                             open->raise();
                             open->activateWindow();
                             return;
                         }
                         auto* dialog = new ShortcutsDialog(w->m_actions, w);
                         dialog->setAttribute(Qt::WA_DeleteOnClose);
                         dialog->show();
                     });
    QObject::connect(a->add(QStringLiteral("help.about"), tr("&About Probeboard")), &QAction::triggered,
            w, [w] {
                QMessageBox::about(
                    w, tr("About Probeboard"),
                    tr("<h3>Probeboard %1</h3><p>A whiteboard for system-design reviews: draw "
                       "the architecture, get asked the follow-up questions.</p>")
                        .arg(QString::fromUtf8(pb::kVersion)));
            });
    QObject::connect(&Theme::instance(), &Theme::changed, w->m_view, &CanvasView::applyTheme);
}

void WindowActions::createMenus(MainWindow* w)
{
    auto add = [w](QMenu* menu, std::initializer_list<const char*> ids) {
        for (const char* id : ids) {
            if (QLatin1String(id) == QLatin1String("-"))
                menu->addSeparator();
            else
                menu->addAction(w->m_actions->get(QLatin1String(id)));
        }
    };
    QMenu* file = w->menuBar()->addMenu(tr("&File"));
    add(file, {"file.new", "file.newWindow", "file.open"});
    w->m_recentMenu = file->addMenu(tr("Open &Recent"));
    QObject::connect(&recent::notifier(), &recent::Notifier::changed, w, &MainWindow::updateRecentMenu);
    add(file, {"file.start", "-", "file.save", "file.saveAs", "-"});
    QMenu* exp = file->addMenu(tr("&Export"));
    add(exp, {"file.exportPng", "file.exportPng2x", "file.exportTransparent", "file.exportLightPaper", "file.exportEmbed", "-", "file.exportSvg",
              "file.exportPdf", "file.exportDot", "file.exportMermaid", "file.exportDrawio", "file.exportOtm",
              "file.exportThreagile"});
    add(file, {"-", "file.close", "file.quit"});
    QMenu* edit = w->menuBar()->addMenu(tr("&Edit"));
    add(edit, {"edit.undo", "edit.redo", "-", "edit.cut", "edit.copy", "edit.copyMermaid", "edit.paste",
               "edit.duplicate", "edit.delete", "-", "edit.selectAll", "edit.rename", "edit.find", "edit.connectSelected"});
    w->m_viewMenu = w->menuBar()->addMenu(tr("&View"));
    add(w->m_viewMenu, {"view.zoomIn", "view.zoomOut", "view.zoomReset", "view.zoomFit",
                     "view.zoomSelection", "-", "view.grid", "view.snap", "view.guides", "view.overview", "-"});
    QMenu* theme = w->m_viewMenu->addMenu(tr("&Theme"));
    add(theme, {"view.themeSystem", "view.themeLight", "view.themeDark"});
    w->m_viewMenu->addSeparator();
    w->m_viewMenu->addAction(w->m_palette->toggleViewAction());
    w->m_viewMenu->addAction(w->m_inspector->toggleViewAction());
    w->m_viewMenu->addAction(w->m_history->toggleViewAction());
    QMenu* tools = w->menuBar()->addMenu(tr("&Tools"));
    add(tools, {"tools.select", "tools.connect", "-", "tools.region", "tools.az", "tools.trust"});
    QMenu* arrange = w->menuBar()->addMenu(tr("&Arrange"));
    w->m_arrange->addTo(arrange);
    arrange->addSeparator();
    add(arrange, {"arrange.straight", "arrange.orthogonal", "-", "arrange.layout",
                  "arrange.layoutDot", "arrange.layoutSfdp"});
    QMenu* help = w->menuBar()->addMenu(tr("&Help"));
    add(help, {"help.shortcuts", "-", "help.about"});
    for (QMenu* menu : {file, edit, w->m_viewMenu, tools, arrange, help}) whydisabled::watch(menu);
    w->updateRecentMenu();
}

void WindowActions::createToolBar(MainWindow* w)
{
    QToolBar* bar = w->addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    for (const char* id :
         {"file.new", "file.open", "file.save", "-", "edit.undo", "edit.redo", "-", "tools.select",
          "tools.connect", "tools.region", "tools.trust", "-", "view.zoomFit", "arrange.layout"}) {
        if (QLatin1String(id) == QLatin1String("-"))
            bar->addSeparator();
        else
            bar->addAction(w->m_actions->get(QLatin1String(id)));
    }
    // Undo/redo show their full text in the menu; the toolbar keeps short names.
    for (const char* id : {"edit.undo", "edit.redo"})
        if (QWidget* button = bar->widgetForAction(w->m_actions->get(QLatin1String(id))))
            button->setMaximumWidth(220);
    auto* spacer = new QWidget;
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    w->m_findEdit = new QLineEdit;
    w->m_findEdit->setPlaceholderText(tr("Find (Ctrl+F)"));
    w->m_findEdit->setAccessibleName(tr("Find a component, zone or flow"));
    w->m_findEdit->setClearButtonEnabled(true);
    w->m_findEdit->setMaximumWidth(240);
    bar->addWidget(w->m_findEdit);
    w->m_keyGuard->setFindField(w->m_findEdit);
    QObject::connect(w->m_findEdit, &QLineEdit::textChanged, w->m_edit, &EditActions::find);
    QObject::connect(w->m_findEdit, &QLineEdit::returnPressed, w->m_edit, &EditActions::findNext);
    auto* addMatch = new QShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Return), w->m_findEdit, nullptr, nullptr, Qt::WidgetShortcut);
    QObject::connect(addMatch, &QShortcut::activated, w->m_edit, &EditActions::addNextMatch);
}

} // namespace pb::app
