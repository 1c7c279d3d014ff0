#include "app/desktop/shortcutsdialog.h"

#include "app/desktop/actionregistry.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace pb::app {

namespace {
// The menu an action's id names ("edit.copy" is Edit's); ids are fixed, the names translated.
QString groupName(const QString& id)
{
    const QString prefix = id.section(QLatin1Char('.'), 0, 0);
    static const std::pair<const char*, const char*> kGroups[] = {
        {"file", QT_TRANSLATE_NOOP("ShortcutsDialog", "File")},
        {"edit", QT_TRANSLATE_NOOP("ShortcutsDialog", "Edit")},
        {"view", QT_TRANSLATE_NOOP("ShortcutsDialog", "View")},
        {"tools", QT_TRANSLATE_NOOP("ShortcutsDialog", "Tools")},
        {"arrange", QT_TRANSLATE_NOOP("ShortcutsDialog", "Arrange")},
        {"mode", QT_TRANSLATE_NOOP("ShortcutsDialog", "Mode")},
        {"canvas", QT_TRANSLATE_NOOP("ShortcutsDialog", "Moving through the drawing")},
        {"window", QT_TRANSLATE_NOOP("ShortcutsDialog", "Window")},
        {"help", QT_TRANSLATE_NOOP("ShortcutsDialog", "Help")},
    };
    for (const auto& [key, name] : kGroups)
        if (prefix == QLatin1String(key)) return ShortcutsDialog::tr(name);
    return prefix;
}

QString keysText(const QList<QKeySequence>& keys)
{
    QStringList out;
    for (const QKeySequence& k : keys) {
        const QString text = k.toString(QKeySequence::NativeText);
        if (!text.isEmpty() && !out.contains(text)) out << text;
    }
    return out.join(QStringLiteral(", "));
}
} // namespace

ShortcutsDialog::ShortcutsDialog(const ActionRegistry* actions, QWidget* parent)
    : QDialog(parent)
    , m_filter(new QLineEdit(this))
    , m_tree(new QTreeWidget(this))
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    setObjectName(QStringLiteral("shortcutsDialog"));
    m_filter->setPlaceholderText(tr("Search commands and keys"));
    m_filter->setAccessibleName(tr("Search shortcuts"));
    m_filter->setClearButtonEnabled(true);
    m_tree->setAccessibleName(tr("Keyboard shortcuts"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Command"), tr("Keys")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    auto* note = new QLabel(tr("The keys of the drawing work while the canvas has the keyboard; F6 "
                               "or Ctrl+Tab moves between the canvas and the panels."),
                            this);
    note->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_tree, 1);
    layout->addWidget(note);
    layout->addWidget(buttons);
    fill(actions);
    connect(m_filter, &QLineEdit::textChanged, this, &ShortcutsDialog::applyFilter);
    resize(560, 640);
}

void ShortcutsDialog::fill(const ActionRegistry* actions)
{
    // In the registry's order, which is the menus' order; a group's rows stay together.
    QStringList groups;
    QHash<QString, QList<QAction*>> byGroup;
    for (QAction* a : actions->all()) {
        if (a->shortcuts().isEmpty()) continue;
        const QString group = groupName(a->objectName());
        if (!byGroup.contains(group)) groups << group;
        byGroup[group] << a;
    }
    for (const QString& group : groups)
        for (QAction* a : byGroup.value(group))
            addRow(group, QString(a->text()).remove(QLatin1Char('&')), keysText(a->shortcuts()));
    // Keys that are not commands: the tools and the canvas read them themselves.
    const QString canvas = tr("Drawing");
    addRow(canvas, tr("Nudge the selection one grid step"), tr("Arrow keys"));
    addRow(canvas, tr("Nudge the selection five grid steps"), tr("Shift+Arrow keys"));
    addRow(canvas, tr("Edit the selected element's label"), tr("Enter"));
    addRow(canvas, tr("Place the kind picked in the palette, or the zone around the selection"), tr("Enter"));
    addRow(canvas, tr("Cancel a gesture, or clear the selection"), tr("Escape"));
    addRow(canvas, tr("Add the match shown in Find to the selection"), tr("Shift+Enter"));
}

void ShortcutsDialog::addRow(const QString& group, const QString& command, const QString& keys)
{
    QTreeWidgetItem* header = nullptr;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        if (m_tree->topLevelItem(i)->text(0) == group && !m_tree->topLevelItem(i)->parent()) {
            header = m_tree->topLevelItem(i);
            break;
        }
    if (!header) {
        header = new QTreeWidgetItem(m_tree, {group});
        QFont bold = header->font(0);
        bold.setBold(true);
        header->setFont(0, bold);
        header->setFirstColumnSpanned(true);
        header->setExpanded(true);
        header->setFlags(Qt::ItemIsEnabled);
    }
    new QTreeWidgetItem(header, {command, keys});
}

void ShortcutsDialog::applyFilter(const QString& text)
{
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* header = m_tree->topLevelItem(g);
        const bool groupMatches = header->text(0).contains(text, Qt::CaseInsensitive);
        int shown = 0;
        for (int i = 0; i < header->childCount(); ++i) {
            QTreeWidgetItem* row = header->child(i);
            const bool match = text.isEmpty() || groupMatches || row->text(0).contains(text, Qt::CaseInsensitive) ||
                               row->text(1).contains(text, Qt::CaseInsensitive);
            row->setHidden(!match);
            shown += match;
        }
        header->setHidden(shown == 0);
    }
}

QStringList ShortcutsDialog::visibleRows() const
{
    QStringList rows;
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        const QTreeWidgetItem* header = m_tree->topLevelItem(g);
        if (header->isHidden()) continue;
        for (int i = 0; i < header->childCount(); ++i)
            if (!header->child(i)->isHidden())
                rows << header->text(0) + QStringLiteral(" / ") + header->child(i)->text(0) +
                            QStringLiteral(" / ") + header->child(i)->text(1);
    }
    return rows;
}

} // namespace pb::app
