#include "model/printable.h"

#include <cstdint>
#include <cstdio>
#include <cstring>

namespace pb::model {

namespace {

unsigned char byteAt(std::string_view s, std::size_t i)
{
    return i < s.size() ? static_cast<unsigned char>(s[i]) : 0;
}

// How many bytes at `i` make a character to show differently: 0 for none. Input that is not
// UTF-8 cannot reach here (files are checked or repaired on load), but a stray byte is left alone
// rather than read past the end.
std::size_t flagged(std::string_view s, std::size_t i, LineBreaks breaks)
{
    const unsigned char c = byteAt(s, i);
    if (c == '\n' && breaks == LineBreaks::Keep) return 0;
    if (c < 0x20 || c == 0x7F) return 1;
    const unsigned char c1 = byteAt(s, i + 1), c2 = byteAt(s, i + 2);
    if (c == 0xC2 && c1 >= 0x80 && c1 <= 0x9F) return 2; // C1 controls, U+0080–U+009F (CSI is U+009B)
    if (c == 0xE2 && c1 == 0x80 && c2 >= 0xA8 && c2 <= 0xAE) return 3; // U+2028–U+202E
    if (c == 0xE2 && c1 == 0x81 && c2 >= 0xA6 && c2 <= 0xA9) return 3; // U+2066–U+2069
    return 0;
}

void showInto(std::string& out, std::string_view s, std::size_t i, std::size_t len)
{
    const unsigned char c = byteAt(s, i);
    // A line break in a label ("Checkout\nService" from DOT) reads as the space it stands for;
    // shown as a symbol it looked like damage. Either way it cannot start a forged line.
    if (len == 1 && (c == '\t' || c == '\n')) {
        out += ' ';
    } else if (len == 1 && c < 0x20) {
        // The Control Pictures block: U+2400 + the control's code, "␛" for ESC, "␊" for LF.
        out += '\xE2';
        out += '\x90';
        out += static_cast<char>(0x80 + c);
    } else if (len == 1) {
        out += "\u2421"; // ␡
    } else {
        const unsigned cp = len == 2 ? ((c & 0x1Fu) << 6) | (byteAt(s, i + 1) & 0x3Fu)
                                     : ((c & 0x0Fu) << 12) | ((byteAt(s, i + 1) & 0x3Fu) << 6) |
                                           (byteAt(s, i + 2) & 0x3Fu);
        char code[16];
        std::snprintf(code, sizeof code, "<U+%04X>", cp);
        out += code;
    }
}

// Every byte that can start a flagged character: the byte-by-byte scan tests only this first.
bool mayStartFlagged(unsigned char c)
{
    return c < 0x20 || c == 0x7F || c == 0xC2 || c == 0xE2;
}

// Texts are made printable while a review builds its findings, 90,000 of them at 10,000
// components, so the usual case must cost next to nothing: all eight bytes of a word printable
// ASCII (0x20 to 0x7E). Bit tricks "has a byte less than" and "has a byte more than".
bool plainAscii(std::uint64_t w)
{
    constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
    const std::uint64_t below = (w - kOnes * 0x20) & ~w & kHighs;
    const std::uint64_t above = ((w + kOnes * (0x7F - 0x7E)) | w) & kHighs;
    return (below | above) == 0;
}

// A text of eight bytes or more that is all printable ASCII, read a word at a time (the last
// word overlapping the one before it).
bool allPlainAscii(std::string_view s)
{
    std::uint64_t w = 0;
    if (s.size() < sizeof w) return false;
    for (std::size_t i = 0; i + sizeof w <= s.size(); i += sizeof w) {
        std::memcpy(&w, s.data() + i, sizeof w);
        if (!plainAscii(w)) return false;
    }
    std::memcpy(&w, s.data() + s.size() - sizeof w, sizeof w);
    return plainAscii(w);
}

} // namespace

std::string_view printable(std::string_view text, std::string& buf, LineBreaks breaks)
{
    if (allPlainAscii(text)) return text;
    std::size_t i = 0;
    while (i < text.size() && !(mayStartFlagged(static_cast<unsigned char>(text[i])) && flagged(text, i, breaks))) ++i;
    if (i == text.size()) return text;
    std::string out(text.substr(0, i));
    out.reserve(text.size() + 16);
    while (i < text.size()) {
        if (const std::size_t len = flagged(text, i, breaks)) {
            showInto(out, text, i, len);
            i += len;
        } else {
            out += text[i++];
        }
    }
    buf = std::move(out);
    return buf;
}

std::string printable(std::string_view text, LineBreaks breaks)
{
    std::string buf;
    const std::string_view shown = printable(text, buf, breaks);
    return shown.data() == buf.data() ? std::move(buf) : std::string(shown);
}

std::string shortText(std::string_view text)
{
    if (text.size() <= kQuotedBytes) return std::string(text);
    return std::string(text.substr(0, utf8Boundary(text, kQuotedBytes))) + "…";
}

std::string quoteText(std::string_view text)
{
    return "'" + shortText(text) + "'";
}

std::size_t utf8Length(std::string_view text, std::size_t i)
{
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char c = b(i);
    if (c < 0x80) return 1;
    const std::size_t n = c > 0xF4 ? 0 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (n == 0 || i + n > text.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((b(i + k) & 0xC0) != 0x80) return 0;
    if ((n == 3 && c == 0xE0 && b(i + 1) < 0xA0) || (n == 3 && c == 0xED && b(i + 1) >= 0xA0) ||
        (n == 4 && c == 0xF0 && b(i + 1) < 0x90) || (n == 4 && c == 0xF4 && b(i + 1) >= 0x90))
        return 0; // overlong forms, UTF-16 surrogates, beyond U+10FFFF
    return n;
}

std::size_t firstNonUtf8(std::string_view text)
{
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8Length(text, i);
        if (n == 0) return i;
        i += n;
    }
    return std::string_view::npos;
}

void appendUtf8(std::string& out, char32_t c)
{
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

} // namespace pb::model
