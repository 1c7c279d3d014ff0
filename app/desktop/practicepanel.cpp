#include "app/desktop/practicepanel.h"

#include "app/desktop/theme.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace pb::app {

namespace {

QString esc(const std::string& s)
{
    return QString::fromStdString(s).toHtmlEscaped();
}

QString terms(const std::vector<std::string>& words)
{
    QStringList out;
    for (const auto& w : words) out << esc(w);
    return out.join(QStringLiteral(", "));
}

// The top of a category path only: "consistency/outbox" named the answer the question was after.
QString topCategory(const QString& c)
{
    return c.section(QLatin1Char('/'), 0, 0);
}

QString categoryTitle(const QString& c)
{
    const QString top = topCategory(c);
    if (top.isEmpty()) return QCoreApplication::translate("PracticePanel", "Other");
    return top.left(1).toUpper() + top.mid(1);
}

} // namespace

PracticePanel::PracticePanel(QWidget* parent)
    : QDockWidget(tr("Practice"), parent)
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("practiceDock"));
    buildUi();
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (isVisible()) advanceClock(1); // the clock runs only while the candidate sees it
    });
    connect(&Theme::instance(), &Theme::changed, this, &PracticePanel::applyTheme);
    applyTheme();
    showCurrent();
}

void PracticePanel::buildUi()
{
    auto* body = new QWidget;
    auto* v = new QVBoxLayout(body);
    v->setContentsMargins(8, 6, 8, 8);
    auto* top = new QHBoxLayout;
    m_position = new QLabel;
    top->addWidget(m_position, 1);
    top->addWidget(new QLabel(tr("Time box")));
    m_minutes = new QSpinBox;
    m_minutes->setRange(0, 30);
    m_minutes->setSuffix(tr(" min"));
    m_minutes->setSpecialValueText(tr("off"));
    m_minutes->setToolTip(tr("Minutes per question; the answer is checked when time is up"));
    top->addWidget(m_minutes);
    m_clock = new QLabel;
    m_clock->setMinimumWidth(48);
    m_clock->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    top->addWidget(m_clock);
    v->addLayout(top);
    connect(m_minutes, &QSpinBox::valueChanged, this, [this](int m) { setTimeBox(m * 60); });

    m_list = new QListWidget;
    m_list->setAccessibleName(tr("Practice questions"));
    m_list->setWordWrap(false);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setUniformItemSizes(true);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setMinimumHeight(m_list->fontMetrics().height() * 6);
    connect(m_list, &QListWidget::currentRowChanged, this, &PracticePanel::selectQuestion);

    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_list);
    split->addWidget(buildAnswerArea());
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 4);
    split->setSizes({140, 560});
    v->addWidget(split, 1);
    m_scorecard = new QLabel;
    m_scorecard->setWordWrap(true);
    v->addWidget(m_scorecard);
    setWidget(body);
}

QWidget* PracticePanel::buildAnswerArea()
{
    auto* work = new QWidget;
    auto* w = new QVBoxLayout(work);
    w->setContentsMargins(0, 0, 0, 0);
    m_context = new QLabel;
    m_context->setWordWrap(true);
    w->addWidget(m_context);
    m_question = new QLabel;
    m_question->setWordWrap(true);
    m_question->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont qf = m_question->font();
    qf.setPointSizeF(qf.pointSizeF() * 1.08);
    m_question->setFont(qf);
    w->addWidget(m_question);
    m_answer = new QPlainTextEdit;
    m_answer->setAccessibleName(tr("Your answer"));
    m_answer->setPlaceholderText(tr("Type your answer as you would say it in the interview…"));
    w->addWidget(m_answer, 2);
    auto* row = new QHBoxLayout;
    m_check = new QPushButton(tr("Check my answer"));
    m_check->setDefault(true);
    row->addStretch(1);
    row->addWidget(m_check);
    w->addLayout(row);
    connect(m_check, &QPushButton::clicked, this, &PracticePanel::checkAnswer);
    connect(m_answer, &QPlainTextEdit::textChanged, this, [this] {
        if (const Item* it = currentItem()) m_state[it->key].answer = m_answer->toPlainText();
    });
    m_result = new QTextBrowser;
    m_result->setAccessibleName(tr("Feedback on your answer"));
    m_result->setOpenLinks(false);
    w->addWidget(m_result, 3);
    return work;
}

