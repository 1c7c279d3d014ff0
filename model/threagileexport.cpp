#include "model/threagileexport.h"

#include "model/assetclass.h"
#include "model/dotlists.h"
#include "model/drawiostyle.h"
#include "model/threagileimport.h"
#include "model/yamldocument.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <unordered_map>

namespace pb::model {

namespace {
using Json = nlohmann::ordered_json;

// The Threagile technology of each kind; the kind itself goes along as a tag.
const char* technologyOf(const std::string& kind)
{
    static const std::unordered_map<std::string, const char*> kTech = {
        {"client", "browser"},
        {"cdn", "reverse-proxy"},
        {"load_balancer", "load-balancer"},
        {"api_gateway", "gateway"},
        {"identity_provider", "identity-provider"},
        {"service", "web-service-rest"},
        {"worker", "batch-processing"},
        {"scheduler", "scheduler"},
        {"database", "database"},
        {"cache", "database"},
        {"object_store", "file-server"},
        {"search_index", "search-index"},
        {"timeseries_db", "database"},
        {"analytics", "data-lake"},
        {"queue", "message-queue"},
        {"audit_ledger", "database"},
        {"monitoring", "monitoring"},
        {"third_party", "web-service-rest"},
    };
    const auto it = kTech.find(kind);
    return it == kTech.end() ? "unknown-technology" : it->second;
}

bool isStore(const std::string& kind)
{
    return kind == "database" || kind == "cache" || kind == "object_store" ||
           kind == "search_index" || kind == "timeseries_db" || kind == "audit_ledger";
}

// A protocol Threagile names, from the flow's `protocol` and `tls`.
std::string protocolOf(const Flow& f)
{
    const std::string p = stringProperty(f.props, "protocol").value_or("");
    const std::optional<bool> tls = boolProperty(f.props, "tls");
    const bool encrypted = tls.value_or(p == "https" || p == "grpcs" || p == "wss");
    if (p == "http" || p == "https" || p == "grpc" || p == "rest")
        return encrypted ? "https" : "http";
    if (p == "ws" || p == "wss" || p == "websocket") return encrypted ? "wss" : "ws";
    if (p == "sql" || p == "postgres" || p == "mysql")
        return encrypted ? "sql-access-protocol-encrypted" : "sql-access-protocol";
    if (p == "jdbc" || p == "odbc" || p == "ldap" || p == "smtp" || p == "imap" || p == "pop3" ||
        p == "iiop" || p == "jrmp" || p == "smb" || p == "binary" || p == "text" ||
        p == "nosql-access-protocol" || p == "sql-access-protocol" ||
        p == "reverse-proxy-web-protocol")
        return encrypted ? (p == "ldap" ? std::string("ldaps") : p + "-encrypted") : p;
    if (p == "jms" || p == "mqtt" || p == "nfs" || p == "ssh" || p == "sftp" || p == "ftps" ||
        p == "ftp" || p == "scp" || p == "xmpp" || p == "nrpe")
        return p;
    if (!tls) return "unknown-protocol";
    return encrypted ? "binary-encrypted" : "binary";
}

const char* authenticationOf(const Flow& f)
{
    const std::string a = stringProperty(f.props, "auth").value_or("none");
    if (a == "api_key") return "credentials";
    if (a == "oauth" || a == "jwt") return "token";
    if (a == "mtls") return "client-certificate";
    if (a == "session") return "session-id";
    return "none";
}

// `key`, known to be new in `object`, added at its end: an ordered object looks every key up
// among those before it, and 100,000 assets made that 5 × 10^9 comparisons (52 s).
void putNew(Json& object, const std::string& key, Json value)
{
    auto& items = object.get_ref<Json::object_t&>();
    static_cast<std::vector<std::pair<const std::string, Json>>&>(items).emplace_back(
        key, std::move(value));
}

// Every asset writes some 700 bytes of Threagile's fields before anything of its own: a design
// that cannot fit the reader's 32 MiB is told so before its model is built (a 100,000-component
// design took 1.5 GB to learn it).
constexpr std::size_t kLeastAssetBytes = 600;

class Writer
{
public:
    explicit Writer(const Design& d)
        : m_d(d)
    {
    }
    Json run(const std::string& title);

private:
    // A name of its own per asset (Threagile keys assets by name): the label, else the id, with
    // the id added where two share one.
    std::string nameOf(const Component& c);
    Json asset(const Component& c);
    Json links(const Component& c);
    Json boundary(const Zone& z);
    Json dataAssets();
    void tag(Json& entry, const std::string& t)
    {
        entry["tags"].push_back(t);
        m_tags.insert(t);
    }
    // Threagile has no place for the design's other properties but its free tags, which must be
    // listed in tags_available: each goes as `probeboard:<key>=<value>` and reads back typed.
    void tagProperties(Json& entry, const Properties& props, const char* mapped)
    {
        for (const auto& [key, value] : props)
            if (key != mapped) tag(entry, kProbeboardTag + key + "=" + dotValueText(value));
    }

