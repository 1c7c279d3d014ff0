#include "model/dotexport.h"

#include "model/designfile.h"
#include "model/dotimport.h"
#include "model/dotlists.h"
#include "model/dotscreen.h"
#include "model/jsonutil.h"
#include "model/printable.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <type_traits>
#include <sstream>
#include <unordered_map>

namespace pb::model {

namespace {

// What goes between the quotes. cgraph's lexer reads backslashes in pairs ("\\" stays two
// characters), "\"" as a quote and a backslash before a line break as a continued line (both
// dropped), so a run of backslashes must end with an even count before the closing quote or a
// line break and an odd count before an escaped quote. A run that cannot be written exactly
// gains one backslash: the text changes slightly, but keeps its line break and always reads back
// ("end\" and a break came back as "end" joined to the next line).
std::string escaped(const std::string& s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '\\') {
            std::size_t run = 0;
            while (i + run < s.size() && s[i + run] == '\\') ++run;
            i += run - 1;
            const bool beforeQuote = i + 1 < s.size() && s[i + 1] == '"';
            const bool beforeBreak = i + 1 < s.size() && s[i + 1] == '\n';
            const bool atEnd = i + 1 == s.size();
            std::size_t n = run;
            if ((atEnd || beforeQuote || beforeBreak) && n % 2 == 1) ++n;
            out.append(n, '\\');
        } else if (c == '"') {
            out += "\\\"";
        } else if (c == '\n') {
            // As it is: a quoted string may span lines, and cgraph reads "\n" in any attribute
            // but a label as a backslash and an n, so a note or justification of two lines
            // came back as one line holding "\n". Labels escape their breaks first (labelText).
            out += '\n';
        } else {
            out += c;
        }
    }
    return out;
}

// Graphviz's own dot refuses a quoted string over 16 KiB, and importDot() one over kMaxDotToken,
// so a longer text is written in pieces joined with '+' ("…" + "…"), which both read as one
// string. Pieces are 16,000 bytes, or nearly as long as importDot() takes when that would be more
// than the kMaxDotPieces it takes. A long piece may end up to three bytes short (cutsOf), and 64
// of them still hold the kMaxDotText that importDot() and checkDotTexts() allow one text: the
// pieces were exactly kMaxDotText / 64, so a text of 4,190,209 to 4,194,304 bytes read from a
// file was refused by the export.
constexpr std::size_t kPiece = 16'000;
constexpr std::size_t kLongPiece = kMaxDotToken - 8;
static_assert(kMaxDotPieces * (kLongPiece - 3) >= kMaxDotText, "64 long pieces hold the longest text");

// Where each piece after the first starts: never after an odd run of backslashes (the piece's
// closing quote would be escaped) nor inside a UTF-8 character.
std::vector<std::size_t> cutsOf(const std::string& body, std::size_t piece)
{
    std::vector<std::size_t> cuts;
    std::size_t from = 0, safe = 0, run = 0;
    for (std::size_t p = 1; p < body.size() && body.size() - from > piece; ++p) {
        run = body[p - 1] == '\\' ? run + 1 : 0;
        if (run % 2 == 0 && (static_cast<unsigned char>(body[p]) & 0xC0) != 0x80) safe = p;
        if (p - from >= piece && safe > from) cuts.push_back(from = safe);
    }
    return cuts;
}

std::vector<std::size_t> piecesOf(const std::string& body)
{
    std::vector<std::size_t> cuts = cutsOf(body, kPiece);
    return cuts.size() < kMaxDotPieces ? cuts : cutsOf(body, kLongPiece);
}

std::string quote(const std::string& s)
{
    const std::string body = escaped(s);
    std::string out = "\"";
    std::size_t from = 0;
    for (const std::size_t cut : piecesOf(body)) {
        out.append(body, from, cut - from).append("\" + \"");
        from = cut;
    }
    return out.append(body, from, std::string::npos) + "\"";
}

