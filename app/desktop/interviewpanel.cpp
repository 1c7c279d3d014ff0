#include "app/desktop/interviewpanel.h"

#include "app/desktop/canvasscene.h"
#include "app/desktop/dialogplaces.h"
#include "app/desktop/document.h"
#include "app/desktop/documentexport.h"
#include "app/desktop/presenterwindow.h"
#include "app/desktop/showntext.h"
#include "app/desktop/theme.h"

#include <QButtonGroup>
#include <QCoreApplication>
#include <QDate>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <iterator>

namespace pb::app {

namespace {

enum Column { MarkCol, QuestionCol, SeverityCol, LevelCol, RatingCol };

QString clock(int seconds)
{
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QString markText(const std::string& mark)
{
    if (mark == "asked") return QCoreApplication::translate("InterviewPanel", "✓ asked");
    if (mark == "skipped") return QCoreApplication::translate("InterviewPanel", "– skipped");
    return {};
}

} // namespace

InterviewPanel::InterviewPanel(Document* doc, CanvasScene* scene, QWidget* parent)
    : QDockWidget(tr("Interview"), parent)
    , m_doc(doc)
    , m_scene(scene)
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("interviewDock"));
    buildUi();
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, [this] { advanceClock(1); });
    connect(&Theme::instance(), &Theme::changed, this, &InterviewPanel::applyTheme);
    applyTheme();
    showCurrent();
    updateClock();
}

InterviewPanel::~InterviewPanel()
{
    delete m_presenter;
}

PresenterWindow* InterviewPanel::presenter() const
{
    return m_presenter.data();
}

QString InterviewPanel::phaseName(Phase p)
{
    switch (p) {
    case Scope: return tr("Scope");
    case Estimates: return tr("Estimates");
    case Design: return tr("Design");
    case FollowUps: return tr("Follow-ups");
    default: return {};
    }
}

void InterviewPanel::buildUi()
{
    auto* body = new QWidget;
    auto* v = new QVBoxLayout(body);
    v->setContentsMargins(8, 6, 8, 8);
    v->addWidget(buildClock());
    m_tree = new QTreeWidget;
    m_tree->setAccessibleName(tr("Interview questions"));
    m_tree->setRootIsDecorated(false);
    m_tree->setAlternatingRowColors(true);
    m_tree->setHeaderLabels({tr("Mark"), tr("Question"), tr("Severity"), tr("Level"), tr("Rating")});
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(QuestionCol, QHeaderView::Stretch);
    for (int c : {MarkCol, SeverityCol, LevelCol, RatingCol})
        m_tree->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    connect(m_tree, &QTreeWidget::currentItemChanged, this,
            [this] { selectQuestion(m_tree->indexOfTopLevelItem(m_tree->currentItem())); });
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_tree);
    split->addWidget(buildDetail());
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    v->addWidget(split, 1);
    auto* bottom = new QHBoxLayout;
    m_presenterButton = new QPushButton(tr("Presenter Window"));
    m_presenterButton->setCheckable(true);
    m_presenterButton->setToolTip(tr("A window for the candidate's screen: the canvas and the question, "
                                     "without answer points or notes"));
    connect(m_presenterButton, &QPushButton::toggled, this, &InterviewPanel::showPresenter);
    auto* exportButton = new QPushButton(tr("Export Session…"));
    connect(exportButton, &QPushButton::clicked, this, &InterviewPanel::exportDialog);
    bottom->addWidget(m_presenterButton);
    bottom->addStretch(1);
    bottom->addWidget(exportButton);
    v->addLayout(bottom);
    setWidget(body);
}

