#include "model/mermaidexport.h"

#include "model/designfile.h"
#include "model/dotimport.h"
#include "model/mermaidtext.h"
#include "model/printable.h"
#include "model/validation.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace pb::model {

namespace {

bool asciiIdChar(char c) { return isMermaidIdChar(c) && static_cast<unsigned char>(c) < 0x80; }

// An id the reader takes whole and Mermaid draws: ASCII letters, digits and '_', with '-' or '.'
// between them; not a keyword. Non-ASCII ids read back here but not in every Mermaid version.
bool writableId(std::string_view id)
{
    if (id.empty() || isMermaidKeyword(id)) return false;
    for (std::size_t i = 0; i < id.size(); ++i) {
        const char c = id[i];
        const bool joiner = (c == '-' || c == '.') && i > 0 && i + 1 < id.size() && asciiIdChar(id[i + 1]);
        if (!asciiIdChar(c) && !joiner) return false;
    }
    return true;
}

// The ids as written: each design id that Mermaid takes as it is, the others under a new one
// that no element has (an id with a space, `end`), and a list of those renamed for a comment.
class Names
{
public:
    explicit Names(const Design& d)
    {
        auto each = [&](auto&& f) {
            for (const auto& c : d.components()) f(c.id);
            for (const auto& z : d.zones()) f(z.id);
        };
        each([&](const std::string& id) {
            if (writableId(id)) m_taken.insert(id);
        });
        each([&](const std::string& id) {
            if (!writableId(id) && !m_written.count(id)) rename(id);
        });
    }
    const std::string& of(const std::string& id) const
    {
        const auto it = m_written.find(id);
        return it == m_written.end() ? id : it->second;
    }
    const std::vector<std::pair<std::string, std::string>>& renamed() const { return m_renamed; }

private:
    void rename(const std::string& id)
    {
        std::string base;
        for (std::size_t i = 0; i < id.size(); ++i) {
            const auto c = static_cast<unsigned char>(id[i]);
            if ((c & 0xC0) == 0x80) continue; // one '_' per character, not per byte
            base += asciiIdChar(id[i]) ? id[i] : '_';
        }
        if (base.empty() || isMermaidKeyword(base)) base = "n_" + base;
        std::string name = base;
        // The next number to try for this base: ids that differ only in what is not ASCII (a
        // hostile design holds thousands) would otherwise each count up from 2 again.
        int& k = m_nextNumber.try_emplace(base, 2).first->second;
        while (m_taken.count(name)) name = base + "_" + std::to_string(k++);
        m_taken.insert(name);
        m_renamed.emplace_back(id, name);
        m_written.emplace(id, std::move(name));
    }
    std::unordered_set<std::string> m_taken;
    std::unordered_map<std::string, std::string> m_written;
    std::unordered_map<std::string, int> m_nextNumber;
    std::vector<std::pair<std::string, std::string>> m_renamed;
};

// How a kind is drawn: cosmetic, since the kind itself is written as a class.
std::pair<std::string_view, std::string_view> shapeOf(const std::string& kind)
{
    for (std::string_view store :
         {"database", "cache", "object_store", "search_index", "timeseries_db", "audit_ledger", "analytics"})
        if (kind == store) return {"[(", ")]"};
    if (kind == "queue") return {"[[", "]]"};
    if (kind == "client") return {"([", "])"};
    if (kind == "third_party") return {">", "]"};
    if (kind == "api_gateway" || kind == "load_balancer" || kind == "cdn" || kind == "dns") return {"{{", "}}"};
    return {"[", "]"};
}

bool isAsync(const Design& d, const Flow& f)
{
    if (const auto sync = boolProperty(f.props, "sync")) return !*sync;
    auto queue = [&](const std::string& id) {
        const Component* c = d.component(id);
        return c && c->kind == "queue";
    };
    return queue(f.from) || queue(f.to); // a queue's flows are asynchronous unless drawn otherwise
}

std::string yamlQuoted(std::string_view s)
{
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c == '\n' || c == '\r' || c == '\t' ? ' ' : c;
    }
    return out + "\"";
}