// Graphviz reads "\\" in a label as one backslash and "\n" as a line break (importDot does
// the same), so a label's backslashes are doubled and its line breaks written as \n.
std::string labelEscapes(const std::string& label)
{
    std::string out;
    for (const char c : label) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

std::string labelText(const std::string& label)
{
    return quote(labelEscapes(label));
}

const char* typeName(const Value& v)
{
    if (std::holds_alternative<std::string>(v)) return "string";
    if (std::holds_alternative<double>(v)) return "number";
    if (std::holds_alternative<bool>(v)) return "bool";
    return "list";
}

// DOT attributes are all text, and importDot() types them by how they look: "42" becomes a
// number, "a,b" a list, an empty value is no attribute at all. A property that would not read
// back as what it is gets its type named in pb_types ("key:string,key:list"), the name escaped
// as a list item (dotlists.h).
std::string attributeName(const std::string& key)
{
    return dotNameIsTaken(key) ? kDotPropertyPrefix + key : key;
}

std::optional<std::string> typeHint(const std::string& key, const Value& v, const std::string& text)
{
    if (!text.empty() && dotAttributeValue(key, text) == v) return std::nullopt;
    return attributeName(key) + ":" + typeName(v);
}

std::vector<std::string> propAttributes(const Properties& props)
{
    std::vector<std::string> out;
    StringList hints;
    for (const auto& [k, v] : props) {
        const std::string text = dotValueText(v);
        if (!text.empty()) out.push_back(quote(attributeName(k)) + "=" + quote(text));
        if (auto hint = typeHint(k, v, text)) hints.push_back(std::move(*hint));
    }
    if (!hints.empty()) out.push_back("pb_types=" + quote(joinDotList(hints)));
    return out;
}

void writeProps(std::ostringstream& out, const Properties& props)
{
    for (const auto& a : propAttributes(props))
        out << ", " << a;
}

void writeComponent(std::ostringstream& out, const Component& c)
{
    out << "  " << quote(c.id) << " [kind=" << quote(c.kind) << ", label=" << labelText(c.label)
        << ", pb_pos=" << quote(shortestNumber(c.pos.x) + "," + shortestNumber(c.pos.y));
    if (c.kindInferred) out << ", pb_kind_inferred=true";
    if (c.label.empty()) out << ", pb_empty_label=true";
    if (c.size.width > 0 || c.size.height > 0)
        out << ", pb_size=" << quote(shortestNumber(c.size.width) + "," + shortestNumber(c.size.height));
    writeProps(out, c.props);
    out << "];\n";
}

// Whether DOT import gives a zone these members in this order: its components in the file's
// node order, then its nested zones in the order they are written.
bool membersReadBackInOrder(const std::vector<std::string>& members,
                            const std::map<std::string, std::size_t>& componentAt)
{
    bool zones = false;
    std::size_t last = 0;
    for (const auto& m : members) {
        const auto at = componentAt.find(m);
        if (at == componentAt.end()) {
            zones = true;
            continue;
        }
        if (zones || (last > 0 && at->second < last)) return false;
        last = at->second + 1;
    }
    return true;
}

// Zones another zone holds: each is written inside its parent, not at the top.
std::set<std::string> nestedZones(const Design& design)
{
    std::set<std::string> nested;
    for (const auto& z : design.zones())
        for (const auto& m : z.members)
            if (design.zone(m)) nested.insert(m);
    return nested;
}

std::map<std::string, std::size_t> componentPositions(const Design& design)
{
    std::map<std::string, std::size_t> at;
    for (std::size_t i = 0; i < design.components().size(); ++i) at.emplace(design.components()[i].id, i);
    return at;
}

// The design's order of zones when exportDot() must write it as pb_zone_order, or nothing when
// the order it writes them in (each inside its parent, so depth first) is the design's own.
StringList zoneOrderToWrite(const Design& design, const std::set<std::string>& nested)
{
    StringList written;
    // Each zone once: the import checks its texts before the design is validated, and a cluster
    // that holds itself (two `subgraph cluster_eu` one inside the other) made this walk recurse
    // until the stack ran out (found by fuzz_dot).
    std::set<std::string> seen;
    std::function<void(const Zone&)> visit = [&](const Zone& z) {
        if (!seen.insert(z.id).second) return;
        written.push_back(z.id);
        for (const auto& m : z.members)
            if (const Zone* child = design.zone(m)) visit(*child);
    };
    for (const auto& z : design.zones())
        if (!nested.count(z.id)) visit(z);
    if (std::equal(written.begin(), written.end(), design.zones().begin(), design.zones().end(),
                   [](const std::string& id, const Zone& z) { return id == z.id; }))
        return {};
    StringList order;
    for (const auto& z : design.zones()) order.push_back(z.id);
    return order;
}

void writeFlow(std::ostringstream& out, const Flow& f)
{
    out << "  " << quote(f.from) << " -> " << quote(f.to) << " [id=" << quote(f.id)
        << ", label=" << labelText(f.label);
    if (!f.bends.empty()) {
        std::string bends;
        for (const auto& p : f.bends) bends += (bends.empty() ? "" : " ") + shortestNumber(p.x) + "," + shortestNumber(p.y);
        out << ", pb_bends=" << quote(bends);
    }
    writeProps(out, f.props);
    out << "];\n";
}

// The bytes `text` takes as written between its quotes. Escaping at most doubles a text, so a
// short one needs no measuring: importDot() checks every text of every design it reads.
std::size_t writtenSize(const std::string& text, bool label)
{
    if (2 * text.size() + 1 <= kMaxDotText) return text.size();
    return escaped(label ? labelEscapes(text) : text).size();
}

// Why importDot() would not read `text` back as written, or nothing: DOT has no way to write a
// NUL byte, and a text longer than kMaxDotText written is refused on the way in.
std::string unwritable(const std::string& text, bool label)
{
    if (text.find('\0') != std::string::npos) return "holds a NUL byte, which a DOT file cannot carry";
    const std::size_t written = writtenSize(text, label);
    if (written <= kMaxDotText) return {};
    return "is " + std::to_string(text.size()) + " bytes long" +
           (written != text.size() ? " (" + std::to_string(written) + " as DOT writes it)" : std::string()) +
           ", more than the " + std::to_string(kMaxDotText) + " bytes one DOT text may hold";
}

// Every text exportDot() writes that would not read back, as an error naming the element and
// the attribute, so that the user can mend it rather than find a file nothing can open. DOT
// import runs the same check on what it read (DotCheck::Import), so the two cannot disagree.
struct ExportCheck
{
    const std::string& file;
    Diagnostics& diags;
    DotCheck mode;
    std::size_t found = 0;
    static constexpr std::size_t kListed = 10;

    void say(const std::string& element, const std::string& pointer, const std::string& message,
             const std::string& hint, bool counted = true)
    {
        if (counted && ++found > kListed) return;
        const bool out = mode == DotCheck::Export;
        diags.push_back({Diagnostic::Level::Error, file, 0, 0, element, pointer, out ? "E-DOT-EXPORT" : "E-LIMIT",
                         out ? "cannot write DOT: " + message : message, hint});
    }

    // `what` names the text: a string, or what makes one, since DOT import checks every text of
    // every design it reads and almost all of them fit.
    template <typename What>
    void text(const What& name, const std::string& element, const std::string& pointer, const std::string& s,
              bool label = false)
    {
        const std::string why = unwritable(s, label);
        if (why.empty()) return;
        std::string what;
        if constexpr (std::is_invocable_v<What>) what = name();
        else what = name;
        if (mode == DotCheck::Import) // a NUL byte never gets past the screen
            return say(element, pointer, what + " " + why + ", so the design could not be written as DOT again",
                       "shorten it");
        const bool nul = why.find("NUL") != std::string::npos;
        say(element, pointer, what + " " + why,
            std::string(nul ? "remove it" : "shorten it") + ", or keep the design as .probeboard");
    }

    // A list joined into one attribute: each item fits, but joined they may not. A NUL byte in an
    // item is named with the item already.
    void joined(const std::string& what, const std::string& element, const std::string& pointer,
                const StringList& items)
    {
        const std::string s = joinDotList(items);
        if (s.find('\0') == std::string::npos) text(what, element, pointer, s);
    }

    void element(const std::string& what, const std::string& id, const std::string& kind,
                 const std::string& label, const Properties& props)
    {
        auto who = [&](const std::string& of) { return [&, of] { return what + " " + quoteText(id) + ": " + of; }; };
        text(who("its id"), id, "id", id);
        text(who("its kind"), id, "kind", kind);
        text(who("its label"), id, "label", label, true);
        // Each type named in pb_types takes at most twice its property's name and a few bytes:
        // only an element with very many properties needs its types worked out here.
        std::size_t typesBound = 0;
        for (const auto& [k, v] : props) typesBound += 2 * k.size() + 32;
        StringList hints;
        for (const auto& property : props) {
            // Named, not a structured binding: clang 14 (the fuzz build) cannot capture those.
            const std::string& k = property.first;
            const Value& v = property.second;
            const std::string value = dotValueText(v);
            text([&] { return who("the name of property " + quoteText(k))(); }, id, "properties", k);
            text([&] { return who("property " + quoteText(k))(); }, id, "properties/" + k, value);
            if (typesBound > kMaxDotText)
                if (auto hint = typeHint(k, v, value)) hints.push_back(std::move(*hint));
        }
        if (!hints.empty()) joined(who("the types of its properties (pb_types)")(), id, "properties", hints);
    }

    // The lists exportDot() writes only when the order read back would differ.
    void orders(const Design& d)
    {
        const auto componentAt = componentPositions(d);
        for (const auto& z : d.zones())
            if (!membersReadBackInOrder(z.members, componentAt))
                joined("zone " + quoteText(z.id) + ": the order of its members (pb_members)", z.id, "members",
                       z.members);
        joined("the design's order of zones (pb_zone_order)", "", "zones", zoneOrderToWrite(d, nestedZones(d)));
    }

    void run(const Design& d)
    {
        text("the design's title", "", "title", d.title, true);
        if (d.zones().size() > kMaxDotSubgraphs)
            say("", "", "the design has " + std::to_string(d.zones().size()) + " zones, and DOT import reads at most " +
                            std::to_string(kMaxDotSubgraphs) + " clusters", "keep the design as .probeboard");
        for (const auto& c : d.components()) element("component", c.id, c.kind, c.label, c.props);
        for (const auto& f : d.flows()) element("flow", f.id, {}, f.label, f.props);
        for (const auto& z : d.zones()) element("zone", z.id, z.kind, z.label, z.props);
        orders(d);
        for (std::size_t i = 0; i < d.decisions.size(); ++i)
            for (const auto& [name, value] : decisionFields(d.decisions[i]))
                text("decision " + std::to_string(i + 1) + ": its " + name, "",
                     "decisions/" + std::to_string(i) + "/" + name, *value);
        if (found > kListed)
            say("", "", std::to_string(found - kListed) + " more texts would not read back", "", false);
    }
};

} // namespace

