#include "app/desktop/findingspanel.h"

#include "app/desktop/canvasscene.h"
#include "app/desktop/canvasview.h"
#include "app/desktop/decisiondialog.h"
#include "app/desktop/document.h"
#include "app/desktop/findinghtml.h"
#include "app/desktop/findingsmodel.h"
#include "app/desktop/kinds.h"
#include "app/desktop/inspectordock.h"
#include "app/desktop/mainwindow.h"
#include "app/desktop/reviewcontroller.h"
#include "app/desktop/showntext.h"
#include "app/desktop/theme.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>
#include <map>

namespace pb::app {

namespace {
QStringList highlightIds(const rules::Finding& f)
{
    QStringList ids;
    for (const auto& id : f.targets) ids << QString::fromStdString(id);
    for (const auto& id : f.path) ids << QString::fromStdString(id);
    ids.removeDuplicates();
    return ids;
}
} // namespace

FindingsPanel::FindingsPanel(ReviewController* review, CanvasScene* scene, CanvasView* view, QWidget* parent)
    : QDockWidget(tr("Review"), parent)
    , m_review(review)
    , m_scene(scene)
    , m_view(view)
    , m_tree(new QTreeView)
    , m_model(new FindingsModel(this))
    , m_details(new QTextBrowser)
    , m_filterLabel(new QLabel)
    , m_clearFilter(new QToolButton)
    , m_pointsToggle(new QToolButton)
    , m_fix(new QPushButton(tr("Fix")))
    , m_decide(new QPushButton(tr("Accept…")))
    , m_reopen(new QPushButton(tr("Reopen")))
    , m_buttonRow(new QHBoxLayout)
    , m_counts(new QLabel)
{
    m_tree->setAccessibleName(tr("Findings"));
    m_details->setAccessibleName(tr("Why the finding fired and what to ask"));
    setObjectName(QStringLiteral("findingsDock"));
    m_tree->setModel(m_model);
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true); // thousands of rows lay out without measuring each
    m_tree->setIndentation(14);
    m_tree->setExpandsOnDoubleClick(false);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setTextElideMode(Qt::ElideRight);
    m_details->setOpenLinks(false);
    m_details->setPlaceholderText(tr("Select a finding to see why it fired and what to ask."));
    m_clearFilter->setText(tr("Show all"));
    m_clearFilter->setAutoRaise(true);
    m_pointsToggle->setText(tr("Answer points"));
    m_pointsToggle->setCheckable(true);
    m_pointsToggle->setChecked(true);
    m_pointsToggle->setToolTip(tr("Show what a strong answer to each question covers"));
    m_fix->setToolTip(tr("Apply the fix to the drawing (one undo step)"));
    m_decide->setToolTip(tr("Accept or suppress this finding, with a justification and an owner"));
    m_reopen->setToolTip(tr("Remove the decision: the finding is open again"));
    m_counts->setTextFormat(Qt::RichText);
    // Names the selection, whose labels may be long: cut at the dock's edge, whole in the tooltip.
    m_filterLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    auto* filterRow = new QHBoxLayout;
    filterRow->setContentsMargins(4, 0, 4, 0);
    filterRow->addWidget(m_filterLabel, 1);
    filterRow->addWidget(m_clearFilter);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_tree);
    split->addWidget(m_details);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    m_buttonRow->setContentsMargins(4, 0, 4, 4);
    m_buttonRow->addWidget(m_fix);
    m_buttonRow->addWidget(m_decide);
    m_buttonRow->addWidget(m_reopen);
    m_buttonRow->addStretch(1);
    m_buttonRow->addWidget(m_pointsToggle);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(filterRow);
    layout->addWidget(split, 1);
    layout->addLayout(m_buttonRow);
    setWidget(body);

    connect(m_review, &ReviewController::reviewed, this, [this] { rebuild(); });
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &FindingsPanel::onSceneSelection);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &FindingsPanel::onCurrentChanged);
    connect(m_tree, &QTreeView::activated, this, &FindingsPanel::onActivated);
    connect(m_tree, &QTreeView::collapsed, this,
            [this](const QModelIndex& i) { m_collapsed.insert(i.data(FindingsModel::GroupKeyRole).toString()); });
    connect(m_tree, &QTreeView::expanded, this,
            [this](const QModelIndex& i) { m_collapsed.remove(i.data(FindingsModel::GroupKeyRole).toString()); });
    // A component that comes back (undo, reload) is a new item without a badge.
    connect(m_review->document(), &Document::componentAdded, this, [this](const QString& id) { m_badges.remove(id); });
    connect(m_review->document(), &Document::modelReset, this, [this] { m_badges.clear(); });
    connect(m_clearFilter, &QToolButton::clicked, this, [this] { setFilter({}); });
    connect(m_pointsToggle, &QToolButton::toggled, this, &FindingsPanel::setAnswerPointsVisible);
    connect(m_fix, &QPushButton::clicked, this, &FindingsPanel::fixCurrent);
    connect(m_decide, &QPushButton::clicked, this, &FindingsPanel::decideCurrent);
    connect(m_reopen, &QPushButton::clicked, this, &FindingsPanel::reopenCurrent);
    connect(&Theme::instance(), &Theme::changed, this, &FindingsPanel::applyTheme);
    applyTheme();
}

