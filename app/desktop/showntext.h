#pragma once

#include <QString>
#include <string>

namespace pb::app {

// A design's text (a label, an id, a title) as the whiteboard shows it on one line: at most
// kShownChars characters, then an ellipsis. The file keeps the whole text; only what is drawn is
// cut. Qt lays out the whole of a string it elides or measures, on every paint: a component
// labelled with 20 million characters took seconds per repaint and froze the whiteboard.
inline constexpr int kShownChars = 120;
QString shownText(const std::string& text);
// The same for a line already put together (a finding's title and the labels it names).
QString shownLine(const QString& text);

// The text a label editor starts with: the whole label, unless it is longer than anyone types by
// hand, when it is the shown part. Editors replace a label only once the user has typed in them,
// so a label that was cut for editing is never saved cut.
inline constexpr std::size_t kEditableBytes = 4096;
QString editableText(const std::string& text);

} // namespace pb::app
