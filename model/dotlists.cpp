#include "model/dotlists.h"

#include <charconv>

namespace pb::model {

std::string joinDotList(const StringList& items)
{
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += ',';
        for (const char c : items[i]) {
            if (c == ',' || c == '\\') out += '\\';
            out += c;
        }
    }
    return out;
}

StringList splitDotList(const std::string& text)
{
    StringList out;
    std::string cur;
    auto finish = [&] {
        const auto b = cur.find_first_not_of(" \t");
        const auto e = cur.find_last_not_of(" \t");
        if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
        cur.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const char next = i + 1 < text.size() ? text[i + 1] : '\0';
        if (c == '\\' && (next == ',' || next == '\\')) {
            cur += next;
            ++i;
        } else if (c == ',') {
            finish();
        } else {
            cur += c;
        }
    }
    finish();
    return out;
}

std::string shortestNumber(double d)
{
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, d);
    return std::string(buf, r.ptr);
}

std::string dotValueText(const Value& v)
{
    if (auto l = std::get_if<StringList>(&v)) return joinDotList(*l);
    if (auto d = std::get_if<double>(&v)) return shortestNumber(*d);
    return toDisplayString(v);
}

} // namespace pb::model