void FindingsPanel::showEvent(QShowEvent* e)
{
    QDockWidget::showEvent(e);
    if (m_sized) return;
    m_sized = true;
    // The findings and their questions need more room than the inspector it shares the
    // column with: take about two thirds of the window's height once the window has settled.
    QTimer::singleShot(0, this, [this] {
        auto* mw = qobject_cast<MainWindow*>(parentWidget());
        if (!mw || isFloating()) return;
        const int h = mw->height();
        if (mw->inspector() && mw->dockWidgetArea(mw->inspector()) == mw->dockWidgetArea(this))
            mw->resizeDocks({mw->inspector(), this}, {h * 3 / 10, h * 7 / 10}, Qt::Vertical);
        mw->resizeDocks({this}, {std::max(width(), 400)}, Qt::Horizontal);
    });
}

void FindingsPanel::applyTheme()
{
    QHash<int, QIcon> icons;
    for (int s = 0; s <= int(rules::Severity::Critical); ++s) {
        const QString sev = QString::fromStdString(rules::severityName(rules::Severity(s)));
        const qreal dpr = devicePixelRatioF();
        QPixmap pm(QSize(14, 14) * dpr);
        pm.setDevicePixelRatio(dpr);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        // Solid in the stroke colour: the pale badge fills of medium and high look alike at 10 px.
        p.setPen(Qt::NoPen);
        p.setBrush(Theme::instance().color(QStringLiteral("badge.%1.stroke").arg(sev)));
        p.drawEllipse(QRectF(2, 2, 10, 10));
        icons.insert(s, QIcon(pm));
    }
    m_model->setIcons(std::move(icons), Theme::instance().color(QStringLiteral("text.muted")));
    rebuild();
}

void FindingsPanel::setAnswerPointsVisible(bool visible)
{
    m_answerPoints = visible;
    if (m_pointsToggle->isChecked() != visible) m_pointsToggle->setChecked(visible);
    showDetails(currentFinding());
}

void FindingsPanel::setAnswerPointsToggleVisible(bool visible)
{
    m_pointsToggle->setVisible(visible);
}

void FindingsPanel::addToolWidget(QWidget* w)
{
    m_buttonRow->insertWidget(m_buttonRow->count() - 1, w);
}

QString FindingsPanel::currentFingerprint() const
{
    return m_current;
}

const rules::Finding* FindingsPanel::currentFinding() const
{
    return m_current.isEmpty() ? nullptr : m_review->finding(m_current);
}

void FindingsPanel::setFilter(const QStringList& ids)
{
    QSet<QString> next(ids.begin(), ids.end());
    if (next == m_filter) return;
    m_filter = std::move(next);
    rebuild(false);
}

void FindingsPanel::rebuild(bool resultChanged)
{
    if (m_shownFilter == m_filter && m_model->replaceSameShape(m_review->resultPtr())) {
        m_tree->viewport()->update();
        onCurrentChanged(); // its texts may name a relabelled component
        updateFilterLabel(); // and so may the header
        updateBadges();
        updateCounts();
        return;
    }
    m_shownFilter = m_filter;
    // The finding the user last picked, even if the previous review lost it: a fix followed by
    // undo brings the finding back selected and highlighted.
    const QString keep = m_wanted;
    m_filling = true;
    m_model->setResult(m_review->resultPtr(), &m_review->document()->design(), m_filter);
    for (int g = 0; g < m_model->groupCount(); ++g)
        m_tree->setExpanded(m_model->index(g, 0), !m_collapsed.contains(m_model->groupKey(g)));
    m_filling = false;
    if (keep.isEmpty() || !selectFinding(keep)) {
        m_restoring = true;
        m_tree->setCurrentIndex(QModelIndex());
        onCurrentChanged();
        m_restoring = false;
    }
    updateFilterLabel();
    if (m_model->isEmpty())
        m_details->setPlaceholderText(m_filter.isEmpty() ? tr("No findings. Keep drawing.")
                                                         : tr("No findings about the selection."));
    else
        m_details->setPlaceholderText(tr("Select a finding to see why it fired and what to ask."));
    // Badges and counts are the whole review's: a new selection changes neither, and working them
    // out again took most of a second per click at 20,000 components.
    if (!resultChanged) return;
    updateBadges();
    updateCounts();
}

