#include "model/threagileimport.h"

#include "model/assetclass.h"
#include "model/designfile.h"
#include "model/dotattributes.h"
#include "model/dotinference.h"
#include "model/drawiostyle.h"
#include "model/jsonutil.h"
#include "model/printable.h"
#include "model/uniqueids.h"
#include "model/validation.h"
#include "model/vocabulary.h"
#include "model/yamldocument.h"

#include <algorithm>
#include <cstring>

namespace pb::model {

namespace {
using Json = nlohmann::json;

bool has(const std::vector<std::string>& list, const std::string& s)
{
    return std::find(list.begin(), list.end(), s) != list.end();
}

// Threagile's technologies (and their aliases) that are a kind other than a service. Every other
// technology it names (web-server, web-service-rest, erp, cms, build-pipeline, …) is a service.
struct Technology
{
    const char* name;
    const char* kind;
};
constexpr Technology kTechnologies[] = {
    {"browser", "client"},
    {"web-browser", "client"},
    {"desktop", "client"},
    {"desktop-system", "client"},
    {"mobile-app", "client"},
    {"devops-client", "client"},
    {"client-system", "client"},
    {"client", "client"},
    {"iot-device", "client"},
    {"iot", "client"},
    {"cli", "client"},
    {"command-line-tool", "client"},
    {"load-balancer", "load_balancer"},
    {"lb", "load_balancer"},
    {"reverse-proxy", "load_balancer"},
    {"gateway", "api_gateway"},
    {"waf", "api_gateway"},
    {"web-application-firewall", "api_gateway"},
    {"identity-provider", "identity_provider"},
    {"idp", "identity_provider"},
    {"ldap-server", "identity_provider"},
    {"ldap", "identity_provider"},
    {"identity-store-ldap", "identity_provider"},
    {"identity-store-database", "database"},
    {"identity-store", "database"},
    {"database", "database"},
    {"db", "database"},
    {"file-server", "object_store"},
    {"file-storage", "object_store"},
    {"local-file-system", "object_store"},
    {"local-storage", "object_store"},
    {"block-storage", "object_store"},
    {"san", "object_store"},
    {"data-lake", "analytics"},
    {"big-data-platform", "analytics"},
    {"big-data", "analytics"},
    {"report-engine", "analytics"},
    {"reporting", "analytics"},
    {"search-index", "search_index"},
    {"search-engine", "search_index"},
    {"message-queue", "queue"},
    {"mq", "queue"},
    {"batch-processing", "worker"},
    {"event-listener", "worker"},
    {"stream-processing", "worker"},
    {"task", "worker"},
    {"job", "worker"},
    {"scheduler", "scheduler"},
    {"cron", "scheduler"},
    {"monitoring", "monitoring"},
    {"siem", "monitoring"},
    {"ids", "monitoring"},
    {"ips", "monitoring"},
};

const char* kindOfTechnology(const std::string& technology)
{
    for (const auto& [name, kind] : kTechnologies)
        if (technology == name) return kind;
    return nullptr;
}

// A value's text: Threagile's ids and names are text, but YAML reads `id: 42` as a number.
std::string textIn(const Json& object, const char* key)
{
    const Json* v = jsonMember(object, key);
    if (!v || v->is_null() || v->is_structured()) return {};
    if (v->is_string()) return v->get<std::string>();
    if (v->is_number_float()) {
        const double d = v->get<double>();
        if (d == static_cast<double>(static_cast<long long>(d)))
            return std::to_string(static_cast<long long>(d));
    }
    return v->dump();
}

bool isTrue(const Json& object, const char* key)
{
    const Json* v = jsonMember(object, key);
    return v && v->is_boolean() && v->get<bool>();
}

std::optional<bool> boolIn(const Json& object, const char* key)
{
    const Json* v = jsonMember(object, key);
    return v && v->is_boolean() ? std::optional<bool>(v->get<bool>()) : std::nullopt;
}

// Threagile's protocol names: encrypted ones say so (https, ldaps, …-encrypted); those that never
// leave the host carry nothing over a network to encrypt.
std::optional<bool> tlsOfProtocol(const std::string& p)
{
    static const char* const kEncrypted[] = {"https", "wss", "ldaps",      "sftp",
                                             "ftps",  "ssh", "ssh-tunnel", "scp"};
    static const char* const kLocal[] = {"in-process-library-call", "local-file-access",
                                         "container-spawning", "unknown-protocol", ""};
    if (p.size() > 10 && p.compare(p.size() - 10, 10, "-encrypted") == 0) return true;
    for (const char* e : kEncrypted)
        if (p == e) return true;
    for (const char* l : kLocal)
        if (p == l) return std::nullopt;
    return false;
}

// Threagile's authentication values as the vocabulary's `auth`.
const char* authOf(const std::string& a)
{
    if (a == "none") return "none";
    if (a == "session-id" || a == "two-factor")
        return "session"; // a person signs in, then a session
    if (a == "token") return "jwt";
    if (a == "client-certificate") return "mtls";
    if (a == "credentials") return "api_key"; // a secret sent with each call
    return nullptr;
}

bool storesData(const std::string& kind)
{
    return kind == "database" || kind == "cache" || kind == "object_store" ||
           kind == "search_index" || kind == "queue" || kind == "analytics" ||
           kind == "audit_ledger";
}

class Reader
{
public:
    Reader(const YamlDocument& doc, const std::string& file, Diagnostics& diags,
           std::unordered_map<std::string, int>* lines)
        : m_doc(doc)
        , m_file(file)
        , m_diags(diags)
        , m_lines(lines)
    {
    }
    std::optional<Design> run();

private:
    void warn(const std::string& pointer, const char* code, const std::string& message,
              const std::string& hint = {})
    {
        const auto [line, column] = m_doc.find(pointer);
        m_warnings.add(
            {Diagnostic::Level::Warning, m_file, line, column, "", "", code, message, hint});
    }
    void placed(const std::string& id, const std::string& pointer)
    {
        if (m_lines)
            if (const int line = m_doc.find(pointer).first; line > 0) m_lines->emplace(id, line);
    }
    // The mapping of names to entries at `key`; nullptr (said, when it is something else) if none.
    const Json* section(const char* key);
    std::vector<std::string> classesOf(const Json& object, std::initializer_list<const char*> keys,
                                       bool& named);
    std::string kindOf(const Json& asset, const std::string& id, const std::string& name);
    // The id of the entry written under `name` in `section`: its own, else one made from the
    // name; nothing (said) when the entry is not a mapping.
    std::optional<std::string> idOfEntry(const char* section, const char* what, const std::string& name,
                                         const Json& entry, const char* fallback);
    void readAsset(const std::string& name, const Json& asset);
    // The links of the asset written under `name`, known to Threagile as `theirs`.
    void readLinks(const std::string& name, const std::string& theirs, const Json& asset);
    void readBoundary(const std::string& name, const Json& boundary);
    void readRegion(const Json& entry, const std::string& pointer, const std::string& name, Properties& props);
    // Whether the entry was written by exportThreagile() (then read by its tags).
    bool readTaggedProperties(const Json& entry, const std::string& id, Properties& props, const char* kept);
    void fillBoundaries();

