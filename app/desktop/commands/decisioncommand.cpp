#include "app/desktop/commands/decisioncommand.h"

#include "app/desktop/document.h"

#include <QCoreApplication>
#include <algorithm>

namespace pb::app {

DecisionCommand::DecisionCommand(Document* doc, std::vector<model::Decision> after,
                                 const QString& text, QUndoCommand* parent)
    : QUndoCommand(text, parent)
    , m_doc(doc)
    , m_before(doc->design().decisions)
    , m_after(std::move(after))
{
}

void DecisionCommand::redo()
{
    m_doc->setDecisions(m_after);
}

void DecisionCommand::undo()
{
    m_doc->setDecisions(m_before);
}

namespace commands {

namespace {
QString tr(const char* s)
{
    return QCoreApplication::translate("Commands", s);
}

QString statusVerb(const std::string& status)
{
    if (status == "accepted") return tr("Accept");
    if (status == "not_applicable") return tr("Suppress");
    if (status == "mitigated") return tr("Mark mitigated");
    if (status == "in_discussion") return tr("Discuss");
    return tr("Reopen");
}
} // namespace

QUndoCommand* setDecision(Document* doc, const model::Decision& decision, const QString& findingTitle)
{
    auto list = doc->design().decisions;
    auto it = std::find_if(list.begin(), list.end(),
                           [&](const model::Decision& d) { return d.fingerprint == decision.fingerprint; });
    if (it != list.end()) {
        if (*it == decision) return nullptr;
        *it = decision;
    } else {
        list.push_back(decision);
    }
    return new DecisionCommand(doc, std::move(list),
                               tr("%1 “%2”").arg(statusVerb(decision.status), findingTitle));
}

QUndoCommand* removeDecision(Document* doc, const std::string& fingerprint, const QString& findingTitle)
{
    auto list = doc->design().decisions;
    const auto n = std::erase_if(list, [&](const model::Decision& d) { return d.fingerprint == fingerprint; });
    if (n == 0) return nullptr;
    return new DecisionCommand(doc, std::move(list), tr("Reopen “%1”").arg(findingTitle));
}

} // namespace commands
} // namespace pb::app