const PracticePanel::Item* PracticePanel::currentItem() const
{
    return m_current >= 0 && m_current < int(m_items.size()) ? &m_items[m_current] : nullptr;
}

void PracticePanel::setResult(const rules::ReviewResult& result)
{
    const QString keep = currentItem() ? currentItem()->key : QString();
    m_items.clear();
    for (const auto& f : result.findings) {
        if (f.kind == rules::Finding::Kind::Ask) continue;
        for (std::size_t i = 0; i < f.questions.size(); ++i) {
            if (f.questions[i].answerPoints.empty()) continue;
            m_items.push_back({QString::fromStdString(f.fingerprint) + QLatin1Char('#') + QString::number(i),
                               QString::fromStdString(f.category), QString::fromStdString(f.title),
                               QString::fromStdString(f.questions[i].text), f.questions[i].answerPoints});
        }
    }
    const QSignalBlocker block(m_list);
    m_list->clear();
    int select = m_items.empty() ? -1 : 0;
    for (int i = 0; i < int(m_items.size()); ++i) {
        auto* li = new QListWidgetItem(QStringLiteral("%1. %2").arg(i + 1).arg(m_items[i].question), m_list);
        li->setToolTip(m_items[i].question);
        if (m_items[i].key == keep) select = i;
    }
    m_current = -1;
    selectQuestion(select);
}

void PracticePanel::selectQuestion(int index)
{
    if (index == m_current && index >= 0) return;
    m_current = index >= 0 && index < int(m_items.size()) ? index : -1;
    if (m_list->currentRow() != m_current) {
        const QSignalBlocker block(m_list);
        m_list->setCurrentRow(m_current);
    }
    showCurrent();
}

void PracticePanel::showCurrent()
{
    const Item* it = currentItem();
    m_answer->setEnabled(it);
    m_check->setEnabled(it);
    if (!it) {
        m_position->setText(tr("No questions yet"));
        m_context->clear();
        m_question->setText(tr("Draw a design (or open an example): its follow-up questions appear here."));
        const QSignalBlocker block(m_answer);
        m_answer->clear();
        m_result->clear();
        updateClock();
        updateScorecard();
        return;
    }
    m_position->setText(tr("Question %1 of %2").arg(m_current + 1).arg(m_items.size()));
    m_context->setText(QStringLiteral("<span style=\"color:%1\">%2 · %3</span>")
                           .arg(Theme::instance().color(QStringLiteral("text.muted")).name(),
                                categoryTitle(it->category).toHtmlEscaped(), it->findingTitle.toHtmlEscaped()));
    m_question->setText(it->question.toHtmlEscaped());
    const State st = m_state.value(it->key);
    {
        const QSignalBlocker block(m_answer);
        m_answer->setPlainText(st.answer);
    }
    if (st.score)
        showScore(*it, *st.score);
    else
        m_result->setHtml(QStringLiteral("<p style=\"color:%1\">%2</p>")
                              .arg(Theme::instance().color(QStringLiteral("text.muted")).name(),
                                   tr("The points a strong answer covers stay hidden until you check "
                                      "your answer (%n points).", nullptr, int(it->points.size()))));
    updateClock();
    updateScorecard();
    if (m_timeBox > 0) m_timer->start();
}

void PracticePanel::checkAnswer()
{
    const Item* it = currentItem();
    if (!it) return;
    State& st = m_state[it->key];
    st.answer = m_answer->toPlainText();
    st.score = rules::scoreAnswer(st.answer.toStdString(), it->points, it->question.toStdString());
    showScore(*it, *st.score);
    if (QListWidgetItem* li = m_list->item(m_current))
        li->setText(tr("%1. [%2/%3] %4").arg(m_current + 1).arg(st.score->covered).arg(st.score->total).arg(it->question));
    updateScorecard();
}