class Writer
{
public:
    explicit Writer(const Design& d) : m_d(d), m_names(d) {}
    std::string run();
    int deepest() const { return m_deepest; }
    const std::string& deepestZone() const { return m_deepestZone; }

private:
    void indent(int depth) { m_out.append(static_cast<std::size_t>(4 * std::min(depth + 1, 16)), ' '); }
    void component(const Component& c);
    void zones();
    void classes();
    const Design& m_d;
    Names m_names;
    std::string m_out;
    std::unordered_set<std::string> m_written; // components and zones written into a subgraph
    int m_deepest = 0;
    std::string m_deepestZone;
};

void Writer::component(const Component& c)
{
    const auto [open, close] = shapeOf(c.kind);
    indent(0);
    m_out += m_names.of(c.id);
    m_out += open;
    m_out += '"';
    m_out += mermaidEscaped(c.label.empty() ? c.id : c.label);
    m_out += '"';
    m_out += close;
    m_out += '\n';
}

void Writer::zones()
{
    std::unordered_set<std::string> nested;
    for (const auto& z : m_d.zones())
        for (const auto& m : z.members)
            if (m_d.zone(m)) nested.insert(m);
    // Depth first, with a stack of its own: a design may nest zones thousands deep, or in a
    // cycle that its validation would refuse; each zone is written once.
    struct Open
    {
        const Zone* zone;
        std::size_t next;
    };
    auto walk = [&](const Zone& root) {
        std::vector<Open> stack;
        auto enter = [&](const Zone& z) {
            if (!m_written.insert(z.id).second) return;
            const int depth = static_cast<int>(stack.size());
            if (depth + 1 > m_deepest) {
                m_deepest = depth + 1;
                m_deepestZone = z.id;
            }
            indent(depth);
            m_out += "subgraph " + m_names.of(z.id) + "[\"" + mermaidEscaped(z.label.empty() ? z.id : z.label) + "\"]\n";
            stack.push_back({&z, 0});
        };
        enter(root);
        while (!stack.empty()) {
            Open& top = stack.back();
            if (top.next == top.zone->members.size()) {
                stack.pop_back();
                indent(static_cast<int>(stack.size()));
                m_out += "end\n";
                continue;
            }
            const std::string& member = top.zone->members[top.next++];
            const int depth = static_cast<int>(stack.size());
            if (const Zone* inner = m_d.zone(member)) {
                enter(*inner);
            } else if (m_d.component(member) && m_written.insert(member).second) {
                indent(depth); // only named: a node is in the first subgraph that names it
                m_out += m_names.of(member) + "\n";
            }
        }
    };
    for (const auto& z : m_d.zones())
        if (!nested.count(z.id)) walk(z);
    for (const auto& z : m_d.zones()) walk(z); // those only inside a cycle
}

void Writer::classes()
{
    // One class per kind, at most sixteen ids a line, kinds in the order first drawn.
    std::vector<std::pair<std::string, std::vector<std::string>>> byKind;
    auto add = [&](const std::string& kind, const std::string& id) {
        auto it = std::find_if(byKind.begin(), byKind.end(), [&](const auto& k) { return k.first == kind; });
        if (it == byKind.end()) it = byKind.insert(byKind.end(), {kind, {}});
        it->second.push_back(m_names.of(id));
    };
    for (const auto& c : m_d.components())
        if (writableId(c.kind)) add(c.kind, c.id);
    for (const auto& z : m_d.zones())
        if (writableId(z.kind)) add(z.kind, z.id);
    for (const auto& [kind, ids] : byKind)
        for (std::size_t i = 0; i < ids.size(); i += 16) {
            indent(0);
            m_out += "class ";
            for (std::size_t k = i; k < std::min(ids.size(), i + 16); ++k) m_out += (k > i ? "," : "") + ids[k];
            m_out += " " + kind + "\n";
        }
}

