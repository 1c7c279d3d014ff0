#pragma once

#include "rules/finding.h"

#include <QUndoCommand>

namespace pb::app {

class Document;

// A finding's one-click fix as one undo step: every "set" becomes a property edit and every
// "add_component" a new component with flows from the elements it names, all children of one
// command so undo brings the finding back in a single step.
namespace commands {
// nullptr when the finding has no mechanical fix, or when the elements it names are gone
// (the finding came from an older state of the design).
QUndoCommand* applyFix(Document* doc, const rules::Finding& finding);
bool canFix(const Document* doc, const rules::Finding& finding);
} // namespace commands

} // namespace pb::app
