#include "model/dotimport.h"
#include "model/dotinference.h"

#include "model/dotattributes.h"
#include "model/designfile.h"
#include "model/dotexport.h"
#include "model/dotlabels.h"
#include "model/dotlines.h"
#include "model/dotlists.h"
#include "model/dotscreen.h"
#include "model/graphvizlock.h"
#include "model/printable.h"
#include "model/validation.h"
#include "model/vocabulary.h"

#include <graphviz/cgraph.h>

// cgraph's flex scanner keeps its buffer and start condition between agmemread() calls: text
// after the first graph of one file, or a file that broke off inside a string or comment, made
// the next file unreadable. aaglex_destroy() (exported by libcgraph, not declared in its public
// headers) resets the scanner completely; it re-initialises itself on the next read.
extern "C" int aaglex_destroy(void);

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <unordered_set>

namespace pb::model {

namespace {

std::string g_gvMessages; // guarded by graphvizMutex()

int collectGraphvizMessage(char* msg)
{
    g_gvMessages += msg;
    return 0;
}

Component readNode(Agraph_t* g, Agnode_t* n, DotLabelReader& labels, Diagnostics& diags)
{
    Component c;
    c.id = agnameof(n);
    const auto attrs = dotAttributes(g, n, AGNODE);
    std::string shape, xlabel;
    bool inferred = false; // a kind guessed before export, not yet confirmed
    bool emptyLabel = false;
    for (const auto& [k, v] : attrs) {
        if (k == "kind") c.kind = v;
        else if (k == "label" && v != "\\N")
            c.label = labels.read(v, {c.id, agnameof(agroot(g)), {}, {}}, "node", c.id, c.id);
        else if (k == "pb_empty_label") emptyLabel = v == "true";
        else if (k == "pb_kind_inferred") inferred = v == "true";
        else if (k == "shape") shape = v;
        else if (k == "xlabel") xlabel = v;
        else if (k == "pos" || k == "pb_pos") dotPair(v, c.pos.x, c.pos.y);
        else if (k == "pb_size") dotPair(v, c.size.width, c.size.height);
    }
    // A record's label is its fields ("{<in> Monolith|Rails 5|<db> db pool}"): the words are
    // kept, the ports and separators are not, and the kind is guessed from the first field (the
    // title), not from "db pool".
    std::string title = c.label;
    if (shape == "record" || shape == "Mrecord") {
        const StringList fields = recordFields(c.label);
        std::string joined;
        for (const auto& f : fields) joined += (joined.empty() ? "" : " / ") + f;
        c.label = joined;
        title = fields.empty() ? std::string() : fields.front();
    }
    // A node without a label is named by its id, as Graphviz draws it; cgraph cannot tell
    // `label=""` from no label, so an empty one is marked (exportDot).
    // pytm's --dfd draws a data store as an image and names it beside it (label="", xlabel=…).
    if (c.label.empty() && !emptyLabel && !xlabel.empty())
        c.label = labels.read(xlabel, {c.id, agnameof(agroot(g)), {}, {}}, "node", c.id, c.id);
    if (c.label.empty() && !emptyLabel) c.label = c.id;
    if (c.kind.empty()) {
        c.kind = inferKind(c.id, title.empty() ? c.label : title, shape);
        c.kindInferred = true;
    }
    c.kindInferred = c.kindInferred || inferred;
    applyDotProperties(c.props, attrs, c.id, diags);
    // People write the product or a capital: "kind=Database", "kind=redis". A kind the
    // vocabulary has in another case is that kind; a product is read as its kind, kept as the
    // engine and marked inferred for the user to confirm. Anything else stays, with a warning.
    const Vocabulary& vocab = Vocabulary::builtin();
    if (!vocab.kind(c.kind)) {
        if (const std::string folded = lowerAscii(c.kind); vocab.kind(folded)) {
            c.kind = folded;
        } else if (const std::string guess = inferKind(c.kind, "", ""); guess != "service") {
            static const std::set<std::string> roles = {"gateway", "gw", "worker", "consumer", "lb", "db",
                                                        "topic", "client", "user", "browser", "mobile", "ledger"};
            if (!roles.count(folded) && !c.props.count("engine")) c.props["engine"] = folded;
            c.kind = guess;
            c.kindInferred = true;
        }
    }
    return c;
}

std::vector<Point> parseBends(const std::string& s)
{
    std::vector<Point> out;
    std::string cur;
    for (char ch : s + " ") {
        if (ch == ' ') {
            Point p;
            if (dotPair(cur, p.x, p.y)) out.push_back(p);
            cur.clear();
        } else {
            cur += ch;
        }
    }
    return out;
}

Flow readEdge(Agraph_t* g, Agedge_t* e, std::map<std::string, int>& generated, DotLabelReader& labels,
              Diagnostics& diags)
{
    Flow f;
    f.from = agnameof(agtail(e));
    f.to = agnameof(aghead(e));
    const auto attrs = dotAttributes(g, e, AGEDGE);
    std::string label, xlabel;
    for (const auto& [k, v] : attrs) {
        if (k == "id") f.id = v;
        else if (k == "label") label = v;
        else if (k == "xlabel") xlabel = v;
        else if (k == "pb_bends") f.bends = parseBends(v);
    }
    // A generated id never takes a node's name ("f-a-b" may be a node of its own).
    const bool given = !f.id.empty();
    while (f.id.empty() || (!given && agnode(agroot(g), const_cast<char*>(f.id.c_str()), 0))) {
        const std::string base = "f-" + f.from + "-" + f.to;
        const int n = ++generated[base];
        f.id = n == 1 ? base : base + "-" + std::to_string(n);
    }
    // Read once the id is known, so that a label too long is reported at its edge. splines=ortho
    // ignores edge labels, so diagrams drawn that way label edges with xlabel.
    const DotLabelNames names{{}, agnameof(agroot(g)), f.from, f.to};
    f.label = labels.read(label.empty() ? xlabel : label, names, "edge", f.id, f.id);
    applyDotProperties(f.props, attrs, f.id, diags);
    return f;
}

bool isCluster(Agraph_t* sg)
{
    const std::string name = agnameof(sg);
    return name.rfind("cluster", 0) == 0;
}

std::string zoneIdOf(Agraph_t* root, Agraph_t* sg)
{
    const std::string explicitId = dotAttribute(sg, "id");
    if (!explicitId.empty() && explicitId != dotAttribute(root, "id")) return explicitId;
    std::string name = agnameof(sg);
    std::string shortName = name;
    if (name.rfind("cluster_", 0) == 0) shortName = name.substr(8);
    else if (name.rfind("cluster", 0) == 0 && name.size() > 7) shortName = name.substr(7);
    // "subgraph cluster_api { api; }" is common: the zone keeps its full name rather than
    // taking the id of the node it holds.
    if (agnode(root, const_cast<char*>(shortName.c_str()), 0)) return name;
    return shortName;
}

struct ClusterWalk
{
    Agraph_t* root;
    Design& design;
    Diagnostics& diags;
    DotPlaces& places;
    DotLabelReader& labels;
    std::map<std::string, std::pair<std::string, int>> owner; // node → (zone, depth)
    std::vector<std::pair<std::string, std::string>> zoneParent; // zone → parent zone
    std::map<std::string, std::string> parentOf;               // the same, to look up
    std::map<std::string, std::vector<std::string>> seenIn;    // node → every cluster holding it
    std::set<std::string> torn;                                // nodes in clusters not nested
    std::map<std::string, std::size_t> zoneRank;               // from pb_zone_order
    std::map<std::string, StringList> memberOrder;             // zone → its pb_members