QString FindingsPanel::filterText() const
{
    return m_filterLabel->text();
}

void FindingsPanel::updateFilterLabel()
{
    if (m_filter.isEmpty()) {
        m_filterLabel->hide();
        m_clearFilter->hide();
        return;
    }
    QStringList names;
    for (const QString& id : m_filter) names << elementName(m_review->document()->design(), id.toStdString());
    names.sort();
    // Select All on 20,000 components made a label of every name, which Qt measured and drew
    // whole: seconds per selection. Three names, then how many more.
    constexpr qsizetype kNamed = 3;
    const qsizetype more = names.size() > kNamed + 1 ? names.size() - kNamed : 0;
    if (more > 0) names.resize(kNamed);
    for (QString& n : names) n = shownLine(n);
    const QString list = names.join(QStringLiteral(", "));
    m_filterLabel->setText(more > 0 ? tr("Findings about %1 and %2 more").arg(list).arg(more)
                                    : tr("Findings about %1").arg(list));
    m_filterLabel->setToolTip(m_filterLabel->text());
    m_filterLabel->show();
    m_clearFilter->show();
}

bool FindingsPanel::selectFinding(const QString& fingerprint)
{
    const QModelIndex index = m_model->indexOf(fingerprint);
    if (!index.isValid()) return false;
    m_tree->setCurrentIndex(index);
    onCurrentChanged(); // also when the index is the same row but the review is new
    return true;
}

QStringList FindingsPanel::visibleFingerprints() const
{
    return m_model->fingerprints();
}

void FindingsPanel::onCurrentChanged()
{
    if (m_filling) return;
    m_current = m_tree->currentIndex().data(FindingsModel::FingerprintRole).toString();
    if (!m_restoring) m_wanted = m_current;
    const rules::Finding* f = currentFinding();
    showDetails(f);
    // Only when it changes: the scene repaints everything for a new highlight.
    const QStringList ids = f ? highlightIds(*f) : QStringList();
    const QStringList shown = m_scene->highlighted();
    if (QSet<QString>(ids.begin(), ids.end()) != QSet<QString>(shown.begin(), shown.end()) ||
        m_scene->dimOthers() != (f != nullptr))
        m_scene->setHighlighted(ids, f != nullptr);
    const bool decided = f && (f->status != "open" || !f->justification.empty());
    m_fix->setEnabled(f && !f->settled() && m_review->canFix(*f));
    m_decide->setEnabled(f != nullptr);
    m_decide->setText(f && f->status != "open" ? tr("Change…") : tr("Accept…"));
    m_reopen->setEnabled(decided);
    emit findingSelected(m_current);
}

void FindingsPanel::showDetails(const rules::Finding* f)
{
    if (!f) {
        m_details->clear();
        return;
    }
    FindingHtmlOptions opts;
    opts.answerPoints = m_answerPoints;
    m_details->setHtml(findingHtml(*f, m_review->document()->design(), opts));
}

void FindingsPanel::onActivated(const QModelIndex& index)
{
    activateFinding(index.data(FindingsModel::FingerprintRole).toString());
}

void FindingsPanel::activateFinding(const QString& fp)
{
    const rules::Finding* f = fp.isEmpty() ? nullptr : m_review->finding(fp);
    if (!f) return;
    // Zoom to the finding's elements without disturbing the user's selection or the filter.
    m_driving = true;
    const QStringList before = m_scene->selectedIds();
    m_scene->selectIds(highlightIds(*f));
    m_view->zoomToSelection();
    m_scene->selectIds(before);
    m_driving = false;
    emit findingActivated(fp);
}

void FindingsPanel::onSceneSelection()
{
    // Deferred: a rubber band changes the selection many times, and a scene being torn down
    // must not be read back from inside its own destructor.
    if (m_driving || m_selectionPending) return;
    m_selectionPending = true;
    QTimer::singleShot(0, this, [this] {
        m_selectionPending = false;
        if (!m_driving) setFilter(m_scene->selectedIds());
    });
}

