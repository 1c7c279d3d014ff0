#pragma once

#include <QObject>
#include <QString>

class QAction;
class QActionGroup;
class QDockWidget;

namespace pb::app {

class InterviewPanel;
struct InterviewState;
class MainWindow;
class PracticePanel;
class ReviewPanel;

// The window's working mode: Draw (the whiteboard with live findings), Practice (a candidate
// answers the follow-up questions and checks the answers), Interview (an interviewer runs a
// timed session from the question queue) and Review (a team decides on each finding and writes
// the report). A mode only chooses which panels are shown and whether answer points are
// visible; the canvas and its tools are the same in every mode.
class ModeController : public QObject
{
    Q_OBJECT
public:
    enum class Mode
    {
        Draw,
        Practice,
        Interview,
        Review
    };
    Q_ENUM(Mode)

    // Creates the mode actions (Mode menu, toolbar), the three panels and File > Compare With….
    explicit ModeController(MainWindow* window);

    Mode mode() const { return m_mode; }
    QAction* action(Mode m) const;
    PracticePanel* practice() const { return m_practice; }
    InterviewPanel* interview() const { return m_interview; }
    ReviewPanel* reviewPanel() const { return m_review; }
    // Answer points are for the reviewer, not the person answering.
    static bool answerPointsVisible(Mode m) { return m == Mode::Draw || m == Mode::Review; }
    static QString name(Mode m);

    // After a crash: the interview session from the recovery copy, shown in Interview mode.
    void restoreInterview(const InterviewState& state);

public slots:
    void setMode(pb::app::ModeController::Mode mode);

signals:
    void modeChanged(pb::app::ModeController::Mode mode);

protected:
    // The window's close passes here first: an interview session not exported is offered for
    // export, since it lives in no file of the user's and its recovery copy goes with the
    // window (see InterviewPanel::confirmClose).
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void createActions();
    void apply();
    void feedPanels(bool all); // hand the latest review to the practice/interview panels
    QDockWidget* dockFor(Mode m) const;
    static bool showsFindings(Mode m) { return m == Mode::Draw || m == Mode::Review; }

    MainWindow* m_window;
    Mode m_mode = Mode::Draw;
    QActionGroup* m_group;
    PracticePanel* m_practice;
    InterviewPanel* m_interview;
    ReviewPanel* m_review;
};

} // namespace pb::app
