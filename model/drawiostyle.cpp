#include "model/drawiostyle.h"

#include "model/dotinference.h"
#include "model/printable.h"
#include "model/vocabulary.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <optional>

namespace pb::model {

namespace {

// An icon's name (consecutive words of it, space-separated) and the kind it says.
struct IconKind
{
    const char* words;
    const char* kind;
};

// Ordered: the first found decides, so products come before the generic words that their names
// also hold ("elasticache for redis" before "database"). Matched as whole words, so that "s3"
// is not found in the "aws3" of mxgraph.aws3.* and "mq" not inside another word.
constexpr IconKind kIcons[] = {
    // Network plumbing whose names hold "gateway": not API gateways, which the checks ask about
    // authentication and rate limits.
    {"nat gateway", "service"},
    {"internet gateway", "service"},
    {"transit gateway", "service"},
    {"vpn gateway", "service"},
    {"customer gateway", "service"},
    {"qldb", "audit_ledger"},
    {"quantum ledger", "audit_ledger"},
    {"timestream", "timeseries_db"},
    {"elasticache", "cache"},
    {"memorystore", "cache"},
    {"redis", "cache"},
    {"memcached", "cache"},
    {"cache", "cache"},
    {"sqs", "queue"},
    {"simple queue", "queue"},
    {"sns", "queue"},
    {"simple notification", "queue"},
    {"kinesis", "queue"},
    {"msk", "queue"},
    {"managed streaming", "queue"},
    {"eventbridge", "queue"},
    {"mq", "queue"},
    {"pubsub", "queue"},
    {"pub sub", "queue"},
    {"event hubs", "queue"},
    {"event hub", "queue"},
    {"service bus", "queue"},
    {"queue", "queue"},
    {"kafka", "queue"},
    {"opensearch", "search_index"},
    {"elasticsearch", "search_index"},
    {"cognitive search", "search_index"},
    {"athena", "analytics"},
    {"redshift", "analytics"},
    {"emr", "analytics"},
    {"glue", "analytics"},
    {"quicksight", "analytics"},
    {"bigquery", "analytics"},
    {"synapse", "analytics"},
    {"dataflow", "analytics"},
    {"analytics", "analytics"},
    {"rds", "database"},
    {"aurora", "database"},
    {"dynamodb", "database"},
    {"documentdb", "database"},
    {"neptune", "database"},
    {"cosmos", "database"},
    {"cloud sql", "database"},
    {"spanner", "database"},
    {"bigtable", "database"},
    {"firestore", "database"},
    {"sql database", "database"},
    {"databases", "database"},
    {"database", "database"},
    {"s3", "object_store"},
    {"simple storage", "object_store"},
    {"bucket", "object_store"},
    {"cloud storage", "object_store"},
    {"blob", "object_store"},
    {"storage accounts", "object_store"},
    {"cloudfront", "cdn"},
    {"cdn", "cdn"},
    {"front door", "cdn"},
    {"route 53", "dns"},
    {"route53", "dns"},
    {"dns", "dns"},
    {"cognito", "identity_provider"},
    {"active directory", "identity_provider"},
    {"identity", "identity_provider"},
    {"cloudwatch", "monitoring"},
    {"monitor", "monitoring"},
    {"stackdriver", "monitoring"},
    {"api gateway", "api_gateway"},
    {"api management", "api_gateway"},
    {"apigee", "api_gateway"},
    {"load balancer", "load_balancer"},
    {"load balancing", "load_balancer"},
    {"elb", "load_balancer"},
    {"application gateway", "load_balancer"},
    {"lambda", "service"},
    {"ec2", "service"},
    {"ecs", "service"},
    {"fargate", "service"},
    {"eks", "service"},
    {"app service", "service"},
    {"app services", "service"},
    {"functions", "service"},
    {"cloud run", "service"},
    {"compute engine", "service"},
    {"kubernetes", "service"},
    {"users", "client"},
    {"user", "client"},
    {"mobile client", "client"},
    {"client", "client"},
    {"actor", "client"},
    {"uml actor", "client"},
    {"browser", "client"},
};

constexpr IconKind kZones[] = {
    {"availability zone", "az"},
    {"region", "region"},
    {"security group", "trust_boundary"},
    {"subnet", "trust_boundary"},
    {"vpc", "trust_boundary"},
    {"vpc2", "trust_boundary"},
    {"vnet", "trust_boundary"},
    {"virtual network", "trust_boundary"},
};

// " word word … ": the words of a name, lower case, split where a letter meets a capital
// ("SQL_Database" → "sql database") and at everything that is not a letter or digit.
std::string words(std::string_view text)
{
    std::string out = " ";
    char prev = 0;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (!std::isalnum(u)) {
            if (out.back() != ' ') out += ' ';
        } else {
            if (std::isupper(u) && std::islower(static_cast<unsigned char>(prev)) &&
                out.back() != ' ')
                out += ' ';
            out += static_cast<char>(std::tolower(u));
        }
        prev = c;
    }
    if (out.back() != ' ') out += ' ';
    return out;
}

// The names a style gives its icon: its shape, AWS's resIcon and grIcon, an image's path.
std::string iconWords(const std::map<std::string, std::string, std::less<>>& style)
{
    std::string all;
    for (const char* key : {"shape", "resIcon", "grIcon", "prIcon", "image"})
        if (auto it = style.find(key); it != style.end()) all += words(it->second);
    return all;
}

bool has(const std::string& inWords, const char* phrase)
{
    return inWords.find(" " + std::string(phrase) + " ") != std::string::npos;
}

} // namespace