std::string Writer::run()
{
    if (!m_d.title.empty()) m_out += "---\ntitle: " + yamlQuoted(m_d.title) + "\n---\n";
    m_out += "%% Drawn in Probeboard. Kinds are classes (class db database), which Probeboard reads back;\n"
             "%% properties, positions and review decisions are kept in the .probeboard file only.\n";
    for (const auto& [id, name] : m_names.renamed())
        m_out += "%% " + printable(id) + " is written as " + name + "\n";
    double minX = 0, maxX = 0, minY = 0, maxY = 0;
    for (std::size_t i = 0; i < m_d.components().size(); ++i) {
        const Point p = m_d.components()[i].pos;
        minX = i ? std::min(minX, p.x) : p.x, maxX = i ? std::max(maxX, p.x) : p.x;
        minY = i ? std::min(minY, p.y) : p.y, maxY = i ? std::max(maxY, p.y) : p.y;
    }
    m_out += maxY - minY > maxX - minX ? "flowchart TB\n" : "flowchart LR\n"; // as it is drawn
    // Every node first, in the design's order, then the subgraphs naming their members: Mermaid
    // places a node in the first subgraph that names it, wherever it was declared.
    for (const auto& c : m_d.components()) component(c);
    zones();
    for (const auto& f : m_d.flows()) {
        indent(0);
        m_out += m_names.of(f.from) + (isAsync(m_d, f) ? " -.->" : " -->");
        if (!f.label.empty()) m_out += "|\"" + mermaidEscaped(f.label) + "\"|";
        m_out += " " + m_names.of(f.to) + "\n";
    }
    classes();
    return std::move(m_out);
}

// The first text of the design Mermaid cannot carry, as a diagnostic.
bool refuseText(const Design& d, const std::string& file, Diagnostics& diags)
{
    auto bad = [](const std::string& s) -> const char* {
        if (s.find('\0') != std::string::npos) return "holds a NUL byte";
        return firstNonUtf8(s) == std::string::npos ? nullptr : "holds bytes that are not UTF-8";
    };
    auto check = [&](const std::string& element, const char* what, const std::string& s) {
        const char* why = bad(s);
        if (why)
            diags.push_back({Diagnostic::Level::Error, file, 0, 0, element, "", "E-MERMAID-EXPORT",
                             std::string("cannot write Mermaid: ") + what + (element.empty() ? "" : " of " + quoteText(element)) +
                                 " " + why,
                             "take it out of the text, or keep the design as .probeboard"});
        return why != nullptr;
    };
    if (check("", "the title", d.title)) return true;
    for (const auto& c : d.components())
        if (check(c.id, "the id", c.id) || check(c.id, "the label", c.label) || check(c.id, "the kind", c.kind)) return true;
    for (const auto& z : d.zones())
        if (check(z.id, "the id", z.id) || check(z.id, "the label", z.label)) return true;
    for (const auto& f : d.flows())
        if (check(f.id, "the label", f.label)) return true;
    return false;
}

} // namespace

std::string exportMermaid(const Design& design) { return Writer(design).run(); }

std::optional<std::string> exportMermaid(const Design& design, const std::string& fileName, Diagnostics& diags)
{
    if (refuseText(design, fileName, diags)) return std::nullopt;
    Writer w(design);
    std::string text = w.run();
    if (w.deepest() > kMaxZoneDepth) {
        diags.push_back({Diagnostic::Level::Error, fileName, 0, 0, w.deepestZone(), "", "E-LIMIT",
                         "cannot write Mermaid: zones are nested " + std::to_string(w.deepest()) + " deep at " +
                             quoteText(w.deepestZone()) + ", more than the " + std::to_string(kMaxZoneDepth) +
                             " a flowchart is read with",
                         "keep the design as .probeboard"});
        return std::nullopt;
    }
    if (text.size() > kMaxDotBytes) {
        diags.push_back({Diagnostic::Level::Error, fileName, 0, 0, "", "", "E-LIMIT",
                         "cannot write Mermaid: the flowchart would be " + std::to_string(text.size()) +
                             " bytes, more than the " + std::to_string(kMaxDotBytes) + " a flowchart is read with",
                         "keep the design as .probeboard"});
        return std::nullopt;
    }
    return text;
}

} // namespace pb::model
