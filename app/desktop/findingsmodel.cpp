#include "app/desktop/findingsmodel.h"

#include "app/desktop/findinghtml.h"
#include "app/desktop/showntext.h"

#include <QFont>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <map>
#include <unordered_set>

namespace pb::app {

namespace {
// internalId 0 marks a group row; a finding row stores its group index + 1.
constexpr quintptr kGroupRow = 0;

bool touches(const rules::Finding& f, const std::unordered_set<std::string>& ids)
{
    auto hit = [&](const std::string& id) { return ids.count(id) > 0; };
    return std::any_of(f.targets.begin(), f.targets.end(), hit) ||
           std::any_of(f.path.begin(), f.path.end(), hit);
}

QString categoryTitle(const std::string& category)
{
    QString c = QString::fromStdString(category);
    if (c.isEmpty()) return FindingsModel::tr("Other");
    c[0] = c[0].toUpper();
    return c;
}
} // namespace

FindingsModel::FindingsModel(QObject* parent)
    : QAbstractItemModel(parent)
{
}

void FindingsModel::setIcons(QHash<int, QIcon> icons, QColor muted)
{
    m_icons = std::move(icons);
    m_muted = muted;
    if (!m_groups.empty()) emit dataChanged(index(0, 0), index(int(m_groups.size()) - 1, 0));
}

void FindingsModel::setResult(std::shared_ptr<const rules::ReviewResult> result,
                              const model::Design* design, const QSet<QString>& filter)
{
    beginResetModel();
    releaseOld();
    m_result = std::move(result);
    m_design = design;
    m_groups.clear();
    std::map<std::string, std::size_t> byCategory;
    int asks = -1, probes = -1;
    auto add = [&](const QString& key, const QString& title) {
        m_groups.push_back({key, title, {}});
        return int(m_groups.size()) - 1;
    };
    // The result is ordered findings, asks, probes, most severe first: groups follow that order.
    // Read in place: a conditional with an empty vector on one side copied all 52,000 findings
    // of a 20,000-component review on every selection, and the ids are compared as they are kept.
    static const std::vector<rules::Finding> none;
    const auto& findings = m_result ? m_result->findings : none;
    std::unordered_set<std::string> wanted;
    for (const QString& id : filter) wanted.insert(id.toStdString());
    for (int i = 0; i < int(findings.size()); ++i) {
        const rules::Finding& f = findings[std::size_t(i)];
        if (!wanted.empty() && !touches(f, wanted)) continue;
        int g;
        if (f.kind == rules::Finding::Kind::Ask) {
            g = asks >= 0 ? asks : (asks = add(QStringLiteral("ask"), tr("Not drawn yet")));
        } else if (f.kind == rules::Finding::Kind::Probe) {
            g = probes >= 0 ? probes : (probes = add(QStringLiteral("probe"), tr("Topics to probe")));
        } else {
            auto it = byCategory.find(f.category);
            if (it == byCategory.end())
                it = byCategory.emplace(f.category, std::size_t(add(QStringLiteral("cat:") + QString::fromStdString(f.category),
                                                                   categoryTitle(f.category)))).first;
            g = int(it->second);
        }
        m_groups[std::size_t(g)].rows.push_back(i);
    }
    endResetModel();
}

void FindingsModel::releaseOld()
{
    // Freeing thousands of findings (their questions and answer points) costs milliseconds:
    // the last reference to the old review is dropped on a worker thread instead.
    if (m_result && m_result.use_count() == 1)
        (void)QtConcurrent::run([old = std::move(m_result)]() mutable { old.reset(); });
    m_result.reset();
}

bool FindingsModel::replaceSameShape(std::shared_ptr<const rules::ReviewResult> result)
{
    if (!m_result || !result || m_result->findings.size() != result->findings.size()) return false;
    for (std::size_t i = 0; i < result->findings.size(); ++i) {
        const rules::Finding& a = m_result->findings[i];
        const rules::Finding& b = result->findings[i];
        if (a.fingerprint != b.fingerprint || a.status != b.status || a.kind != b.kind ||
            a.category != b.category || a.severity != b.severity || a.title != b.title || a.owner != b.owner ||
            a.targets != b.targets || a.path != b.path)
            return false;
    }
    releaseOld();
    m_result = std::move(result);
    // Labels may have changed: the shown rows ask again when repainted.
    if (!m_groups.empty()) emit dataChanged(index(0, 0), index(int(m_groups.size()) - 1, 0));
    return true;
}

const rules::Finding* FindingsModel::finding(const QModelIndex& index) const
{
    if (!index.isValid() || index.internalId() == kGroupRow || !m_result) return nullptr;
    const Group& g = m_groups[std::size_t(index.internalId() - 1)];
    return &m_result->findings[std::size_t(g.rows[std::size_t(index.row())])];
}

QModelIndex FindingsModel::indexOf(const QString& fingerprint) const
{
    if (!m_result) return {};
    const std::string fp = fingerprint.toStdString();
    for (std::size_t g = 0; g < m_groups.size(); ++g)
        for (std::size_t r = 0; r < m_groups[g].rows.size(); ++r)
            if (m_result->findings[std::size_t(m_groups[g].rows[r])].fingerprint == fp)
                return createIndex(int(r), 0, quintptr(g + 1));
    return {};
}

QStringList FindingsModel::fingerprints() const
{
    QStringList out;
    for (const auto& g : m_groups)
        for (int i : g.rows) out << QString::fromStdString(m_result->findings[std::size_t(i)].fingerprint);
    return out;
}

QModelIndex FindingsModel::index(int row, int column, const QModelIndex& parent) const
{
    if (column != 0 || row < 0) return {};
    if (!parent.isValid())
        return row < int(m_groups.size()) ? createIndex(row, 0, kGroupRow) : QModelIndex();
    if (parent.internalId() != kGroupRow) return {};
    const Group& g = m_groups[std::size_t(parent.row())];
    return row < int(g.rows.size()) ? createIndex(row, 0, quintptr(parent.row() + 1)) : QModelIndex();
}

QModelIndex FindingsModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == kGroupRow) return {};
    return createIndex(int(child.internalId() - 1), 0, kGroupRow);
}

int FindingsModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid()) return int(m_groups.size());
    if (parent.internalId() != kGroupRow) return 0;
    return int(m_groups[std::size_t(parent.row())].rows.size());
}

int FindingsModel::columnCount(const QModelIndex&) const
{
    return 1;
}

Qt::ItemFlags FindingsModel::flags(const QModelIndex& index) const
{
    if (!index.isValid()) return Qt::NoItemFlags;
    return index.internalId() == kGroupRow ? Qt::ItemIsEnabled : Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QVariant FindingsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid()) return {};
    if (index.internalId() == kGroupRow) return groupData(m_groups[std::size_t(index.row())], role);
    const rules::Finding* f = finding(index);
    return f ? findingData(*f, role) : QVariant();
}

QVariant FindingsModel::groupData(const Group& g, int role) const
{
    switch (role) {
    case Qt::DisplayRole: return tr("%1 (%2)").arg(g.title).arg(g.rows.size());
    case GroupKeyRole: return g.key;
    case Qt::FontRole: {
        QFont font;
        font.setBold(true);
        return font;
    }
    default: return {};
    }
}

QVariant FindingsModel::findingData(const rules::Finding& f, int role) const
{
    switch (role) {
    case Qt::DisplayRole: {
        const QString title = QString::fromStdString(f.title);
        if (f.status != "open")
            return tr("%1 — %2 by %3").arg(title, statusDisplayName(f.status).toLower(), QString::fromStdString(f.owner));
        // An ask's title already names its element.
        const QString where = m_design && f.kind != rules::Finding::Kind::Ask ? findingWhere(f, *m_design) : QString();
        // A row shows fifty characters or so; the whole line was shaped to elide it on every
        // paint, and rows naming long mixed-script labels took seconds to draw. The tooltip has it all.
        return shownLine(where.isEmpty() ? title : tr("%1 · %2").arg(title, where));
    }
    case Qt::ToolTipRole: {
        const QString where = m_design ? findingWhere(f, *m_design) : QString();
        return QStringLiteral("%1\n%2").arg(QString::fromStdString(f.title), where);
    }
    case Qt::DecorationRole: return m_icons.value(int(f.severity));
    case Qt::ForegroundRole:
        if (f.settled() && m_muted.isValid()) return m_muted;
        return {};
    case Qt::FontRole:
        if (f.settled()) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case FingerprintRole: return QString::fromStdString(f.fingerprint);
    default: return {};
    }
}

} // namespace pb::app
