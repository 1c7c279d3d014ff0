#include "app/desktop/palettedock.h"

#include "app/desktop/canvasscene.h"
#include "app/desktop/kinds.h"
#include "app/desktop/theme.h"

#include <QDir>
#include <QHeaderView>
#include <QLineEdit>
#include <QMimeData>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

namespace pb::app {

namespace {
constexpr int kKindRole = Qt::UserRole + 1;

QString groupTitle(const QString& group)
{
    if (group == QLatin1String("edge")) return PaletteDock::tr("Edge");
    if (group == QLatin1String("compute")) return PaletteDock::tr("Compute");
    if (group == QLatin1String("data")) return PaletteDock::tr("Data");
    if (group == QLatin1String("messaging")) return PaletteDock::tr("Messaging");
    if (group == QLatin1String("compliance")) return PaletteDock::tr("Compliance");
    if (group == QLatin1String("zones")) return PaletteDock::tr("Zones");
    return PaletteDock::tr("Other");
}

struct Entry
{
    QString kind, name, group, icon, description;
};

QList<Entry> entries()
{
    QList<Entry> out;
    if (const model::Vocabulary* v = vocabulary()) {
        for (const auto& k : v->kinds())
            out << Entry{QString::fromStdString(k.id), QString::fromStdString(k.displayName),
                         QString::fromStdString(k.group), QString::fromStdString(k.icon),
                         QString::fromStdString(k.description)};
    } else {
        // No vocabulary installed: offer what the icon folder has, ungrouped.
        const QDir icons(QStringLiteral(":/icons"));
        for (const QString& f : icons.entryList({QStringLiteral("*.svg")})) {
            const QString kind = f.chopped(4);
            if (kind == QLatin1String("probeboard") || zoneKinds().contains(kind)) continue;
            out << Entry{
                kind, kindDisplayName(kind.toStdString()), QStringLiteral("default"), f, {}};
        }
    }
    for (const QString& z : zoneKinds())
        out << Entry{z, zoneDisplayName(z.toStdString()), QStringLiteral("zones"),
                     z + QStringLiteral(".svg"),
                     PaletteDock::tr("Container: drop components into it to make them members.")};
    return out;
}
} // namespace

PaletteTree::PaletteTree(QWidget* parent)
    : QTreeWidget(parent)
{
    setHeaderHidden(true);
    setDragEnabled(true);
    setDragDropMode(DragOnly);
    setIconSize(QSize(22, 22));
    setRootIsDecorated(false);
    setIndentation(8);
    setUniformRowHeights(true);
    setAnimated(true);
}

QStringList PaletteTree::mimeTypes() const
{
    return {QLatin1String(CanvasScene::kKindMime)};
}

QMimeData* PaletteTree::mimeData(const QList<QTreeWidgetItem*>& items) const
{
    if (items.isEmpty()) return nullptr;
    const QString kind = items.first()->data(0, kKindRole).toString();
    if (kind.isEmpty()) return nullptr;
    auto* md = new QMimeData();
    md->setData(QLatin1String(CanvasScene::kKindMime), kind.toUtf8());
    return md;
}

PaletteDock::PaletteDock(QWidget* parent)
    : QDockWidget(tr("Palette"), parent)
    , m_search(new QLineEdit)
    , m_tree(new PaletteTree)
{
    setObjectName(QStringLiteral("paletteDock"));
    m_search->setAccessibleName(tr("Filter kinds"));
    m_tree->setAccessibleName(tr("Kinds to draw"));
    auto* w = new QWidget;
    auto* lay = new QVBoxLayout(w);
    lay->setContentsMargins(4, 4, 4, 4);
    m_search->setPlaceholderText(tr("Filter kinds…"));
    m_search->setClearButtonEnabled(true);
    lay->addWidget(m_search);
    lay->addWidget(m_tree);
    // Wide enough for a kind's name beside its icon: a window made small and then large again
    // left the palette squeezed to "Clien", "Datal" with a scroll bar.
    m_tree->setMinimumWidth(m_tree->fontMetrics().horizontalAdvance(tr("Time-series store")) + 72);
    setWidget(w);
    connect(m_search, &QLineEdit::textChanged, this, &PaletteDock::filter);
    auto activate = [this](QTreeWidgetItem* item) {
        const QString kind = item ? item->data(0, kKindRole).toString() : QString();
        if (!kind.isEmpty()) emit kindActivated(kind);
    };
    connect(m_tree, &QTreeWidget::itemClicked, this, activate);
    connect(m_tree, &QTreeWidget::itemActivated, this, activate); // Enter on a kind
    // Enter in the filter takes the first kind it leaves ("cache", Enter).
    connect(m_search, &QLineEdit::returnPressed, this, [this, activate] {
        for (QTreeWidgetItemIterator it(m_tree); *it; ++it)
            if (!(*it)->isHidden() && !(*it)->data(0, kKindRole).toString().isEmpty()) {
                m_tree->setCurrentItem(*it);
                activate(*it);
                return;
            }
    });
    connect(&Theme::instance(), &Theme::changed, this, &PaletteDock::rebuild);
    rebuild();
}

void PaletteDock::rebuild()
{
    m_tree->clear();
    const Theme& theme = Theme::instance();
    QHash<QString, QTreeWidgetItem*> groups;
    const QStringList order = {QStringLiteral("edge"),       QStringLiteral("compute"),
                               QStringLiteral("data"),       QStringLiteral("messaging"),
                               QStringLiteral("compliance"), QStringLiteral("default"),
                               QStringLiteral("zones")};
    for (const QString& g : order) {
        auto* header = new QTreeWidgetItem(m_tree, {groupTitle(g)});
        header->setFlags(Qt::ItemIsEnabled);
        QFont f = header->font(0);
        f.setBold(true);
        header->setFont(0, f);
        groups.insert(g, header);
    }
    for (const Entry& e : entries()) {
        QTreeWidgetItem* parent = groups.value(e.group, groups.value(QStringLiteral("default")));
        auto* item = new QTreeWidgetItem(parent, {e.name});
        const QString tintKey = e.group == QLatin1String("zones")
                                    ? QStringLiteral("zone.%1.stroke").arg(e.kind)
                                    : QStringLiteral("component.%1.icon").arg(e.group);
        item->setIcon(0, theme.icon(e.icon, theme.color(tintKey)));
        item->setData(0, kKindRole, e.kind);
        item->setToolTip(0, e.description.isEmpty() ? e.name : e.description);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
    }
    for (QTreeWidgetItem* header : groups) {
        header->setHidden(header->childCount() == 0);
        header->setExpanded(true);
    }
    filter(m_search->text());
}

void PaletteDock::filter(const QString& text)
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* header = m_tree->topLevelItem(i);
        int visible = 0;
        for (int j = 0; j < header->childCount(); ++j) {
            QTreeWidgetItem* item = header->child(j);
            const bool show =
                text.isEmpty() || item->text(0).contains(text, Qt::CaseInsensitive) ||
                item->data(0, kKindRole).toString().contains(text, Qt::CaseInsensitive);
            item->setHidden(!show);
            visible += show;
        }
        header->setHidden(visible == 0);
    }
}

QTreeWidgetItem* PaletteDock::itemForKind(const QString& kind) const
{
    QTreeWidgetItemIterator it(m_tree);
    for (; *it; ++it)
        if ((*it)->data(0, kKindRole).toString() == kind) return *it;
    return nullptr;
}

} // namespace pb::app
