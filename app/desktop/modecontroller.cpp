#include "app/desktop/modecontroller.h"

#include "app/desktop/actionregistry.h"
#include "app/desktop/canvasscene.h"
#include "app/desktop/canvasview.h"
#include "app/desktop/document.h"
#include "app/desktop/findingspanel.h"
#include "app/desktop/inspectordock.h"
#include "app/desktop/interviewpanel.h"
#include "app/desktop/interviewstate.h"
#include "app/desktop/mainwindow.h"
#include "app/desktop/practicepanel.h"
#include "app/desktop/recoverywriter.h"
#include "app/desktop/reviewcontroller.h"
#include "app/desktop/reviewpanel.h"
#include "app/desktop/whydisabled.h"

#include <QActionGroup>
#include <QEvent>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QStackedWidget>
#include <QToolBar>

namespace pb::app {

ModeController::ModeController(MainWindow* window)
    : QObject(window)
    , m_window(window)
    , m_group(new QActionGroup(this))
    , m_practice(new PracticePanel(window))
    , m_interview(new InterviewPanel(window->document(), window->scene(), window))
    , m_review(new ReviewPanel(window->review(), window->scene(), window))
{
    setObjectName(QStringLiteral("modeController"));
    for (QDockWidget* d : {static_cast<QDockWidget*>(m_practice), static_cast<QDockWidget*>(m_interview)}) {
        window->addReviewDock(d, Qt::RightDockWidgetArea);
        window->tabifyDockWidget(window->inspector(), d);
        d->hide();
    }
    window->addReviewDock(m_review, Qt::BottomDockWidgetArea);
    m_review->hide();
    createActions();
    window->installEventFilter(this);
    // The session is in no file until it is exported: a kill or a crash lost it. The recovery
    // copy keeps it beside the design's (offerRecovery puts it back).
    RecoveryWriter* recovery = window->document()->recovery();
    recovery->setSessionSource([panel = QPointer<InterviewPanel>(m_interview)] {
        return panel && panel->hasUnexportedSession() ? interviewStateToJson(panel->state()) : QJsonObject();
    });
    connect(m_interview, &InterviewPanel::sessionChanged, recovery, &RecoveryWriter::sessionChanged);
    // The hidden findings list still follows the reviews: undoing a fix re-selected the finding
    // that came back and lit it on the canvas, in a mode with nothing selected to show it.
    if (FindingsPanel* findings = window->findings())
        connect(findings, &FindingsPanel::findingSelected, this, [this] {
            CanvasScene* scene = m_window->scene();
            const bool lit = scene && (!scene->highlighted().isEmpty() || scene->dimOthers());
            if (lit && !showsFindings(m_mode)) scene->setHighlighted({});
        });
    // Only the panel on show follows every review: rebuilding the hidden ones cost the UI
    // thread over 100 ms per edit on big designs. apply() catches a panel up when it appears.
    connect(window->review(), &ReviewController::reviewed, this, [this] { feedPanels(false); });
    feedPanels(true);
    // Opening a design shows the default docks again; the mode decides after it.
    connect(window->document(), &Document::modelReset, this,
            [this] { QMetaObject::invokeMethod(this, &ModeController::apply, Qt::QueuedConnection); });
    // The start page hides every dock; the mode's docks come back with the canvas.
    if (auto* stack = qobject_cast<QStackedWidget*>(window->centralWidget()))
        connect(stack, &QStackedWidget::currentChanged, this, [this] { QMetaObject::invokeMethod(this, &ModeController::apply, Qt::QueuedConnection); });
}

QString ModeController::name(Mode m)
{
    switch (m) {
    case Mode::Draw: return tr("Draw");
    case Mode::Practice: return tr("Practice");
    case Mode::Interview: return tr("Interview");
    case Mode::Review: return tr("Review");
    }
    return {};
}

void ModeController::createActions()
{
    const std::pair<Mode, const char*> modes[] = {{Mode::Draw, "mode.draw"},
                                                  {Mode::Practice, "mode.practice"},
                                                  {Mode::Interview, "mode.interview"},
                                                  {Mode::Review, "mode.review"}};
    auto* menu = new QMenu(tr("&Mode"), m_window);
    int n = 1;
    for (const auto& [mode, id] : modes) {
        QAction* a = m_window->actions()->add(QLatin1String(id), name(mode),
                                              QKeySequence(tr("Ctrl+Alt+%1").arg(n++)));
        a->setCheckable(true);
        a->setChecked(mode == m_mode);
        a->setData(static_cast<int>(mode));
        a->setToolTip(tr("%1 mode").arg(name(mode)));
        m_group->addAction(a);
        menu->addAction(a);
        connect(a, &QAction::triggered, this, [this, mode = mode] { setMode(mode); });
    }
    // Mode menu before Help; mode switcher at the end of the main toolbar's buttons.
    const auto top = m_window->menuBar()->actions();
    m_window->menuBar()->insertMenu(top.isEmpty() ? nullptr : top.last(), menu);
    if (auto* bar = m_window->findChild<QToolBar*>(QStringLiteral("mainToolBar"))) {
        QAction* before = nullptr;
        const auto acts = bar->actions();
        const int at = acts.indexOf(m_window->actions()->get(QStringLiteral("arrange.layout")));
        if (at >= 0 && at + 1 < acts.size()) before = acts[at + 1];
        bar->insertSeparator(before);
        for (QAction* a : m_group->actions()) bar->insertAction(before, a);
    }
    QAction* compare = m_window->actions()->add(QStringLiteral("file.compare"), tr("Compare &With…"));
    connect(compare, &QAction::triggered, this, [this] {
        setMode(Mode::Review);
        m_review->compareDialog();
    });
    QAction* report = m_window->actions()->add(QStringLiteral("file.report"), tr("Review &Report…"));
    connect(report, &QAction::triggered, m_review, &ReviewPanel::reportDialog);
    if (!top.isEmpty())
        if (QMenu* file = top.first()->menu()) {
            QAction* saveAs = m_window->actions()->get(QStringLiteral("file.saveAs"));
            const auto fa = file->actions();
            const int i = fa.indexOf(saveAs);
            QAction* after = i >= 0 && i + 1 < fa.size() ? fa[i + 1] : nullptr;
            file->insertAction(after, compare);
            file->insertAction(after, report);
        }
}

QAction* ModeController::action(Mode m) const
{
    for (QAction* a : m_group->actions())
        if (a->data().toInt() == static_cast<int>(m)) return a;
    return nullptr;
}

QDockWidget* ModeController::dockFor(Mode m) const
{
    switch (m) {
    case Mode::Practice: return m_practice;
    case Mode::Interview: return m_interview;
    case Mode::Review: return m_review;
    case Mode::Draw: return nullptr;
    }
    return nullptr;
}

void ModeController::setMode(Mode mode)
{
    if (QAction* a = action(mode); a && !a->isChecked()) a->setChecked(true);
    const bool changed = mode != m_mode;
    m_mode = mode;
    apply();
    if (changed) emit modeChanged(mode);
}

void ModeController::apply()
{
    const bool onCanvas = m_window->centralWidget() &&
                          qobject_cast<QStackedWidget*>(m_window->centralWidget())->currentWidget() ==
                              m_window->view();
    for (Mode m : {Mode::Practice, Mode::Interview, Mode::Review}) {
        dockFor(m)->setVisible(onCanvas && m == m_mode);
        // A mode's panel is fed only in its mode: opened from View in another, it was empty.
        dockFor(m)->toggleViewAction()->setEnabled(m == m_mode);
        whydisabled::set(dockFor(m)->toggleViewAction(),
                         m == m_mode ? QString()
                                     : tr("This panel belongs to %1 mode: choose it in the Mode menu or on the toolbar.")
                                           .arg(name(m)));
    }
    // The report holds every question's answer points, which Practice keeps back until asked.
    if (QAction* report = m_window->actions()->get(QStringLiteral("file.report"))) {
        report->setEnabled(m_mode != Mode::Practice);
        whydisabled::set(report, m_mode != Mode::Practice
                                     ? QString()
                                     : tr("Not in Practice: the report shows every question's answer points, "
                                          "which Practice keeps back until you check your answer."));
    }
    if (QDockWidget* d = dockFor(m_mode); d && onCanvas) {
        d->raise();
        // The side panels hold running text; give them room to read it.
        if (m_mode != Mode::Review && d->width() < 460) m_window->resizeDocks({d}, {460}, Qt::Horizontal);
        if (m_mode == Mode::Review) m_window->resizeDocks({d}, {250}, Qt::Vertical);
    }
    FindingsPanel* findings = m_window->findings();
    // The practice and interview panels carry the questions themselves; the findings list would
    // give the answers away (its "why" and fixes), so it steps aside there.
    const bool showFindings = showsFindings(m_mode);
    if (findings) {
        findings->setAnswerPointsVisible(answerPointsVisible(m_mode));
        findings->setVisible(onCanvas && showFindings);
        // View → Review brought the list back in Practice, its fixes and answer points with it.
        findings->toggleViewAction()->setEnabled(showFindings);
        whydisabled::set(findings->toggleViewAction(),
                         showFindings ? QString()
                                      : tr("Hidden in %1 mode: the findings' explanations and fixes would give the "
                                           "answers away.")
                                            .arg(name(m_mode)));
        // A finding picked in the list stayed lit, with the rest dimmed, in a mode without the
        // list to clear it from.
        if (!showFindings && m_window->scene()) m_window->scene()->setHighlighted({});
    }
    if (m_mode != Mode::Interview && m_interview->presenter()) m_interview->showPresenter(false);
    if (m_mode == Mode::Review) m_review->refresh();
    feedPanels(false);
}

void ModeController::restoreInterview(const InterviewState& state)
{
    m_interview->restoreState(state);
    m_interview->setResult(m_window->review()->result());
    setMode(Mode::Interview);
    // After setMode: apply() closes a presenter outside Interview mode.
    if (state.presenterOpen) m_interview->showPresenter(true);
}

bool ModeController::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_window && event->type() == QEvent::Close && !m_interview->confirmClose()) {
        event->ignore();
        return true;
    }
    return QObject::eventFilter(watched, event);
}

void ModeController::feedPanels(bool all)
{
    ReviewController* rc = m_window->review();
    if (all || !m_practice->isHidden()) m_practice->setResult(rc->result());
    if (all || !m_interview->isHidden()) m_interview->setResult(rc->result());
}

} // namespace pb::app
