#pragma once

#include "app/desktop/canvasscene.h"
#include "app/desktop/document.h"
#include "app/desktop/elementjson.h"
#include "model/design.h"
#include "rules/engine.h"

#include <QTemporaryDir>

#include <memory>
#include <string>

namespace pb::test {

inline model::Component component(const std::string& id, const std::string& kind, double x,
                                  double y)
{
    model::Component c;
    c.id = id;
    c.kind = kind;
    c.label = id;
    c.pos = {x, y};
    return c;
}

inline model::Flow flow(const std::string& id, const std::string& from, const std::string& to)
{
    model::Flow f;
    f.id = id;
    f.from = from;
    f.to = to;
    return f;
}

// api → cache, api → orders-db, inside region eu; a lone client outside.
inline model::Design smallDesign()
{
    model::Design d;
    d.title = "small";
    d.addComponent(component("client", "client", 0, 0));
    d.addComponent(component("api", "service", 240, 0));
    d.addComponent(component("cache", "cache", 480, -120));
    d.addComponent(component("orders-db", "database", 480, 120));
    d.addFlow(flow("f1", "client", "api"));
    d.addFlow(flow("f2", "api", "cache"));
    d.addFlow(flow("f3", "api", "orders-db"));
    model::Zone z;
    z.id = "eu";
    z.kind = "region";
    z.label = "eu-west";
    z.pos = {200, -200};
    z.size = {520, 440};
    z.members = {"api", "cache", "orders-db"};
    d.addZone(z);
    return d;
}

// A design on a scene and nothing more, as the exports and the file tests see it.
struct Drawn
{
    app::Document doc;
    app::CanvasScene scene{&doc};
    explicit Drawn(model::Design design = smallDesign()) { doc.reset(std::move(design), QString()); }
};

// api reads through a cache and calls the database synchronously with no breaker: the pattern
// of missing-circuit-breaker, for the review and interview tests.
inline model::Design cacheDesign(const std::string& apiLabel = "orders-api", const std::string& cacheLabel = "orders-cache",
                                 const std::string& dbLabel = "orders-db")
{
    model::Design d;
    d.title = "shop";
    auto api = component("api", "service", 0, 0);
    api.label = apiLabel;
    api.props["rps"] = 1200.0;
    auto cache = component("cache", "cache", 300, -100);
    cache.label = cacheLabel;
    cache.props["hit_ratio"] = 0.9;
    auto db = component("db", "database", 300, 100);
    db.label = dbLabel;
    d.addComponent(api);
    d.addComponent(cache);
    d.addComponent(db);
    d.addFlow(flow("f1", "api", "cache"));
    auto f2 = flow("f2", "api", "db");
    f2.props["sync"] = true;
    d.addFlow(f2);
    return d;
}

// The built-in rule packs, as the whiteboard loads them; null if one fails to load.
inline std::shared_ptr<const rules::RuleSet> builtinRules()
{
    auto set = std::make_shared<rules::RuleSet>();
    model::Diagnostics diags;
    return set->loadBuiltinPacks(diags) ? set : nullptr;
}

// Saves `doc` to a file of its own and opens that file in `reopened`: the design a user gets back.
inline bool saveAndReopen(app::Document& doc, app::Document& reopened, QString* error)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("saved.probeboard"));
    return doc.save(path, error) && reopened.load(path, error);
}

inline std::string dump(const model::Design& d)
{
    return app::designToJson(d).dump(1);
}

} // namespace pb::test
