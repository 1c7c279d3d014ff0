#include "app/desktop/commands/elementcommands.h"

#include "app/desktop/document.h"

#include <algorithm>
#include <unordered_set>

namespace pb::app {

AddElementsCommand::AddElementsCommand(Document* doc, std::vector<model::Component> components,
                                       std::vector<model::Flow> flows,
                                       std::vector<model::Zone> zones, const QString& text,
                                       QUndoCommand* parent)
    : QUndoCommand(text, parent)
    , m_doc(doc)
    , m_components(std::move(components))
    , m_flows(std::move(flows))
    , m_zones(std::move(zones))
{
}

void AddElementsCommand::redo()
{
    for (const auto& c : m_components)
        if (!m_doc->design().contains(c.id)) m_doc->addComponent(c);
    for (const auto& z : m_zones)
        if (!m_doc->design().contains(z.id)) m_doc->addZone(z);
    for (const auto& f : m_flows)
        if (!m_doc->design().contains(f.id)) m_doc->addFlow(f);
}

void AddElementsCommand::undo()
{
    std::unordered_set<std::string> ids; // one pass: a paste of thousands is undone at once
    for (const auto& f : m_flows) ids.insert(f.id);
    for (const auto& z : m_zones) ids.insert(z.id);
    for (const auto& c : m_components) ids.insert(c.id);
    m_doc->removeElements(ids);
}

QStringList AddElementsCommand::ids() const
{
    QStringList out;
    for (const auto& c : m_components)
        out << qs(c.id);
    for (const auto& z : m_zones)
        out << qs(z.id);
    for (const auto& f : m_flows)
        out << qs(f.id);
    return out;
}

RemoveElementsCommand::RemoveElementsCommand(Document* doc, QStringList components,
                                             QStringList flows, QStringList zones,
                                             QUndoCommand* parent)
    : QUndoCommand(parent)
    , m_doc(doc)
    , m_componentIds(std::move(components))
    , m_flowIds(std::move(flows))
    , m_zoneIds(std::move(zones))
{
}

void RemoveElementsCommand::redo()
{
    std::unordered_set<std::string> ids;
    for (const QStringList* list : {&m_flowIds, &m_componentIds, &m_zoneIds})
        for (const QString& id : *list) ids.insert(id.toStdString());
    m_removed = m_doc->removeElements(ids);
}

void RemoveElementsCommand::undo()
{
    m_doc->restoreElements(std::move(m_removed)); // each where it was: the file order comes back
    m_removed = {};
}

EditElementsCommand::EditElementsCommand(Document* doc, const QString& text, QUndoCommand* parent)
    : QUndoCommand(text, parent)
    , m_doc(doc)
{
}

void EditElementsCommand::change(const model::Component& before, const model::Component& after)
{
    if (!(before == after)) m_components.emplace_back(before, after);
}

void EditElementsCommand::change(const model::Flow& before, const model::Flow& after)
{
    if (!(before == after)) m_flows.emplace_back(before, after);
}

void EditElementsCommand::change(const model::Zone& before, const model::Zone& after)
{
    if (!(before == after)) m_zones.emplace_back(before, after);
}

bool EditElementsCommand::isEmpty() const
{
    return m_components.empty() && m_flows.empty() && m_zones.empty();
}

namespace {
// An edit of this many elements tells the views it is one batch: each flow between two moved
// components is then re-routed once, not once per end.
constexpr std::size_t kBatchFrom = 64;
}

void EditElementsCommand::redo()
{
    const std::size_t n = m_zones.size() + m_components.size() + m_flows.size();
    if (n >= kBatchFrom) m_doc->startBatch(int(n));
    for (const auto& [before, after] : m_zones)
        m_doc->updateZone(after);
    for (const auto& [before, after] : m_components)
        m_doc->updateComponent(after);
    for (const auto& [before, after] : m_flows)
        m_doc->updateFlow(after);
    if (n >= kBatchFrom) m_doc->finishBatch();
}

void EditElementsCommand::undo()
{
    const std::size_t n = m_zones.size() + m_components.size() + m_flows.size();
    if (n >= kBatchFrom) m_doc->startBatch(int(n));
    for (auto it = m_flows.rbegin(); it != m_flows.rend(); ++it)
        m_doc->updateFlow(it->first);
    for (auto it = m_components.rbegin(); it != m_components.rend(); ++it)
        m_doc->updateComponent(it->first);
    for (auto it = m_zones.rbegin(); it != m_zones.rend(); ++it)
        m_doc->updateZone(it->first);
    if (n >= kBatchFrom) m_doc->finishBatch();
}

void EditElementsCommand::mergeNudges()
{
    m_nudge = true;
    m_lastPress = std::chrono::steady_clock::now();
}

int EditElementsCommand::id() const
{
    return m_nudge ? 0x6e756467 : -1; // 'nudg'
}

bool EditElementsCommand::sameElements(const EditElementsCommand& other) const
{
    auto sameIds = [](const auto& a, const auto& b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                          [](const auto& x, const auto& y) { return x.first.id == y.first.id; });
    };
    return sameIds(m_components, other.m_components) && sameIds(m_zones, other.m_zones) &&
           sameIds(m_flows, other.m_flows);
}

bool EditElementsCommand::mergeWith(const QUndoCommand* other)
{
    const auto* next = static_cast<const EditElementsCommand*>(other); // same id(): a nudge
    if (next->m_lastPress - m_lastPress > kNudgeGap || !sameElements(*next)) return false;
    for (std::size_t i = 0; i < m_components.size(); ++i)
        m_components[i].second = next->m_components[i].second;
    for (std::size_t i = 0; i < m_zones.size(); ++i)
        m_zones[i].second = next->m_zones[i].second;
    for (std::size_t i = 0; i < m_flows.size(); ++i)
        m_flows[i].second = next->m_flows[i].second;
    m_lastPress = next->m_lastPress;
    // Left then right is no change: the stack drops the step rather than keep an empty one.
    auto unchanged = [](const auto& pairs) {
        return std::all_of(pairs.begin(), pairs.end(), [](const auto& p) { return p.first == p.second; });
    };
    setObsolete(unchanged(m_components) && unchanged(m_zones) && unchanged(m_flows));
    return true;
}

} // namespace pb::app
