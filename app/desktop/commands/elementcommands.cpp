#include "app/desktop/commands/elementcommands.h"

#include "app/desktop/document.h"

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

void EditElementsCommand::redo()
{
    for (const auto& [before, after] : m_zones)
        m_doc->updateZone(after);
    for (const auto& [before, after] : m_components)
        m_doc->updateComponent(after);
    for (const auto& [before, after] : m_flows)
        m_doc->updateFlow(after);
}

void EditElementsCommand::undo()
{
    for (auto it = m_flows.rbegin(); it != m_flows.rend(); ++it)
        m_doc->updateFlow(it->first);
    for (auto it = m_components.rbegin(); it != m_components.rend(); ++it)
        m_doc->updateComponent(it->first);
    for (auto it = m_zones.rbegin(); it != m_zones.rend(); ++it)
        m_doc->updateZone(it->first);
}

} // namespace pb::app
