#include "app/desktop/canvascolors.h"

#include "app/desktop/theme.h"

namespace pb::app {

CanvasColors CanvasColors::fromTheme(bool light)
{
    const Theme& t = Theme::instance();
    auto c = [&t, light](const QString& key) { return light ? t.lightColor(key) : t.color(key); };
    CanvasColors k;
    k.background = c(QStringLiteral("canvas.background"));
    k.gridMinor = c(QStringLiteral("canvas.gridMinor"));
    k.gridMajor = c(QStringLiteral("canvas.gridMajor"));
    k.selection = c(QStringLiteral("canvas.selection"));
    k.selectionFill = c(QStringLiteral("canvas.selectionFill"));
    k.hover = c(QStringLiteral("canvas.hover"));
    k.handle = c(QStringLiteral("canvas.handle"));
    k.handleStroke = c(QStringLiteral("canvas.handleStroke"));
    k.dropTarget = c(QStringLiteral("canvas.dropTarget"));
    k.dropTargetFill = c(QStringLiteral("canvas.dropTargetFill"));
    k.shadow = c(QStringLiteral("canvas.shadow"));
    k.focus = c(QStringLiteral("canvas.focus"));
    k.snapGuide = c(QStringLiteral("canvas.snapGuide"));
    k.textPrimary = c(QStringLiteral("text.primary"));
    k.textMuted = c(QStringLiteral("text.muted"));
    k.flowStroke = c(QStringLiteral("flow.stroke"));
    k.flowAsync = c(QStringLiteral("flow.async"));
    k.flowLabel = c(QStringLiteral("flow.label"));
    k.flowLabelBackground = c(QStringLiteral("flow.labelBackground"));
    k.flowSelected = c(QStringLiteral("flow.selected"));
    k.flowUnattached = c(QStringLiteral("flow.unattached"));
    k.highlight = c(QStringLiteral("finding.highlight"));
    k.highlightFill = c(QStringLiteral("finding.highlightFill"));
    k.dimOverlay = c(QStringLiteral("finding.dimOverlay"));
    const QString groups[] = {QStringLiteral("default"),   QStringLiteral("edge"),
                              QStringLiteral("compute"),   QStringLiteral("data"),
                              QStringLiteral("messaging"), QStringLiteral("compliance")};
    for (const QString& g : groups) {
        const QString p = QStringLiteral("component.") + g + QLatin1Char('.');
        k.groups.insert(g,
                        {c(p + QStringLiteral("fill")), c(p + QStringLiteral("stroke")),
                         c(p + QStringLiteral("text")), c(p + QStringLiteral("icon"))});
    }
    for (const char* z : {"region", "az", "trust_boundary"}) {
        const QString p = QStringLiteral("zone.") + QLatin1String(z) + QLatin1Char('.');
        k.zones.insert(QLatin1String(z),
                       {c(p + QStringLiteral("fill")), c(p + QStringLiteral("stroke")),
                        c(p + QStringLiteral("label"))});
    }
    for (const char* s : {"info", "low", "medium", "high", "critical"}) {
        const QString p = QStringLiteral("badge.") + QLatin1String(s) + QLatin1Char('.');
        k.badges.insert(QLatin1String(s),
                        {c(p + QStringLiteral("fill")), c(p + QStringLiteral("stroke")),
                         c(p + QStringLiteral("text")), QColor()});
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
