#include "model/threatdragonimport.h"

#include "model/designfile.h"
#include "model/drawndiagram.h"
#include "model/designpart.h"
#include "model/dotinference.h"
#include "model/drawiostyle.h"
#include "model/jsonutil.h"
#include "model/printable.h"

#include <algorithm>

namespace pb::model {

namespace {
using Json = nlohmann::json;

std::string stringAt(const Json& j, std::initializer_list<const char*> path)
{
    const Json* at = &j;
    for (const char* key : path)
        if (!(at = jsonMember(*at, key))) return {};
    return at->is_string() ? at->get<std::string>() : std::string();
}

double numberIn(const Json* object, const char* key)
{
    const Json* v = object ? jsonMember(*object, key) : nullptr;
    return v && v->is_number() ? v->get<double>() : 0.0;
}

double numberAt(const Json& j, const char* outer, const char* key)
{
    return numberIn(jsonMember(j, outer), key);
}

// Version 2 keeps what the user set in "data"; version 1 on the cell itself.
bool flag(const Json& cell, const char* key)
{
    for (const Json* in : {jsonMember(cell, "data"), &cell})
        if (const Json* v = in ? jsonMember(*in, key) : nullptr; v && v->is_boolean())
            return v->get<bool>();
    return false;
}

std::string typeOf(const Json& cell)
{
    std::string t = stringAt(cell, {"data", "type"});
    return t.empty() ? stringAt(cell, {"type"}) : t;
}

std::string nameOf(const Json& cell)
{
    if (std::string s = stringAt(cell, {"data", "name"}); !s.empty()) return s;
    // A flow's label, version 1's and 2's: ["text"] or [{"attrs": {"text"|"label": {"text"}}}].
    if (const Json* labels = jsonMember(cell, "labels");
        labels && labels->is_array() && !labels->empty()) {
        const Json& first = labels->front();
        if (first.is_string()) return first.get<std::string>();
        for (const char* inner : {"text", "label"})
            if (std::string s = stringAt(first, {"attrs", inner, "text"}); !s.empty()) return s;
    }
    for (auto path :
         {std::initializer_list<const char*>{"attrs", "text", "text"}, {"attrs", "label", "text"}})
        if (std::string s = stringAt(cell, path); !s.empty()) return s;
    return {};
}

// A flow's end: {"cell": id} in version 2, {"id": id} in version 1.
std::string endOf(const Json& cell, const char* side)
{
    std::string id = stringAt(cell, {side, "cell"});
    return id.empty() ? stringAt(cell, {side, "id"}) : id;
}

const Json* cellsOf(const Json& diagram)
{
    if (const Json* c = jsonMember(diagram, "cells"); c && c->is_array()) return c;
    if (const Json* dj = jsonMember(diagram, "diagramJson"))
        if (const Json* c = jsonMember(*dj, "cells"); c && c->is_array()) return c;
    return nullptr;
}

const Json* diagramsOf(const Json& root)
{
    const Json* detail = jsonMember(root, "detail");
    const Json* d = detail ? jsonMember(*detail, "diagrams") : nullptr;
    return d && d->is_array() ? d : nullptr;
}

class Reader
{
public:
    Reader(const std::string& text, const std::string& file, Diagnostics& diags)
        : m_text(text)
        , m_file(file)
        , m_diags(diags)
        , m_drawn(file, diags, "W-THREATDRAGON")
    {
    }
    std::optional<Design> run(const Json& root, std::optional<std::size_t> asked);

private:
    void error(const std::string& message)
    {
        m_diags.push_back(
            {Diagnostic::Level::Error, m_file, 0, 0, "", "", "E-THREATDRAGON", message, ""});
    }
    void readNode(const Json& cell, const std::string& type);
    void readBox(const Json& cell);
    void readFlow(const Json& cell, std::size_t index);

    // The line of cell `i` of the diagram read, for a warning about it: worked out only then.
    int lineOf(std::size_t i);

