#pragma once

#include <QColor>
#include <QHash>
#include <QString>

namespace pb::app {

struct GroupColors
{
    QColor fill, stroke, text, icon;
};

struct ZoneColors
{
    QColor fill, stroke, label;
};

// The theme colours the canvas paints with, resolved once per theme change so paint() does
// no string lookups (5,000 items repaint in one frame).
struct CanvasColors
{
    QColor background, gridMinor, gridMajor, selection, selectionFill, hover, handle, handleStroke,
        dropTarget, dropTargetFill, shadow, focus, snapGuide;
    QColor textPrimary, textMuted;
    QColor flowStroke, flowAsync, flowLabel, flowLabelBackground, flowSelected, flowUnattached;
    QColor highlight, highlightFill, dimOverlay;
    QHash<QString, GroupColors> groups;
    QHash<QString, ZoneColors> zones;
    QHash<QString, GroupColors> badges; // by severity name

    // The scheme shown, or the light one whatever is shown (`light`: an export on light paper).
    static CanvasColors fromTheme(bool light = false);
    const GroupColors& group(const QString& name) const;
    const ZoneColors& zone(const QString& kind) const;
};

} // namespace pb::app
