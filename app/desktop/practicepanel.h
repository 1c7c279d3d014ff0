#pragma once

#include "rules/engine.h"
#include "rules/scoring.h"

#include <QDockWidget>
#include <QHash>
#include <QString>
#include <optional>
#include <vector>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTextBrowser;
class QTimer;

namespace pb::app {

// Practice mode for candidates: the follow-up questions of the current drawing, one at a time,
// without their answer points. The candidate types an answer and "Check my answer" shows which
// strong-answer points it covered (with the words that matched) and which it missed, and keeps
// a score per category. An optional time box per question checks the answer when time is up.
// Answers are kept per question while the drawing changes.
class PracticePanel : public QDockWidget
{
    Q_OBJECT
public:
    explicit PracticePanel(QWidget* parent = nullptr);

    struct Item
    {
        QString key; // fingerprint#index
        QString category;
        QString findingTitle;
        QString question;
        std::vector<std::string> points;
    };

    int questionCount() const { return int(m_items.size()); }
    int currentIndex() const { return m_current; }
    const Item* currentItem() const;
    QPlainTextEdit* answerEdit() const { return m_answer; }
    QPushButton* checkButton() const { return m_check; }
    QTextBrowser* resultView() const { return m_result; }
    QLabel* questionLabel() const { return m_question; }
    QLabel* contextLabel() const { return m_context; }
    QLabel* scorecardLabel() const { return m_scorecard; }
    std::optional<rules::AnswerScore> scoreFor(const QString& key) const;
    rules::PracticeScorecard scorecard() const;

    // Seconds per question; 0 turns the time box off.
    void setTimeBox(int seconds);
    int remainingSeconds() const;

public slots:
    void setResult(const pb::rules::ReviewResult& result);
    void selectQuestion(int index);
    void checkAnswer();
    // One clock step of the time box (the panel's timer calls it every second).
    void advanceClock(int seconds = 1);

private:
    void buildUi();
    QWidget* buildAnswerArea();
    void showCurrent();
    void showScore(const Item& item, const rules::AnswerScore& s);
    void updateScorecard();
    void updateClock();
    void applyTheme();

    struct State
    {
        QString answer;
        std::optional<rules::AnswerScore> score;
        int used = 0; // seconds spent
    };

    std::vector<Item> m_items;
    QHash<QString, State> m_state;
    int m_current = -1;
    int m_timeBox = 0;
    QListWidget* m_list;
    QLabel* m_position;
    QLabel* m_context;
    QLabel* m_question;
    QPlainTextEdit* m_answer;
    QPushButton* m_check;
    QSpinBox* m_minutes;
    QLabel* m_clock;
    QTextBrowser* m_result;
    QLabel* m_scorecard;
    QTimer* m_timer;
};

} // namespace pb::app