    const std::string& m_text;
    std::string m_file;
    Diagnostics& m_diags;
    std::optional<JsonPositions> m_positions;
    std::string m_cellsAt; // the JSON pointer of the diagram's cells
    DrawnDiagram m_drawn;
    std::vector<std::pair<const Json*, std::size_t>> m_flows; // read once every end is known
};

int Reader::lineOf(std::size_t i)
{
    if (!m_positions) m_positions.emplace(m_text);
    return m_positions->find(m_cellsAt + "/" + std::to_string(i)).first;
}

void Reader::readNode(const Json& cell, const std::string& type)
{
    Component c;
    c.label = nameOf(cell);
    c.id = m_drawn.freshId(c.label, "element");
    c.kind = inferKind("", c.label, "");
    if (type == "tm.Actor" && c.kind == "service") c.kind = "client";
    if (type == "tm.Store" && !isStoreKind(c.kind)) c.kind = "database";
    if (type == "tm.Store" && flag(cell, "isALog") &&
        lowerAscii(c.label).find("audit") != std::string::npos)
        c.kind = "audit_ledger";
    c.kindInferred = true;
    std::vector<std::string> data;
    if (flag(cell, "storesCredentials")) data.emplace_back("credentials");
    if (flag(cell, "storesInventory")) data.emplace_back("inventory");
    if (!data.empty()) c.props["data"] = data;
    if (type == "tm.Store") c.props["encrypted_at_rest"] = flag(cell, "isEncrypted");
    if (flag(cell, "isALog")) c.props["append_only"] = true;
    const Size size = drawnSizeOf(c.kind);
    const double cx = numberAt(cell, "position", "x") + numberAt(cell, "size", "width") / 2;
    const double cy = numberAt(cell, "position", "y") + numberAt(cell, "size", "height") / 2;
    c.pos = {cx - size.width / 2, cy - size.height / 2};
    m_drawn.addComponent(std::move(c), stringAt(cell, {"id"}));
}

void Reader::readBox(const Json& cell)
{
    Zone z;
    z.label = nameOf(cell);
    z.id = m_drawn.freshId(z.label, "boundary");
    z.kind = "trust_boundary";
    z.pos = {numberAt(cell, "position", "x"), numberAt(cell, "position", "y")};
    z.size = {std::max(0.0, numberAt(cell, "size", "width")),
              std::max(0.0, numberAt(cell, "size", "height"))};
    m_drawn.addBox(std::move(z));
}

void Reader::readFlow(const Json& cell, std::size_t index)
{
    const std::string name = nameOf(cell);
    auto made = m_drawn.flowBetween(endOf(cell, "source"), endOf(cell, "target"), name,
                                    [&] { return std::make_pair(lineOf(index), 0); }, name.empty() ? "a flow" : "the flow " + quoteText(name),
                                    "process, store or actor", "attach both ends in Threat Dragon");
    if (!made) return;
    Flow& f = *made;
    if (flag(cell, "isEncrypted")) f.props["tls"] = true;
    std::string protocol = stringAt(cell, {"data", "protocol"});
    if (protocol.empty()) protocol = stringAt(cell, {"protocol"}); // version 1
    if (!protocol.empty()) f.props["protocol"] = lowerAscii(protocol);
    if (const Json* vs = jsonMember(cell, "vertices"); vs && vs->is_array())
        for (const Json& v : *vs)
            f.bends.push_back({numberIn(&v, "x"), numberIn(&v, "y")});
    m_drawn.addFlow(std::move(f));
}

std::optional<Design> Reader::run(const Json& root, std::optional<std::size_t> asked)
{
    const Json* diagrams = diagramsOf(root);
    if (!diagrams || diagrams->empty()) {
        error("a Threat Dragon model with no diagram (no \"diagrams\" in \"detail\")");
        return std::nullopt;
    }
    const std::size_t count = diagrams->size();
    if (asked && *asked >= count) {
        error("diagram " + std::to_string(*asked + 1) +
              " asked for, but this Threat Dragon model has " + std::to_string(count) + " diagram" +
              (count > 1 ? "s" : "") + (*asked == SIZE_MAX ? ", counted from 1" : ""));
        return std::nullopt;
    }
    if (!asked && count > 1)
        m_diags.push_back(
            {Diagnostic::Level::Warning, m_file, 0, 0, "", "", "W-THREATDRAGON-DIAGRAMS",
             std::to_string(count - 1) + " more diagram" + (count > 2 ? "s" : "") + " not read",
             "name one as " + m_file +
                 "#2 (its place among the diagrams); probeboard-cli check reviews each"});
    const Json& diagram = (*diagrams)[asked.value_or(0)];
    const std::string model = stringAt(root, {"summary", "title"}),
                      title = stringAt(diagram, {"title"});
    m_drawn.setTitle(count > 1 && !title.empty() ? (model.empty() ? title : model + " — " + title) : model);
    const Json* cells = cellsOf(diagram);
    if (!cells) {
        error("diagram " + std::to_string(asked.value_or(0) + 1) + " has no cells");
        return std::nullopt;
    }
    if (cells->size() > kMaxElements) {
        error("the diagram has more than " + std::to_string(kMaxElements) + " cells");
        return std::nullopt;
    }
    m_cellsAt = "/detail/diagrams/" + std::to_string(asked.value_or(0)) +
                (jsonMember(diagram, "cells") ? "/cells" : "/diagramJson/cells");
    for (std::size_t i = 0; i < cells->size(); ++i) {
        const Json& cell = (*cells)[i];
        const std::string type = typeOf(cell);
        if (type == "tm.Actor" || type == "tm.Process" || type == "tm.Store") {
            readNode(cell, type);
        } else if (type == "tm.BoundaryBox") {
            readBox(cell);
        } else if (type == "tm.Flow" || type == "link") {
            m_flows.emplace_back(&cell, i);
        } else if (type == "tm.Boundary") {
            m_drawn.boundaryLineLeftOut([&] { return std::make_pair(lineOf(i), 0); });
        }
    }
    for (const auto& [cell, index] : m_flows)
        readFlow(*cell, index);
    return m_drawn.finish("flows");
}
} // namespace

bool looksLikeThreatDragon(std::string_view text)
{
    const std::string_view head = jsonObjectHead(text);
    return (head.find("\"summary\"") != std::string_view::npos ||
            head.find("\"detail\"") != std::string_view::npos) &&
           head.find("\"format\"") == std::string_view::npos;
}

std::vector<std::string> threatDragonDiagrams(const std::string& text)
{
    std::vector<std::string> out;
    Diagnostics ignored;
    if (!looksLikeThreatDragon(text)) return out;
    const auto root = parseJson(text, "", ignored);
    if (const Json* d = root ? diagramsOf(*root) : nullptr)
        for (const Json& diagram : *d)
            out.push_back(stringAt(diagram, {"title"}));
    return out;
}

std::optional<Design> importThreatDragon(const std::string& text, const std::string& fileName,
                                         Diagnostics& diags, std::optional<std::size_t> diagram)
{
    const auto root = parseJson(text, fileName, diags);
    if (!root) return std::nullopt;
    return Reader(text, fileName, diags).run(*root, diagram);
}

} // namespace pb::model