std::string dotAttributeText(const Value& v)
{
    return dotValueText(v);
}

std::string exportDot(const Design& design)
{
    std::ostringstream out;
    out << "digraph " << quote(design.title.empty() ? "design" : design.title) << " {\n";
    // The graph's label is a label: written plainly, C:\temp\new came back with a line break.
    out << "  label=" << labelText(design.title) << ";\n";
    // Nodes first, at the top level, so that reading the file back keeps their order.
    for (const auto& c : design.components()) writeComponent(out, c);

    const std::set<std::string> nested = nestedZones(design);
    // Which component is where: a cluster's members read back components first, in node order.
    const std::map<std::string, std::size_t> componentAt = componentPositions(design);
    std::function<void(const Zone&, int)> writeZone = [&](const Zone& z, int depth) {
        const std::string pad(static_cast<std::size_t>(depth) * 2, ' ');
        out << pad << "subgraph " << quote("cluster_" + z.id) << " {\n";
        out << pad << "  id=" << quote(z.id) << "; kind=" << quote(z.kind)
            << "; label=" << labelText(z.label) << ";\n";
        out << pad << "  pb_pos=" << quote(shortestNumber(z.pos.x) + "," + shortestNumber(z.pos.y)) << ";";
        if (z.size.width > 0 || z.size.height > 0)
            out << " pb_size=" << quote(shortestNumber(z.size.width) + "," + shortestNumber(z.size.height)) << ";";
        out << "\n";
        for (const auto& a : propAttributes(z.props))
            out << pad << "  " << a << ";\n";
        if (!membersReadBackInOrder(z.members, componentAt))
            out << pad << "  pb_members=" << quote(joinDotList(z.members)) << ";\n";
        for (const auto& m : z.members) {
            if (const Zone* child = design.zone(m)) writeZone(*child, depth + 1);
            else out << pad << "  " << quote(m) << ";\n";
        }
        out << pad << "}\n";
    };
    for (const auto& z : design.zones())
        if (!nested.count(z.id)) writeZone(z, 1);
    // Nested clusters are written inside their parents, so zones read back depth first.
    if (const StringList order = zoneOrderToWrite(design, nested); !order.empty())
        out << "  pb_zone_order=" << quote(joinDotList(order)) << ";\n";

    for (const auto& f : design.flows())
        writeFlow(out, f);
    // A reviewer's decisions travel with the design: without them, converting to DOT and back
    // reopened every finding the team had accepted.
    int n = 0;
    for (const auto& d : design.decisions) {
        const std::string at = "  pb_decision_" + std::to_string(++n) + "_";
        for (const auto& [name, value] : decisionFields(d))
            if (!value->empty()) out << at << name << "=" << quote(*value) << ";\n";
    }
    out << "}\n";
    return out.str();
}

