#include "model/roundednumbers.h"

#include "model/jsonutil.h"
#include "model/printable.h"

#include <charconv>
#include <cmath>

namespace pb::model {

namespace {
// nlohmann reads a whole number as a 64-bit integer while it fits, else as a double.
constexpr double kPast64Bits = 9223372036854775808.0; // 2^63
} // namespace

std::string roundedWholeNumber(std::string_view written, double d)
{
    std::size_t i = !written.empty() && (written[0] == '-' || written[0] == '+') ? 1 : 0;
    if (i == written.size() || written.find_first_not_of("0123456789", i) != std::string_view::npos) return {};
    while (i + 1 < written.size() && written[i] == '0') ++i; // "007" is 7, exactly
    if (!std::isfinite(d) || written.size() - i <= 15) return {}; // below 2^53: every one is kept
    char buf[400]; // the longest double, 1.8e308, is 309 digits
    const auto r = std::to_chars(buf, buf + sizeof buf, std::fabs(d), std::chars_format::fixed, 0);
    if (r.ec != std::errc()) return {};
    const std::string_view exact(buf, static_cast<std::size_t>(r.ptr - buf));
    if (exact == written.substr(i)) return {};
    return (d < 0 ? "-" : "") + std::string(exact);
}

Diagnostic roundedNumberWarning(const std::string& element, const std::string& key, const std::string& written,
                                const std::string& asRead)
{
    return {Diagnostic::Level::Warning, "", 0, 0, element, "properties/" + key, "W-NUMBER-ROUNDED",
            "property " + quoteText(key) + " of " + quoteText(element) + " is " + shortText(written) +
                ", more digits than a number keeps: it is read as " + shortText(asRead),
            "write it as text, in quotes, to keep every digit"};
}

void RoundedNumbers::check(const nlohmann::json& value, const std::string& pointer, const std::string& element,
                           const std::string& key, Diagnostics& diags)
{
    const double d = value.get<double>();
    std::string written;
    if (value.is_number_unsigned()) written = std::to_string(value.get<std::uint64_t>());
    else if (value.is_number_integer()) written = std::to_string(value.get<std::int64_t>());
    else if (d == std::floor(d) && std::fabs(d) >= kPast64Bits) m_maybe.push_back({pointer, element, key, d});
    if (written.size() <= 15) return; // the usual case: nothing to work out
    if (const std::string asRead = roundedWholeNumber(written, d); !asRead.empty()) {
        diags.push_back(roundedNumberWarning(element, key, written, asRead));
        diags.back().pointer = pointer;
    }
}

std::vector<std::string> RoundedNumbers::pointers() const
{
    std::vector<std::string> out;
    for (const Maybe& m : m_maybe) out.push_back(m.pointer);
    return out;
}

void RoundedNumbers::finish(const std::string& text, const JsonPositions& positions, Diagnostics& diags)
{
    for (const Maybe& m : m_maybe) {
        const std::size_t from = positions.offset(m.pointer);
        if (from == std::string::npos) continue;
        std::size_t to = from;
        while (to < text.size() && (text[to] == '-' || (text[to] >= '0' && text[to] <= '9'))) ++to;
        const std::string written = text.substr(from, to - from); // "1e20" stops at its e: no whole number
        if (to < text.size() && (text[to] == '.' || text[to] == 'e' || text[to] == 'E')) continue;
        if (const std::string asRead = roundedWholeNumber(written, m.value); !asRead.empty()) {
            diags.push_back(roundedNumberWarning(m.element, m.key, written, asRead));
            diags.back().pointer = m.pointer;
        }
    }
    m_maybe.clear();
}

} // namespace pb::model