QWidget* InterviewPanel::buildClock()
{
    auto* w = new QWidget;
    auto* v = new QVBoxLayout(w);
    v->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout;
    m_clock = new QLabel;
    QFont f = m_clock->font();
    f.setPointSizeF(f.pointSizeF() * 1.6);
    f.setBold(true);
    m_clock->setFont(f);
    row->addWidget(m_clock, 1);
    m_startButton = new QPushButton(tr("Start"));
    connect(m_startButton, &QPushButton::clicked, this, [this] { m_running ? pause() : start(); });
    auto* reset = new QPushButton(tr("Reset"));
    connect(reset, &QPushButton::clicked, this, &InterviewPanel::resetClock);
    row->addWidget(m_startButton);
    row->addWidget(reset);
    v->addLayout(row);
    auto* phases = new QHBoxLayout;
    phases->setSpacing(2);
    m_phases = new QButtonGroup(this);
    for (int p = 0; p < PhaseCount; ++p) {
        auto* b = new QToolButton;
        b->setCheckable(true);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
        m_phases->addButton(b, p);
        phases->addWidget(b);
    }
    m_phases->button(Scope)->setChecked(true);
    connect(m_phases, &QButtonGroup::idClicked, this, [this](int id) { setPhase(Phase(id)); });
    v->addLayout(phases);
    return w;
}

QWidget* InterviewPanel::buildDetail()
{
    auto* w = new QWidget;
    auto* v = new QVBoxLayout(w);
    v->setContentsMargins(0, 4, 0, 0);
    auto* marks = new QHBoxLayout;
    m_asked = new QPushButton(tr("Asked"));
    m_skipped = new QPushButton(tr("Skipped"));
    connect(m_asked, &QPushButton::clicked, this, &InterviewPanel::markAsked);
    connect(m_skipped, &QPushButton::clicked, this, &InterviewPanel::markSkipped);
    marks->addWidget(m_asked);
    marks->addWidget(m_skipped);
    marks->addSpacing(12);
    marks->addWidget(new QLabel(tr("Rating")));
    m_ratings = new QButtonGroup(this);
    m_ratings->setExclusive(false); // a second click clears the rating
    const QString tips[] = {tr("1 — weak"), tr("2 — mixed"), tr("3 — good"), tr("4 — strong")};
    for (int r = 1; r <= 4; ++r) {
        auto* b = new QToolButton;
        b->setText(QString::number(r));
        b->setCheckable(true);
        b->setToolTip(tips[r - 1]);
        m_ratings->addButton(b, r);
        marks->addWidget(b);
    }
    connect(m_ratings, &QButtonGroup::idClicked, this, [this](int r) {
        const auto* q = current();
        setRating(q && q->rating == r ? 0 : r);
    });
    marks->addStretch(1);
    v->addLayout(marks);
    // Marks and rating stay put above the question, whatever its length.
    m_question = new QLabel;
    m_question->setWordWrap(true);
    m_question->setTextInteractionFlags(Qt::TextSelectableByMouse);
    v->addWidget(m_question);
    m_pointsToggle = new QToolButton;
    m_pointsToggle->setCheckable(true);
    m_pointsToggle->setText(tr("Show answer points"));
    m_pointsToggle->setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(m_pointsToggle, &QToolButton::toggled, this, &InterviewPanel::setAnswerPointsShown);
    v->addWidget(m_pointsToggle, 0, Qt::AlignLeft);
    m_points = new QLabel;
    m_points->setWordWrap(true);
    m_points->setVisible(false);
    v->addWidget(m_points);
    m_notes = new QPlainTextEdit;
    m_notes->setAccessibleName(tr("Interview notes"));
    m_notes->setPlaceholderText(tr("Notes on the candidate's answer (not shown to the candidate)"));
    connect(m_notes, &QPlainTextEdit::textChanged, this, [this] {
        if (auto* q = current()) {
            q->notes = m_notes->toPlainText().toStdString();
            m_unexported = true;
            emit sessionChanged();
        }
    });
    v->addWidget(m_notes, 1);
    return w;
}

rules::SessionQuestion* InterviewPanel::current()
{
    return m_current >= 0 && m_current < int(m_queue.size()) ? &m_queue[m_current] : nullptr;
}

void InterviewPanel::setResult(const rules::ReviewResult& result)
{
    const std::string keep = current() ? current()->key : std::string();
    m_queue = rules::interviewQueue(result, m_queue);
    fillTree();
    int select = m_queue.empty() ? -1 : 0;
    for (int i = 0; i < int(m_queue.size()); ++i)
        if (m_queue[i].key == keep) select = i;
    m_current = -1;
    showQuestion(select);
    // A re-review follows every stroke of the candidate: the crib stays open on the same question.
    if (currentKey() != keep) setAnswerPointsShown(false);
    updatePresenter(); // its text may name a relabelled component
}

