#include "model/dotinference.h"

#include "model/jurisdiction.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace pb::model {

namespace {

struct KeywordKind
{
    const char* keyword;
    const char* kind;
};

// Ordered: the first keyword found decides. Products first (they say what a thing is whatever
// else its name holds), then roles, then what a thing serves: "user-service" is a service and
// "users_db" a database, not clients, so "user" and "client" come after "service" and "db".
constexpr KeywordKind kKeywords[] = {
    {"redis", "cache"},           {"memcached", "cache"},        {"elasticache", "cache"},
    {"memorystore", "cache"},     {"kafka", "queue"},            {"sqs", "queue"},
    {"sns", "queue"},             {"rabbitmq", "queue"},         {"pubsub", "queue"},
    {"kinesis", "queue"},         {"eventbridge", "queue"},      {"msk", "queue"},
    {"nats", "queue"},            {"pulsar", "queue"},           {"activemq", "queue"},
    {"postgres", "database"},     {"postgresql", "database"},    {"pg", "database"},
    {"mysql", "database"},        {"rds", "database"},           {"aurora", "database"},
    {"dynamo", "database"},       {"cassandra", "database"},     {"mongo", "database"},
    {"spanner", "database"},      {"cockroach", "database"},     {"bigtable", "database"},
    {"influxdb", "timeseries_db"}, {"timescale", "timeseries_db"},
    {"bigquery", "analytics"},    {"snowflake", "analytics"},    {"redshift", "analytics"},
    {"clickhouse", "analytics"},  {"databricks", "analytics"},
    {"s3", "object_store"},       {"gcs", "object_store"},       {"blob", "object_store"},
    {"bucket", "object_store"},   {"elasticsearch", "search_index"},
    {"opensearch", "search_index"}, {"solr", "search_index"},    {"cdn", "cdn"},
    {"cloudfront", "cdn"},        {"route53", "dns"},            {"dns", "dns"},
    {"auth0", "identity_provider"}, {"keycloak", "identity_provider"},
    {"cognito", "identity_provider"}, {"okta", "identity_provider"},
    {"prometheus", "monitoring"}, {"datadog", "monitoring"},     {"grafana", "monitoring"},
    {"stripe", "third_party"},    {"twilio", "third_party"},     {"sendgrid", "third_party"},
    {"paypal", "third_party"},
    {"lb", "load_balancer"},      {"elb", "load_balancer"},      {"alb", "load_balancer"},
    {"nlb", "load_balancer"},     {"loadbalancer", "load_balancer"},
    {"nginx", "load_balancer"},   {"haproxy", "load_balancer"},  {"gateway", "api_gateway"},
    {"gw", "api_gateway"},        {"worker", "worker"},          {"consumer", "worker"},
    {"service", "service"},       {"svc", "service"},            {"api", "service"},
    {"db", "database"},           {"database", "database"},      {"cache", "cache"},
    {"queue", "queue"},           {"topic", "queue"},            {"browser", "client"},
    {"mobile", "client"},         {"client", "client"},          {"user", "client"},
    {"ledger", "audit_ledger"},
};

std::vector<std::string> tokens(const std::string& text)
{
    std::vector<std::string> out;
    std::string cur;
    for (char ch : text) {
        if (std::isalnum(static_cast<unsigned char>(ch))) {
            cur += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        } else if (!cur.empty()) {
            out.push_back(cur);
            cur.clear();
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

// Short keywords must be whole words ("lb" in "api-lb", not in "elbow"); long ones may be part
// of a word ("postgresql", "redis01").
bool mentions(const std::vector<std::string>& words, const std::string& keyword)
{
    for (const auto& w : words) {
        if (w == keyword) return true;
        // "usersdb", "OrdersDB": a name that ends in db is a database.
        if (keyword == "db" && w.size() > 2 && w.compare(w.size() - 2, 2, "db") == 0) return true;
        // "db1"
        if (keyword == "db" && w.size() > 2 && w.compare(0, 2, "db") == 0 &&
            std::all_of(w.begin() + 2, w.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return true;
        if (keyword.size() >= 4 && w.find(keyword) != std::string::npos) return true;
    }
    return false;
}

} // namespace

std::string inferKind(const std::string& id, const std::string& label, const std::string& shape)
{
    if (shape == "cylinder") return "database";
    auto words = tokens(id + " " + label);
    // Two-word names are one keyword: "Pub/Sub", "Load Balancer", "API GW".
    for (std::size_t i = 0; i + 1 < words.size(); ++i)
        if ((words[i] == "pub" && words[i + 1] == "sub") || (words[i] == "load" && words[i + 1] == "balancer") ||
            (words[i] == "route" && words[i + 1] == "53"))
            words.push_back(words[i] + words[i + 1]);
    for (const auto& k : kKeywords)
        if (mentions(words, k.keyword)) return k.kind;
    return "service";
}

// The text of each field of a record label: ports (<p>), braces and separators dropped,
// escaped characters (\| \{ \< …) kept as themselves.
StringList recordFields(const std::string& label)
{
    StringList out;
    std::string cur;
    bool inPort = false;
    auto flush = [&] {
        const auto b = cur.find_first_not_of(" \t\n"), e = cur.find_last_not_of(" \t\n");
        if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
        cur.clear();
    };
    for (std::size_t i = 0; i < label.size(); ++i) {
        const char ch = label[i];
        if (ch == '\\' && i + 1 < label.size() && std::string("|{}<> ").find(label[i + 1]) != std::string::npos) {
            if (!inPort) cur += label[i + 1];
            ++i;
        } else if (ch == '<') inPort = true;
        else if (ch == '>') inPort = false;
        else if (inPort) continue;
        else if (ch == '|' || ch == '{' || ch == '}') flush();
        else cur += ch;
    }
    flush();
    return out;
}

std::string inferZoneKind(const std::string& name, const std::string& label)
{
    const auto words = tokens(name + " " + label);
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        if (w == "az" || w == "azs" || (w == "availability" && i + 1 < words.size() && words[i + 1] == "zone"))
            return "az";
        if (w == "vpc" || w == "vnet" || w == "dmz" || w == "subnet" || w == "perimeter" || w == "trust" ||
            w == "boundary" || w == "private" || w == "intranet" || w == "onprem")
            return "trust_boundary";
    }
    // An availability zone's own name is its region's and a letter: eu-west-1a, us-east-1b.
    const std::string region = regionInLabel(label.empty() ? name : label);
    if (region.size() > 2 && std::isalpha(static_cast<unsigned char>(region.back())) &&
        std::isdigit(static_cast<unsigned char>(region[region.size() - 2])))
        return "az";
    return "region";
}

std::string regionInLabel(const std::string& label)
{
    // Region names hold a dash or a digit (eu-west-1, europe-west2, eastus2) or are one of the
    // few plain ones (westeurope): words such as "Europe" alone are not taken for one.
    std::string word;
    const auto& table = JurisdictionTable::builtin();
    for (std::size_t i = 0; i <= label.size(); ++i) {
        const char c = i < label.size() ? label[i] : ' ';
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '-') {
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            continue;
        }
        const bool shaped = word.find('-') != std::string::npos ||
                            std::any_of(word.begin(), word.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); });
        if (word.size() > 3 && shaped && !table.jurisdictionOfRegion(word).empty()) return word;
        word.clear();
    }
    return {};
}

} // namespace pb::model
