#include "model/printable.h"

#include <cstdio>

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
    if (len == 1 && c == '\t') {
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

} // namespace

std::string_view printable(std::string_view text, std::string& buf, LineBreaks breaks)
{
    std::size_t i = 0;
    while (i < text.size() && flagged(text, i, breaks) == 0) ++i;
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

} // namespace pb::model