    bool isWithin(const std::string& zone, const std::string& ancestor) const
    {
        // Bounded: clusters sharing an id (an error reported later) must not make it loop.
        std::size_t steps = parentOf.size() + 1;
        for (std::string at = zone; !at.empty() && steps-- > 0;) {
            if (at == ancestor) return true;
            const auto it = parentOf.find(at);
            at = it == parentOf.end() ? std::string() : it->second;
        }
        return false;
    }

    // Graphviz lets a node sit in two clusters that are not nested; a zone cannot hold it twice,
    // so it goes to the deepest (the first of equals), and the user is told rather than finding
    // it gone from the others.
    void claim(const std::string& node, const std::string& zone, int depth)
    {
        auto& slot = owner[node];
        if (!slot.first.empty() && !isWithin(zone, slot.first)) torn.insert(node);
        if (slot.first.empty() || depth > slot.second) slot = {zone, depth};
        seenIn[node].push_back(zone);
    }

    void reportTorn()
    {
        for (const auto& node : torn) {
            const std::string& kept = owner[node].first;
            std::string left;
            for (const auto& zone : seenIn[node])
                if (!isWithin(kept, zone)) left += (left.empty() ? "" : ", ") + quoteText(zone);
            diags.push_back({Diagnostic::Level::Warning, "", 0, 0, node, "", "W-DOT-CLUSTERS",
                             "node " + quoteText(node) + " is in clusters that are not nested; a component belongs to "
                             "one zone, so it is put in " + quoteText(kept) + " and not in " + left,
                             "nest one cluster in the other, or draw two nodes"});
        }
    }

