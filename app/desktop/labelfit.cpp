#include "app/desktop/labelfit.h"

#include <QFontMetricsF>
#include <QPaintDevice>

#include <cmath>
#include <algorithm>

namespace pb::app {

namespace {

QFontMetricsF metrics(const QFont& f, const QPaintDevice* device)
{
    return device ? QFontMetricsF(f, device) : QFontMetricsF(f);
}

bool isBreak(QChar c)
{
    return c == QLatin1Char('-') || c == QLatin1Char('_') || c == QLatin1Char('.') || c == QLatin1Char('/') ||
           c == QLatin1Char(' ');
}

// Where to break the label in two: after the break nearest its middle ("dispatch-" /
// "service"; a space is dropped). Empty when it has no break.
QStringList twoLines(const QString& text)
{
    int best = -1;
    for (int i = 1; i + 1 < text.size(); ++i)
        if (isBreak(text[i]) && (best < 0 || std::abs(i - text.size() / 2) < std::abs(best - text.size() / 2)))
            best = i;
    if (best < 0) return {};
    const bool space = text[best] == QLatin1Char(' ');
    return {text.left(space ? best : best + 1), text.mid(best + 1)};
}

// The largest size up to `font`'s at which `lines` fit the box, found from the size wanted (text
// grows about in proportion to its size) and checked, since hinting does not quite.
qreal largestFitting(const QStringList& lines, QFont font, const QSizeF& box, const QPaintDevice* device)
{
    const qreal wanted = font.pointSizeF();
    auto fits = [&](qreal size, qreal* scale) {
        font.setPointSizeF(size);
        const QFontMetricsF fm = metrics(font, device);
        qreal widest = 0;
        for (const QString& line : lines) widest = std::max(widest, fm.horizontalAdvance(line));
        const qreal height = fm.lineSpacing() * lines.size();
        if (scale) *scale = std::min(box.width() / widest, box.height() / height);
        return widest <= box.width() && height <= box.height();
    };
    qreal scale = 1;
    if (fits(wanted, &scale)) return wanted;
    // In half points: each size is a font of its own in the painter's glyph cache, and a size per
    // label made every frame at 40 % a third slower.
    qreal size = std::floor(wanted * scale * 2) / 2;
    for (int tries = 0; tries < 8 && size > 0 && !fits(size, nullptr); ++tries) size -= 0.5;
    return size;
}

} // namespace

LabelLayout fitLabel(const QString& text, QFont font, const QSizeF& box, qreal smallest,
                     const QPaintDevice* device)
{
    // One line or two, whichever lets the label be larger; both only down to `smallest`.
    const QStringList one{text};
    const QStringList two = twoLines(text);
    const qreal oneSize = largestFitting(one, font, box, device);
    const qreal twoSize = two.isEmpty() ? 0 : largestFitting(two, font, box, device);
    const qreal size = std::max(oneSize, twoSize);
    if (size >= smallest) {
        font.setPointSizeF(size);
        return {font, oneSize >= twoSize ? one : two};
    }
    return {font, {metrics(font, device).elidedText(text, Qt::ElideRight, box.width())}};
}

} // namespace pb::app
