#include "model/dotexport.h"

#include <functional>
#include <set>
#include <sstream>
#include <unordered_map>

namespace pb::model {

namespace {

std::string quote(const std::string& s)
{
    // cgraph's lexer reads backslashes in pairs ("\\" stays two characters) and "\"" as a quote,
    // so a run of backslashes must end with an even count before the closing quote and an odd
    // count before an escaped quote. A run that cannot be written exactly gains one backslash:
    // the name changes slightly, but the file always reads back.
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '\\') {
            std::size_t run = 0;
            while (i + run < s.size() && s[i + run] == '\\') ++run;
            i += run - 1;
            const bool beforeQuote = i + 1 < s.size() && s[i + 1] == '"';
            const bool atEnd = i + 1 == s.size();
            std::size_t n = run;
            if ((atEnd || beforeQuote) && n % 2 == 1) ++n;
            out.append(n, '\\');
        } else if (c == '"') {
            out += "\\\"";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string valueText(const Value& v)
{
    if (auto l = std::get_if<StringList>(&v)) {
        std::string out;
        for (const auto& s : *l) out += (out.empty() ? "" : ",") + s;
        return out;
    }
    return toDisplayString(v);
}

std::string num(double d)
{
    return toDisplayString(Value{d});
}

void writeProps(std::ostringstream& out, const Properties& props)
{
    for (const auto& [k, v] : props) out << ", " << quote(k) << "=" << quote(valueText(v));
}

void writeComponent(std::ostringstream& out, const Component& c)
{
    out << "  " << quote(c.id) << " [kind=" << quote(c.kind) << ", label=" << quote(c.label)
        << ", pb_pos=" << quote(num(c.pos.x) + "," + num(c.pos.y));
    if (c.size.width > 0 || c.size.height > 0)
        out << ", pb_size=" << quote(num(c.size.width) + "," + num(c.size.height));
    writeProps(out, c.props);
    out << "];\n";
}

void writeFlow(std::ostringstream& out, const Flow& f)
{
    out << "  " << quote(f.from) << " -> " << quote(f.to) << " [id=" << quote(f.id)
        << ", label=" << quote(f.label);
    if (!f.bends.empty()) {
        std::string bends;
        for (const auto& p : f.bends) bends += (bends.empty() ? "" : " ") + num(p.x) + "," + num(p.y);
        out << ", pb_bends=" << quote(bends);
    }
    writeProps(out, f.props);
    out << "];\n";
}

} // namespace

std::string exportDot(const Design& design)
{
    std::ostringstream out;
    out << "digraph " << quote(design.title.empty() ? "design" : design.title) << " {\n";
    out << "  label=" << quote(design.title) << ";\n";
    // Nodes first, at the top level, so that reading the file back keeps their order.
    for (const auto& c : design.components()) writeComponent(out, c);

    std::set<std::string> nested;
    for (const auto& z : design.zones())
        for (const auto& m : z.members)
            if (design.zone(m)) nested.insert(m);
    std::function<void(const Zone&, int)> writeZone = [&](const Zone& z, int depth) {
        const std::string pad(static_cast<std::size_t>(depth) * 2, ' ');
        out << pad << "subgraph " << quote("cluster_" + z.id) << " {\n";
        out << pad << "  id=" << quote(z.id) << "; kind=" << quote(z.kind)
            << "; label=" << quote(z.label) << ";\n";
        out << pad << "  pb_pos=" << quote(num(z.pos.x) + "," + num(z.pos.y)) << ";";
        if (z.size.width > 0 || z.size.height > 0)
            out << " pb_size=" << quote(num(z.size.width) + "," + num(z.size.height)) << ";";
        out << "\n";
        for (const auto& [k, v] : z.props)
            out << pad << "  " << quote(k) << "=" << quote(valueText(v)) << ";\n";
        for (const auto& m : z.members) {
            if (const Zone* child = design.zone(m)) writeZone(*child, depth + 1);
            else out << pad << "  " << quote(m) << ";\n";
        }
        out << pad << "}\n";
    };
    for (const auto& z : design.zones())
        if (!nested.count(z.id)) writeZone(z, 1);

    for (const auto& f : design.flows()) writeFlow(out, f);
    out << "}\n";
    return out.str();
}

} // namespace pb::model
