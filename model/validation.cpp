#include "model/validation.h"

#include <set>
#include <unordered_map>
#include <unordered_set>

namespace pb::model {

namespace {
void add(Diagnostics& diags, Diagnostic::Level level, const std::string& element,
         const std::string& code, const std::string& message, const std::string& hint = {},
         const std::string& relativePointer = {})
{
    Diagnostic d;
    d.pointer = relativePointer;
    d.level = level;
    d.element = element;
    d.code = code;
    d.message = message;
    d.hint = hint;
    diags.push_back(std::move(d));
}

constexpr auto kError = Diagnostic::Level::Error;
constexpr auto kWarning = Diagnostic::Level::Warning;

// A value quoted in a message, cut short when long (a pasted paragraph, a 400-digit number) so
// that the message stays one readable line; never cut inside a UTF-8 character.
std::string quoted(const std::string& text)
{
    constexpr std::size_t kMax = 60;
    if (text.size() <= kMax) return "'" + text + "'";
    std::size_t cut = kMax - 3;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return "'" + text.substr(0, cut) + "…' (" + std::to_string(text.size()) + " characters)";
}

void checkProperties(const std::string& elementId, const char* elementType,
                     const Properties& props, const Vocabulary& vocab, Diagnostics& diags)
{
    for (const auto& [key, value] : props) {
        const PropertySpec* spec = vocab.property(key);
        if (!spec) {
            if (auto s = vocab.suggestProperty(key); !s.empty())
                add(diags, kWarning, elementId, "W-UNKNOWN-PROP",
                    "unknown property '" + key + "' on " + elementType + " '" + elementId + "'",
                    "did you mean '" + s + "'?", "properties/" + key);
            continue;
        }
        const ValueType t = typeOf(value);
        const bool listFromString = spec->type == ValueType::List && t == ValueType::String;
        if (t != spec->type && !listFromString) {
            add(diags, kError, elementId, "E-TYPE",
                "property '" + key + "' of '" + elementId + "' must be a " +
                    typeName(spec->type) + ", not a " + typeName(t) + " (" +
                    quoted(toDisplayString(value)) + ")",
                {}, "properties/" + key);
            continue;
        }
        if (!spec->allowed.empty() && t == ValueType::String) {
            const auto& s = std::get<std::string>(value);
            bool ok = false;
            for (const auto& a : spec->allowed) ok = ok || a == s;
            if (!ok) {
                std::string allowed;
                for (const auto& a : spec->allowed) allowed += (allowed.empty() ? "" : ", ") + a;
                auto hint = vocab.suggestValue(key, s);
                add(diags, kWarning, elementId, "W-ENUM",
                    quoted(s) + " is not a known value of '" + key + "' on '" + elementId +
                        "' (known: " + allowed + ")",
                    hint.empty() ? std::string() : "did you mean '" + hint + "'?",
                    "properties/" + key);
            }
        }
    }
}

void checkZones(const Design& design, Diagnostics& diags)
{
    std::unordered_map<std::string, std::vector<std::string>> owners; // member → zones
    for (const auto& z : design.zones())
        for (const auto& m : z.members) {
            if (!design.component(m) && !design.zone(m))
                add(diags, kError, z.id, "E-MISSING-MEMBER",
                    "zone '" + z.id + "' lists member '" + m + "', which does not exist");
            if (m == z.id)
                add(diags, kError, z.id, "E-ZONE-CYCLE", "zone '" + z.id + "' contains itself");
            owners[m].push_back(z.id);
        }
    // Cycles: follow each zone's parent chain; a zone owned by several zones is reported below.
    for (const auto& z : design.zones()) {
        std::unordered_set<std::string> seen{z.id};
        std::string cur = z.id;
        std::string chain = z.id;
        for (;;) {
            auto it = owners.find(cur);
            if (it == owners.end() || it->second.empty()) break;
            cur = it->second.front();
            chain += " → " + cur;
            if (!seen.insert(cur).second) {
                if (cur == z.id)
                    add(diags, kError, z.id, "E-ZONE-CYCLE",
                        "zone membership forms a cycle: " + chain);
                break;
            }
        }
    }
    // An element may sit in nested zones only through the nesting itself: listing it in two
    // zones directly leaves its region ambiguous.
    for (const auto& [member, zones] : owners)
        if (zones.size() > 1)
            add(diags, kError, member, "E-TWO-ZONES",
                "'" + member + "' is listed in zones '" + zones[0] + "' and '" + zones[1] +
                    "'; list it only in the innermost zone");
}
} // namespace

void validateDesign(const Design& design, const Vocabulary& vocab, Diagnostics& diags)
{
    for (const auto& c : design.components()) {
        if (!vocab.kind(c.kind)) {
            auto s = vocab.suggestKind(c.kind);
            add(diags, kWarning, c.id, "W-UNKNOWN-KIND",
                "unknown kind '" + c.kind + "' on component '" + c.id + "'",
                s.empty() ? std::string() : "did you mean '" + s + "'?");
        }
        checkProperties(c.id, "component", c.props, vocab, diags);
    }
    for (const auto& f : design.flows()) {
        if (!design.component(f.from))
            add(diags, kError, f.id, "E-DANGLING-FLOW",
                "flow '" + f.id + "' starts at '" + f.from + "', which is not a component");
        if (!design.component(f.to))
            add(diags, kError, f.id, "E-DANGLING-FLOW",
                "flow '" + f.id + "' ends at '" + f.to + "', which is not a component");
        checkProperties(f.id, "flow", f.props, vocab, diags);
    }
    for (const auto& z : design.zones()) {
        if (!vocab.zoneKind(z.kind)) {
            auto s = vocab.suggestZoneKind(z.kind);
            add(diags, kError, z.id, "E-ZONE-KIND",
                "zone '" + z.id + "' has kind '" + z.kind +
                    "'; zones are region, az or trust_boundary",
                s.empty() ? std::string() : "did you mean '" + s + "'?");
        }
        checkProperties(z.id, "zone", z.props, vocab, diags);
    }
    checkZones(design, diags);
}

} // namespace pb::model
