#pragma once

#include "model/design.h"
#include "rules/designdiff.h"

#include <QDockWidget>
#include <optional>

class QComboBox;
class QDateEdit;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace pb::app {

class CanvasScene;
class ReviewController;

// Review mode for teams: every finding with its status (open, in discussion, accepted,
// mitigated, not applicable), owner and justification, kept in the design file as decisions by
// fingerprint (one undo step each); the review report in HTML, PDF or Markdown (the same
// document as `probeboard-cli report`, with the canvas picture); and the comparison with a
// previous version of the file, which the next report includes.
class ReviewPanel : public QDockWidget
{
    Q_OBJECT
public:
    ReviewPanel(ReviewController* review, CanvasScene* scene, QWidget* parent = nullptr);

    static QStringList statuses();            // "open", "in_discussion", …
    static QString statusTitle(const QString& status);

    QTreeWidget* tree() const { return m_tree; }
    QComboBox* statusBox() const { return m_status; }
    QLineEdit* ownerEdit() const { return m_owner; }
    QPlainTextEdit* justificationEdit() const { return m_justification; }
    QLabel* messageLabel() const { return m_message; }
    QCheckBox* expiresBox() const { return m_expiresOn; }
    QDateEdit* expiresEdit() const { return m_expires; }
    const std::optional<rules::DesignDiff>& comparison() const { return m_diff; }

    bool selectFinding(const QString& fingerprint);
    QString currentFingerprint() const;

    // Applies the editor's status, owner and justification to the current finding. Every status
    // but "open" needs an owner and a justification; "open" removes the decision.
    bool applyDecision();
    // Compares the current drawing with the design file at `path` (a previous version).
    bool compareWith(const QString& path, QString* error);
    bool exportReport(const QString& path, QString* error);

public slots:
    void refresh();
    void compareDialog();
    void reportDialog();
    void clearComparison();
    void updateComparison();

private:
    QWidget* buildEditor();
    void showCurrent();
    void showMessage(const QString& text, bool error);
    void showComparison();

    ReviewController* m_review;
    CanvasScene* m_scene;
    QTreeWidget* m_tree;
    QComboBox* m_status;
    QLineEdit* m_owner;
    QPlainTextEdit* m_justification;
    QCheckBox* m_expiresOn;
    QDateEdit* m_expires;
    QPushButton* m_apply;
    QLabel* m_message;
    QLabel* m_compareLabel;
    QPushButton* m_clearCompare;
    // The version compared with and its review, kept so that the comparison follows the
    // drawing: made once, it went stale at the first edit (a Fix), and the report contradicted
    // its own findings table.
    std::optional<model::Design> m_before;
    rules::ReviewResult m_beforeResult;
    std::optional<rules::DesignDiff> m_diff;
    QString m_diffName;
};

} // namespace pb::app
