#pragma once

#include "model/design.h"
#include "model/jurisdiction.h"
#include "model/vocabulary.h"

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace pb::rules {

// An immutable, indexed view of a design, built once per review and shared by its threads:
// integer ids, CSR adjacency in both directions, per-kind lists and effective placements. Rules
// read only this.
class Snapshot
{
public:
    explicit Snapshot(const model::Design& design,
                      const model::Vocabulary& vocab = model::Vocabulary::builtin());
    ~Snapshot();
    Snapshot(const Snapshot&) = delete;
    Snapshot& operator=(const Snapshot&) = delete;

    const model::Design& design() const { return m_design; }
    const model::Vocabulary& vocab() const { return m_vocab; }

    int componentCount() const { return static_cast<int>(m_comps.size()); }
    int flowCount() const { return static_cast<int>(m_flows.size()); }
    const model::Component& component(int i) const { return *m_comps[static_cast<std::size_t>(i)]; }
    const model::Flow& flow(int i) const { return *m_flows[static_cast<std::size_t>(i)]; }
    // What a person is shown for an element: its label, else its id.
    const std::string& componentName(int i) const
    {
        const auto& c = component(i);
        return c.label.empty() ? c.id : c.label;
    }
    const std::string& flowName(int i) const
    {
        const auto& f = flow(i);
        return f.label.empty() ? f.id : f.label;
    }
    int flowFrom(int f) const { return m_from[static_cast<std::size_t>(f)]; }
    int flowTo(int f) const { return m_to[static_cast<std::size_t>(f)]; }
    bool flowTouchesQueue(int f) const { return m_touchesQueue[static_cast<std::size_t>(f)]; }
    int indexOf(const std::string& componentId) const;

    // A flow leaving or entering a component, with the component at its other end: a search
    // crossing it reads both from one place instead of looking the end up by the flow.
    struct Edge
    {
        int flow;
        int other;
    };
    // The flows leaving / entering component c, in flow order.
    std::span<const Edge> outEdges(int c) const { return edges(m_outEdges, m_outStart, c); }
    std::span<const Edge> inEdges(int c) const { return edges(m_inEdges, m_inStart, c); }

    const std::vector<int>& ofKind(const std::string& kind) const;
    // knownKindId of the component's kind, as it was when the snapshot was made; -1 when no
    // compiled rule named that kind then.
    int kindId(int c) const { return m_kindIds[static_cast<std::size_t>(c)]; }
    const model::Placement& placement(int c) const { return m_placements[static_cast<std::size_t>(c)]; }

    // The built-in keys (.id, .kind, .label, @region, @jurisdiction) as values, made once here
    // so that conditions compare them without building a string per test. nullptr: unknown.
    const model::Value* componentMeta(int c, const std::string& key) const;
    const model::Value* flowMeta(int f, const std::string& key) const;

    // What a rule reads for `key` of a component or flow: built-in keys, then the drawn
    // property, then the vocabulary's default (for the kind, or for flows touching a queue).
    // nullptr: not drawn and no default. Points into the design, snapshot or vocabulary.
    const model::Value* componentValue(int c, const std::string& key) const;
    const model::Value* flowValue(int f, const std::string& key) const;
    // The same for an interned key (PropRef::keyId), from a column per key: an array read per
    // test. Safe to call from several threads at once (the threads of one review share it).
    const model::Value* componentValue(int c, int keyId) const;
    const model::Value* flowValue(int f, int keyId) const;
    // False only when no component (or flow) has a value for the interned key: none draws it and
    // the vocabulary gives none of this design's kinds a default. Then a test that is false when
    // the key is missing is false everywhere, and a rule that needs it need not run.
    bool mayHold(int keyId, bool flows) const;
    // Per flow, the verdict of a test that reads the flow alone (-1 until some rule works it
    // out), shared by every rule that makes the same test, by its text. Three rules ask whether
    // a flow may carry personal data: each worked out all 280,000 at 100,000 components.
    std::atomic<signed char>* sharedVerdicts(const std::string& key, int count) const;

private:
    const model::Design& m_design;
    const model::Vocabulary& m_vocab;
    std::vector<const model::Component*> m_comps;
    std::vector<const model::Flow*> m_flows;
    std::vector<int> m_from, m_to;
    std::vector<char> m_touchesQueue;
    std::vector<int> m_outStart, m_inStart;
    std::vector<Edge> m_outEdges, m_inEdges;
    static std::span<const Edge> edges(const std::vector<Edge>& all, const std::vector<int>& start, int c)
    {
        const auto i = static_cast<std::size_t>(c);
        return {all.data() + start[i], all.data() + start[i + 1]};
    }
    std::unordered_map<std::string, std::vector<int>> m_byKind;
    std::vector<int> m_kindIds;
    std::vector<int> m_kindLocal; // 0..m_byKind.size(): which of this design's kinds
    std::vector<model::Placement> m_placements;
    // What @region and @jurisdiction read per component, worked out with the placements. Made on
    // first read instead, their cells were written by both of a review's threads, side by side.
    std::vector<const model::Value*> m_regionOf, m_jurisdictionOf;
    void placeValues();
    // Components by kind, flows' ends and each component's flows in and out.
    void indexElements(const model::Design& design);
    // What .kind reads: one value per kind of this design (m_kindLocal), not one per component.
    std::vector<model::Value> m_kindValues;
    // The values m_regionOf and m_jurisdictionOf point at: one per distinct text (a few regions
    // hold thousands of components). A map: its values stay where they are.
    std::map<std::string, model::Value, std::less<>> m_placeValues;
    mutable std::mutex m_verdictMutex;
    mutable std::map<std::string, std::unique_ptr<std::atomic<signed char>[]>> m_verdicts;
    using Cells = std::vector<std::atomic<const model::Value*>>;
    struct Column
    {
        const std::string* key; // its name, read once when the column is made
        // Filled when the snapshot was made: the elements that draw the key (a bit each), and
        // their values in element order; the rest read the default. Most keys are drawn on a
        // few elements, where a pointer per element was 2 MB per key of 278,000 flows.
        bool filled = false;
        std::vector<std::uint64_t> drawnBits;
        std::vector<std::uint32_t> drawnBefore; // per word of drawnBits: values drawn before it
        std::vector<const model::Value*> drawn;
        // Not filled: a cell per element, unread at first and worked out on first read.
        Cells cells;
        // The vocabulary's default per kind of this design (flows: not / touching a queue),
        // looked up once per kind instead of once per element.
        Cells defaults;
        bool meta = false; // a built-in key (.id, .kind, .label, @region, @jurisdiction)
        enum class Meta : char { None, Id, Label, Kind, Region, Jurisdiction };
        Meta which = Meta::None;
        // .id and .label: each cell's value is made for it, and freed here.
        bool owns() const { return which == Meta::Id || which == Meta::Label; }
        Column() = default;
        Column(const Column&) = delete;
        Column& operator=(const Column&) = delete;
        ~Column();
    };
    // Read for every property a rule tests: the common case (the column exists) stays inline.
    Column& column(int keyId, bool flows) const
    {
        auto& slot = (flows ? m_flowColumns : m_compColumns)[static_cast<std::size_t>(keyId)];
        if (Column* c = slot.load(std::memory_order_acquire)) return *c;
        return makeColumn(slot, keyId, flows);
    }
    Column& makeColumn(std::atomic<Column*>& slot, int keyId, bool flows) const;
    // A built-in key's value for element i, kept in its column's cell from the first read.
    const model::Value* metaCell(Column& col, std::size_t i, bool flows) const;
    const model::Value* placeValue(const std::string& text);
    void fillColumns(bool twoThreads);
    int m_keysAtBuild = 0; // keys interned when the snapshot was made: fillColumns() filled those
    mutable std::vector<std::atomic<Column*>> m_compColumns, m_flowColumns; // by key id
};

} // namespace pb::rules
