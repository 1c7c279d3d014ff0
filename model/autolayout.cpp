#include "model/autolayout.h"

#include "model/graphvizids.h"
#include "model/graphvizlock.h"
#include "model/jurisdiction.h"

#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>

extern "C" {
extern gvplugin_library_t gvplugin_dot_layout_LTX_library;
extern gvplugin_library_t gvplugin_neato_layout_LTX_library;
extern gvplugin_library_t gvplugin_core_LTX_library;
}

namespace pb::model {

namespace {

// Plugins linked in, so layout works even where Graphviz's plugin config file is missing.
GVC_t* context()
{
    static lt_symlist_t builtins[] = {
        {"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
        {"gvplugin_neato_layout_LTX_library", &gvplugin_neato_layout_LTX_library},
        {"gvplugin_core_LTX_library", &gvplugin_core_LTX_library},
        {nullptr, nullptr}};
    static GVC_t* gvc = gvContextPlugins(builtins, 0);
    return gvc;
}

void set(void* obj, const char* name, const std::string& value)
{
    agsafeset(obj, const_cast<char*>(name), const_cast<char*>(value.c_str()), const_cast<char*>(""));
}

std::string num(double d)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", d);
    return buf;
}

struct Builder
{
    const Design& design;
    Agraph_t* root;
    std::map<std::string, Agnode_t*> nodes;
    std::map<std::string, Agraph_t*> clusters;

    void addNodes(Agraph_t* g, const std::vector<std::string>& ids)
    {
        for (const auto& id : ids) {
            if (const Zone* z = design.zone(id)) {
                Agraph_t* sg = agsubg(g, const_cast<char*>(("cluster_" + z->id).c_str()), 1);
                set(sg, "label", z->label.empty() ? z->id : z->label);
                set(sg, "margin", "24");
                clusters[z->id] = sg;
                addNodes(sg, z->members);
            } else if (const Component* c = design.component(id)) {
                Agnode_t* n = agnode(g, const_cast<char*>(c->id.c_str()), 1);
                nodes[c->id] = n;
            }
        }
    }