void FindingsPanel::updateBadges()
{
    // Only badges that change are touched: a review of thousands of components usually moves
    // a handful of them.
    QHash<QString, QPair<int, int>> worst; // id → (worst severity, count)
    const model::Design& d = m_review->document()->design();
    for (const auto& f : m_review->result().findings) {
        if (f.kind != rules::Finding::Kind::Finding || f.settled()) continue;
        for (const auto& id : f.targets) {
            if (!d.component(id)) continue;
            auto& slot = worst[QString::fromStdString(id)];
            slot.first = std::max(slot.first, int(f.severity));
            ++slot.second;
        }
    }
    QHash<QString, QPair<QString, int>> next;
    next.reserve(worst.size());
    for (auto it = worst.cbegin(); it != worst.cend(); ++it)
        next.insert(it.key(), {QString::fromStdString(rules::severityName(rules::Severity(it->first))), it->second});
    for (auto it = m_badges.cbegin(); it != m_badges.cend(); ++it)
        if (!next.contains(it.key())) m_scene->setBadge(it.key(), QString(), 0);
    for (auto it = next.cbegin(); it != next.cend(); ++it)
        if (m_badges.value(it.key()) != it.value()) m_scene->setBadge(it.key(), it->first, it->second);
    m_badges = std::move(next);
}

void FindingsPanel::updateCounts()
{
    const rules::ReviewResult& r = m_review->result();
    int open[5] = {0, 0, 0, 0, 0};
    int openTotal = 0, decided = 0;
    for (const auto& f : r.findings) {
        if (f.kind != rules::Finding::Kind::Finding) continue;
        if (f.settled()) {
            ++decided;
            continue;
        }
        ++open[int(f.severity)];
        ++openTotal;
    }
    QStringList parts;
    parts << (openTotal == 0 ? tr("No open findings")
                            : openTotal == 1 ? tr("1 open finding") : tr("%1 open findings").arg(openTotal));
    for (int s = int(rules::Severity::Critical); s >= 0; --s) {
        if (open[s] == 0) continue;
        const QString sev = QString::fromStdString(rules::severityName(rules::Severity(s)));
        parts << QStringLiteral("<span style=\"color:%1;\">●</span> %2 %3")
                     .arg(Theme::instance().color(QStringLiteral("badge.%1.stroke").arg(sev)).name())
                     .arg(open[s])
                     .arg(severityDisplayName(rules::Severity(s)).toHtmlEscaped());
    }
    if (decided) parts << tr("%1 decided").arg(decided);
    // Not "to ask": interviewers read that as the questions left.
    if (r.summary.asks)
        parts << (r.summary.asks == 1 ? tr("1 fact not drawn") : tr("%1 facts not drawn").arg(r.summary.asks));
    // A pack's rule stopped at its limits: the list is not all it would find, and the panel says so.
    QStringList stopped;
    for (const auto& s : r.stopped)
        stopped << tr("Rule '%1' was stopped after %2 findings: its matches grow much faster than the design, so "
                      "what it finds here is incomplete.")
                       .arg(QString::fromStdString(s.ruleId))
                       .arg(s.findings);
    if (!stopped.isEmpty())
        parts << QStringLiteral("<span style=\"color:%1;\">%2</span>")
                     .arg(Theme::instance().color(QStringLiteral("panel.warning")).name(),
                          (stopped.size() == 1 ? tr("1 rule stopped early") : tr("%1 rules stopped early").arg(stopped.size()))
                              .toHtmlEscaped());
    m_counts->setToolTip(stopped.join(QLatin1Char('\n')));
    m_counts->setText(parts.join(QStringLiteral(" · ")));
    setWindowTitle(openTotal ? tr("Review (%1)").arg(openTotal) : tr("Review"));
}

bool FindingsPanel::fixCurrent()
{
    const rules::Finding* f = currentFinding();
    if (!f || !m_review->applyFix(*f)) return false;
    // The finding leaves the list at once: say what changed, and how to take it back.
    m_scene->showStatus(tr("%1 — undo with %2")
                            .arg(m_scene->document()->undoStack()->undoText(),
                                 QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText)));
    return true;
}

bool FindingsPanel::reopenCurrent()
{
    const rules::Finding* f = currentFinding();
    return f && m_review->reopen(*f);
}

void FindingsPanel::decideCurrent()
{
    const rules::Finding* f = currentFinding();
    if (!f) return;
    const std::string fp = f->fingerprint;
    DecisionDialog dlg(QString::fromStdString(f->title), this);
    if (f->status != "open") {
        dlg.setStatus(QString::fromStdString(f->status));
        dlg.setJustification(QString::fromStdString(f->justification));
        dlg.setOwner(QString::fromStdString(f->owner));
        dlg.setExpires(QString::fromStdString(f->expires));
    }
    if (dlg.exec() != QDialog::Accepted) return;
    // The review may have been replaced while the dialog was open: look the finding up again.
    if (const rules::Finding* now = m_review->finding(QString::fromStdString(fp)))
        m_review->decide(*now, dlg.status(), dlg.justification(), dlg.owner(), dlg.expires());
}

FindingsPanel::~FindingsPanel()
{
    // Without a main window nothing adopted the counts label (tests, embedding): free it here.
    if (m_counts && !m_counts->parent()) delete m_counts;
}

} // namespace pb::app