std::map<std::string, std::string, std::less<>> drawioStyle(std::string_view style)
{
    std::map<std::string, std::string, std::less<>> out;
    while (!style.empty()) {
        const std::size_t end = std::min(style.find(';'), style.size());
        const std::string_view part = style.substr(0, end);
        const std::size_t eq = part.find('=');
        // "image;image=img/…": the bare word names the shape, the key its picture; keep the value.
        if (eq != std::string_view::npos)
            out[std::string(part.substr(0, eq))] = std::string(part.substr(eq + 1));
        else if (!part.empty())
            out.emplace(std::string(part), "");
        style.remove_prefix(std::min(end + 1, style.size()));
    }
    return out;
}

std::string drawioIconKind(const std::map<std::string, std::string, std::less<>>& style)
{
    const std::string icon = iconWords(style);
    if (icon.size() <= 1) return {};
    // A group's icon says what it holds, not what it is: mxgraph.aws4.group_region is a zone.
    if (has(icon, "group")) return {};
    for (const auto& k : kIcons)
        if (has(icon, k.words)) return k.kind;
    return {};
}

bool drawioPassThrough(const std::map<std::string, std::string, std::less<>>& style)
{
    return has(iconWords(style), "auto scaling");
}

bool drawioContainer(const std::map<std::string, std::string, std::less<>>& style)
{
    if (style.count("swimlane")) return true;
    if (auto c = style.find("container"); c != style.end() && c->second == "1") return true;
    return has(iconWords(style), "group");
}

std::string drawioZoneKind(const std::map<std::string, std::string, std::less<>>& style)
{
    const std::string icon = iconWords(style);
    for (const auto& z : kZones)
        if (has(icon, z.words)) return z.kind;
    return {};
}

namespace {
// "&amp;" "&nbsp;" "&#233;" "&#xE9;" at `s`; the length read, 0 when it is none of these.
std::size_t reference(std::string_view s, std::string& out)
{
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kNamed{
        {{"&amp;", "&"},
         {"&lt;", "<"},
         {"&gt;", ">"},
         {"&quot;", "\""},
         {"&apos;", "'"},
         {"&nbsp;", " "}}};
    for (const auto& [name, text] : kNamed)
        if (s.substr(0, name.size()) == name) {
            out += text;
            return name.size();
        }
    if (s.size() < 4 || s[1] != '#') return 0;
    const bool hex = s[2] == 'x' || s[2] == 'X';
    std::uint32_t cp = 0;
    std::size_t i = hex ? 3 : 2;
    for (; i < s.size() && i < 12 && std::isxdigit(static_cast<unsigned char>(s[i])); ++i) {
        if (!hex && !std::isdigit(static_cast<unsigned char>(s[i]))) break;
        cp = cp * (hex ? 16 : 10) +
             static_cast<std::uint32_t>(
                 std::isdigit(static_cast<unsigned char>(s[i]))
                     ? s[i] - '0'
                     : (std::tolower(static_cast<unsigned char>(s[i])) - 'a' + 10));
    }
    if (i >= s.size() || s[i] != ';' || i == (hex ? 3u : 2u)) return 0;
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD; // not a character
    appendUtf8(out, static_cast<char32_t>(cp));
    return i + 1;
}
} // namespace

