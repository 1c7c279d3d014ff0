#include "app/desktop/elementjson.h"

namespace pb::app {

using nlohmann::json;

json toJson(const model::Value& v)
{
    return std::visit([](const auto& x) { return json(x); }, v);
}

model::Value valueFromJson(const json& j)
{
    if (j.is_boolean()) return j.get<bool>();
    if (j.is_number()) return j.get<double>();
    if (j.is_array()) return j.get<model::StringList>();
    return j.get<std::string>();
}

namespace {
json propsJson(const model::Properties& p)
{
    json o = json::object();
    for (const auto& [k, v] : p)
        o[k] = toJson(v);
    return o;
}

model::Properties propsFrom(const json& j)
{
    model::Properties p;
    if (!j.is_object()) return p;
    for (auto it = j.begin(); it != j.end(); ++it)
        p[it.key()] = valueFromJson(it.value());
    return p;
}

json pointJson(model::Point p)
{
    return json{{"x", p.x}, {"y", p.y}};
}

model::Point pointFrom(const json& j)
{
    return {j.value("x", 0.0), j.value("y", 0.0)};
}
} // namespace

json toJson(const model::Component& c)
{
    json j{{"id", c.id},
           {"kind", c.kind},
           {"label", c.label},
           {"props", propsJson(c.props)},
           {"pos", pointJson(c.pos)},
           {"size", {{"width", c.size.width}, {"height", c.size.height}}}};
    if (c.kindInferred) j["kindInferred"] = true;
    return j;
}

json toJson(const model::Flow& f)
{
    json bends = json::array();
    for (const auto& b : f.bends)
        bends.push_back(pointJson(b));
    return json{{"id", f.id},
                {"from", f.from},
                {"to", f.to},
                {"label", f.label},
                {"props", propsJson(f.props)},
                {"bends", bends}};
}

json toJson(const model::Zone& z)
{
    return json{{"id", z.id},
                {"kind", z.kind},
                {"label", z.label},
                {"props", propsJson(z.props)},
                {"members", z.members},
                {"pos", pointJson(z.pos)},
                {"size", {{"width", z.size.width}, {"height", z.size.height}}}};
}

model::Component componentFromJson(const json& j)
{
    model::Component c;
    c.id = j.at("id").get<std::string>();
    c.kind = j.value("kind", std::string("service"));
    c.label = j.value("label", c.id);
    c.props = propsFrom(j.value("props", json::object()));
    c.pos = pointFrom(j.value("pos", json::object()));
    const json s = j.value("size", json::object());
    c.size = {s.value("width", 0.0), s.value("height", 0.0)};
    c.kindInferred = j.value("kindInferred", false);
    return c;
}

model::Flow flowFromJson(const json& j)
{
    model::Flow f;
    f.id = j.at("id").get<std::string>();
    f.from = j.at("from").get<std::string>();
    f.to = j.at("to").get<std::string>();
    f.label = j.value("label", std::string());
    f.props = propsFrom(j.value("props", json::object()));
    for (const auto& b : j.value("bends", json::array()))
        f.bends.push_back(pointFrom(b));
    return f;
}

model::Zone zoneFromJson(const json& j)
{
    model::Zone z;
    z.id = j.at("id").get<std::string>();
    z.kind = j.value("kind", std::string("region"));
    z.label = j.value("label", z.id);
    z.props = propsFrom(j.value("props", json::object()));
    z.members = j.value("members", std::vector<std::string>{});
    z.pos = pointFrom(j.value("pos", json::object()));
    const json s = j.value("size", json::object());
    z.size = {s.value("width", 0.0), s.value("height", 0.0)};
    return z;
}

json designToJson(const model::Design& d)
{
    json j{{"title", d.title}};
    json cs = json::array(), fs = json::array(), zs = json::array();
    for (const auto& c : d.components())
        cs.push_back(toJson(c));
    for (const auto& f : d.flows())
        fs.push_back(toJson(f));
    for (const auto& z : d.zones())
        zs.push_back(toJson(z));
    j["components"] = cs;
    j["flows"] = fs;
    j["zones"] = zs;
    return j;
}

model::Design designFromJson(const json& j)
{
    model::Design d;
    d.title = j.value("title", std::string());
    for (const auto& c : j.value("components", json::array()))
        d.addComponent(componentFromJson(c));
    for (const auto& f : j.value("flows", json::array()))
        d.addFlow(flowFromJson(f));
    for (const auto& z : j.value("zones", json::array()))
        d.addZone(zoneFromJson(z));
    return d;
}

} // namespace pb::app
