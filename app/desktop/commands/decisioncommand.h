#pragma once

#include "model/design.h"

#include <QUndoCommand>
#include <vector>

namespace pb::app {

class Document;

// Replaces the design's list of review decisions (accept, suppress, reopen). Decisions are
// keyed by finding fingerprint, so the whole list before and after is small and exact to undo.
class DecisionCommand : public QUndoCommand
{
public:
    DecisionCommand(Document* doc, std::vector<model::Decision> after, const QString& text,
                    QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document* m_doc;
    std::vector<model::Decision> m_before;
    std::vector<model::Decision> m_after;
};

namespace commands {
// Adds or replaces the decision for `decision.fingerprint`; nullptr if nothing would change.
QUndoCommand* setDecision(Document* doc, const model::Decision& decision, const QString& findingTitle);
// Removes the decision for `fingerprint` (the finding reopens); nullptr if there is none.
QUndoCommand* removeDecision(Document* doc, const std::string& fingerprint, const QString& findingTitle);
} // namespace commands

} // namespace pb::app