    const Design& m_d;
    std::set<std::string> m_classes, m_tags, m_names;
    // The flows touching each component, in the design's order: read once, not once per asset.
    std::unordered_map<std::string, std::vector<const Flow*>> m_flowsOf;
};

std::string Writer::nameOf(const Component& c)
{
    std::string name = c.label.empty() ? c.id : c.label;
    if (!m_names.insert(name).second) {
        name += " (" + c.id + ")";
        while (!m_names.insert(name).second)
            name += "'";
    }
    return name;
}

Json Writer::asset(const Component& c)
{
    const StringList data = listProperty(c.props, "data").value_or(StringList{});
    StringList processed = data;
    for (const Flow* f : m_flowsOf[c.id])
        for (const std::string& cls : listProperty(f->props, "carries").value_or(StringList{}))
            if (std::find(processed.begin(), processed.end(), cls) == processed.end())
                processed.push_back(cls);
    m_classes.insert(processed.begin(), processed.end());
    const bool external = c.kind == "client" || c.kind == "third_party";
    Json a = {{"id", c.id},
              {"description", c.label.empty() ? c.id : c.label},
              {"type", external          ? "external-entity"
                       : isStore(c.kind) ? "datastore"
                                         : "process"},
              {"usage", "business"},
              {"used_as_client_by_human", c.kind == "client"},
              {"out_of_scope", false},
              {"size", "service"},
              {"technology", technologyOf(c.kind)},
              {"tags", Json::array()}};
    tag(a, kProbeboardTag + c.kind);
    if (c.kindInferred) tag(a, std::string(kProbeboardTag) + "kind-to-confirm");
    tagProperties(a, c.props, "data");
    const bool anySecret = std::any_of(data.begin(), data.end(), isConfidentialClass);
    const bool anyExact = std::any_of(data.begin(), data.end(), isIntegrityClass);
    a["internet"] = c.kind == "client" || boolProperty(c.props, "public").value_or(false);
    a["machine"] = "virtual";
    a["encryption"] =
        boolProperty(c.props, "encrypted_at_rest").value_or(false) ? "transparent" : "none";
    a["owner"] = "";
    a["confidentiality"] = anySecret ? "confidential" : "internal";
    a["integrity"] = anyExact ? "critical" : "operational";
    a["availability"] = "operational";
    a["justification_cia_rating"] =
        "Placeholder ratings written by Probeboard from the data classes drawn";
    a["multi_tenant"] = false;
    a["redundant"] = numberProperty(c.props, "replicas").value_or(0) > 0 ||
                     numberProperty(c.props, "instances").value_or(1) > 1;
    a["custom_developed_parts"] = c.kind == "service" || c.kind == "worker";
    a["data_assets_processed"] = processed;
    a["data_assets_stored"] = data;
    a["communication_links"] = links(c);
    return a;
}

// The flows out of `c`, and the flows into it from a queue: Threagile draws a link from the side
// that opens it, so a consumer's link runs to its queue (importThreagile() turns it back).
Json Writer::links(const Component& c)
{
    Json out = Json::object();
    auto kindOf = [&](const std::string& id) {
        const Component* x = m_d.component(id);
        return x ? x->kind : std::string();
    };
    for (const Flow* flow : m_flowsOf[c.id]) {
        const Flow& f = *flow;
        const bool consumes = f.to == c.id && kindOf(f.from) == "queue" && kindOf(f.to) != "queue";
        const bool outgoing =
            f.from == c.id && !(kindOf(f.from) == "queue" && kindOf(f.to) != "queue");
        if (!consumes && !outgoing) continue;
        const StringList carried = listProperty(f.props, "carries").value_or(StringList{});
        std::string name = f.label.empty() ? f.id : f.label;
        while (out.contains(name))
            name += "'";
        Json link = {{"target", consumes ? f.from : f.to},
                     {"description", f.label.empty() ? f.id : f.label},
                     {"protocol", protocolOf(f)},
                     {"authentication", authenticationOf(f)},
                     {"authorization",
                      std::string(authenticationOf(f)) == "none" ? "none" : "technical-user"},
                     {"tags", Json::array()},
                     {"vpn", false},
                     {"ip_filtered", false},
                     {"readonly", consumes || stringProperty(f.props, "op").value_or("") == "read"},
                     {"usage", "business"}};
        tag(link, kFlowIdTag + f.id);
        if (name != f.label) tag(link, kLabelTag + f.label);
        tagProperties(link, f.props, "carries");
        // Only where the flow says what it carries: written empty, the lists would say "nothing".
        if (findProperty(f.props, "carries")) {
            link["data_assets_sent"] = consumes ? StringList{} : carried;
            link["data_assets_received"] = consumes ? carried : StringList{};
        }
        out[name] = std::move(link);
    }
    return out;
}

Json Writer::boundary(const Zone& z)
{
    Json b = {{"id", z.id},
              {"description", z.label.empty() ? z.id : z.label},
              {"type", z.kind == "region" ? "network-cloud-provider"
                       : z.kind == "az"   ? "network-virtual-lan"
                                          : "network-cloud-security-group"},
              {"tags", Json::array()},
              {"technical_assets_inside", Json::array()},
              {"trust_boundaries_nested", Json::array()}};
    tag(b, kProbeboardTag + z.kind);
    tagProperties(b, z.props, "");
    for (const std::string& m : z.members)
        b[m_d.component(m) ? "technical_assets_inside" : "trust_boundaries_nested"].push_back(m);
    return b;
}

Json Writer::dataAssets()
{
    Json out = Json::object();
    if (!m_classes.empty()) m_tags.insert(kDataClassTag);
    for (const std::string& cls : m_classes)
        putNew(out, cls,
               {{"id", cls},
                {"description",
                 "Data class '" + cls + "' as drawn in Probeboard; its ratings are placeholders"},
                {"usage", "business"},
                {"tags", Json::array({kDataClassTag})},
                {"origin", ""},
                {"owner", ""},
                {"quantity", "many"},
                {"confidentiality", isConfidentialClass(cls) ? "confidential" : "internal"},
                {"integrity", isIntegrityClass(cls) ? "critical" : "operational"},
                {"availability", "operational"},
                {"justification_cia_rating", "Placeholder ratings written by Probeboard"}});
    return out;
}

Json Writer::run(const std::string& title)
{
    for (const Flow& f : m_d.flows()) {
        m_flowsOf[f.from].push_back(&f);
        if (f.to != f.from) m_flowsOf[f.to].push_back(&f);
    }
    Json assets = Json::object();
    for (const Component& c : m_d.components()) {
        const std::string name = nameOf(c);
        putNew(assets, name, asset(c));
    }
    Json data = dataAssets(); // before the tags are listed: it adds one
    Json boundaries = Json::object();
    std::set<std::string> zoneNames;
    for (const Zone& z : m_d.zones()) {
        std::string name = z.label.empty() ? z.id : z.label;
        while (!zoneNames.insert(name).second)
            name += " (" + z.id + ")";
        putNew(boundaries, name, boundary(z));
    }
    Json model = {{"threagile_version", "1.0.0"},
                  {"title", title},
                  {"author", {{"name", "Probeboard"}, {"homepage", ""}}},
                  {"management_summary_comment",
                   "Written by Probeboard from a drawn design; ratings are placeholders."},
                  {"business_criticality", "important"},
                  {"business_overview", {{"description", title}, {"images", Json::array()}}},
                  {"technical_overview", {{"description", title}, {"images", Json::array()}}},
                  {"questions", Json::object()},
                  {"abuse_cases", Json::object()},
                  {"security_requirements", Json::object()},
                  {"tags_available", Json(std::vector<std::string>(m_tags.begin(), m_tags.end()))},
                  {"data_assets", std::move(data)},
                  {"technical_assets", std::move(assets)},
                  {"trust_boundaries", std::move(boundaries)},
                  {"shared_runtimes", Json::object()},
                  {"individual_risk_categories", Json::object()},
                  {"risk_tracking", Json::object()}};
    return model;
}
} // namespace

std::optional<std::string> exportThreagile(const Design& design, const std::string& fileName,
                                           Diagnostics& diags)
{
    std::string title = design.title;
    if (title.empty()) title = std::filesystem::path(fileName).stem().string();
    if (title.empty()) title = "Design";
    auto refuse = [&](const char* why) {
        diags.push_back({Diagnostic::Level::Error, fileName, 0, 0, "", "", "E-LIMIT", why, ""});
        return std::nullopt;
    };
    const char* const tooLarge =
        "the design written as a Threagile model would be larger than the 32 MiB a model "
        "is read up to, and is not written";
    if (design.components().size() * kLeastAssetBytes > YamlDocument::kMaxBytes)
        return refuse(tooLarge);
    std::string text = toYaml(Writer(design).run(title));
    if (text.empty()) return refuse("the design could not be written as YAML");
    if (text.size() > YamlDocument::kMaxBytes) return refuse(tooLarge);
    return text;
}

} // namespace pb::model
