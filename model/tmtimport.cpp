#include "model/tmtimport.h"

#include "model/designfile.h"
#include "model/drawndiagram.h"
#include "model/dotinference.h"
#include "model/lineindex.h"
#include "model/printable.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <pugixml.hpp>

namespace pb::model {

namespace {
// The serializer prefixes names and types as it pleases ("a:Value", "b:StringDisplayAttribute"):
// read without them.
std::string_view local(const char* name)
{
    const std::string_view s(name);
    const std::size_t colon = s.rfind(':');
    return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

pugi::xml_node kid(const pugi::xml_node& n, std::string_view name)
{
    for (const pugi::xml_node c : n.children())
        if (local(c.name()) == name) return c;
    return {};
}

std::string textOf(const pugi::xml_node& n, std::string_view name)
{
    return kid(n, name).child_value();
}

double numberOf(const pugi::xml_node& n, std::string_view name)
{
    const std::string text = textOf(n, name);
    double d = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
    return ec == std::errc() && std::isfinite(d) ? d : 0.0;
}

// i:type, "StencilEllipse" or "b:StringDisplayAttribute", without its prefix.
std::string_view typeOf(const pugi::xml_node& n)
{
    for (const pugi::xml_attribute a : n.attributes())
        if (local(a.name()) == "type") return local(a.value());
    return {};
}

// "Provides Confidentiality" and "providesConfidentiality" alike: an attribute's display name
// and its key both say what it is.
std::string normalKey(std::string_view name)
{
    std::string out;
    for (const char ch : name)
        if (std::isalnum(static_cast<unsigned char>(ch)))
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

// One stencil, connector or boundary of a diagram.
struct TmtItem
{
    std::string shape;   // StencilEllipse, StencilRectangle, StencilParallelLines, BorderBoundary, Connector, LineBoundary
    std::string generic; // GE.P, GE.EI, GE.DS, GE.DF, GE.TB.B, GE.TB.L, …
    std::string guid, stencil, name, source, target;
    std::vector<std::pair<std::string, std::string>> attrs; // normalKey → value shown
    double left = 0, top = 0, width = 0, height = 0;
    std::ptrdiff_t offset = 0;

    std::string attr(std::string_view key) const
    {
        for (const auto& [k, v] : attrs)
            if (k == key) return v;
        return {};
    }
};

// An attribute's value as the tool shows it: a list's chosen item, a string, a boolean.
std::string shownValue(const pugi::xml_node& property)
{
    const pugi::xml_node value = kid(property, "Value");
    if (typeOf(property) != "ListDisplayAttribute") return value.child_value();
    int chosen = 0;
    const std::string index = textOf(property, "SelectedIndex");
    std::from_chars(index.data(), index.data() + index.size(), chosen);
    int i = 0;
    for (const pugi::xml_node item : value.children())
        if (i++ == chosen) return item.child_value();
    return {};
}

TmtItem itemOf(const pugi::xml_node& value)
{
    TmtItem it;
    it.shape = typeOf(value);
    it.generic = textOf(value, "GenericTypeId");
    it.guid = textOf(value, "Guid");
    it.offset = value.offset_debug();
    for (const pugi::xml_node p : kid(value, "Properties").children()) {
        const std::string_view type = typeOf(p);
        const std::string shown = textOf(p, "DisplayName");
        if (type == "HeaderDisplayAttribute") {
            if (it.stencil.empty()) it.stencil = shown; // the stencil's name; later ones head sections
        } else if (shown == "Name" && type == "StringDisplayAttribute") {
            it.name = textOf(p, "Value");
        } else {
            const std::string value = shownValue(p);
            it.attrs.emplace_back(normalKey(shown), value);
            if (const std::string key = normalKey(textOf(p, "Name")); !key.empty())
                it.attrs.emplace_back(key, value);
        }
    }
    const std::string typeId = textOf(value, "TypeId");
    it.stencil += " " + typeId.substr(typeId.rfind('.') + 1); // "SQL Database SQL"
    it.left = numberOf(value, "Left");
    it.top = numberOf(value, "Top");
    it.width = std::max(0.0, numberOf(value, "Width"));
    it.height = std::max(0.0, numberOf(value, "Height"));
    it.source = textOf(value, "SourceGuid");
    it.target = textOf(value, "TargetGuid");
    return it;
}

// Words of the tool's stencils (its own and the Azure template's) that say what a thing is,
// where the names users give them often do not ("Azure Service Bus" is no service).
struct StencilWord
{
    const char* word;
    const char* kind;
};
constexpr StencilWord kStencilWords[] = {
    {"redis", "cache"},           {"cache", "cache"},
    {"service bus", "queue"},     {"event hub", "queue"},
    {"event grid", "queue"},      {"queue", "queue"},
    {"cosmos", "database"},       {"nosql", "database"},
    {"sql", "database"},          {"database", "database"},
    {"blob", "object_store"},     {"data lake", "object_store"},
    {"storage", "object_store"},  {"file system", "object_store"},
    {"search", "search_index"},   {"synapse", "analytics"},
    {"data warehouse", "analytics"}, {"insights", "monitoring"},
    {"log analytics", "monitoring"}, {"monitor", "monitoring"},
    {"api management", "api_gateway"}, {"application gateway", "load_balancer"},
    {"load balancer", "load_balancer"}, {"front door", "load_balancer"},
    {"traffic manager", "load_balancer"}, {"cdn", "cdn"},
    {"dns", "dns"},               {"active directory", "identity_provider"},
    {"entra", "identity_provider"}, {"adfs", "identity_provider"},
    {"browser", "client"},        {"mobile", "client"},
    {"human user", "client"},     {"user", "client"},
    {"client", "client"},         {"device", "client"},
    {"external web", "third_party"},
};

std::string stencilKind(const std::string& stencil)
{
    const std::string lower = lowerAscii(stencil);
    for (const auto& [word, kind] : kStencilWords)
        if (lower.find(word) != std::string::npos) return kind;
    return {};
}

bool isStoreKind(const std::string& k)
{
    for (const char* s : {"database", "cache", "queue", "object_store", "search_index", "analytics",
                          "audit_ledger", "timeseries_db", "monitoring"})
        if (k == s) return true;
    return false;
}

// What a process, a data store or an interactor is: the user's name for it when that says, the
// stencil when it says, else the shape's own meaning. A data store is never a client ("User
// Profiles"), nor a process a store.
std::string kindOf(const TmtItem& it)
{
    const bool store = it.shape == "StencilParallelLines" || it.generic == "GE.DS";
    const bool outside = it.shape == "StencilRectangle" || it.generic == "GE.EI";
    auto fits = [&](const std::string& k) {
        if (store) return isStoreKind(k);
        return !isStoreKind(k) && (outside || k != "client");
    };
    // One string, returned whole or assigned: GCC 12 warned falsely (-Wrestrict) of the copies
    // two strings scoped to their ifs made when inlined.
    std::string k = inferKind("", it.name, "");
    if (k != "service" && fits(k)) return k;
    k = stencilKind(it.stencil);
    if (!k.empty() && fits(k)) return k;
    k = store ? "database" : outside ? "client" : "service";
    return k;
}

bool yes(const std::string& v)
{
    const std::string l = lowerAscii(v);
    return l == "yes" || l == "true";
}

class Reader
{
public:
    Reader(const std::string& text, const std::string& file, Diagnostics& diags)
        : m_text(text)
        , m_file(file)
        , m_diags(diags)
        , m_drawn(file, diags, "W-TMT")
    {
    }
    std::optional<Design> run(std::optional<std::size_t> asked);

private:
    void error(int line, int column, const std::string& message)
    {
        m_diags.push_back({Diagnostic::Level::Error, m_file, line, column, "", "", "E-TMT", message, ""});
    }
    int lineAt(std::ptrdiff_t offset);
    // The line and column of `offset`: the tool writes a whole model on one line.
    std::pair<int, int> placeOf(std::ptrdiff_t offset)
    {
        const int line = lineAt(offset);
        return {line, line > 0 ? m_lines.columnOf(static_cast<std::size_t>(offset)) : 0};
    }
    bool parse();
    void readNode(const TmtItem& it);
    void readBox(const TmtItem& it);
    void readFlow(const TmtItem& it);

    const std::string& m_text;
    std::string m_file;
    Diagnostics& m_diags;
    pugi::xml_document m_doc;
    LineIndex m_lines;
    DrawnDiagram m_drawn;
};

int Reader::lineAt(std::ptrdiff_t offset)
{
    // A file in UTF-16 is read as UTF-8 inside pugixml: its offsets are not the file's.
    if (offset < 0 || (m_text.size() >= 2 && (m_text[0] == '\xFF' || m_text[0] == '\xFE'))) return 0;
    if (m_lines.empty()) m_lines = LineIndex(m_text); // only once something is said
    return m_lines.lineOf(static_cast<std::size_t>(offset));
}

bool Reader::parse()
{
    const auto parsed = m_doc.load_buffer(m_text.data(), m_text.size(), pugi::parse_default, pugi::encoding_auto);
    if (!parsed) {
        const auto [line, column] = placeOf(parsed.offset);
        error(line, column, std::string("not well-formed XML: ") + parsed.description());
        return false;
    }
    if (local(m_doc.document_element().name()) != "ThreatModel") {
        error(lineAt(m_doc.document_element().offset_debug()), 0,
              "not a Threat Modeling Tool model: its root is not <ThreatModel>");
        return false;
    }
    return true;
}

void Reader::readNode(const TmtItem& it)
{
    Component c;
    c.label = it.name;
    c.id = m_drawn.freshId(c.label, "element");
    c.kind = kindOf(it);
    c.kindInferred = true;
    // A store of log data named for audit is the audit trail, whatever it is kept on.
    if (isStoreKind(c.kind) && yes(it.attr("storeslogdata")) && lowerAscii(c.label).find("audit") != std::string::npos)
        c.kind = "audit_ledger";
    if (yes(it.attr("storescredentials"))) c.props["data"] = std::vector<std::string>{"credentials"};
    const Size size = drawnSizeOf(c.kind);
    c.pos = {it.left + it.width / 2 - size.width / 2, it.top + it.height / 2 - size.height / 2};
    m_drawn.addComponent(std::move(c), it.guid);
}

void Reader::readBox(const TmtItem& it)
{
    Zone z;
    z.label = it.name;
    z.id = m_drawn.freshId(z.label, "boundary");
    z.kind = "trust_boundary";
    z.pos = {it.left, it.top};
    z.size = {it.width, it.height};
    m_drawn.addBox(std::move(z));
}

void Reader::readFlow(const TmtItem& it)
{
    auto made = m_drawn.flowBetween(it.source, it.target, it.name, [&] { return placeOf(it.offset); },
                                    it.name.empty() ? "a data flow" : "the data flow " + quoteText(it.name),
                                    "process, store or interactor", "attach both ends in the Threat Modeling Tool");
    if (!made) return;
    Flow& f = *made;
    // The stencil names the protocol ("HTTPS", "SE.DF.TMCore.HTTP"), or only a kind of flow
    // ("Request", "Generic Data Flow"), which is no protocol.
    const std::string protocol = lowerAscii(it.stencil.substr(it.stencil.rfind(' ') + 1));
    for (const char* known : {"https", "http", "ipsec", "smb", "rpc", "udp", "tcp", "grpc", "amqp", "mqtt",
                              "sql", "namedpipe", "alpc", "ioctl", "binary"})
        if (protocol == known) f.props["protocol"] = protocol;
    const std::string confidential = lowerAscii(it.attr("providesconfidentiality"));
    if (protocol == "https" || protocol == "ipsec" || confidential == "yes") f.props["tls"] = true;
    else if (protocol == "http" || confidential == "no") f.props["tls"] = false;
    m_drawn.addFlow(std::move(f));
}

std::optional<Design> Reader::run(std::optional<std::size_t> asked)
{
    if (!parse()) return std::nullopt;
    const pugi::xml_node root = m_doc.document_element();
    std::vector<pugi::xml_node> pages;
    for (const pugi::xml_node p : kid(root, "DrawingSurfaceList").children())
        if (local(p.name()) == "DrawingSurfaceModel") pages.push_back(p);
    if (pages.empty()) {
        error(lineAt(root.offset_debug()), 0, "a Threat Modeling Tool model with no diagram (no <DrawingSurfaceModel>)");
        return std::nullopt;
    }
    const std::size_t count = pages.size();
    if (asked && *asked >= count) {
        error(0, 0, "diagram " + std::to_string(*asked + 1) + " asked for, but this model has " +
                        std::to_string(count) + " diagram" + (count > 1 ? "s" : "") +
                        (*asked == SIZE_MAX ? ", counted from 1" : ""));
        return std::nullopt;
    }
    if (!asked && count > 1)
        m_diags.push_back({Diagnostic::Level::Warning, m_file, placeOf(pages[1].offset_debug()).first, placeOf(pages[1].offset_debug()).second, "", "",
                           "W-TMT-DIAGRAMS", std::to_string(count - 1) + " more diagram" + (count > 2 ? "s" : "") + " not read",
                           "name one as " + m_file + "#2 (its place among the diagrams); probeboard-cli check reviews each"});
    const pugi::xml_node page = pages[asked.value_or(0)];
    const std::string model = textOf(kid(root, "MetaInformation"), "ThreatModelName");
    const std::string title = textOf(page, "Header");
    m_drawn.setTitle(count > 1 && !title.empty() ? (model.empty() ? title : model + " — " + title) : model);
    std::vector<TmtItem> flows;
    std::size_t seen = 0;
    for (const char* list : {"Borders", "Lines"})
        for (const pugi::xml_node entry : kid(page, list).children()) {
            if (++seen > kMaxElements) {
                error(lineAt(entry.offset_debug()), 0, "the diagram has more than " + std::to_string(kMaxElements) + " elements");
                return std::nullopt;
            }
            TmtItem it = itemOf(kid(entry, "Value"));
            if (it.shape == "BorderBoundary" || it.generic.rfind("GE.TB.B", 0) == 0) readBox(it);
            else if (it.shape == "Connector" || it.generic == "GE.DF") flows.push_back(std::move(it));
            else if (it.shape == "LineBoundary" || it.generic.rfind("GE.TB.L", 0) == 0) {
                m_drawn.boundaryLineLeftOut([&] { return placeOf(it.offset); });
            } else if (it.shape == "StencilEllipse" || it.shape == "StencilRectangle" || it.shape == "StencilParallelLines")
                readNode(it);
            // Annotations and anything else the tool draws say nothing about the system.
        }
    for (const TmtItem& f : flows)
        readFlow(f);
    return m_drawn.finish("data flows");
}
} // namespace

bool looksLikeTmt(std::string_view text)
{
    const std::string_view head = text.substr(0, 4096);
    return head.find("<ThreatModel") != std::string_view::npos &&
           head.find("ThreatModeling.Model") != std::string_view::npos;
}

std::vector<std::string> tmtDiagrams(const std::string& text)
{
    std::vector<std::string> out;
    pugi::xml_document doc; // not looksLikeTmt(): a model saved as UTF-16 has its diagrams too
    if (!doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_auto) ||
        local(doc.document_element().name()) != "ThreatModel")
        return out;
    for (const pugi::xml_node p : kid(doc.document_element(), "DrawingSurfaceList").children())
        if (local(p.name()) == "DrawingSurfaceModel") out.push_back(textOf(p, "Header"));
    return out;
}

std::optional<Design> importTmt(const std::string& text, const std::string& fileName, Diagnostics& diags,
                                std::optional<std::size_t> diagram)
{
    return Reader(text, fileName, diags).run(diagram);
}

} // namespace pb::model
