#pragma once

#include "model/design.h"
#include "rules/finding.h"

#include <QString>

namespace pb::app {

struct FindingHtmlOptions
{
    bool answerPoints = true; // hidden in practice and interview modes until asked for
    bool fixHint = true;
};

// A finding as rich text for the panel (and the modes built on it): title, severity chip,
// decision state, why, the components and witness path by the user's labels, the questions
// with their answer points, and the fix. Everything the user wrote is escaped; colours come
// from the theme.
QString findingHtml(const rules::Finding& f, const model::Design& design,
                    const FindingHtmlOptions& opts = {});

// "api → orders-db" from a witness path (component ids only), or the targets' labels.
QString findingWhere(const rules::Finding& f, const model::Design& design);

QString severityDisplayName(rules::Severity s);
QString statusDisplayName(const std::string& status);

} // namespace pb::app
