#pragma once

#include "model/design.h"

#include <QString>
#include <QStringList>
#include <QUndoCommand>
#include <chrono>
#include <utility>
#include <vector>

namespace pb::app {

class Document;

// Adds whole elements (new components, flows, zones; pasted or dropped). Order on redo:
// components, zones, flows, so a flow's endpoints exist before it does.
class AddElementsCommand : public QUndoCommand
{
public:
    AddElementsCommand(Document* doc, std::vector<model::Component> components,
                       std::vector<model::Flow> flows, std::vector<model::Zone> zones,
                       const QString& text, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;
    QStringList ids() const;

private:
    Document* m_doc;
    std::vector<model::Component> m_components;
    std::vector<model::Flow> m_flows;
    std::vector<model::Zone> m_zones;
};

// Removes elements by id and puts them back at their old index on undo. It does not cascade:
// makeDeleteCommand() builds the macro that also takes the flows and memberships.
class RemoveElementsCommand : public QUndoCommand
{
public:
    RemoveElementsCommand(Document* doc, QStringList components, QStringList flows,
                          QStringList zones, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document* m_doc;
    QStringList m_componentIds, m_flowIds, m_zoneIds;
    model::Design::Removed m_removed; // what redo took out, each with its former index
};

// Replaces elements by id with a new state (move, resize, label, property, membership,
// routing, layout). Holding whole before/after copies keeps redo() idempotent and undo exact.
class EditElementsCommand : public QUndoCommand
{
public:
    EditElementsCommand(Document* doc, const QString& text, QUndoCommand* parent = nullptr);
    void change(const model::Component& before, const model::Component& after);
    void change(const model::Flow& before, const model::Flow& after);
    void change(const model::Zone& before, const model::Zone& after);
    bool isEmpty() const;
    void redo() override;
    void undo() override;
    // Arrow-key nudges: holding a key repeats it, and a burst of presses on the same elements is
    // one gesture, as a drag is. Presses less than kNudgeGap apart merge into one undo step;
    // after a pause, another selection or any other command, a new step starts.
    void mergeNudges();
    int id() const override;
    bool mergeWith(const QUndoCommand* other) override;
    static constexpr std::chrono::milliseconds kNudgeGap{1500};

private:
    bool sameElements(const EditElementsCommand& other) const;

    Document* m_doc;
    bool m_nudge = false;
    std::chrono::steady_clock::time_point m_lastPress;
    std::vector<std::pair<model::Component, model::Component>> m_components;
    std::vector<std::pair<model::Flow, model::Flow>> m_flows;
    std::vector<std::pair<model::Zone, model::Zone>> m_zones;
};

} // namespace pb::app
