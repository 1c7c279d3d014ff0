#include "app/desktop/canvascolors.h"

#include "app/desktop/theme.h"

namespace pb::app {

CanvasColors CanvasColors::fromTheme()
{
    const Theme& t = Theme::instance();
    auto c = [&t](const char* key) { return t.color(QLatin1String(key)); };
    CanvasColors k;
    k.background = c("canvas.background");
    k.gridMinor = c("canvas.gridMinor");
    k.gridMajor = c("canvas.gridMajor");
    k.selection = c("canvas.selection");
    k.selectionFill = c("canvas.selectionFill");
    k.hover = c("canvas.hover");
    k.handle = c("canvas.handle");
    k.handleStroke = c("canvas.handleStroke");
    k.dropTarget = c("canvas.dropTarget");
    k.dropTargetFill = c("canvas.dropTargetFill");
    k.shadow = c("canvas.shadow");
    k.focus = c("canvas.focus");
    k.snapGuide = c("canvas.snapGuide");
    k.textPrimary = c("text.primary");
    k.textMuted = c("text.muted");
    k.flowStroke = c("flow.stroke");
    k.flowAsync = c("flow.async");
    k.flowLabel = c("flow.label");
    k.flowLabelBackground = c("flow.labelBackground");
    k.flowSelected = c("flow.selected");
    k.flowUnattached = c("flow.unattached");
    k.highlight = c("finding.highlight");
    k.highlightFill = c("finding.highlightFill");
    k.dimOverlay = c("finding.dimOverlay");
    const QString groups[] = {QStringLiteral("default"),   QStringLiteral("edge"),
                              QStringLiteral("compute"),   QStringLiteral("data"),
                              QStringLiteral("messaging"), QStringLiteral("compliance")};
    for (const QString& g : groups) {
        const QString p = QStringLiteral("component.") + g + QLatin1Char('.');
        k.groups.insert(g,
                        {t.color(p + QStringLiteral("fill")), t.color(p + QStringLiteral("stroke")),
                         t.color(p + QStringLiteral("text")), t.color(p + QStringLiteral("icon"))});
    }
    for (const char* z : {"region", "az", "trust_boundary"}) {
        const QString p = QStringLiteral("zone.") + QLatin1String(z) + QLatin1Char('.');
        k.zones.insert(QLatin1String(z),
                       {t.color(p + QStringLiteral("fill")), t.color(p + QStringLiteral("stroke")),
                        t.color(p + QStringLiteral("label"))});
    }
    for (const char* s : {"info", "low", "medium", "high", "critical"}) {
        const QString p = QStringLiteral("badge.") + QLatin1String(s) + QLatin1Char('.');
        k.badges.insert(QLatin1String(s),
                        {t.color(p + QStringLiteral("fill")), t.color(p + QStringLiteral("stroke")),
                         t.color(p + QStringLiteral("text")), QColor()});
    }
    return k;
}

const GroupColors& CanvasColors::group(const QString& name) const
{
    auto it = groups.find(name);
    return it != groups.end() ? *it : *groups.find(QStringLiteral("default"));
}

const ZoneColors& CanvasColors::zone(const QString& kind) const
{
    auto it = zones.find(kind);
    return it != zones.end() ? *it : *zones.find(QStringLiteral("region"));
}

} // namespace pb::app
