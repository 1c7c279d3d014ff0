#pragma once

#include <QWidget>

class QListWidget;
class QPushButton;

namespace pb::app {

// Shown when the window has no design yet: a blank design, recent files, and the examples
// from resources/examples.
class StartPage : public QWidget
{
    Q_OBJECT
public:
    explicit StartPage(QWidget* parent = nullptr);
    static QStringList examples();

public slots:
    void refresh();
    // Shown over a design (File → Start Page): a way back to it. Empty: no design to go back to.
    void setBackTo(const QString& designName);

signals:
    void newRequested();
    void openDialogRequested();
    void openRequested(const QString& path, bool asTemplate);
    void backRequested();

private:
    QListWidget* m_recent;
    QListWidget* m_examples;
    QPushButton* m_back;
};

} // namespace pb::app
