#pragma once

#include <string>
#include <string_view>

namespace pb::model {

// Text from a design, a rule pack or a command line, made safe to show in a terminal, a CI log or
// a table cell. A label may hold anything JSON can: an escape sequence that recolours, retitles or
// clears the reader's terminal; a line break that forges a line of the report or splits a table
// row; a bidirectional override that shows text in another order than it is stored. Those become
// visible symbols ("␛", "␍", "<U+202E>"); a tab or a line break becomes a space (a label drawn on
// two lines reads as its words). Everything else is kept as is.
enum class LineBreaks { Show, Keep };

// `text` itself when nothing in it needs changing (the usual case, no copy), else the changed
// text, written into `buf`.
std::string_view printable(std::string_view text, std::string& buf, LineBreaks breaks = LineBreaks::Show);
std::string printable(std::string_view text, LineBreaks breaks = LineBreaks::Show);

// Length of the UTF-8 sequence starting at text[i], or 0 if it is not valid UTF-8. Designs are
// saved as JSON, which must be UTF-8, so a name with stray bytes could be imported but never
// saved (or saved with U+FFFD in it, where two such names became one id): the DOT and Mermaid
// readers refuse such text.
std::size_t utf8Length(std::string_view text, std::size_t i);
// Where the first byte that is not part of valid UTF-8 is; npos when the whole text is UTF-8.
std::size_t firstNonUtf8(std::string_view text);
// Code point `c` (at most U+10FFFF, no surrogate: the caller checks) written as UTF-8 after `out`:
// what an entity in a label (HTML's &#9829;, Mermaid's #9829;) stands for.
void appendUtf8(std::string& out, char32_t c);

// Where to cut `text` to at most `at` bytes without splitting a UTF-8 character: every place
// that shortens a long label for showing cuts here.
inline std::size_t utf8Boundary(std::string_view text, std::size_t at)
{
    if (at >= text.size()) return text.size();
    while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
    return at;
}

// A user's text as a message quotes it: an id, a key or a value may be megabytes long (a node
// named by a 64 KiB string, a pasted paragraph), and a message printed whole buried the terminal
// or the CI log. Text of up to kQuotedBytes bytes is kept exactly, since people and tests read
// messages; longer text is cut there, never inside a UTF-8 character, and ends in "…".
inline constexpr std::size_t kQuotedBytes = 60;
std::string shortText(std::string_view text);
// shortText() in single quotes, as messages name things: 'orders-db'.
std::string quoteText(std::string_view text);

// `text` with A-Z made a-z and every other byte kept: file extensions, tag names and "did you mean"
// comparisons fold case this way, and none of them must depend on the C locale.
inline std::string lowerAscii(std::string text)
{
    for (char& c : text)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
}

// Nothing but spaces, tabs and line breaks: a required text (an owner, a justification) not given.
inline bool isBlank(std::string_view text)
{
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// `text` with a-z made A-Z: jurisdiction codes are compared in upper case ("eu" drawn is EU).
inline std::string upperAscii(std::string text)
{
    for (char& c : text)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return text;
}

} // namespace pb::model
