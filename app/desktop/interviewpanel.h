#pragma once

#include "app/desktop/interviewstate.h"
#include "rules/engine.h"
#include "rules/sessionreport.h"

#include <QDockWidget>
#include <QPointer>
#include <array>
#include <vector>

class QButtonGroup;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTimer;
class QToolButton;
class QTreeWidget;

namespace pb::app {

class CanvasScene;
class Document;
class PresenterWindow;

// Interview mode for the interviewer: a session clock split into the usual phases, the queue of
// follow-up questions (most severe first, then by level), and per question asked/skipped marks,
// a 1–4 rating and notes. The presenter window shows the candidate the canvas and the question
// being asked, never the answer points or notes. The session exports to Markdown, HTML and PDF.
class InterviewPanel : public QDockWidget
{
    Q_OBJECT
public:
    enum Phase
    {
        Scope,
        Estimates,
        Design,
        FollowUps,
        PhaseCount
    };

    InterviewPanel(Document* doc, CanvasScene* scene, QWidget* parent = nullptr);
    ~InterviewPanel() override;

    const std::vector<rules::SessionQuestion>& queue() const { return m_queue; }
    int currentIndex() const { return m_current; }
    rules::InterviewSession session() const;
    QTreeWidget* tree() const { return m_tree; }
    QLabel* clockLabel() const { return m_clock; }
    QLabel* pointsLabel() const { return m_points; }
    PresenterWindow* presenter() const;

    bool isRunning() const { return m_running; }
    Phase phase() const { return m_phase; }
    int phaseSeconds(Phase p) const { return m_phaseSeconds[p]; }
    int totalSeconds() const;
    static QString phaseName(Phase p);

    bool exportSession(const QString& path, QString* error);
    // The question on the candidate's screen: the last one marked asked that is still asked.
    QString presenterQuestion() const;
    bool answerPointsShown() const;
    // Marks, ratings or notes that no export holds yet (only the recovery copy has them).
    bool hasUnexportedSession() const;
    // Before the window closes: offers to export such a session. False: keep the window open.
    bool confirmClose();
    // What the recovery copy keeps of the session (the questions handled, the clock), and putting
    // it back after a crash: the next review brings back the questions not yet handled.
    InterviewState state() const;
    void restoreState(const InterviewState& state);

signals:
    // Marks, ratings, notes or the phase clock changed (the clock: every 30 s while it runs).
    void sessionChanged();

public slots:
    void setResult(const pb::rules::ReviewResult& result);
    void selectQuestion(int index);
    void markAsked();
    void markSkipped();
    void setRating(int rating); // 1–4, 0 clears
    void setNotes(const QString& notes);
    void setAnswerPointsShown(bool shown);
    void setPhase(pb::app::InterviewPanel::Phase phase);
    void start();
    void pause();
    void resetClock();
    // One step of the session clock (the panel's timer calls it every second while running).
    void advanceClock(int seconds = 1);
    void showPresenter(bool show);
    bool exportDialog(); // false when cancelled or failed

private:
    void buildUi();
    QWidget* buildClock();
    QWidget* buildDetail();
    void fillTree();
    void updateItem(int index);
    void showCurrent();
    void updateClock();
    void setMark(const std::string& mark);
    void showQuestion(int index);
    void updatePresenter();
    void noteAsked(const rules::SessionQuestion& q);
    std::string currentKey() const;
    void applyTheme();
    rules::SessionQuestion* current();

    Document* m_doc;
    CanvasScene* m_scene;
    std::vector<rules::SessionQuestion> m_queue;
    int m_current = -1;
    std::vector<std::string> m_askedOrder; // keys, in the order they were last marked asked
    bool m_unexported = false;             // handled since the last export
    Phase m_phase = Scope;
    std::array<int, PhaseCount> m_phaseSeconds{};
    bool m_running = false;
    QTimer* m_timer;
    QLabel* m_clock;
    QPushButton* m_startButton;
    QButtonGroup* m_phases;
    QTreeWidget* m_tree;
    QLabel* m_question;
    QToolButton* m_pointsToggle;
    QLabel* m_points;
    QPushButton* m_asked;
    QPushButton* m_skipped;
    QButtonGroup* m_ratings;
    QPlainTextEdit* m_notes;
    QPushButton* m_presenterButton;
    QPointer<PresenterWindow> m_presenter;
};

} // namespace pb::app
