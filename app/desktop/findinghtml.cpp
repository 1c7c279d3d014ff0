#include "app/desktop/findinghtml.h"

#include "app/desktop/kinds.h"
#include "app/desktop/theme.h"

#include <QCoreApplication>
#include <QCoreApplication>
#include <QStringList>

namespace pb::app {

namespace {
QString tr(const char* s)
{
    return QCoreApplication::translate("FindingsPanel", s);
}

QString esc(const std::string& s)
{
    return QString::fromStdString(s).toHtmlEscaped();
}

QString color(const QString& key)
{
    return Theme::instance().color(key).name(QColor::HexRgb);
}

QString chip(rules::Severity s)
{
    const QString sev = QString::fromStdString(rules::severityName(s));
    return QStringLiteral("<span style=\"background:%1; color:%2;\">&nbsp;%3&nbsp;</span>")
        .arg(color(QStringLiteral("badge.%1.fill").arg(sev)),
             color(QStringLiteral("badge.%1.text").arg(sev)), severityDisplayName(s).toUpper());
}

QString section(const QString& title)
{
    return QStringLiteral("<p style=\"margin-top:10px; margin-bottom:2px; color:%1;\"><b>%2</b></p>")
        .arg(color(QStringLiteral("panel.textSecondary")), title.toHtmlEscaped());
}

QString decisionHtml(const rules::Finding& f)
{
    const QString muted = color(QStringLiteral("panel.textSecondary"));
    if (f.status != "open") {
        QString who = f.owner.empty() ? QString() : tr(" by %1").arg(esc(f.owner));
        QString until = f.expires.empty() ? QString() : tr(" until %1").arg(esc(f.expires));
        return QStringLiteral("<p style=\"color:%1;\"><b>%2</b>%3%4: <i>%5</i></p>")
            .arg(muted, statusDisplayName(f.status).toHtmlEscaped(), who, until, esc(f.justification));
    }
    if (!f.justification.empty()) // an expired decision: the engine explains it in the justification
        return QStringLiteral("<p style=\"color:%1;\"><b>%2</b> %3</p>")
            .arg(color(QStringLiteral("panel.warning")), tr("Open again:").toHtmlEscaped(), esc(f.justification));
    return {};
}

QString questionsHtml(const rules::Finding& f, const FindingHtmlOptions& opts)
{
    if (f.questions.empty()) return {};
    QString out = section(f.kind == rules::Finding::Kind::Ask ? tr("To ask") : tr("Questions"));
    out += QStringLiteral("<ol style=\"margin-left:-20px;\">");
    for (const auto& q : f.questions) {
        out += QStringLiteral("<li style=\"margin-bottom:6px;\">%1").arg(esc(q.text));
        if (opts.answerPoints && !q.answerPoints.empty()) {
            out += QStringLiteral("<ul style=\"color:%1;\">").arg(color(QStringLiteral("panel.textSecondary")));
            for (const auto& p : q.answerPoints) out += QStringLiteral("<li>%1</li>").arg(esc(p));
            out += QStringLiteral("</ul>");
        }
        out += QStringLiteral("</li>");
    }
    return out + QStringLiteral("</ol>");
}
} // namespace

QString severityDisplayName(rules::Severity s)
{
    switch (s) {
    case rules::Severity::Info: return tr("info");
    case rules::Severity::Low: return tr("low");
    case rules::Severity::Medium: return tr("medium");
    case rules::Severity::High: return tr("high");
    case rules::Severity::Critical: return tr("critical");
    }
    return {};
}

QString statusDisplayName(const std::string& status)
{
    if (status == "accepted") return tr("Accepted");
    if (status == "not_applicable") return tr("Suppressed (not applicable)");
    if (status == "mitigated") return tr("Mitigated");
    if (status == "in_discussion") return tr("In discussion");
    return tr("Open");
}

QString findingWhere(const rules::Finding& f, const model::Design& design)
{
    QStringList parts;
    const auto& ids = f.path.empty() ? f.targets : f.path;
    for (const auto& id : ids)
        if (design.component(id)) parts << elementName(design, id);
    parts.removeDuplicates();
    return parts.join(f.path.empty() ? QStringLiteral(", ") : QStringLiteral(" → "));
}

QString findingHtml(const rules::Finding& f, const model::Design& design, const FindingHtmlOptions& opts)
{
    QString out = QStringLiteral("<div style=\"color:%1;\">").arg(color(QStringLiteral("panel.text")));
    out += QStringLiteral("<p style=\"margin-bottom:4px;\"><b style=\"font-size:large;\">%1</b></p>").arg(esc(f.title));
    out += QStringLiteral("<p>%1 <span style=\"color:%2;\">%3 · %4</span></p>")
               .arg(chip(f.severity), color(QStringLiteral("panel.textSecondary")),
                    esc(f.category), esc(f.level));
    out += decisionHtml(f);
    if (!f.why.empty()) out += section(tr("Why")) + QStringLiteral("<p>%1</p>").arg(esc(f.why));
    const QString where = findingWhere(f, design);
    if (!where.isEmpty())
        out += section(f.path.empty() ? tr("Components") : tr("Path")) +
               QStringLiteral("<p>%1</p>").arg(where.toHtmlEscaped());
    out += questionsHtml(f, opts);
    if (opts.fixHint && !f.fixHint.empty())
        out += section(tr("Fix")) + QStringLiteral("<p>%1</p>").arg(esc(f.fixHint));
    return out + QStringLiteral("</div>");
}

} // namespace pb::app
