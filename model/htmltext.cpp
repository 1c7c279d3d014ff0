#include "model/htmltext.h"
#include "model/printable.h"

#include <array>
#include <cctype>
#include <cstdint>
#include <cstdlib>

namespace pb::model {

namespace {

// The text an entity stands for (`name` is what lies between '&' and ';'); empty when it is not
// one we know, and the entity is then kept as written.
std::string entityText(std::string_view name)
{
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kNamed{
        {{"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "}}};
    for (const auto& [n, text] : kNamed)
        if (n == name) return std::string(text);
    if (name.size() < 2 || name[0] != '#') return {};
    const bool hex = name[1] == 'x' || name[1] == 'X';
    const std::string digits(name.substr(hex ? 2 : 1));
    if (digits.empty() || digits.size() > 8) return {};
    for (char d : digits) // strtoul would also take a sign or leading spaces
        if (!(hex ? std::isxdigit(static_cast<unsigned char>(d))
                  : std::isdigit(static_cast<unsigned char>(d))))
            return {};
    char* end = nullptr;
    const unsigned long cp = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
    // No NUL, no surrogates, nothing past Unicode: those are kept as written.
    if (*end || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
    std::string out;
    appendUtf8(out, static_cast<char32_t>(cp));
    return out;
}

// Tags that only change how words look: dropping them must not split a word.
bool inlineTag(std::string_view tag)
{
    std::size_t i = tag.front() == '/' ? 1 : 0;
    std::size_t n = i;
    while (n < tag.size() && std::isalpha(static_cast<unsigned char>(tag[n])))
        ++n;
    const std::string name = lowerAscii(std::string(tag.substr(i, n - i)));
    for (std::string_view t : {"b", "i", "u", "o", "s", "sub", "sup", "font", "strike"})
        if (name == t) return true;
    return false;
}

} // namespace

std::string htmlLabelText(std::string_view html)
{
    std::string out;
    bool space = false; // a space is owed before the next word
    auto put = [&](std::string_view text) {
        if (space && !out.empty()) out += ' ';
        space = false;
        out += text;
    };
    for (std::size_t i = 0; i < html.size();) {
        const char c = html[i];
        if (c == '<') {
            const std::size_t close = html.find('>', i);
            if (close == std::string_view::npos) break; // cgraph only hands over balanced labels
            const std::string_view tag = html.substr(i + 1, close - i - 1);
            if (tag.empty() || !inlineTag(tag)) space = true;
            i = close + 1;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = true;
            ++i;
        } else if (c == '&') {
            const std::size_t semi = html.find(';', i);
            const std::string text = semi == std::string_view::npos || semi - i > 10
                                         ? std::string()
                                         : entityText(html.substr(i + 1, semi - i - 1));
            if (text.empty()) {
                put("&");
                ++i;
            } else {
                if (text == " ")
                    space = true;
                else
                    put(text);
                i = semi + 1;
            }
        } else {
            std::size_t n = i;
            while (n < html.size() && html[n] != '<' && html[n] != '&' && html[n] != ' ' &&
                   html[n] != '\t' && html[n] != '\n' && html[n] != '\r')
                ++n;
            put(html.substr(i, n - i));
            i = n;
        }
    }
    return out;
}

} // namespace pb::model