    const YamlDocument& m_doc;
    std::string m_file;
    Diagnostics& m_diags;
    std::unordered_map<std::string, int>* m_lines;
    Design m_design;
    UniqueIds m_ids;
    std::unordered_map<std::string, std::string> m_assetClass;  // data asset id → data class
    std::unordered_map<std::string, std::string> m_componentOf; // technical asset id → ours
    std::unordered_map<std::string, std::string> m_zoneOf;      // trust boundary id → ours
    std::unordered_map<std::string, std::string> m_assetNamed;  // technical asset's name → ours
    struct Boundary
    {
        std::string zone, pointer;
        const Json* entry;
    };
    std::vector<Boundary> m_boundaries;
    WarningsAtMost m_warnings{m_diags, 50};
};

const Json* Reader::section(const char* key)
{
    const Json* s = jsonMember(m_doc.root, key);
    if (!s || s->is_null()) return nullptr;
    if (s->is_object()) return s;
    warn("/" + std::string(key), "W-THREAGILE-SECTION",
         std::string(key) + " is not a mapping of names to entries, and was left out",
         "write each entry under its name: `" + std::string(key) +
             ":` then `  Name:` and its fields");
    return nullptr;
}

std::vector<std::string> Reader::classesOf(const Json& object,
                                           std::initializer_list<const char*> keys, bool& named)
{
    std::vector<std::string> out;
    named = false;
    for (const char* key : keys) {
        if (!jsonMember(object, key)) continue;
        named = true;
        for (const std::string& a : jsonStrings(object, key)) {
            const auto it = m_assetClass.find(a);
            const std::string cls = it != m_assetClass.end() ? it->second : drawioSlug(a);
            if (!cls.empty() && std::find(out.begin(), out.end(), cls) == out.end())
                out.push_back(cls);
        }
    }
    return out;
}

std::string Reader::kindOf(const Json& asset, const std::string& id, const std::string& name)
{
    std::vector<std::string> technologies =
        jsonStrings(asset, "technologies"); // newer models: a list
    if (const std::string t = textIn(asset, "technology"); !t.empty())
        technologies.insert(technologies.begin(), t);
    std::string words = id;
    for (const std::string& tag : jsonStrings(asset, "tags"))
        words += " " + tag;
    const std::string guessed = inferKind(words, name, "");
    const std::string type = textIn(asset, "type");
    std::string kind;
    for (const std::string& t : technologies)
        if (const char* k = kindOfTechnology(lowerAscii(t))) {
            kind = k;
            break;
        }
    const bool known =
        std::any_of(technologies.begin(), technologies.end(), [](const std::string& t) {
            return !t.empty() && lowerAscii(t) != "unknown-technology" &&
                   lowerAscii(t) != "unknown";
        });
    if (kind.empty() && known && type != "datastore" && type != "external-entity") kind = "service";
    if (kind.empty() && type == "external-entity")
        kind = isTrue(asset, "used_as_client_by_human") ? "client" : "third_party";
    if (kind.empty() && type == "datastore") kind = storesData(guessed) ? guessed : "database";
    if (kind.empty()) kind = guessed;
    // Threagile has no technology for a cache: a "database" tagged or named redis is one.
    if (kind == "database" && guessed == "cache") kind = "cache";
    return kind;
}

std::optional<std::string> Reader::idOfEntry(const char* section, const char* what, const std::string& name,
                                             const Json& entry, const char* fallback)
{
    if (!entry.is_object()) {
        warn("/" + std::string(section) + "/" + jsonPointerStep(name), "W-THREAGILE-ENTRY",
             std::string("the ") + what + " " + quoteText(name) + " is not a mapping, and was left out");
        return std::nullopt;
    }
    const std::string theirs = textIn(entry, "id");
    const std::string slug = drawioSlug(name);
    return m_ids.make(!theirs.empty() ? theirs : !slug.empty() ? slug : fallback);
}

void Reader::readAsset(const std::string& name, const Json& asset)
{
    const std::string pointer = "/technical_assets/" + jsonPointerStep(name);
    const auto id = idOfEntry("technical_assets", "technical asset", name, asset, "asset");
    if (!id) return;
    const std::string theirs = textIn(asset, "id");
    Component c;
    c.id = *id;
    c.label = name;
    c.kind = kindOf(asset, c.id, name);
    c.kindInferred = true;
    // Written by exportThreagile(): the kind as drawn, said, not guessed from the technology.
    const std::vector<std::string> tags = jsonStrings(asset, "tags");
    for (const std::string& tag : tags)
        if (tag.rfind(kProbeboardTag, 0) == 0 && Vocabulary::builtin().kind(tag.substr(std::strlen(kProbeboardTag)))) {
            c.kind = tag.substr(std::strlen(kProbeboardTag));
            c.kindInferred = has(tags, std::string(kProbeboardTag) + "kind-to-confirm");
        }
    bool named = false;
    if (auto stored = classesOf(asset, {"data_assets_stored"}, named); !stored.empty())
        c.props["data"] = stored;
    if (isTrue(asset, "internet") && c.kind != "client") c.props["public"] = true;
    if (const std::string e = textIn(asset, "encryption"); !e.empty() && storesData(c.kind))
        c.props["encrypted_at_rest"] = e != "none";
    if (const auto redundant = boolIn(asset, "redundant"); redundant && storesData(c.kind))
        c.props["replicas"] = *redundant ? 1.0 : 0.0; // "redundant": at least one replica
    if (!readTaggedProperties(asset, c.id, c.props, "data")) readRegion(asset, pointer, name, c.props);
    m_componentOf.emplace(theirs.empty() ? c.id : theirs, c.id);
    m_assetNamed.emplace(name, c.id);
    placed(c.id, pointer);
    m_design.addComponent(std::move(c));
}

void Reader::readLinks(const std::string& assetName, const std::string& theirs, const Json& asset)
{
    const Json* links = jsonMember(asset, "communication_links");
    if (!links || !links->is_object()) return;
    const std::string pointer = "/technical_assets/" + jsonPointerStep(assetName);
    const std::string ours = m_assetNamed.at(assetName);
    const std::string& from = theirs.empty() ? ours : theirs;
    for (const std::string& name : m_doc.keysOf(pointer + "/communication_links")) {
        const Json& link = links->at(name);
        const std::string at = pointer + "/communication_links/" + jsonPointerStep(name);
        const std::string target = link.is_object() ? textIn(link, "target") : std::string();
        const auto to = m_componentOf.find(target);
        if (to == m_componentOf.end()) {
            warn(at, "W-THREAGILE-LOOSE",
                 "the communication link " + quoteText(name) + " of " + quoteText(from) +
                     " goes to " + quoteText(target) +
                     ", which is no technical asset, and was left out",
                 "name a technical asset's id as its target");
            continue;
        }
        Flow f;
        // Threagile names a link "<asset id>><link name as an id>" in its risk ids: the same here.
        // A flow exportThreagile() wrote keeps its id and its lack of a label (a link needs a name).
        const std::vector<std::string> tags = jsonStrings(link, "tags");
        auto tagged = [&](const char* prefix, std::size_t least) {
            return std::find_if(tags.begin(), tags.end(), [&](const std::string& t) {
                return t.rfind(prefix, 0) == 0 && t.size() >= std::strlen(prefix) + least;
            });
        };
        const auto given = tagged(kFlowIdTag, 1);
        f.id = m_ids.make(given != tags.end() ? given->substr(std::strlen(kFlowIdTag)) : from + ">" + drawioSlug(name));
        f.from = ours;
        f.to = to->second;
        const auto label = tagged(kLabelTag, 0);
        f.label = label != tags.end() ? label->substr(std::strlen(kLabelTag)) : name;
        const std::string protocol = lowerAscii(textIn(link, "protocol"));
        if (!protocol.empty() && protocol != "unknown-protocol") {
            const bool encrypted = protocol.size() > 10 &&
                                   protocol.compare(protocol.size() - 10, 10, "-encrypted") == 0;
            f.props["protocol"] = encrypted ? protocol.substr(0, protocol.size() - 10) : protocol;
        }
        if (auto tls = tlsOfProtocol(protocol)) f.props["tls"] = *tls || isTrue(link, "vpn");
        if (const char* auth = authOf(textIn(link, "authentication")))
            f.props["auth"] = std::string(auth);
        if (isTrue(link, "readonly")) f.props["op"] = std::string("read");
        // Threagile draws a link from the side that opens it, so a consumer's link points at its
        // queue; a design draws consumption the way the messages go, from the queue (the rules
        // about consumers read it so).
        const bool sends = !jsonStrings(link, "data_assets_sent").empty();
        const bool receives = !jsonStrings(link, "data_assets_received").empty();
        if (m_design.component(f.to)->kind == "queue" && (isTrue(link, "readonly") || (!sends && receives))) {
            std::swap(f.from, f.to);
            f.props["op"] = std::string("consume");
        }
        bool named = false;
        auto carried = classesOf(link, {"data_assets_sent", "data_assets_received"}, named);
        if (named) f.props["carries"] = std::move(carried); // named but empty: it carries nothing
        readTaggedProperties(link, f.id, f.props, "carries");
        placed(f.id, at);
        m_design.addFlow(std::move(f));
    }
}

// Threagile has no regions, but teams tag what runs where ("aws:eu-west-1") and name cloud
// boundaries after their region ("AWS eu-central-1"): a region named so is taken, and said, so that
// the residency checks see where personal data is.
void Reader::readRegion(const Json& entry, const std::string& pointer, const std::string& name, Properties& props)
{
    std::string region = regionInLabel(name);
    for (const std::string& tag : jsonStrings(entry, "tags")) {
        if (!region.empty()) break;
        std::string words = tag;
        std::replace(words.begin(), words.end(), ':', ' ');
        region = regionInLabel(words);
    }
    if (region.empty()) return;
    props["region"] = region;
    // A note, not a warning: tagging is how a Threagile model says where things run.
    const auto [line, column] = m_doc.find(pointer);
    m_warnings.add({Diagnostic::Level::Note, m_file, line, column, "", "", "N-THREAGILE-REGION",
                    quoteText(region) + ", named in its " + (regionInLabel(name) == region ? "name" : "tags") +
                        ", is taken as the region of " + quoteText(name),
                    ""});
}

// An element exportThreagile() wrote (it carries `probeboard:` tags) reads back by its tags: its
// properties (`probeboard:failover=automatic`, typed as the DOT import types an attribute) in
// place of what Threagile's own fields would say (`authentication: none` where the flow said
// nothing), but for `kept`, which the fields carry exactly (data, carries).
bool Reader::readTaggedProperties(const Json& entry, const std::string& id, Properties& props, const char* kept)
{
    const std::vector<std::string> tags = jsonStrings(entry, "tags");
    const std::size_t prefix = std::strlen(kProbeboardTag);
    if (std::none_of(tags.begin(), tags.end(), [](const std::string& t) { return t.rfind(kProbeboardTag, 0) == 0; }))
        return false;
    DotAttributes attrs;
    for (const std::string& tag : tags)
        if (const std::size_t eq = tag.find('='); tag.rfind(kProbeboardTag, 0) == 0 && eq != std::string::npos && eq > prefix)
            attrs.emplace_back(tag.substr(prefix, eq - prefix), tag.substr(eq + 1));
    for (auto it = props.begin(); it != props.end();)
        it = it->first != kept ? props.erase(it) : std::next(it);
    if (!attrs.empty()) applyDotProperties(props, attrs, id, m_diags);
    return true;
}

void Reader::readBoundary(const std::string& name, const Json& boundary)
{
    const std::string pointer = "/trust_boundaries/" + jsonPointerStep(name);
    const auto id = idOfEntry("trust_boundaries", "trust boundary", name, boundary, "boundary");
    if (!id) return;
    const std::string theirs = textIn(boundary, "id");
    Zone z;
    z.id = *id;
    z.kind = "trust_boundary";
    for (const char* kind : {"region", "az"}) // a region or an AZ written by exportThreagile()
        if (has(jsonStrings(boundary, "tags"), std::string(kProbeboardTag) + kind)) z.kind = kind;
    z.label = name;
    if (!readTaggedProperties(boundary, z.id, z.props, "")) readRegion(boundary, pointer, name, z.props);
    m_zoneOf.emplace(theirs.empty() ? z.id : theirs, z.id);
    m_boundaries.push_back({z.id, pointer, &boundary});
    placed(z.id, pointer);
    m_design.addZone(std::move(z));
}

// Members once every boundary is known (a boundary may nest one written after it). An element
// Threagile lists in two boundaries stays in the first: a design draws each in one zone.
void Reader::fillBoundaries()
{
    std::unordered_map<std::string, std::string> inZone; // our element id → the zone holding it
    for (const Boundary& b : m_boundaries) {
        auto join = [&](const char* list, const std::unordered_map<std::string, std::string>& ids,
                        const char* what) {
            for (const std::string& member : jsonStrings(*b.entry, list)) {
                const auto it = ids.find(member);
                if (it == ids.end()) {
                    warn(b.pointer + "/" + list, "W-THREAGILE-MEMBER",
                         "the trust boundary " + quoteText(b.zone) + " lists " + quoteText(member) +
                             ", which is no " + what + ", and it was left out");
                    continue;
                }
                if (it->second == b.zone) {
                    warn(b.pointer + "/" + list, "W-THREAGILE-MEMBER",
                         "the trust boundary " + quoteText(b.zone) + " lists itself, which was left out");
                    continue;
                }
                const auto [held, fresh] = inZone.emplace(it->second, b.zone);
                if (!fresh) {
                    warn(b.pointer + "/" + list, "W-THREAGILE-TWO-BOUNDARIES",
                         quoteText(member) + " is in the trust boundary " +
                             quoteText(held->second) +
                             " already, and stays there rather than also in " + quoteText(b.zone));
                    continue;
                }
                m_design.zone(b.zone)->members.push_back(it->second);
            }
        };
        join("technical_assets_inside", m_componentOf, "technical asset");
        join("trust_boundaries_nested", m_zoneOf, "trust boundary");
    }
}

std::optional<Design> Reader::run()
{
    if (!m_doc.root.is_object()) {
        m_diags.push_back({Diagnostic::Level::Error, m_file, 1, 1, "", "", "E-THREAGILE",
                           "a Threagile model is a mapping of its sections, and this one is not",
                           ""});
        return std::nullopt;
    }
    m_design.title = textIn(m_doc.root, "title");
    const Json* data = section("data_assets");
    const Json* assets = section("technical_assets");
    const Json* boundaries = section("trust_boundaries");
    std::size_t count = (assets ? assets->size() : 0) + (boundaries ? boundaries->size() : 0);
    if (assets)
        for (const auto& [name, a] : assets->items())
            if (const Json* links = jsonMember(a, "communication_links");
                links && links->is_object())
                count += links->size();
    if (count > kMaxElements) {
        m_diags.push_back({Diagnostic::Level::Error, m_file, 0, 0, "", "", "E-THREAGILE",
                           "the model has more than " + std::to_string(kMaxElements) + " elements",
                           ""});
        return std::nullopt;
    }
    if (data)
        for (const std::string& name : m_doc.keysOf("/data_assets")) {
            const Json& d = data->at(name);
            const std::string id = d.is_object() ? textIn(d, "id") : std::string();
            std::string tags;
            if (d.is_object())
                for (const std::string& t : jsonStrings(d, "tags"))
                    tags += t + " ";
            const char* byTag = knownDataClass(tags);
            std::string cls = knownDataClass(name) || !byTag ? dataClassOfAsset(name, id) : byTag;
            if (d.is_object() && has(jsonStrings(d, "tags"), kDataClassTag) && !id.empty()) cls = id;
            m_assetClass.emplace(id.empty() ? name : id, cls);
        }
    if (assets) {
        // In the file's order (the JSON values keep keys sorted): the design lists them so.
        const std::vector<std::string> names = m_doc.keysOf("/technical_assets");
        for (const std::string& name : names)
            readAsset(name, assets->at(name));
        for (const std::string& name : names)
            if (const Json& a = assets->at(name); a.is_object()) readLinks(name, textIn(a, "id"), a);
    }
    if (boundaries)
        for (const std::string& name : m_doc.keysOf("/trust_boundaries"))
            readBoundary(name, boundaries->at(name));
    fillBoundaries();
    m_warnings.finish(m_file, "W-THREAGILE", "problems");
    if (!validateImported(m_design, m_file, m_diags)) return std::nullopt;
    return std::move(m_design);
}
} // namespace

bool looksLikeThreagile(std::string_view text)
{
    return yamlHasTopKey(text, "threagile_version");
}

std::optional<Design> importThreagile(const std::string& text, const std::string& fileName,
                                      Diagnostics& diags,
                                      std::unordered_map<std::string, int>* lines)
{
    const auto doc = YamlDocument::parse(text, fileName, diags,
                                         5); // "/technical_assets/A/communication_links/L/x"
    if (!doc) return std::nullopt;
    return Reader(*doc, fileName, diags, lines).run();
}

} // namespace pb::model
