#include "model/value.h"

#include <cmath>
#include <cstdio>

namespace pb::model {

ValueType typeOf(const Value& v)
{
    return static_cast<ValueType>(v.index());
}

std::string typeName(ValueType t)
{
    switch (t) {
    case ValueType::String: return "string";
    case ValueType::Number: return "number";
    case ValueType::Bool: return "bool";
    case ValueType::List: return "list";
    }
    return "unknown";
}

namespace {
std::string numberToString(double d)
{
    if (d == 0) d = 0; // -0 (what a spin box can leave) is written and shown as 0
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.0f", d);
        return buf;
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", d);
    return buf;
}
} // namespace

std::string toDisplayString(const Value& v)
{
    std::string out;
    appendDisplayString(out, v);
    return out;
}

void appendDisplayString(std::string& out, const Value& v)
{
    if (auto s = std::get_if<std::string>(&v)) {
        out += *s;
    } else if (auto d = std::get_if<double>(&v)) {
        out += numberToString(*d);
    } else if (auto b = std::get_if<bool>(&v)) {
        out += *b ? "true" : "false";
    } else {
        const std::size_t from = out.size();
        for (const auto& item : std::get<StringList>(v)) {
            if (out.size() > from) out += ", ";
            out += item;
        }
    }
}

const Value* findProperty(const Properties& props, const std::string& key)
{
    auto it = props.find(key);
    return it == props.end() ? nullptr : &it->second;
}

std::optional<std::string> stringProperty(const Properties& props, const std::string& key)
{
    if (auto v = findProperty(props, key))
        if (auto s = std::get_if<std::string>(v)) return *s;
    return std::nullopt;
}

std::optional<double> numberProperty(const Properties& props, const std::string& key)
{
    if (auto v = findProperty(props, key))
        if (auto d = std::get_if<double>(v)) return *d;
    return std::nullopt;
}

std::optional<bool> boolProperty(const Properties& props, const std::string& key)
{
    if (auto v = findProperty(props, key))
        if (auto b = std::get_if<bool>(v)) return *b;
    return std::nullopt;
}

std::optional<StringList> listProperty(const Properties& props, const std::string& key)
{
    if (auto v = findProperty(props, key)) {
        if (auto l = std::get_if<StringList>(v)) return *l;
        if (auto s = std::get_if<std::string>(v)) return StringList{*s};
    }
    return std::nullopt;
}

} // namespace pb::model
