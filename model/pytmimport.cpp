#include "model/pytmimport.h"

#include "model/assetclass.h"
#include "model/designfile.h"
#include "model/dotinference.h"
#include "model/drawiostyle.h"
#include "model/drawndiagram.h"
#include "model/jsonutil.h"
#include "model/printable.h"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>

namespace pb::model {

namespace {
using Json = nlohmann::json;

// pytm keeps an element's controls under "controls" since its 1.3; before, on the element.
bool control(const Json& e, const char* key)
{
    for (const Json* in : {jsonMember(e, "controls"), &e})
        if (const Json* v = in ? jsonMember(*in, key) : nullptr;
            v && v->is_boolean() && v->get<bool>())
            return true;
    return false;
}

bool flag(const Json& e, const char* key)
{
    const Json* v = jsonMember(e, key);
    return v && v->is_boolean() && v->get<bool>();
}

// "DatastoreType.AWS_S3" and "AWS_S3" alike: what follows the enum's name.
std::string enumValue(const Json& e, const char* key)
{
    const std::string v = jsonString(e, key);
    const auto dot = v.rfind('.');
    return dot == std::string::npos ? v : v.substr(dot + 1);
}

std::string kindOf(const std::string& klass, const Json& e, const std::string& name)
{
    const std::string inferred = inferKind("", name, "");
    if (klass == "Actor") return inferred == "service" ? "client" : inferred;
    if (klass == "ExternalEntity") return inferred == "service" ? "third_party" : inferred;
    if (klass != "Datastore")
        return inferred; // Server, Process, SetOfProcesses, Lambda, Asset, LLM
    const std::string type = enumValue(e, "type");
    if (type == "AWS_S3" || type == "BUCKET" || type == "FILE_SYSTEM") return "object_store";
    if (flag(e, "storesLogData") && lowerAscii(name).find("audit") != std::string::npos)
        return "audit_ledger";
    return isStoreKind(inferred) ? inferred : "database";
}

// pytm's authenticationScheme is free text ("OAuth 2.0", "JWT bearer", "mTLS"): the vocabulary's
// auth it names, else nullptr (not drawn: the review asks).
const char* authOf(const Json& e)
{
    std::string scheme;
    for (const Json* in : {jsonMember(e, "controls"), &e})
        if (scheme.empty() && in) scheme = lowerAscii(jsonString(*in, "authenticationScheme"));
    auto has = [&](const char* word) { return scheme.find(word) != std::string::npos; };
    if (scheme == "none") return "none";
    if (has("oauth") || has("openid") || has("oidc")) return "oauth";
    if (has("mtls") || has("mutual") || has("client cert")) return "mtls";
    if (has("jwt") || has("bearer")) return "jwt";
    if (has("api key") || has("apikey") || has("api-key") || has("api_key")) return "api_key";
    if (has("session") || has("cookie")) return "session";
    return nullptr;
}

const Json* listAt(const Json& root, const char* key)
{
    const Json* l = jsonMember(root, key);
    return l && l->is_array() ? l : nullptr;
}

class Reader
{
public:
    Reader(const std::string& text, const std::string& file, Diagnostics& diags)
        : m_text(text)
        , m_file(file)
        , m_diags(diags)
        , m_drawn(file, diags, "W-PYTM")
    {
    }
    std::optional<Design> run(const Json& root, std::unordered_map<std::string, int>* lines);

private:
    struct Boundary
    {
        Zone zone;
        std::string parent; // its inBoundary, by name
        std::size_t index = 0;
    };
    // Every line asked for is a list item's ("/flows/3"): only values that deep are mapped.
    int lineOf(const std::string& list, std::size_t i)
    {
        if (!m_positions) m_positions.emplace(m_text, 2);
        return m_positions->find("/" + list + "/" + std::to_string(i)).first;
    }
    // Fifty said, then a count: a generated model with a mistake in every item said it 100,000
    // times. Once full, the line is not looked for.
    void say(Diagnostic::Level level, const std::string& list, std::size_t i,
             const std::string& code, const std::string& message, const std::string& hint = {})
    {
        if (m_said.full())
            m_said.count();
        else
            m_said.add({level, m_file, lineOf(list, i), 0, "", "", code, message, hint});
    }
    void readBoundaries(const Json& list);
    void readData(const Json& list);
    void readElement(const Json& e, std::size_t i, const std::string& list);
    void readFlows(const Json& list);
    using Kept = std::vector<std::pair<Flow, std::string>>; // each with its pytm name
    void foldResponses(const Json& list, const std::vector<std::size_t>& responses, Kept& kept);
    void addBoundaries();
    // The classes of the data a flow or element lists by name, each once.
    std::vector<std::string> classesOf(const Json& j) const;
    void addClass(std::vector<std::string>& to, const std::string& cls) const
    {
        if (!cls.empty() && std::find(to.begin(), to.end(), cls) == to.end()) to.push_back(cls);
    }

