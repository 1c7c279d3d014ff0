#pragma once

#include <QLabel>
#include <QPointer>

#include "rules/finding.h"

#include <QDockWidget>
#include <QHash>
#include <QSet>
#include <QStringList>

class QLabel;
class QPushButton;
class QTextBrowser;
class QToolButton;
class QModelIndex;
class QTreeView;
class QHBoxLayout;

namespace pb::app {

class CanvasScene;
class CanvasView;
class FindingsModel;
class ReviewController;

// The live findings dock: findings grouped by category (most severe first), then the facts
// the drawing does not give (asks) and the topics to probe. Selecting a finding highlights its
// targets and witness path on the canvas and dims the rest; selecting elements on the canvas
// filters the list to them; double-clicking a finding zooms to it. Fix, Accept and Reopen act
// on the current finding through the controller (one undo step each). Also keeps the canvas
// badges and the status-bar counts in step with each review.
class FindingsPanel : public QDockWidget
{
    Q_OBJECT
public:
    FindingsPanel(ReviewController* review, CanvasScene* scene, CanvasView* view,
                  QWidget* parent = nullptr);
    ~FindingsPanel() override;

    ReviewController* review() const { return m_review; }
    QTreeView* tree() const { return m_tree; }
    FindingsModel* model() const { return m_model; }
    QTextBrowser* details() const { return m_details; }
    // For the status bar: "3 findings · 1 high · 1 accepted".
    QLabel* countsLabel() const { return m_counts; }
    QString filterText() const; // the header over a filtered list ("Findings about …")
    QPushButton* fixButton() const { return m_fix; }
    QPushButton* decideButton() const { return m_decide; }
    QPushButton* reopenButton() const { return m_reopen; }

    // Practice and interview modes hide the points a strong answer covers until asked for.
    void setAnswerPointsVisible(bool visible);
    bool answerPointsVisible() const { return m_answerPoints; }
    // Hides the answer-point toggle (a mode that owns the reveal itself).
    void setAnswerPointsToggleVisible(bool visible);

    QString currentFingerprint() const;
    bool selectFinding(const QString& fingerprint);
    // Fingerprints listed now (after filtering), in display order.
    QStringList visibleFingerprints() const;
    // Show only findings that touch one of these element ids (empty = all).
    void setFilter(const QStringList& ids);
    QStringList filter() const { return QStringList(m_filter.begin(), m_filter.end()); }
    // Extra controls from a mode (practice, interview, review) next to Fix/Accept/Reopen.
    void addToolWidget(QWidget* w);

    // Zoom the canvas to a finding (what double-click and Enter do).
    void activateFinding(const QString& fingerprint);
    // The current finding's actions (also the buttons).
    bool fixCurrent();
    bool reopenCurrent();
    void decideCurrent(); // opens the accept/suppress dialog

signals:
    void findingSelected(const QString& fingerprint); // empty when none
    void findingActivated(const QString& fingerprint); // double-click

protected:
    void showEvent(QShowEvent* e) override;

private:
    void updateFilterLabel(); // "Findings about …", with the names as they are now
    // After a new review (the default), or with `resultChanged` false after a new filter only.
    void rebuild(bool resultChanged = true);
    void updateBadges();
    void updateCounts();
    void onCurrentChanged();
    void onActivated(const QModelIndex& index);
    void onSceneSelection();
    void showDetails(const rules::Finding* f);
    const rules::Finding* currentFinding() const;
    void applyTheme();

    ReviewController* m_review;
    CanvasScene* m_scene;
    CanvasView* m_view;
    QTreeView* m_tree;
    FindingsModel* m_model;
    QTextBrowser* m_details;
    QLabel* m_filterLabel;
    QToolButton* m_clearFilter;
    QToolButton* m_pointsToggle;
    QPushButton* m_fix;
    QPushButton* m_decide;
    QPushButton* m_reopen;
    QHBoxLayout* m_buttonRow;
    QPointer<QLabel> m_counts; // the window's status bar adopts it; guarded, as it may go first
    QSet<QString> m_filter;
    QSet<QString> m_shownFilter; // the filter the model was built with
    QSet<QString> m_collapsed; // group keys the user folded
    QHash<QString, QPair<QString, int>> m_badges; // component id → (severity, count) shown
    QString m_current;
    QString m_wanted; // the finding the user picked last (survives a review that lacks it)
    bool m_restoring = false;
    bool m_answerPoints = true;
    bool m_driving = false; // the panel is changing the canvas selection itself
    bool m_filling = false;
    bool m_selectionPending = false;
    bool m_sized = false;
};

} // namespace pb::app