    void build()
    {
        set(root, "nodesep", "0.6");
        set(root, "ranksep", "1.1");
        for (const auto& c : design.components()) {
            Agnode_t* n = agnode(root, const_cast<char*>(c.id.c_str()), 1);
            nodes[c.id] = n;
            const double w = c.size.width > 0 ? c.size.width : 160;
            const double h = c.size.height > 0 ? c.size.height : 64;
            set(n, "shape", "box");
            set(n, "fixedsize", "true");
            set(n, "label", "");
            set(n, "width", num(w / 72));
            set(n, "height", num(h / 72));
        }
        const auto parents = zoneParents(design);
        std::vector<std::string> topZones;
        for (const auto& z : design.zones())
            if (!parents.count(z.id)) topZones.push_back(z.id);
        addNodes(root, topZones);
        for (const auto& f : design.flows()) {
            auto a = nodes.find(f.from), b = nodes.find(f.to);
            if (a != nodes.end() && b != nodes.end()) agedge(root, a->second, b->second, nullptr, 1);
        }
    }
};

// The box around a cluster's members (nested clusters included), for engines that do not lay
// clusters out themselves: only dot allocates the per-subgraph layout record GD_bb reads, so
// reading it after sfdp or neato runs off the end of a smaller record (found under ASan).
boxf memberBox(Agraph_t* sg)
{
    constexpr double kMargin = 16;
    boxf bb{{1e300, 1e300}, {-1e300, -1e300}};
    for (Agnode_t* n = agfstnode(sg); n; n = agnxtnode(sg, n)) {
        const pointf c = ND_coord(n);
        const double w = ND_width(n) * 36, h = ND_height(n) * 36;
        bb.LL.x = std::min(bb.LL.x, c.x - w - kMargin);
        bb.LL.y = std::min(bb.LL.y, c.y - h - kMargin);
        bb.UR.x = std::max(bb.UR.x, c.x + w + kMargin);
        bb.UR.y = std::max(bb.UR.y, c.y + h + kMargin);
    }
    if (bb.LL.x > bb.UR.x) return boxf{{0, 0}, {0, 0}};
    return bb;
}

// Graphviz works in points (inches × 72), so its boxes come back as 59.99999999999999 and
// 4.97e-14: kept to hundredths of a scene unit, a laid-out design saves (and diffs) cleanly.
LayoutBox tidy(std::string id, double x, double y, double w, double h)
{
    auto r = [](double v) { return std::round(v * 100) / 100 + 0.0; }; // + 0.0: no "-0"
    return {std::move(id), r(x), r(y), r(w), r(h)};
}

LayoutResult read(Agraph_t* g, const Builder& b, bool clustersLaidOut)
{
    LayoutResult r;
    const double top = GD_bb(g).UR.y;
    for (const auto& [id, n] : b.nodes) {
        const pointf c = ND_coord(n);
        const double w = ND_width(n) * 72, h = ND_height(n) * 72;
        r.nodes.push_back(tidy(id, c.x - w / 2, (top - c.y) - h / 2, w, h));
    }
    for (const auto& [id, sg] : b.clusters) {
        const boxf bb = clustersLaidOut ? GD_bb(sg) : memberBox(sg);
        r.clusters.push_back(tidy(id, bb.LL.x, top - bb.UR.y, bb.UR.x - bb.LL.x, bb.UR.y - bb.LL.y));
    }
    r.ok = true;
    return r;
}

} // namespace

std::string defaultLayoutEngine(const Design& design)
{
    return design.components().size() > 2000 ? "sfdp" : "dot";
}

LayoutResult layoutDesign(const Design& design, const LayoutOptions& options)
{
    LayoutResult result;
    result.engine = options.engine.empty() ? defaultLayoutEngine(design) : options.engine;
    if (result.engine != "dot" && result.engine != "sfdp") {
        result.error = "unknown layout engine '" + result.engine + "' (use dot or sfdp)";
        return result;
    }
    std::lock_guard lock(graphvizMutex());
    Agraph_t* g = agopen(const_cast<char*>("layout"), Agdirected, creationOrderIds());
    Builder b{design, g, {}, {}};
    b.build();
    if (result.engine == "dot") {
        set(g, "rankdir", options.leftToRight ? "LR" : "TB");
        if (design.components().size() > 500) {
            // Bounded effort on big graphs: network simplex (placement) and mincross iterations
            // are capped. Not the ranking's network simplex (nslimit1): with any cap there,
            // Graphviz 2.42 aborts in cluster_leader ("leader != NULL") on clustered designs of
            // 900 components and more, the whiteboard's default engine up to 2,000.
            set(g, "nslimit", "2");
            set(g, "mclimit", "0.2");
            set(g, "searchsize", "20");
        }
    } else {
        set(g, "overlap", "prism");
        set(g, "sep", "+20");
    }
    set(g, "splines", "false");
    if (gvLayout(context(), g, result.engine.c_str()) != 0) {
        result.error = "Graphviz could not lay out the design with '" + result.engine + "'";
        agclose(g);
        return result;
    }
    const std::string engine = result.engine;
    result = read(g, b, engine == "dot");
    result.engine = engine;
    gvFreeLayout(context(), g);
    agclose(g);
    return result;
}

nlohmann::ordered_json layoutToJson(const LayoutResult& result)
{
    auto boxes = [](const std::vector<LayoutBox>& list) {
        nlohmann::ordered_json arr = nlohmann::ordered_json::array();
        for (const auto& b : list)
            arr.push_back({{"id", b.id}, {"x", b.x}, {"y", b.y}, {"width", b.width}, {"height", b.height}});
        return arr;
    };
    return {{"engine", result.engine}, {"nodes", boxes(result.nodes)}, {"clusters", boxes(result.clusters)}};
}

bool isUnpositioned(const Design& design)
{
    const auto& comps = design.components();
    if (comps.size() < 2) return false;
    const Point first = comps.front().pos;
    return std::all_of(comps.begin(), comps.end(), [&](const Component& c) { return c.pos == first; });
}

void applyLayout(Design& design, const LayoutResult& result)
{
    for (const auto& b : result.nodes)
        if (Component* c = design.component(b.id)) c->pos = {b.x, b.y};
    for (const auto& b : result.clusters)
        if (Zone* z = design.zone(b.id)) {
            z->pos = {b.x, b.y};
            z->size = {b.width, b.height};
        }
}

} // namespace pb::model