std::string drawioLabel(std::string_view value, bool html)
{
    if (!html) { // draw.io shows it as written, its line breaks too
        const std::size_t from = value.find_first_not_of(" \t\r\n");
        if (from == std::string_view::npos) return {};
        return std::string(value.substr(from, value.find_last_not_of(" \t\r\n") - from + 1));
    }
    std::string raw;
    for (std::size_t i = 0; i < value.size();) {
        if (html && value[i] == '<') { // a tag: <br>, <div>, <b>…; it separates words at most
            const std::size_t close = value.find('>', i);
            raw += ' ';
            i = close == std::string_view::npos ? value.size() : close + 1;
        } else if (html && value[i] == '&') {
            const std::size_t n = reference(value.substr(i), raw);
            if (n == 0) raw += '&';
            i += n ? n : 1;
        } else {
            raw += value[i++];
        }
    }
    std::string out;
    for (char c : raw) {
        const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::string
drawioPlaceholders(std::string_view text,
                   const std::function<std::optional<std::string>(std::string_view)>& lookup)
{
    // What draw.io's placeholder pattern allows between the two signs.
    auto nameChar = [](char c) {
        return std::string_view("%^{} \"'=;").find(c) == std::string_view::npos;
    };
    std::string out;
    std::size_t copied = 0; // text before this is in `out`
    std::size_t last = 0;   // the end of the last placeholder, read or left as written
    std::size_t at = text.find('%');
    while (at != std::string_view::npos) {
        const std::size_t end = text.find('%', at + 1);
        if (end == std::string_view::npos) break;
        const std::string_view name = text.substr(at + 1, end - at - 1);
        if (name.empty() || !std::all_of(name.begin(), name.end(), nameChar)) {
            at = end; // no name here: the closing sign may open the next
            continue;
        }
        std::optional<std::string> value;
        if (at > last && text[at - 1] == '%')
            value = std::string(name) + "%"; // "%%name%": the sign before it is already copied
        else if (name != "label" && name != "tooltip")
            value = lookup(name);
        if (value) {
            out.append(text.substr(copied, at - copied));
            out += *value;
            copied = end + 1;
        }
        last = end + 1;
        at = text.find('%', end + 1);
    }
    out.append(text.substr(copied));
    return out;
}

std::string drawioComponentKind(const std::map<std::string, std::string, std::less<>>& style,
                                const std::string& label,
                                const std::vector<std::pair<std::string, std::string>>& data,
                                bool& said)
{
    const Vocabulary& vocab = Vocabulary::builtin();
    for (const auto& [k, v] : data)
        if (k == "kind" && vocab.kind(lowerAscii(v))) {
            said = true;
            return lowerAscii(v);
        }
    said = false;
    // The icon names a product; the label names a thing; a cylinder or a stick figure only hints.
    if (std::string icon = drawioIconKind(style); !icon.empty()) return icon;
    if (std::string named = inferKind("", label, ""); named != "service") return named;
    const auto shape = style.find("shape");
    const std::string s = shape == style.end() ? "" : shape->second;
    if (s == "cylinder" || s == "cylinder3" || s == "datastore" || style.count("cylinder"))
        return "database";
    if (s == "umlActor" || s == "actor") return "client";
    return "service";
}

std::string drawioSlug(std::string_view label)
{
    std::string out;
    for (char c : label) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u))
            out += static_cast<char>(std::tolower(u));
        else if (!out.empty() && out.back() != '-')
            out += '-';
        if (out.size() >= 40) break;
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out;
}

} // namespace pb::model