    // cgraph keeps subgraphs ordered by their id, and the id of a named one is the address of
    // its interned name: the order of zones changed with what the process had allocated before
    // (`check` and `convert` gave one file different orders). Their sequence numbers are the
    // order the file declares them in.
    static std::vector<Agraph_t*> subgraphsInFileOrder(Agraph_t* sg)
    {
        std::vector<Agraph_t*> subs;
        for (Agraph_t* sub = agfstsubg(sg); sub; sub = agnxtsubg(sub)) subs.push_back(sub);
        std::sort(subs.begin(), subs.end(), [](Agraph_t* a, Agraph_t* b) { return AGSEQ(a) < AGSEQ(b); });
        return subs;
    }

    // What a hand-drawn cluster does not say: its kind from its name and label, and a region
    // named only in its label ("AWS eu-west-1"), which is taken and said, so that residency
    // checks see it.
    void inferZone(Zone& z, bool kindGiven, const std::string& name)
    {
        if (!kindGiven) z.kind = inferZoneKind(name, z.label);
        if (z.kind == "trust_boundary" || z.props.count("region") || z.props.count("jurisdiction")) return;
        const std::string region = regionInLabel(z.label);
        if (region.empty()) return;
        z.props["region"] = region;
        places.at.emplace_back(diags.size(), DotPlace{DotPlace::Kind::Cluster, name, {}, 1});
        diags.push_back({Diagnostic::Level::Warning, "", 0, 0, z.id, "", "W-DOT-REGION",
                         "cluster " + quoteText(name) + " has no region attribute; its label names " + quoteText(region) + ", taken as its region",
                         "write region=\"" + region + "\" on the cluster to say so"});
    }