std::string InterviewPanel::currentKey() const
{
    return m_current >= 0 && m_current < int(m_queue.size()) ? m_queue[m_current].key : std::string();
}

void InterviewPanel::fillTree()
{
    const QSignalBlocker block(m_tree);
    m_tree->clear();
    for (int i = 0; i < int(m_queue.size()); ++i) {
        new QTreeWidgetItem(m_tree);
        updateItem(i);
    }
}

void InterviewPanel::updateItem(int index)
{
    QTreeWidgetItem* it = m_tree->topLevelItem(index);
    if (!it) return;
    const auto& q = m_queue[index];
    const Theme& t = Theme::instance();
    it->setText(MarkCol, markText(q.mark));
    it->setText(QuestionCol, QString::fromStdString(q.text));
    it->setToolTip(QuestionCol, QString::fromStdString(q.findingTitle));
    it->setText(SeverityCol, QString::fromStdString(q.severity));
    it->setForeground(SeverityCol, t.color(QStringLiteral("badge.%1.stroke").arg(QString::fromStdString(q.severity))));
    it->setText(LevelCol, QString::fromStdString(q.level));
    it->setText(RatingCol, q.rating ? QString::number(q.rating) : QString());
    const QColor fg = t.color(q.mark == "skipped" ? QStringLiteral("text.muted") : QStringLiteral("panel.text"));
    it->setForeground(QuestionCol, fg);
}

void InterviewPanel::selectQuestion(int index)
{
    const std::string before = currentKey();
    showQuestion(index);
    // The answer points are shown for one question, not left open for the next ones.
    if (currentKey() != before) setAnswerPointsShown(false);
}

void InterviewPanel::showQuestion(int index)
{
    m_current = index >= 0 && index < int(m_queue.size()) ? index : -1;
    if (m_tree->indexOfTopLevelItem(m_tree->currentItem()) != m_current) {
        const QSignalBlocker block(m_tree);
        m_tree->setCurrentItem(m_current >= 0 ? m_tree->topLevelItem(m_current) : nullptr);
    }
    showCurrent();
}

void InterviewPanel::showCurrent()
{
    const auto* q = current();
    for (QWidget* w : {static_cast<QWidget*>(m_asked), static_cast<QWidget*>(m_skipped),
                       static_cast<QWidget*>(m_notes), static_cast<QWidget*>(m_pointsToggle)})
        w->setEnabled(q);
    for (auto* b : m_ratings->buttons()) {
        b->setEnabled(q);
        b->setChecked(q && q->rating == m_ratings->id(b));
    }
    const QSignalBlocker block(m_notes);
    if (!q) {
        m_question->setText(tr("The follow-up questions for the drawing appear here, most severe first."));
        m_points->clear();
        m_notes->clear();
        return;
    }
    m_question->setText(QStringLiteral("<b>%1</b><br><span style=\"color:%2\">%3 · %4 · %5</span>")
                            .arg(QString::fromStdString(q->text).toHtmlEscaped(),
                                 Theme::instance().color(QStringLiteral("text.muted")).name(),
                                 QString::fromStdString(q->findingTitle).toHtmlEscaped(),
                                 QString::fromStdString(q->severity), QString::fromStdString(q->level)));
    QString points;
    for (const auto& p : q->answerPoints)
        points += QStringLiteral("<li>%1</li>").arg(QString::fromStdString(p).toHtmlEscaped());
    m_points->setText(QStringLiteral("<ul style=\"margin-left:-20px\">%1</ul>").arg(points));
    m_notes->setPlainText(QString::fromStdString(q->notes));
}

void InterviewPanel::setMark(const std::string& mark)
{
    auto* q = current();
    if (!q) return;
    q->mark = q->mark == mark ? std::string() : mark;
    m_unexported = true;
    noteAsked(*q);
    updateItem(m_current);
    updatePresenter();
    emit sessionChanged();
}

void InterviewPanel::noteAsked(const rules::SessionQuestion& q)
{
    if (q.mark != "asked") return;
    std::erase(m_askedOrder, q.key);
    m_askedOrder.push_back(q.key);
}

