#pragma once

#include <QDialog>

class QLineEdit;
class QTreeWidget;

namespace pb::app {

class ActionRegistry;

// Help → Keyboard Shortcuts: every key the window answers to, searchable. Read from the action
// registry, so that it cannot drift from the keys themselves, plus the few keys that are not
// commands (nudging, Enter, Escape). draw.io and Excalidraw both keep such a page; the canvas's
// keys for moving through the drawing are in no menu, and were written down only in the manual.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(const ActionRegistry* actions, QWidget* parent = nullptr);

    // The rows left after the filter, as "group / command / keys" (for tests and the count).
    QStringList visibleRows() const;
    QLineEdit* filterEdit() const { return m_filter; }

private:
    void fill(const ActionRegistry* actions);
    void addRow(const QString& group, const QString& command, const QString& keys);
    void applyFilter(const QString& text);

    QLineEdit* m_filter;
    QTreeWidget* m_tree;
};

} // namespace pb::app
