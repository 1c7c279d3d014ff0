#include "rules/snapshot.h"

#include "rules/firstwins.h"
#include "rules/pack.h"
#include "rules/rulesetimpl.h"

#include <algorithm>
#include <array>
#include <bit>
#include <deque>
#include <mutex>
#include <string_view>

namespace pb::rules {

namespace {
constexpr std::size_t kMaxKeys = 4096;
// The keys every element has without drawing them, worked out by the snapshot.
constexpr std::array<std::string_view, 5> kBuiltinKeys{".id", ".kind", ".label", "@region", "@jurisdiction"};
// From this many components and flows, building a snapshot uses a second thread. Smaller
// designs, among them those the whiteboard reviews beside its UI thread, stay on one.
constexpr std::size_t kLargeDesign = 20000;

// Names to small process-wide numbers. Capped: a hostile pack cannot grow it without bound.
struct InternTable
{
    std::mutex mutex;
    std::unordered_map<std::string, int> ids;
    std::deque<std::string> names; // a deque: references stay valid as it grows

    int intern(const std::string& name)
    {
        std::lock_guard<std::mutex> lock(mutex);
        auto it = ids.find(name);
        if (it != ids.end()) return it->second;
        if (ids.size() >= kMaxKeys) return -1;
        const int id = static_cast<int>(names.size());
        names.push_back(name);
        ids.emplace(name, id);
        return id;
    }
    int find(const std::string& name)
    {
        std::lock_guard<std::mutex> lock(mutex);
        auto it = ids.find(name);
        return it == ids.end() ? -1 : it->second;
    }
    const std::string& name(int id)
    {
        std::lock_guard<std::mutex> lock(mutex);
        return names[static_cast<std::size_t>(id)];
    }
    // Every name so far, by id; the views stay valid (the deque never moves its strings).
    std::vector<std::string_view> all()
    {
        std::lock_guard<std::mutex> lock(mutex);
        return {names.begin(), names.end()};
    }
};

InternTable& keyTable()
{
    // The built-in keys first, so that they have ids however many a hostile pack asks for.
    static InternTable table;
    static const bool builtins = [] {
        for (std::string_view key : kBuiltinKeys) table.intern(std::string(key));
        return true;
    }();
    (void)builtins;
    return table;
}

InternTable& kindTable()
{
    static InternTable table;
    return table;
}
} // namespace

int internPropertyKey(const std::string& key)
{
    return keyTable().intern(key);
}

std::vector<int> internKinds(const std::vector<std::string>& kinds)
{
    std::vector<int> ids;
    ids.reserve(kinds.size());
    for (const auto& k : kinds) ids.push_back(kindTable().intern(k));
    // Past the cap: no ids at all, and kinds are compared by name.
    if (std::find(ids.begin(), ids.end(), -1) != ids.end()) ids.clear();
    return ids;
}

std::uint64_t kindMaskOf(const std::vector<int>& ids)
{
    std::uint64_t mask = 0;
    for (int id : ids) {
        if (id < 0 || id >= 64) return 0;
        mask |= std::uint64_t{1} << id;
    }
    return mask;
}

int knownKindId(const std::string& kind)
{
    return kindTable().find(kind);
}

Snapshot::Snapshot(const model::Design& design, const model::Vocabulary& vocab)
    : m_design(design)
    , m_vocab(vocab)
{
    const bool large = design.components().size() + design.flows().size() >= kLargeDesign;
    auto place = [this, &design] {
        m_placements = model::computePlacements(design);
        placeValues();
    };
    // A large design's placements are worked out on a second thread while this one indexes the
    // flows: they read only the design. A kept thread (runOnThreads): starting one for each
    // snapshot made it 0.3 ms slower in a review of 10,000 components.
    runSideBySide(large, [&] { indexElements(design); }, place);
    // Every key id the intern table can hand out has its place: no thread ever grows these.
    m_compColumns = std::vector<std::atomic<Column*>>(kMaxKeys);
    m_flowColumns = std::vector<std::atomic<Column*>>(kMaxKeys);
    fillColumns(large);
}

void Snapshot::indexElements(const model::Design& design)
{
    const auto& comps = design.components();
    const auto& flows = design.flows();
    m_comps.reserve(comps.size());
    for (const auto& c : comps) {
        m_byKind[c.kind].push_back(static_cast<int>(m_comps.size()));
        m_comps.push_back(&c);
    }
    const std::size_t n = m_comps.size();
    m_outStart.assign(n + 1, 0);
    m_inStart.assign(n + 1, 0);
    m_kindIds.assign(n, -1);
    m_kindLocal.assign(n, 0);
    int local = 0, queue = -1; // queue: the local number of "queue", if the design has one
    m_kindValues.reserve(m_byKind.size());
    for (const auto& [kind, members] : m_byKind) {
        m_kindValues.emplace_back(kind);
        const int id = knownKindId(kind);
        for (int c : members) {
            m_kindIds[static_cast<std::size_t>(c)] = id;
            m_kindLocal[static_cast<std::size_t>(c)] = local;
        }
        if (kind == "queue") queue = local;
        ++local;
    }
    // Both ends of every flow in one pipelined run of lookups (Design::componentsOf).
    m_flows.reserve(flows.size());
    for (const auto& f : flows) m_flows.push_back(&f);
    m_from.assign(flows.size(), -1);
    m_to.assign(flows.size(), -1);
    design.componentsOf(
        2 * flows.size(),
        [&](std::size_t i) -> const std::string& { return i % 2 ? flows[i / 2].to : flows[i / 2].from; },
        [&](std::size_t i, const model::Component* c) {
            (i % 2 ? m_to : m_from)[i / 2] = c ? static_cast<int>(c - comps.data()) : -1;
        });
    m_touchesQueue.resize(flows.size());
    for (std::size_t f = 0; f < flows.size(); ++f) {
        const int from = m_from[f], to = m_to[f];
        // By kind number: reading each end's kind text was a cache miss per end.
        m_touchesQueue[f] = (from >= 0 && m_kindLocal[static_cast<std::size_t>(from)] == queue) ||
                            (to >= 0 && m_kindLocal[static_cast<std::size_t>(to)] == queue);
        if (from >= 0 && to >= 0) {
            ++m_outStart[static_cast<std::size_t>(from) + 1];
            ++m_inStart[static_cast<std::size_t>(to) + 1];
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        m_outStart[i + 1] += m_outStart[i];
        m_inStart[i + 1] += m_inStart[i];
    }
    m_outEdges.resize(static_cast<std::size_t>(m_outStart[n]));
    m_inEdges.resize(static_cast<std::size_t>(m_inStart[n]));
    std::vector<int> outPos(m_outStart.begin(), m_outStart.end() - 1);
    std::vector<int> inPos(m_inStart.begin(), m_inStart.end() - 1);
    for (std::size_t f = 0; f < m_flows.size(); ++f) {
        if (m_from[f] < 0 || m_to[f] < 0) continue;
        const int flow = static_cast<int>(f);
        m_outEdges[static_cast<std::size_t>(outPos[static_cast<std::size_t>(m_from[f])]++)] = {flow, m_to[f]};
        m_inEdges[static_cast<std::size_t>(inPos[static_cast<std::size_t>(m_to[f])]++)] = {flow, m_from[f]};
    }
}

void Snapshot::placeValues()
{
    // Neighbours mostly share a zone: the previous component's text is compared before the
    // values are looked up.
    m_regionOf.resize(m_placements.size());
    m_jurisdictionOf.resize(m_placements.size());
    const std::string *region = nullptr, *jurisdiction = nullptr;
    const model::Value *regionValue = nullptr, *jurisdictionValue = nullptr;
    for (std::size_t i = 0; i < m_placements.size(); ++i) {
        const model::Placement& p = m_placements[i];
        if (!region || p.region != *region) regionValue = placeValue(*(region = &p.region));
        if (!jurisdiction || p.jurisdiction != *jurisdiction)
            jurisdictionValue = placeValue(*(jurisdiction = &p.jurisdiction));
        m_regionOf[i] = regionValue;
        m_jurisdictionOf[i] = jurisdictionValue;
    }
}

Snapshot::~Snapshot()
{
    for (auto* columns : {&m_compColumns, &m_flowColumns})
        for (auto& c : *columns) delete c.load();
}

namespace {
bool isMetaKey(const std::string& key)
{
    if (key.size() < 3 || (key[0] != '.' && key[0] != '@')) return false;
    return std::find(kBuiltinKeys.begin(), kBuiltinKeys.end(), key) != kBuiltinKeys.end();
}

// Marks a cell not read yet (nullptr already means "no value").
const model::Value kUnread{false};
} // namespace

// The cells of every key a compiled rule names, in one pass over each element's drawn
// properties. Looking a key up in an element's property map on first read, per element and
// key, was the largest single cost of reviewing a large design (a seventh of it at 100,000
// components); here each drawn property costs one hash lookup. Keys named after this (a pack
// loaded later) still fill on first read.
void Snapshot::fillColumns(bool twoThreads)
{
    const std::vector<std::string_view> names = keyTable().all();
    m_keysAtBuild = static_cast<int>(names.size());
    std::unordered_map<std::string_view, int> ids;
    ids.reserve(names.size());
    for (std::size_t i = 0; i < names.size(); ++i)
        if (!isMetaKey(std::string(names[i]))) ids.emplace(names[i], static_cast<int>(i));
    auto fill = [&](const model::Properties& props, std::size_t i, bool flows) {
        for (const auto& [key, value] : props) {
            const auto it = ids.find(key);
            if (it == ids.end()) continue;
            Column& col = column(it->second, flows);
            // Elements come in order: the drawn values are appended in element order.
            if (col.drawnBits.empty()) col.drawnBits.assign(((flows ? m_flows.size() : m_comps.size()) + 63) / 64, 0);
            col.drawnBits[i / 64] |= std::uint64_t{1} << (i % 64);
            col.drawn.push_back(&value); // before any thread reads
        }
    };
    // Components and flows have columns of their own: the two fills never touch the same one.
    auto flows = [&] {
        for (std::size_t f = 0; f < m_flows.size(); ++f) fill(m_flows[f]->props, f, true);
    };
    auto components = [&] {
        for (std::size_t c = 0; c < m_comps.size(); ++c) fill(m_comps[c]->props, c, false);
    };
    runSideBySide(twoThreads, components, flows);
    for (auto* columns : {&m_compColumns, &m_flowColumns})
        for (auto& slot : *columns)
            if (Column* col = slot.load(std::memory_order_relaxed)) {
                col->drawn.shrink_to_fit();
                col->drawnBefore.resize(col->drawnBits.size());
                std::uint32_t before = 0;
                for (std::size_t w = 0; w < col->drawnBits.size(); ++w) {
                    col->drawnBefore[w] = before;
                    before += static_cast<std::uint32_t>(std::popcount(col->drawnBits[w]));
                }
            }
}

namespace {
// The built-in keys' ids, interned once: componentMeta() and flowMeta() read them by name.
int metaKeyId(const std::string& key)
{
    static const int kId = internPropertyKey(".id"), kKind = internPropertyKey(".kind"),
                     kLabel = internPropertyKey(".label"), kRegion = internPropertyKey("@region"),
                     kJurisdiction = internPropertyKey("@jurisdiction");
    if (key == ".id") return kId;
    if (key == ".kind") return kKind;
    if (key == ".label") return kLabel;
    return key == "@region" ? kRegion : kJurisdiction;
}

const model::Value kFlowKind{std::string("flow")};
} // namespace

Snapshot::Column::~Column()
{
    if (!owns()) return;
    for (auto& cell : cells) {
        const model::Value* v = cell.load(std::memory_order_relaxed);
        if (v != &kUnread) delete v;
    }
}

const model::Value* Snapshot::placeValue(const std::string& text)
{
    if (text.empty()) return nullptr; // unknown
    auto it = m_placeValues.find(text);
    if (it == m_placeValues.end()) it = m_placeValues.emplace(text, model::Value{text}).first;
    return &it->second;
}

const model::Value* Snapshot::metaCell(Column& col, std::size_t i, bool flows) const
{
    switch (col.which) {
    case Column::Meta::Kind: return flows ? &kFlowKind : &m_kindValues[static_cast<std::size_t>(m_kindLocal[i])];
    case Column::Meta::Region: return m_regionOf[i];
    case Column::Meta::Jurisdiction: return m_jurisdictionOf[i];
    default: break;
    }
    auto& cell = col.cells[i];
    const model::Value* v = cell.load(std::memory_order_acquire);
    if (v != &kUnread) return v;
    const std::string& id = flows ? m_flows[i]->id : m_comps[i]->id;
    const std::string& label = flows ? m_flows[i]->label : m_comps[i]->label;
    const bool idAlone = col.which == Column::Meta::Id || label.empty();
    // Made for this cell, which the column frees.
    return firstWins(cell, [&] { return new const model::Value(idAlone ? id : label); }, &kUnread);
}

const model::Value* Snapshot::componentMeta(int c, const std::string& key) const
{
    return componentValue(c, metaKeyId(key));
}

const model::Value* Snapshot::flowMeta(int f, const std::string& key) const
{
    return flowValue(f, metaKeyId(key));
}

const model::Value* Snapshot::componentValue(int c, const std::string& key) const
{
    if (isMetaKey(key)) return componentMeta(c, key);
    const auto& comp = component(c);
    if (auto v = model::findProperty(comp.props, key)) return v;
    return m_vocab.defaultRef(comp.kind, key);
}

const model::Value* Snapshot::flowValue(int f, const std::string& key) const
{
    if (isMetaKey(key) && key[0] == '.') return flowMeta(f, key);
    if (auto v = model::findProperty(flow(f).props, key)) return v;
    return m_vocab.defaultRef("flow", key, flowTouchesQueue(f));
}

Snapshot::Column& Snapshot::makeColumn(std::atomic<Column*>& slot, int keyId, bool flows) const
{
    return *firstWins(slot, [&] {
        auto* col = new Column;
        col->key = &keyTable().name(keyId);
        // Filled by fillColumns(): nothing is drawn when no element draws the key.
        col->meta = isMetaKey(*col->key) && (!flows || (*col->key)[0] == '.');
        using Meta = Column::Meta;
        if (col->meta) {
            const std::string& k = *col->key;
            col->which = k == ".id"      ? Meta::Id
                         : k == ".label" ? Meta::Label
                         : k == ".kind"  ? Meta::Kind
                         : k == "@region" ? Meta::Region
                                          : Meta::Jurisdiction;
        }
        col->filled = keyId < m_keysAtBuild && !isMetaKey(*col->key);
        // .kind, @region and @jurisdiction are read without cells.
        if (!col->filled && (!col->meta || col->owns())) {
            col->cells = Cells(flows ? m_flows.size() : m_comps.size());
            for (auto& cell : col->cells) cell.store(&kUnread, std::memory_order_relaxed);
        }
        col->defaults = Cells(flows ? 2 : m_byKind.size());
        for (auto& d : col->defaults) d.store(&kUnread, std::memory_order_relaxed);
        return col;
    });
}

namespace {
// std::popcount without the POPCNT instruction (Debian's baseline x86-64 lacks it) is a call
// into libgcc per read of a drawn value: 2 % of a review's time. The same bit count, inline.
inline std::size_t bitsSet(std::uint64_t x)
{
    x -= (x >> 1) & 0x5555555555555555ULL;
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
    return static_cast<std::size_t>((x * 0x0101010101010101ULL) >> 56);
}

// A cell's value, worked out by the first thread to read it; others that race it store the same.
template <typename Read>
const model::Value* cached(std::atomic<const model::Value*>& cell, Read read)
{
    const model::Value* v = cell.load(std::memory_order_acquire);
    if (v != &kUnread) return v;
    v = read();
    cell.store(v, std::memory_order_release);
    return v;
}

// One element's value in a column. A filled column holds the drawn values, and the default
// stands for the rest; another works each cell out once (`read`).
template <typename Col, typename Read, typename ByDefault>
const model::Value* readColumn(Col& col, std::size_t i, Read read, ByDefault byDefault)
{
    if (!col.filled) return cached(col.cells[i], read);
    if (col.drawnBits.empty()) return byDefault();
    const std::uint64_t word = col.drawnBits[i / 64], bit = std::uint64_t{1} << (i % 64);
    if (!(word & bit)) return byDefault();
    return col.drawn[col.drawnBefore[i / 64] + bitsSet(word & (bit - 1))];
}
} // namespace

const model::Value* Snapshot::componentValue(int c, int keyId) const
{
    Column& col = column(keyId, false);
    const auto i = static_cast<std::size_t>(c);
    if (col.meta) return metaCell(col, i, false);
    auto byDefault = [&] {
        return cached(col.defaults[static_cast<std::size_t>(m_kindLocal[i])],
                      [&] { return m_vocab.defaultRef(component(c).kind, *col.key); });
    };
    return readColumn(col, i, [&] {
        const std::string& key = *col.key;
        if (auto v = model::findProperty(component(c).props, key)) return v;
        return byDefault();
    }, byDefault);
}

const model::Value* Snapshot::flowValue(int f, int keyId) const
{
    Column& col = column(keyId, true);
    const auto i = static_cast<std::size_t>(f);
    if (col.meta) return metaCell(col, i, true);
    auto byDefault = [&] {
        return cached(col.defaults[flowTouchesQueue(f) ? 1 : 0],
                      [&] { return m_vocab.defaultRef("flow", *col.key, flowTouchesQueue(f)); });
    };
    return readColumn(col, i, [&] {
        const std::string& key = *col.key;
        if (auto v = model::findProperty(flow(f).props, key)) return v;
        return byDefault();
    }, byDefault);
}

bool Snapshot::mayHold(int keyId, bool flows) const
{
    if (keyId < 0) return true;
    const Column& col = column(keyId, flows);
    if (col.meta || !col.filled || !col.drawnBits.empty()) return true;
    if (flows) return m_vocab.defaultRef("flow", *col.key, false) || m_vocab.defaultRef("flow", *col.key, true);
    return std::any_of(m_byKind.begin(), m_byKind.end(),
                       [&](const auto& kind) { return m_vocab.defaultRef(kind.first, *col.key) != nullptr; });
}

int Snapshot::indexOf(const std::string& componentId) const
{
    // The design's own index: components are in the design's order (m_comps[i] is its i-th).
    const model::Component* c = m_design.component(componentId);
    return c ? static_cast<int>(c - m_design.components().data()) : -1;
}

std::atomic<signed char>* Snapshot::sharedVerdicts(const std::string& key, int count) const
{
    std::lock_guard<std::mutex> lock(m_verdictMutex);
    auto& cells = m_verdicts[key];
    if (!cells) {
        cells = std::make_unique<std::atomic<signed char>[]>(static_cast<std::size_t>(count));
        for (int i = 0; i < count; ++i) cells[static_cast<std::size_t>(i)].store(-1, std::memory_order_relaxed);
    }
    return cells.get();
}

const std::vector<int>& Snapshot::ofKind(const std::string& kind) const
{
    static const std::vector<int> none;
    auto it = m_byKind.find(kind);
    return it == m_byKind.end() ? none : it->second;
}

} // namespace pb::rules