    const std::string& m_text;
    std::string m_file;
    Diagnostics& m_diags;
    std::optional<JsonPositions> m_positions;
    DrawnDiagram m_drawn;
    WarningsAtMost m_said{m_diags, 50};
    std::vector<Boundary> m_boundaries;
    std::map<std::string, std::size_t> m_boundaryNamed;
    std::map<std::string, std::string> m_componentNamed;       // pytm's name → component id
    std::map<std::string, std::vector<std::string>> m_members; // boundary name → component ids
    std::map<std::string, std::string> m_dataClass;            // data name → its class
    std::map<std::string, std::vector<std::string>>
        m_processes; // element name → classes it processes
    std::vector<std::pair<std::string, std::string>> m_lines; // element id, its JSON pointer
};

void Reader::readBoundaries(const Json& list)
{
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string name = jsonString(list[i], "name");
        if (name.empty() || m_boundaryNamed.count(name)) {
            say(Diagnostic::Level::Warning, "boundaries", i, "W-PYTM-NAME",
                name.empty() ? "a boundary without a name was left out"
                             : "a second boundary named " + quoteText(name) + " was left out");
            continue;
        }
        Boundary b;
        b.zone.id = m_drawn.freshId(name, "boundary");
        b.zone.kind = "trust_boundary";
        b.zone.label = name;
        b.parent = jsonString(list[i], "inBoundary");
        b.index = i;
        // A note, not a warning: naming a cloud boundary after its region is how pytm says it.
        if (const std::string region = regionInLabel(name); !region.empty()) {
            b.zone.props["region"] = region;
            say(Diagnostic::Level::Note, "boundaries", i, "N-PYTM-REGION",
                quoteText(region) + ", named in its name, is taken as the region of " +
                    quoteText(name));
        }
        m_boundaryNamed.emplace(name, m_boundaries.size());
        m_boundaries.push_back(std::move(b));
    }
}

// Before the elements: which classes each element processes, from the data's processedBy.
void Reader::readData(const Json& list)
{
    for (const Json& d : list) {
        const std::string name = jsonString(d, "name");
        if (name.empty()) continue;
        const std::string cls = flag(d, "isPII") ? "pii"
                                : flag(d, "isCredentials")
                                    ? "credentials"
                                    : dataClassOfAsset(name, drawioSlug(name));
        m_dataClass.emplace(name, cls);
        for (const auto& by : jsonStrings(d, "processedBy"))
            addClass(m_processes[by], cls);
    }
}

std::vector<std::string> Reader::classesOf(const Json& j) const
{
    std::vector<std::string> out;
    for (const auto& d : jsonStrings(j, "data")) {
        const auto it = m_dataClass.find(d);
        addClass(out, it != m_dataClass.end() ? it->second : dataClassOfAsset(d, drawioSlug(d)));
    }
    return out;
}

void Reader::readElement(const Json& e, std::size_t i, const std::string& list)
{
    const std::string name = jsonString(e, "name");
    if (name.empty() || m_componentNamed.count(name)) {
        say(Diagnostic::Level::Warning, list, i, "W-PYTM-NAME",
            name.empty() ? "an element without a name was left out"
                         : "a second element named " + quoteText(name) + " was left out",
            name.empty() ? "" : "pytm finds a flow's ends by name: give each element its own");
        return;
    }
    const std::string klass = jsonString(e, "__class__");
    Component c;
    c.label = name;
    c.id = m_drawn.freshId(name, "element");
    c.kind = kindOf(klass, e, name);
    c.kindInferred = true;
    // What a store processes it holds; a service passes it on, which its flows say.
    if (isStoreKind(c.kind)) {
        const auto processed = m_processes.find(name);
        std::vector<std::string> held =
            processed == m_processes.end() ? std::vector<std::string>() : processed->second;
        for (const auto& cls : classesOf(e))
            addClass(held, cls);
        if (flag(e, "storesPII")) addClass(held, "pii");
        if (!held.empty()) c.props["data"] = held;
        if (control(e, "isEncryptedAtRest") || control(e, "isEncrypted"))
            c.props["encrypted_at_rest"] = true;
    }
    if (const char* auth = authOf(e)) c.props["auth"] = std::string(auth);
    if (const std::string boundary = jsonString(e, "inBoundary"); !boundary.empty()) {
        if (m_boundaryNamed.count(boundary))
            m_members[boundary].push_back(c.id);
        else
            say(Diagnostic::Level::Warning, list, i, "W-PYTM-BOUNDARY",
                quoteText(name) + " is in the boundary " + quoteText(boundary) +
                    ", which the model does not list: it is drawn outside any boundary");
    }
    m_componentNamed.emplace(name, c.id);
    m_lines.emplace_back(c.id, "/" + list + "/" + std::to_string(i));
    m_drawn.addComponent(std::move(c), name);
}

// A response travels back along its request: what it carries, the request carries. Requests are
// found by name (responseTo), else as the flow the other way between the same two elements.
void Reader::foldResponses(const Json& list, const std::vector<std::size_t>& responses, Kept& kept)
{
    std::unordered_map<std::string, std::size_t> byName;
    std::map<std::pair<std::string, std::string>, std::size_t> byEnds;
    for (std::size_t k = 0; k < kept.size(); ++k) {
        byName.emplace(kept[k].second, k);
        byEnds.emplace(std::make_pair(kept[k].first.from, kept[k].first.to), k);
    }
    std::size_t merged = 0;
    for (std::size_t i : responses) {
        const Json& r = list[i];
        const std::string to = jsonString(r, "responseTo");
        std::optional<std::size_t> request;
        if (!to.empty()) {
            if (const auto it = byName.find(to); it != byName.end()) request = it->second;
        } else if (m_componentNamed.count(jsonString(r, "source")) &&
                   m_componentNamed.count(jsonString(r, "sink"))) {
            const auto it = byEnds.find({m_componentNamed[jsonString(r, "sink")],
                                         m_componentNamed[jsonString(r, "source")]});
            if (it != byEnds.end()) request = it->second;
        }
        if (!request) {
            say(Diagnostic::Level::Warning, "flows", i, "W-PYTM-RESPONSE",
                "the response " + quoteText(jsonString(r, "name")) +
                    " answers no dataflow of the model, and was left out",
                "name its request in responseTo");
            continue;
        }
        ++merged;
        const auto carried = classesOf(r);
        if (carried.empty()) continue;
        auto& props = kept[*request].first.props;
        std::vector<std::string> all;
        if (const auto* l =
                props.count("carries") ? std::get_if<StringList>(&props["carries"]) : nullptr)
            all = *l;
        for (const auto& cls : carried)
            addClass(all, cls);
        props["carries"] = all;
    }
    if (merged > 0)
        m_diags.push_back({Diagnostic::Level::Note, m_file, 0, 0, "", "", "N-PYTM-RESPONSES",
                           std::to_string(merged) + " response" + (merged > 1 ? "s were" : " was") +
                               " taken as the answer of " +
                               (merged > 1 ? "their requests" : "its request") +
                               ", not drawn again: a flow stands for a request and its response",
                           ""});
}

void Reader::readFlows(const Json& list)
{
    Kept kept;
    std::vector<std::size_t> responses;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Json& f = list[i];
        if (flag(f, "isResponse") || !jsonString(f, "responseTo").empty()) {
            responses.push_back(i);
            continue;
        }
        const std::string name = jsonString(f, "name");
        auto made = m_drawn.flowBetween(
            jsonString(f, "source"), jsonString(f, "sink"), name,
            [&] { return std::make_pair(lineOf("flows", i), 0); },
            name.empty() ? "a dataflow" : "the dataflow " + quoteText(name), "element",
            "name an element of the model as its source and as its sink");
        if (!made) continue;
        made->id = m_drawn.freshId(name, "flow"); // pytm's names, not numbers in file order
        if (const std::string protocol = jsonString(f, "protocol"); !protocol.empty())
            made->props["protocol"] = lowerAscii(protocol);
        const std::string tls = enumValue(f, "tlsVersion");
        if (control(f, "isEncrypted") || control(f, "usesVPN") || tls == "TLSv12" ||
            tls == "TLSv13")
            made->props["tls"] = true;
        if (const auto carried = classesOf(f); !carried.empty()) made->props["carries"] = carried;
        if (const char* auth = authOf(f)) made->props["auth"] = std::string(auth);
        m_lines.emplace_back(made->id, "/flows/" + std::to_string(i));
        kept.emplace_back(std::move(*made), name);
    }
    foldResponses(list, responses, kept);
    for (auto& [flow, name] : kept)
        m_drawn.addFlow(std::move(flow));
}