QString InterviewPanel::presenterQuestion() const
{
    for (auto key = m_askedOrder.rbegin(); key != m_askedOrder.rend(); ++key)
        for (const auto& q : m_queue)
            if (q.key == *key && q.mark == "asked") return QString::fromStdString(q.text);
    return {};
}

void InterviewPanel::updatePresenter()
{
    if (m_presenter) m_presenter->setQuestion(presenterQuestion());
}

void InterviewPanel::markAsked()
{
    setMark("asked");
}

void InterviewPanel::markSkipped()
{
    setMark("skipped");
}

void InterviewPanel::setRating(int rating)
{
    auto* q = current();
    if (!q || rating < 0 || rating > 4) return;
    q->rating = rating;
    m_unexported = true;
    if (rating && q->mark.empty()) { // rating an answer means it was asked
        q->mark = "asked";
        noteAsked(*q);
        updatePresenter();
    }
    updateItem(m_current);
    showCurrent();
    emit sessionChanged();
}

void InterviewPanel::setNotes(const QString& notes)
{
    if (current()) m_notes->setPlainText(notes); // textChanged stores it
}

bool InterviewPanel::answerPointsShown() const
{
    return m_pointsToggle->isChecked();
}

void InterviewPanel::setAnswerPointsShown(bool shown)
{
    if (m_pointsToggle->isChecked() != shown) m_pointsToggle->setChecked(shown);
    m_pointsToggle->setText(shown ? tr("Hide answer points") : tr("Show answer points"));
    m_points->setVisible(shown);
}

void InterviewPanel::setPhase(Phase phase)
{
    m_phase = phase;
    if (auto* b = m_phases->button(phase)) b->setChecked(true);
    updateClock();
    emit sessionChanged();
}

void InterviewPanel::start()
{
    m_running = true;
    m_timer->start();
    m_startButton->setText(tr("Pause"));
}

void InterviewPanel::pause()
{
    m_running = false;
    m_timer->stop();
    m_startButton->setText(tr("Start"));
    emit sessionChanged();
}

void InterviewPanel::resetClock()
{
    pause();
    m_phaseSeconds.fill(0);
    setPhase(Scope);
}

void InterviewPanel::advanceClock(int seconds)
{
    if (!m_running) return;
    m_phaseSeconds[m_phase] += seconds;
    updateClock();
    // The recovery copy follows the clock loosely: a write a second would be all it did.
    if (totalSeconds() % 30 < seconds) emit sessionChanged();
}

int InterviewPanel::totalSeconds() const
{
    int total = 0;
    for (int s : m_phaseSeconds) total += s;
    return total;
}

void InterviewPanel::updateClock()
{
    m_clock->setText(tr("%1  ·  %2 %3").arg(clock(totalSeconds()), phaseName(m_phase), clock(m_phaseSeconds[m_phase])));
    for (int p = 0; p < PhaseCount; ++p)
        m_phases->button(p)->setText(QStringLiteral("%1 %2").arg(phaseName(Phase(p)), clock(m_phaseSeconds[p])));
}

rules::InterviewSession InterviewPanel::session() const
{
    rules::InterviewSession s;
    s.title = m_doc->design().title.empty() ? m_doc->displayName().toStdString() : m_doc->design().title;
    s.date = QDate::currentDate().toString(Qt::ISODate).toStdString();
    s.totalSeconds = totalSeconds();
    for (int p = 0; p < PhaseCount; ++p) s.phases.push_back({phaseName(Phase(p)).toStdString(), m_phaseSeconds[p]});
    s.questions = m_queue;
    return s;
}

void InterviewPanel::showPresenter(bool show)
{
    if (show && !m_presenter) {
        m_presenter = new PresenterWindow(m_scene);
        m_presenter->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_presenter, &QObject::destroyed, this, [this] {
            const QSignalBlocker block(m_presenterButton);
            m_presenterButton->setChecked(false);
            emit sessionChanged(); // a restore must not open a window the interviewer closed
        });
    }
    if (m_presenterButton->isChecked() != show) {
        const QSignalBlocker block(m_presenterButton);
        m_presenterButton->setChecked(show);
    }
    if (!m_presenter) return;
    if (!show) {
        m_presenter->close();
        return;
    }
    m_presenter->setTitle(m_doc->design().title.empty() ? m_doc->displayName()
                                                         : shownText(m_doc->design().title));
    updatePresenter();
    m_presenter->show();
    m_presenter->raise();
    emit sessionChanged(); // the candidate's screen comes back with a restore after a crash
}