    void visit(Agraph_t* sg, const std::string& zoneId, int depth)
    {
        for (Agraph_t* sub : subgraphsInFileOrder(sg)) {
            if (!isCluster(sub)) {
                visit(sub, zoneId, depth); // plain subgraphs (rank=same) group nothing
                continue;
            }
            Zone z;
            z.id = zoneIdOf(root, sub);
            const auto attrs = dotAttributes(root, sub, AGRAPH, agparent(sub));
            bool kindGiven = false, ours = false; // ours: written by exportDot, which says everything
            for (const auto& [k, v] : attrs) {
                if (k == "kind") z.kind = v, kindGiven = true;
                else if (k == "label")
                    z.label = labels.read(v, {{}, agnameof(sub), {}, {}}, "cluster", agnameof(sub), z.id);
                else if (k == "pb_pos") ours = dotPair(v, z.pos.x, z.pos.y) || ours;
                else if (k == "pb_size") dotPair(v, z.size.width, z.size.height);
                else if (k == "pb_members") memberOrder[z.id] = splitDotList(v);
            }
            applyDotProperties(z.props, attrs, z.id, diags);
            if (!ours) inferZone(z, kindGiven, agnameof(sub));
            // A copy: adding zones below may reallocate the design's zone list, and `zoneId`
            // of a sibling visited later must not point into it.
            const std::string id = z.id;
            zoneParent.emplace_back(id, zoneId);
            parentOf.emplace(id, zoneId);
            const DotPlace place{DotPlace::Kind::Cluster, agnameof(sub), {}, 1};
            if (!design.addZone(std::move(z))) {
                // Its members and nested clusters still go to the zone that holds the id.
                places.at.emplace_back(diags.size(), place);
                diags.push_back({Diagnostic::Level::Error, "", 0, 0, id, "", "E-DUP-ID",
                                 "duplicate id " + quoteText(id) + " (cluster " + quoteText(agnameof(sub)) + ")", ""});
            } else {
                places.of.emplace(id, place);
            }
            for (Agnode_t* n = agfstnode(sub); n; n = agnxtnode(sub, n)) claim(agnameof(n), id, depth + 1);
            visit(sub, id, depth + 1);
        }
    }

    // The file declares nested zones inside their parents, so zones read back depth first;
    // `pb_zone_order` (written by exportDot) gives the design's order. One removal and one
    // restore: inserting each zone at its place re-indexed the design every time.
    void restoreZoneOrder()
    {
        if (zoneRank.empty()) return;
        std::unordered_set<std::string> ids;
        for (const auto& z : design.zones()) ids.insert(z.id);
        Design::Removed removed = design.removeAll(ids);
        auto rank = [&](const Zone& z) {
            const auto it = zoneRank.find(z.id);
            return it == zoneRank.end() ? zoneRank.size() : it->second;
        };
        std::stable_sort(removed.zones.begin(), removed.zones.end(),
                         [&](const auto& a, const auto& b) { return rank(a.first) < rank(b.first); });
        for (std::size_t i = 0; i < removed.zones.size(); ++i) removed.zones[i].second = i;
        design.restore(std::move(removed));
    }

