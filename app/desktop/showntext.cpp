#include "app/desktop/showntext.h"

#include "model/printable.h"

#include <algorithm>

namespace pb::app {

QString shownText(const std::string& text)
{
    // A UTF-8 character is at most four bytes: this prefix holds kShownChars characters or more.
    constexpr std::size_t kBytes = 4 * kShownChars;
    if (text.size() <= kShownChars) return QString::fromStdString(text);
    const std::size_t take = model::utf8Boundary(text, kBytes);
    QString s = QString::fromUtf8(text.data(), static_cast<qsizetype>(take));
    if (s.size() <= kShownChars && take == text.size()) return s;
    qsizetype keep = std::min<qsizetype>(s.size(), kShownChars);
    if (keep < s.size() && keep > 0 && s.at(keep - 1).isHighSurrogate()) --keep; // half a pair
    return s.left(keep) + QChar(0x2026);
}

QString shownLine(const QString& text)
{
    if (text.size() <= kShownChars) return text;
    qsizetype keep = kShownChars;
    if (text.at(keep - 1).isHighSurrogate()) --keep; // half a pair
    return text.left(keep) + QChar(0x2026);
}

QString editableText(const std::string& text)
{
    return text.size() <= kEditableBytes ? QString::fromStdString(text) : shownText(text);
}

} // namespace pb::app