bool InterviewPanel::exportSession(const QString& path, QString* error)
{
    const auto s = session();
    const model::Design& d = m_doc->design();
    const auto text = [&](documentexport::Format f, const rules::DocOptions& o) {
        return f == documentexport::Format::Markdown ? rules::sessionMarkdown(s, d, o)
                                                     : rules::sessionHtml(s, d, o);
    };
    const bool ok = documentexport::write(path, documentexport::formatFor(path),
                                          documentexport::diagramImage(m_scene), text, error);
    if (ok) {
        m_unexported = false;
        emit sessionChanged(); // the recovery copy of the session is not needed any more
    }
    return ok;
}

bool InterviewPanel::hasUnexportedSession() const
{
    return m_unexported && std::any_of(m_queue.begin(), m_queue.end(), [](const auto& q) {
               return !q.mark.empty() || q.rating || !q.notes.empty();
           });
}

bool InterviewPanel::confirmClose()
{
    if (!hasUnexportedSession()) return true;
    // The session is in no file of the user's, and its recovery copy goes with the window:
    // closing loses it. Said so, now that a crash no longer does.
    QMessageBox box(QMessageBox::Warning, tr("Interview session not exported"),
                    tr("The interview session (marks, ratings, notes and phase times) has not been "
                       "exported, and closing the window discards it. Export the interview session before "
                       "closing?"),
                    QMessageBox::Discard | QMessageBox::Cancel, window());
    box.setObjectName(QStringLiteral("interviewCloseBox"));
    QPushButton* exportButton = box.addButton(tr("Export…"), QMessageBox::AcceptRole);
    box.setDefaultButton(exportButton);
    box.exec();
    if (box.clickedButton() == exportButton) return exportDialog();
    return box.clickedButton() == box.button(QMessageBox::Discard);
}

bool InterviewPanel::exportDialog()
{
    const QString base = QFileInfo(m_doc->filePath()).completeBaseName();
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Interview Session"),
        dialogplaces::besideDesign(m_doc->filePath(),
                                   (base.isEmpty() ? tr("interview") : base + tr("-interview")) + QStringLiteral(".html")),
        documentexport::fileFilter());
    if (path.isEmpty()) return false;
    QString error;
    if (exportSession(path, &error)) return true;
    QMessageBox::warning(this, tr("Export failed"), error);
    return false;
}

InterviewState InterviewPanel::state() const
{
    InterviewState s;
    std::copy_if(m_queue.begin(), m_queue.end(), std::back_inserter(s.questions),
                 [](const auto& q) { return !q.mark.empty() || q.rating || !q.notes.empty(); });
    s.askedOrder = m_askedOrder;
    s.currentKey = currentKey();
    s.phase = m_phase;
    s.phaseSeconds = m_phaseSeconds;
    s.presenterOpen = m_presenter && m_presenter->isVisible();
    return s;
}

void InterviewPanel::restoreState(const InterviewState& state)
{
    static_assert(std::tuple_size_v<decltype(state.phaseSeconds)> == PhaseCount);
    m_queue = state.questions;
    m_askedOrder = state.askedOrder;
    m_phaseSeconds = state.phaseSeconds;
    m_unexported = true; // an export made before the crash is not known here: ask again on close
    fillTree();
    int select = m_queue.empty() ? -1 : 0;
    for (int i = 0; i < int(m_queue.size()); ++i)
        if (m_queue[i].key == state.currentKey) select = i;
    m_current = -1;
    showQuestion(select);
    setAnswerPointsShown(false);
    setPhase(Phase(state.phase));
    updatePresenter();
}

void InterviewPanel::applyTheme()
{
    for (int i = 0; i < int(m_queue.size()); ++i) updateItem(i);
    showCurrent();
}

} // namespace pb::app
