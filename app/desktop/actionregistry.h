#pragma once

#include <QAction>
#include <QHash>
#include <QKeySequence>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

namespace pb::app {

// Every command of the window, created in one place with its id, text and shortcuts, so
// menus, toolbars, tests and (later) user-remapped shortcuts all find the same QAction.
class ActionRegistry : public QObject
{
    Q_OBJECT
public:
    explicit ActionRegistry(QWidget* owner);

    QAction* add(const QString& id, const QString& text, const QList<QKeySequence>& shortcuts = {});
    QAction* add(const QString& id, const QString& text, const QKeySequence& shortcut)
    {
        return add(id, text, QList<QKeySequence>{shortcut});
    }
    // An action whose keys work only while the focus is in `scope` (or a child of it): the
    // canvas's Tab and Alt+arrows, which every other widget of the window keeps for itself.
    QAction* addScoped(QWidget* scope, const QString& id, const QString& text,
                       const QList<QKeySequence>& shortcuts);
    // The action with this id; aborts in debug builds on a typo, returns a dummy otherwise.
    QAction* get(const QString& id) const;
    QList<QAction*> all() const { return m_order; }
    // Disables every enabled action whose id starts with one of `prefixes` until released, when
    // those come back: a page over the canvas (the Start Page) must not let Select All and Delete
    // empty the design it hides.
    void hold(const QStringList& prefixes);
    void release();

private:
    QList<QPointer<QAction>> m_held;
    QWidget* m_owner;
    QHash<QString, QAction*> m_actions;
    QList<QAction*> m_order;
};

} // namespace pb::app
