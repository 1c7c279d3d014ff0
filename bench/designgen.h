#pragma once

#include "model/design.h"

#include <cstdint>

namespace pb::bench {

struct DesignGenOptions
{
    int components = 1000;
    std::uint64_t seed = 1;
    int componentsPerZone = 100; // an availability-zone cluster; several per region
    double crossLinkShare = 0.05;  // flows that leave their AZ…
    double crossRegionShare = 0.2; // …of which this share may go to any region
    double crossRegionPiiLeak = 0.0; // cross-region flows not marked as carrying only ids/aggregates
};

// A synthetic but plausible system design: N components of every kind (services with caches
// and databases, queues with workers, stores holding pii/payment/usage data, audit ledgers),
// about 3N flows mostly between neighbours, AZ zones nested in region zones spread over EU, UK
// and US regions, and a share of the properties the core checks read (failover, fencing,
// idempotency, circuit breakers, carries). The same options always give the same design.
model::Design generateDesign(const DesignGenOptions& options);

} // namespace pb::bench