std::size_t checkDotTexts(const Design& design, const std::string& fileName, Diagnostics& diags, DotCheck mode)
{
    ExportCheck check{fileName, diags, mode};
    check.run(design);
    return check.found;
}

std::optional<std::string> exportDot(const Design& design, const std::string& fileName, Diagnostics& diags)
{
    if (checkDotTexts(design, fileName, diags, DotCheck::Export) > 0) return std::nullopt;
    std::string text = exportDot(design);
    if (text.size() > kMaxDotBytes) {
        // The size of what would be written, and where the design fits: the screen below would
        // only say that some DOT input was too large.
        diags.push_back({Diagnostic::Level::Error, fileName, 0, 0, "", "", "E-DOT-EXPORT",
                         "cannot write DOT: the design would be " + mebibyteText(text.size()) + " of DOT (" +
                             std::to_string(text.size()) + " bytes), more than the " + mebibyteText(kMaxDotBytes) +
                             " DOT import reads, so the file would not open again",
                         "keep the design as .probeboard, which holds up to " + mebibyteText(kMaxDesignBytes)});
        return std::nullopt;
    }
    // What importDot() refuses before reading anything (more than 32 MiB, more than 10,000
    // clusters, or a text the check above does not know of) is refused here too.
    Diagnostics screened;
    if (screenDotText(text, fileName, screened)) return text;
    for (Diagnostic d : screened) {
        d.message = "cannot write DOT: the file would not read back: " + d.message +
                    (d.line > 0 ? " (line " + std::to_string(d.line) + " of the DOT text)" : "");
        d.line = 0;
        d.code = "E-DOT-EXPORT";
        diags.push_back(std::move(d));
    }
    return std::nullopt;
}

} // namespace pb::model