void Reader::addBoundaries()
{
    // Parents by number; a parent the model does not list is said, and none.
    std::vector<std::optional<std::size_t>> parent(m_boundaries.size());
    for (std::size_t b = 0; b < m_boundaries.size(); ++b) {
        Boundary& boundary = m_boundaries[b];
        if (boundary.parent.empty()) continue;
        if (const auto it = m_boundaryNamed.find(boundary.parent); it != m_boundaryNamed.end()) {
            parent[b] = it->second;
            continue;
        }
        say(Diagnostic::Level::Warning, "boundaries", boundary.index, "W-PYTM-BOUNDARY",
            quoteText(boundary.zone.label) + " is in the boundary " + quoteText(boundary.parent) +
                ", which the model does not list: it is drawn outside any boundary");
        boundary.parent.clear();
    }
    // Each chain of parents walked once: a walk that meets itself has gone round a circle, broken
    // at the boundary that closed it. Walking up from each boundary anew was quadratic in a
    // chain of nested boundaries.
    enum : char
    {
        Unseen,
        OnWalk,
        Done
    };
    std::vector<char> state(m_boundaries.size(), Unseen);
    std::vector<std::size_t> walk;
    for (std::size_t b = 0; b < m_boundaries.size(); ++b) {
        walk.clear();
        std::optional<std::size_t> at = b;
        while (at && state[*at] == Unseen) {
            state[*at] = OnWalk;
            walk.push_back(*at);
            at = parent[*at];
        }
        if (at && state[*at] == OnWalk) {
            Boundary& closing = m_boundaries[walk.back()];
            const bool itself = closing.parent == closing.zone.label;
            say(Diagnostic::Level::Warning, "boundaries", closing.index, "W-PYTM-BOUNDARY-CYCLE",
                quoteText(closing.zone.label) +
                    (itself ? " names itself as the boundary it is in"
                            : " is inside " + quoteText(closing.parent) +
                                  ", which is inside it again") +
                    ": it is drawn outside any boundary");
            closing.parent.clear();
        }
        for (std::size_t w : walk)
            state[w] = Done;
    }
    for (const auto& boundary : m_boundaries)
        if (!boundary.parent.empty()) m_members[boundary.parent].push_back(boundary.zone.id);
    for (auto& boundary : m_boundaries) {
        boundary.zone.members = std::move(m_members[boundary.zone.label]);
        m_drawn.addZone(std::move(boundary.zone));
    }
}