    void assignMembers()
    {
        for (const auto& c : design.components())
            if (auto it = owner.find(c.id); it != owner.end())
                if (Zone* z = design.zone(it->second.first)) z->members.push_back(c.id);
        for (const auto& [child, parent] : zoneParent)
            if (!parent.empty())
                if (Zone* z = design.zone(parent)) z->members.push_back(child);
        restoreZoneOrder();
        // The order the design had, where `pb_members` names exactly the members found.
        for (auto& [id, order] : memberOrder)
            if (Zone* z = design.zone(id); z && std::is_permutation(order.begin(), order.end(),
                                                                    z->members.begin(), z->members.end()))
                z->members = order;
    }
};

int lineOfMessage(const std::string& msg)
{
    for (std::size_t at = msg.find("line "); at != std::string::npos; at = msg.find("line ", at + 1)) {
        std::size_t i = at + 5;
        int line = 0;
        while (i < msg.size() && msg[i] >= '0' && msg[i] <= '9' && line < 100000000) line = line * 10 + (msg[i++] - '0');
        if (i > at + 5) return line;
    }
    return 0;
}

std::string cleanMessage(std::string msg)
{
    for (const char* prefix : {"Error: ", "Warning: "})
        if (msg.rfind(prefix, 0) == 0) msg = msg.substr(std::string(prefix).size());
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    const auto nl = msg.find('\n');
    return nl == std::string::npos ? msg : msg.substr(0, nl);
}

Agraph_t* parseLocked(const std::string& text, const std::string& file, Diagnostics& diags)
{
    g_gvMessages.clear();
    agseterrf(collectGraphvizMessage);
    agseterr(AGERR);
    agreseterrors();
    aaglex_destroy();
    Agraph_t* g = agmemread(text.c_str());
    if (!g || agerrors() > 0) {
        const std::string msg = g_gvMessages.empty() ? "not a readable DOT graph" : g_gvMessages;
        diags.push_back({Diagnostic::Level::Error, file, lineOfMessage(msg), 0, "", "", "E-DOT",
                         cleanMessage(msg), ""});
        if (g) agclose(g);
        return nullptr;
    }
    return g;
}

// agnnodes()/agnedges() go through cdt's recursive dtsize(), which overflowed the stack on a
// node with a million edges (found by tst_limits). Walking the sets has no recursion, and stops
// once the count passes `stopAfter`.
std::size_t countElements(Agraph_t* g, std::size_t stopAfter)
{
    std::size_t n = 0;
    for (Agnode_t* v = agfstnode(g); v && n <= stopAfter; v = agnxtnode(g, v)) {
        ++n;
        for (Agedge_t* e = agfstout(g, v); e && n <= stopAfter; e = agnxtout(g, e)) ++n;
    }
    return n;
}

// Edges given an `id`, each id's edges in the order the text writes them: the design reads
// edges tail by tail, so two edges sharing an id may be met in the other order.
std::map<std::string, std::vector<IDTYPE>> edgesNamedInTextOrder(Agraph_t* g)
{
    std::map<std::string, std::vector<IDTYPE>> named;
    for (Agnode_t* n = agfstnode(g); n; n = agnxtnode(g, n))
        for (Agedge_t* e = agfstout(g, n); e; e = agnxtout(g, e))
            if (const char* id = agget(e, const_cast<char*>("id")); id && *id) named[id].push_back(AGSEQ(e));
    for (auto& [id, seqs] : named) std::sort(seqs.begin(), seqs.end());
    return named;
}

int nthOf(const std::vector<IDTYPE>& seqs, IDTYPE seq)
{
    return static_cast<int>(std::lower_bound(seqs.begin(), seqs.end(), seq) - seqs.begin()) + 1;
}

// pb_decision_N_field graph attributes (exportDot()), in N's order.
std::vector<Decision> readDecisions(Agraph_t* g)
{
    std::map<long, Decision> byNumber;
    const std::string prefix = "pb_decision_";
    for (const auto& [k, v] : dotAttributes(g, g, AGRAPH)) {
        if (k.rfind(prefix, 0) != 0) continue;
        char* end = nullptr;
        const long n = std::strtol(k.c_str() + prefix.size(), &end, 10);
        if (end == k.c_str() + prefix.size() || *end != '_') continue;
        const std::string field(end + 1);
        for (const auto& [name, value] : decisionFields(byNumber[n]))
            if (field == name) *value = v;
    }
    std::vector<Decision> out;
    for (auto& [n, d] : byNumber)
        if (!d.fingerprint.empty()) out.push_back(std::move(d));
    return out;
}

// Every edge in the order the file writes them: cgraph lists them per tail node, which put a
// design's flows in another order after a trip through DOT.
std::vector<Agedge_t*> edgesInFileOrder(Agraph_t* g)
{
    std::vector<Agedge_t*> edges;
    for (Agnode_t* n = agfstnode(g); n; n = agnxtnode(g, n))
        for (Agedge_t* e = agfstout(g, n); e; e = agnxtout(g, e))
            edges.push_back(e);
    std::sort(edges.begin(), edges.end(),
              [](Agedge_t* a, Agedge_t* b) { return AGSEQ(a) < AGSEQ(b); });
    return edges;
}

Design convert(Agraph_t* g, const std::string& file, Diagnostics& diags, DotPlaces& places)
{
    Design d;
    DotLabelReader labels(diags);
    d.title = labels.read(dotAttribute(g, "label"), {{}, agnameof(g), {}, {}}, "graph", agnameof(g), "");
    d.decisions = readDecisions(g);
    if (!agisdirected(g))
        diags.push_back({Diagnostic::Level::Warning, file, 0, 0, "", "", "W-UNDIRECTED",
                         "undirected graph: each edge is read as a flow from its first node to "
                         "its second", ""});
    // Nodes need no entry in `places`: an element it does not list is looked for as a node.
    for (Agnode_t* n = agfstnode(g); n; n = agnxtnode(g, n)) d.addComponent(readNode(g, n, labels, diags));
    std::map<std::string, int> generated;
    // A tail's edges are read in the text's order, so the nth edge between two nodes is the nth
    // written between them.
    std::map<std::pair<std::string, std::string>, int> edgesBetween;
    const auto named = edgesNamedInTextOrder(g);
    for (Agedge_t* e : edgesInFileOrder(g)) {
        Flow f = readEdge(g, e, generated, labels, diags);
        const std::string id = f.id;
        const auto sameId = named.find(id);
        const int between = ++edgesBetween[{f.from, f.to}];
        const DotPlace place =
            sameId != named.end()
                ? DotPlace{DotPlace::Kind::EdgeId, id, {}, nthOf(sameId->second, AGSEQ(e))}
                : DotPlace{DotPlace::Kind::Edge, f.from, f.to, between};
        if (d.addFlow(std::move(f))) {
            places.of.emplace(id, place);
            continue;
        }
        places.at.emplace_back(diags.size(), place);
        diags.push_back({Diagnostic::Level::Error, file, 0, 0, id, "", "E-DUP-ID",
                         "duplicate id " + quoteText(id), ""});
    }
    ClusterWalk walk{g, d, diags, places, labels, {}, {}, {}, {}, {}, {}, {}};
    const StringList zoneOrder = splitDotList(dotAttribute(g, "pb_zone_order"));
    for (std::size_t i = 0; i < zoneOrder.size(); ++i) walk.zoneRank.emplace(zoneOrder[i], i);
    walk.visit(g, "", 0);
    walk.reportTorn();
    walk.assignMembers();
    labels.finish();
    return d;
}

} // namespace

std::optional<Design> importDot(const std::string& text, const std::string& fileName,
                                Diagnostics& diags)
{
    // Windows editors start UTF-8 files with a byte order mark, which cgraph reads as part of
    // the first word ("syntax error near '\xEF\xBB\xBFdigraph'"). Blanked, lines keep their
    // numbers.
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0)
        return importDot("   " + text.substr(3), fileName, diags);
    if (!screenDotText(text, fileName, diags)) return std::nullopt;
    const std::size_t first = diags.size();
    std::optional<Design> design;
    DotPlaces places;
    {
        std::lock_guard lock(graphvizMutex());
        Agraph_t* g = parseLocked(text, fileName, diags);
        if (!g) return std::nullopt;
        if (countElements(g, kMaxElements) > kMaxElements) {
            agclose(g);
            diags.push_back({Diagnostic::Level::Error, fileName, 0, 0, "", "", "E-LIMIT",
                             "the graph has more than " + std::to_string(kMaxElements) +
                                 " nodes and edges (the limit)", ""});
            return std::nullopt;
        }
        design = convert(g, fileName, diags, places);
        agclose(g);
    }
    // A text that DOT export could not write (longer, escaped, than kMaxDotText) is refused here,
    // at its line: it used to import, and then `convert` back to DOT refused it.
    checkDotTexts(*design, fileName, diags, DotCheck::Import);
    validateDesign(*design, Vocabulary::builtin(), diags);
    placeDotDiagnostics(text, places, diags, first);
    for (std::size_t i = first; i < diags.size(); ++i) {
        diags[i].file = fileName;
        if (diags[i].level == Diagnostic::Level::Error) design.reset();
    }
    return design;
}

} // namespace pb::model
