#pragma once

#include <QWidget>

class QListWidget;

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

signals:
    void newRequested();
    void openDialogRequested();
    void openRequested(const QString& path, bool asTemplate);

private:
    QListWidget* m_recent;
    QListWidget* m_examples;
};

} // namespace pb::app