std::optional<Design> Reader::run(const Json& root, std::unordered_map<std::string, int>* lines)
{
    if (!root.is_object()) {
        m_diags.push_back(
            {Diagnostic::Level::Error, m_file, 0, 0, "", "", "E-PYTM",
             "a pytm model is a JSON object holding its elements, flows and boundaries", ""});
        return std::nullopt;
    }
    m_drawn.setTitle(jsonString(root, "name"));
    std::size_t count = 0;
    for (const char* key : {"boundaries", "data", "elements", "actors", "assets", "flows"})
        if (const Json* l = listAt(root, key)) count += l->size();
    if (count > kMaxElements) {
        m_diags.push_back({Diagnostic::Level::Error, m_file, 0, 0, "", "", "E-PYTM",
                           "the model lists more than " + std::to_string(kMaxElements) +
                               " elements, data and flows",
                           ""});
        return std::nullopt;
    }
    if (const Json* b = listAt(root, "boundaries")) readBoundaries(*b);
    if (const Json* d = listAt(root, "data")) readData(*d);
    // What `--json` writes lists every element under "elements" and again under "actors" and
    // "assets"; a model written by hand may have only those two.
    const Json* elements = listAt(root, "elements");
    for (const char* list : {"elements", "actors", "assets"}) {
        const Json* l = listAt(root, list);
        if (!l || (elements && l != elements)) continue;
        for (std::size_t i = 0; i < l->size(); ++i)
            readElement((*l)[i], i, list);
    }
    if (const Json* f = listAt(root, "flows")) readFlows(*f);
    addBoundaries();
    m_said.finish(m_file, "W-PYTM-MORE", "warnings and notes like those above");
    auto design = m_drawn.finish("data flows");
    if (design && lines)
        for (const auto& [id, pointer] : m_lines) {
            if (!m_positions) m_positions.emplace(m_text, 2);
            if (const int line = m_positions->find(pointer).first; line > 0)
                lines->emplace(id, line);
        }
    return design;
}
} // namespace

bool looksLikePytm(std::string_view text)
{
    const std::string_view head = jsonObjectHead(text);
    auto has = [&](const char* s) { return head.find(s) != std::string_view::npos; };
    if (has("\"format\"")) return false;
    // No other format read here has a list of "boundaries" (a design's are "zones", OTM's
    // "trustZones"): a model that opens with many of them shows nothing else in its head.
    if (has("\"boundaries\"")) return true;
    return (has("\"elements\"") || has("\"flows\"") || has("\"actors\"")) &&
           (has("\"__class__\"") || has("\"sink\"") || has("\"inBoundary\""));
}

std::optional<Design> importPytm(const std::string& text, const std::string& fileName,
                                 Diagnostics& diags, std::unordered_map<std::string, int>* lines)
{
    const auto root = parseJson(text, fileName, diags);
    if (!root) return std::nullopt;
    return Reader(text, fileName, diags).run(*root, lines);
}

} // namespace pb::model
