#pragma once

#include <QDate>
#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace pb::app {

// Accept or suppress a finding: a justification and an owner are required, an expiry date is
// optional (the finding reopens after it). OK stays disabled until both are filled in.
class DecisionDialog : public QDialog
{
    Q_OBJECT
public:
    explicit DecisionDialog(const QString& findingTitle, QWidget* parent = nullptr);

    QString status() const;        // "accepted" | "not_applicable" | "mitigated" | "in_discussion"
    QString justification() const;
    QString owner() const;
    QString expires() const;       // YYYY-MM-DD or empty

    void setStatus(const QString& status);
    void setJustification(const QString& text);
    void setOwner(const QString& owner);
    void setExpires(const QString& isoDate);
    bool isComplete() const;
    bool expiryPassed() const;
    // Whether an expiry date is too early to save a decision with; the review panel asks too.
    static bool tooLate(const QDate& expires);

private:
    void updateOk();

    QComboBox* m_status;
    QPlainTextEdit* m_justification;
    QLineEdit* m_owner;
    QCheckBox* m_hasExpiry;
    QDateEdit* m_expiry;
    QLabel* m_hint;
    QDialogButtonBox* m_buttons;
};

} // namespace pb::app