void PracticePanel::showScore(const Item& item, const rules::AnswerScore& s)
{
    Q_UNUSED(item);
    const Theme& t = Theme::instance();
    const QString ok = t.color(QStringLiteral("panel.success")).name();
    const QString miss = t.color(QStringLiteral("panel.error")).name();
    const QString muted = t.color(QStringLiteral("text.muted")).name();
    QString html = QStringLiteral("<p><b>%1</b></p>")
                       .arg(tr("You covered %1 of %2 points.").arg(s.covered).arg(s.total));
    for (const auto& p : s.points) {
        html += QStringLiteral("<p style=\"margin-bottom:6px\"><span style=\"color:%1\"><b>%2</b></span> %3<br>")
                    .arg(p.covered ? ok : miss, p.covered ? tr("✓ Covered") : tr("✗ Missed"), esc(p.point));
        QStringList notes;
        if (!p.matchedTerms.empty()) notes << tr("You said: %1").arg(terms(p.matchedTerms));
        if (!p.covered && !p.missingTerms.empty()) notes << tr("Not mentioned: %1").arg(terms(p.missingTerms));
        html += QStringLiteral("<span style=\"color:%1\">%2</span></p>").arg(muted, notes.join(QStringLiteral("<br>")));
    }
    m_result->setHtml(html);
}

rules::PracticeScorecard PracticePanel::scorecard() const
{
    rules::PracticeScorecard card;
    for (const auto& it : m_items) {
        const State st = m_state.value(it.key);
        if (st.score) card.add(topCategory(it.category).toStdString(), *st.score, !st.answer.trimmed().isEmpty());
    }
    return card;
}

std::optional<rules::AnswerScore> PracticePanel::scoreFor(const QString& key) const
{
    return m_state.value(key).score;
}

void PracticePanel::updateScorecard()
{
    const auto card = scorecard();
    if (card.categories().empty()) {
        m_scorecard->setText(tr("Score per category appears after your first check."));
        return;
    }
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\" width=\"100%\">");
    auto row = [&](const QString& name, const rules::CategoryScore& c, bool bold) {
        const QString cell = bold ? QStringLiteral("<b>%1</b>") : QStringLiteral("%1");
        html += QStringLiteral("<tr><td>%1</td><td align=\"right\">%2</td><td align=\"right\">%3</td></tr>")
                    .arg(cell.arg(name.toHtmlEscaped()),
                         cell.arg(tr("%1/%2 points").arg(c.covered).arg(c.total)),
                         cell.arg(QStringLiteral("%1%").arg(qRound(c.fraction() * 100))));
    };
    for (const auto& [name, c] : card.categories()) row(categoryTitle(QString::fromStdString(name)), c, false);
    row(tr("Overall"), card.overall(), true);
    m_scorecard->setText(html + QStringLiteral("</table>"));
}

void PracticePanel::setTimeBox(int seconds)
{
    m_timeBox = std::max(0, seconds);
    if (m_minutes->value() * 60 != m_timeBox && m_timeBox % 60 == 0) {
        const QSignalBlocker block(m_minutes);
        m_minutes->setValue(m_timeBox / 60);
    }
    if (m_timeBox > 0 && currentItem())
        m_timer->start();
    else
        m_timer->stop();
    updateClock();
}

int PracticePanel::remainingSeconds() const
{
    const Item* it = currentItem();
    if (!it || m_timeBox <= 0) return -1;
    return std::max(0, m_timeBox - m_state.value(it->key).used);
}

void PracticePanel::advanceClock(int seconds)
{
    const Item* it = currentItem();
    if (!it || m_timeBox <= 0) return;
    State& st = m_state[it->key];
    if (st.score || st.used >= m_timeBox) return; // checked or already over
    st.used = std::min(m_timeBox, st.used + seconds);
    if (st.used >= m_timeBox) checkAnswer();
    updateClock();
}

void PracticePanel::updateClock()
{
    const int left = remainingSeconds();
    if (left < 0) {
        m_clock->clear();
        return;
    }
    const Theme& t = Theme::instance();
    const QString colour = left == 0 ? t.color(QStringLiteral("panel.error")).name()
                           : left <= 30 ? t.color(QStringLiteral("panel.warning")).name()
                                        : t.color(QStringLiteral("panel.text")).name();
    const QString text = left == 0 ? tr("Time's up") : QStringLiteral("%1:%2").arg(left / 60).arg(left % 60, 2, 10, QLatin1Char('0'));
    m_clock->setText(QStringLiteral("<b style=\"color:%1\">%2</b>").arg(colour, text));
}

void PracticePanel::applyTheme()
{
    showCurrent();
}

} // namespace pb::app
