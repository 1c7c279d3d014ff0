#include "bench/designgen.h"

#include <algorithm>
#include <string>
#include <vector>

namespace pb::bench {

namespace {

// splitmix64: the same sequence on every platform and standard library, unlike <random>'s
// distributions, so a seed names one design everywhere.
class Rng
{
public:
    explicit Rng(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
    double unit() { return double(next() >> 11) / double(1ull << 53); }
    bool chance(double p) { return unit() < p; }

private:
    std::uint64_t m_state;
};

struct KindShare
{
    const char* kind;
    int weight;    // per 100 components
    int outFlows;  // calls it makes
};

constexpr KindShare kKinds[] = {
    {"service", 30, 5},      {"database", 10, 1},     {"cache", 8, 0},
    {"queue", 8, 2},         {"worker", 12, 4},       {"api_gateway", 4, 5},
    {"load_balancer", 4, 3}, {"client", 6, 2},        {"object_store", 4, 0},
    {"analytics", 3, 1},     {"search_index", 3, 0},  {"audit_ledger", 3, 0},
    {"third_party", 3, 1},   {"cdn", 2, 2},
};

const char* kRegions[] = {"eu-west-1", "eu-central-1", "us-east-1", "us-west-2",
                          "eu-west-2", "westeurope",   "europe-west1", "ap-south-1"};

const KindShare& pickKind(Rng& rng)
{
    int r = rng.below(100);
    for (const auto& k : kKinds) {
        if (r < k.weight) return k;
        r -= k.weight;
    }
    return kKinds[0];
}

const model::StringList& pickData(Rng& rng)
{
    static const std::vector<model::StringList> classes = {
        {}, {"pii"}, {"payment"}, {"usage"}, {"billing"}, {"pii", "payment"}, {"health"}, {"pii", "usage"}};
    return classes[static_cast<std::size_t>(rng.below(static_cast<int>(classes.size())))];
}

void setProperties(model::Component& c, Rng& rng)
{
    auto& p = c.props;
    if (c.kind == "database") {
        if (const auto& data = pickData(rng); !data.empty()) p["data"] = data;
        const int f = rng.below(4);
        if (f == 0) p["failover"] = std::string("automatic");
        if (f == 1) p["failover"] = std::string("manual");
        if (f == 2) p["failover"] = std::string("none");
        if (f == 0 && rng.chance(0.5)) p["fencing"] = std::string("epoch");
        if (rng.chance(0.3)) p["managed"] = true;
        if (rng.chance(0.2)) p["role"] = std::string("replica");
    } else if (c.kind == "cache") {
        if (rng.chance(0.6)) p["hit_ratio"] = 0.8 + 0.19 * rng.unit();
    } else if (c.kind == "service" || c.kind == "api_gateway") {
        if (rng.chance(0.5)) p["rps"] = double(100 + rng.below(20000));
        if (rng.chance(0.3)) p["circuit_breaker"] = true;
    } else if (c.kind == "worker") {
        if (rng.chance(0.4)) p["idempotency"] = std::string("key");
    } else if (c.kind == "queue") {
        if (rng.chance(0.5)) p["partitions"] = double(1 + rng.below(64));
    } else if (c.kind == "audit_ledger") {
        p["append_only"] = true;
        if (rng.chance(0.8)) p["hash_chained"] = true;
    } else if (c.kind == "object_store" || c.kind == "analytics" || c.kind == "search_index") {
        if (const auto& data = pickData(rng); !data.empty()) p["data"] = data;
    }
}

int regionCountFor(int n, const DesignGenOptions& o)
{
    const int azCount = (n + o.componentsPerZone - 1) / o.componentsPerZone;
    return std::min<int>(std::size(kRegions), std::max(1, azCount));
}

int regionOf(int component, int n, const DesignGenOptions& o)
{
    return (component / o.componentsPerZone) % regionCountFor(n, o);
}

// Mostly a neighbour in the same AZ; sometimes another AZ of the same region; rarely anywhere
// (another region), as in real deployments where cross-region calls are the exception.
int pickTarget(Rng& rng, int from, int n, const DesignGenOptions& o)
{
    const int per = o.componentsPerZone;
    if (rng.chance(o.crossLinkShare)) {
        if (rng.chance(o.crossRegionShare)) return rng.below(n);
        const int regions = regionCountFor(n, o);
        const int azCount = (n + per - 1) / per;
        const int sameRegionAzs = (azCount - (from / per) % regions + regions - 1) / regions;
        const int az = (from / per) % regions + regions * rng.below(std::max(1, sameRegionAzs));
        const int start = az * per;
        return start + rng.below(std::max(1, std::min(n, start + per) - start));
    }
    const int zoneStart = from - from % per;
    const int zoneEnd = std::min(n, zoneStart + per);
    return zoneStart + rng.below(zoneEnd - zoneStart);
}

void addZones(model::Design& d, int n, const DesignGenOptions& o)
{
    const int azCount = (n + o.componentsPerZone - 1) / o.componentsPerZone;
    const int regionCount = regionCountFor(n, o);
    std::vector<model::Zone> regions(static_cast<std::size_t>(regionCount));
    for (int r = 0; r < regionCount; ++r) {
        auto& z = regions[static_cast<std::size_t>(r)];
        z.id = "region-" + std::to_string(r);
        z.kind = "region";
        z.label = kRegions[r];
        z.props["region"] = std::string(kRegions[r]);
    }
    for (int a = 0; a < azCount; ++a) {
        model::Zone az;
        az.id = "az-" + std::to_string(a);
        az.kind = "az";
        az.label = "AZ " + std::to_string(a);
        for (int i = a * o.componentsPerZone; i < std::min(n, (a + 1) * o.componentsPerZone); ++i)
            az.members.push_back("c" + std::to_string(i));
        regions[static_cast<std::size_t>(a % regionCount)].members.push_back(az.id);
        d.addZone(std::move(az));
    }
    for (auto& r : regions) d.addZone(std::move(r));
}

} // namespace

model::Design generateDesign(const DesignGenOptions& o)
{
    Rng rng(o.seed);
    model::Design d;
    d.title = "synthetic design, " + std::to_string(o.components) + " components";
    const int n = o.components;
    std::vector<int> outFlows(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        const KindShare& k = pickKind(rng);
        model::Component c;
        c.id = "c" + std::to_string(i);
        c.kind = k.kind;
        c.label = c.kind + "-" + std::to_string(i);
        c.pos = {double(i % 100) * 220.0, double(i / 100) * 120.0};
        setProperties(c, rng);
        outFlows[static_cast<std::size_t>(i)] = k.outFlows;
        d.addComponent(std::move(c));
    }
    int next = 0;
    for (int i = 0; i < n && n > 1; ++i)
        for (int e = 0; e < outFlows[static_cast<std::size_t>(i)]; ++e) {
            int to = pickTarget(rng, i, n, o);
            if (to == i) to = (i + 1) % n;
            model::Flow f;
            f.id = "f" + std::to_string(next++);
            f.from = "c" + std::to_string(i);
            f.to = "c" + std::to_string(to);
            if (rng.chance(0.1)) f.props["sync"] = false;
            // Flows between regions are drawn with what they carry (as a reviewed design
            // would be), a few of them personal data; inside a region only some are.
            const bool crossRegion = regionOf(i, n, o) != regionOf(to, n, o);
            if (crossRegion ? !rng.chance(o.crossRegionPiiLeak) : rng.chance(0.2))
                f.props["carries"] = model::StringList{rng.chance(0.5) ? "ids" : "aggregates"};
            if (rng.chance(0.05)) f.props["circuit_breaker"] = true;
            d.addFlow(std::move(f));
        }
    addZones(d, n, o);
    return d;
}

} // namespace pb::bench
