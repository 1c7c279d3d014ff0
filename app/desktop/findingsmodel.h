#pragma once

#include "model/design.h"
#include "rules/engine.h"

#include <QAbstractItemModel>
#include <QColor>
#include <QHash>
#include <QIcon>
#include <QSet>
#include <QStringList>
#include <memory>
#include <vector>

namespace pb::app {

// The findings of one review as a two-level tree: groups (a category, then "Not drawn yet" and
// "Topics to probe") and their findings, most severe first. Rows are computed when the view
// asks for them, so a review with thousands of findings resets the model in well under a
// millisecond and only the visible rows pay for their text.
class FindingsModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Role
    {
        FingerprintRole = Qt::UserRole + 1,
        GroupKeyRole
    };

    explicit FindingsModel(QObject* parent = nullptr);

    // `design` is read when rows are shown (labels); it must outlive the model.
    void setResult(std::shared_ptr<const rules::ReviewResult> result, const model::Design* design,
                   const QSet<QString>& filter);
    // Takes a new review that lists the same findings in the same order with the same states
    // (most edits: a move, a label, a property no rule reads) without resetting the view, so
    // selection, scroll position and expansion stay and no rows are laid out again. Returns
    // false, changing nothing, when the shape differs.
    bool replaceSameShape(std::shared_ptr<const rules::ReviewResult> result);
    void setIcons(QHash<int, QIcon> icons, QColor muted);

    const rules::Finding* finding(const QModelIndex& index) const;
    QModelIndex indexOf(const QString& fingerprint) const;
    QStringList fingerprints() const; // display order
    int groupCount() const { return int(m_groups.size()); }
    QString groupKey(int group) const { return m_groups[std::size_t(group)].key; }
    bool isEmpty() const { return m_groups.empty(); }

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    struct Group
    {
        QString key;
        QString title;
        std::vector<int> rows; // indexes into m_result->findings
    };
    QVariant groupData(const Group& g, int role) const;
    QVariant findingData(const rules::Finding& f, int role) const;
    void releaseOld();

    std::shared_ptr<const rules::ReviewResult> m_result;
    const model::Design* m_design = nullptr;
    std::vector<Group> m_groups;
    QHash<int, QIcon> m_icons;
    QColor m_muted;
};

} // namespace pb::app
