#include "rules/templaterenderer.h"

#include "rules/firstwins.h"

#include "model/printable.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <type_traits>

namespace pb::rules {

using model::Value;

std::string formatNumber(double d)
{
    if (!std::isfinite(d)) return std::isnan(d) ? "?" : d < 0 ? "-∞" : "∞";
    // Beyond what a long long and two decimals hold (an rps of 1e308 drawn by hand), in powers of
    // ten: d * 100 alone overflowed to "inf", and %.2f wrote out thirty digits.
    if (std::fabs(d) >= 1e15) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.3g", d);
        return buf;
    }
    const double rounded = std::round(d * 100) / 100;
    // std::to_chars, not snprintf: a review of 10,000 components formats thousands of numbers
    // into its questions, and snprintf's locale-aware path was a twentieth of making findings.
    // Fixed with two decimals, it writes what "%.2f" writes.
    char digits[32];
    const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, std::fabs(rounded), std::chars_format::fixed, 2);
    if (ec != std::errc()) return "?"; // not reached below 1e15
    const char* point = std::find(digits, end, '.');
    const char* fractionEnd = end;
    while (fractionEnd > point + 1 && fractionEnd[-1] == '0') --fractionEnd;
    // Whole and fractional numbers alike are grouped: 12345.5 is "12,345.5", not "12345.5".
    std::string out;
    out.reserve(48);
    if (rounded < 0) out += '-';
    const auto whole = static_cast<std::size_t>(point - digits);
    for (std::size_t i = 0; i < whole; ++i) {
        if (i > 0 && (whole - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    if (fractionEnd > point + 1) out.append(point, fractionEnd);
    return out;
}

namespace {

const std::string kLabelKey = ".label";

int labelKeyId()
{
    static const int id = internPropertyKey(kLabelKey);
    return id;
}

// A placeholder's value, read through the key's column: `.label` when it names no key.
const Value* placeholderRef(const TemplatePart& p, const Slot& s, Evaluator& ev)
{
    return p.key.empty() ? ev.ref(s, labelKeyId(), kLabelKey) : ev.ref(s, p.keyId, p.key);
}

const std::string& labelOf(const Snapshot& snap, int encoded, ElemType type = ElemType::Component)
{
    if (encoded < 0) return snap.flowName(-encoded - 1);
    return type == ElemType::Flow ? snap.flowName(encoded) : snap.componentName(encoded);
}

// A list placeholder names at most this many elements, then "and N more": a rule over the whole
// design collects thousands (every store of personal data), and a question that spelled out
// 60,000 labels could not be read, and took longer to make than the rest of its review.
constexpr std::size_t kListShown = 8;

// True when the placeholder's first filter, after any `labels`, is `count`: the list's size is
// then all it needs, not its labels.
bool countsFirst(const TemplatePart& p)
{
    for (const auto& f : p.filters) {
        if (f.first == "count") return true;
        if (f.first != "labels") return false;
    }
    return false;
}

// A value as a text shows it (numbers as formatNumber() writes them), written into `buf`: a
// finding's texts keep its room from one finding to the next, where a list or a path joined into
// a new string was an allocation or two per placeholder.
std::string_view displayInto(std::string& buf, const Value& v)
{
    buf.clear();
    if (auto d = std::get_if<double>(&v)) buf += formatNumber(*d);
    else model::appendDisplayString(buf, v);
    return buf;
}

// A witness path as its components' labels, written into `buf`.
std::string_view pathInto(std::string& buf, const Slot& s, const Snapshot& snap)
{
    buf.clear();
    for (int e : s.list) {
        if (e < 0) continue;
        if (!buf.empty()) buf += " → ";
        buf += labelOf(snap, e);
    }
    return buf;
}

// The value a placeholder starts from, before filters.
std::optional<Value> baseValue(const TemplatePart& p, Evaluator& ev, const Snapshot& snap)
{
    const Slot& s = ev.slots()[static_cast<std::size_t>(p.var)];
    if (s.type == Slot::Type::Path) {
        std::string out;
        pathInto(out, s, snap);
        return Value{std::move(out)};
    }
    if (s.type == Slot::Type::List) {
        if (countsFirst(p)) return Value{double(s.list.size())};
        model::StringList items;
        items.reserve(std::min(s.list.size(), kListShown + 1));
        for (std::size_t n = 0; n < s.list.size(); ++n) {
            const std::size_t left = s.list.size() - n;
            if (items.size() == kListShown && left > 1) { // "and 1 more" would be no shorter
                items.push_back("and " + formatNumber(double(left)) + " more");
                break;
            }
            const int i = s.list[n];
            if (p.key.empty() || p.key == ".label") {
                items.push_back(labelOf(snap, i, s.listType));
                continue;
            }
            Slot one;
            one.type = s.listType == ElemType::Flow ? Slot::Type::Flow : Slot::Type::Component;
            one.index = i;
            if (auto v = ev.value(one, p.key)) items.push_back(model::toDisplayString(*v));
        }
        return Value{std::move(items)};
    }
    if (p.key.empty() && s.type == Slot::Type::Number) return s.boxed;
    const Value* v = placeholderRef(p, s, ev);
    return v ? std::optional<Value>(*v) : std::nullopt;
}

std::optional<double> numberArg(const std::string& arg, Evaluator& ev, const Rule& rule)
{
    if (arg.empty() || arg[0] != '$') {
        char* end = nullptr;
        double d = std::strtod(arg.c_str(), &end);
        return end != arg.c_str() ? std::optional<double>(d) : std::nullopt;
    }
    const auto dot = arg.find('.');
    const std::string var = arg.substr(0, dot);
    for (std::size_t i = 0; i < rule.varNames.size(); ++i)
        if (rule.varNames[i] == var) {
            auto v = dot == std::string::npos ? ev.value(ev.slots()[i], "")
                                              : ev.value(ev.slots()[i], arg.substr(dot + 1));
            if (ev.slots()[i].type == Slot::Type::Number && dot == std::string::npos)
                return std::get<double>(ev.slots()[i].boxed);
            if (v && std::get_if<double>(&*v)) return std::get<double>(*v);
        }
    return std::nullopt;
}

std::optional<Value> applyFilter(std::optional<Value> v, const std::string& name,
                                 const std::string& arg, Evaluator& ev, const Rule& rule)
{
    if (name == "default") return v ? v : std::optional<Value>(Value{arg});
    if (!v) return v;
    auto d = std::get_if<double>(&*v);
    if (name == "count") {
        if (auto l = std::get_if<model::StringList>(&*v)) return Value{double(l->size())};
        return v;
    }
    if (name == "upper") {
        std::string s = model::toDisplayString(*v);
        for (auto& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        return Value{s};
    }
    if (name == "labels") return v;
    if (!d) return v; // numeric filters leave text alone
    if (name == "num") return Value{formatNumber(*d)};
    if (name == "pct") return Value{formatNumber(*d * 100) + "%"};
    if (name == "one_minus") return Value{1 - *d};
    if (name == "miss_factor") return *d < 1 ? std::optional<Value>(Value{1 / (1 - *d)}) : std::nullopt;
    if (name == "mul" || name == "div") {
        auto a = numberArg(arg, ev, rule);
        if (!a || (name == "div" && *a == 0)) return std::nullopt;
        return Value{name == "mul" ? *d * *a : *d / *a};
    }
    return v;
}

} // namespace

// A label or value pasted whole into a design (20 MB of it, say) was copied into every text naming
// it, and a review of one such design wrote 220 MB of JSON. Cut at a character boundary, with the
// length said. Control characters are shown, not kept: texts go to terminals and table cells.
std::string_view shownText(std::string_view text, std::string& buf)
{
    if (text.size() <= kMaxPlaceholderText) return model::printable(text, buf);
    const std::size_t cut = model::utf8Boundary(text, kMaxPlaceholderText);
    std::string shortened = model::printable(text.substr(0, cut));
    shortened += "… (" + std::to_string(text.size()) + " characters)";
    buf = std::move(shortened);
    return buf;
}

namespace {
// A placeholder's text, pointing into the design or into `buf`; nullopt when strict and its value
// is not drawn.
std::optional<std::string_view> placeholderText(const TemplatePart& part, Evaluator& ev, const Rule& rule,
                                                const Snapshot& snap, bool strict, std::string& buf)
{
    // Most placeholders are a plain property of one element: read it in place.
    const Slot& slot = ev.slots()[static_cast<std::size_t>(part.var)];
    if (part.filters.empty() && (slot.type == Slot::Type::Component || slot.type == Slot::Type::Flow)) {
        // A label (most placeholders) from the element itself: made into a value it was an
        // allocation per element named, kept with the snapshot.
        if (part.key.empty() || part.keyId == labelKeyId())
            return std::string_view(labelOf(snap, slot.index, slot.type == Slot::Type::Flow ? ElemType::Flow : ElemType::Component));
        const Value* v = placeholderRef(part, slot, ev);
        if (!v && strict) return std::nullopt;
        if (!v) return "(not drawn)";
        if (auto text = std::get_if<std::string>(v)) return std::string_view(*text);
        return displayInto(buf, *v);
    }
    if (part.filters.empty() && slot.type == Slot::Type::Path) return pathInto(buf, slot, snap);
    auto v = baseValue(part, ev, snap);
    for (const auto& [name, arg] : part.filters) v = applyFilter(v, name, arg, ev, rule);
    if (!v && strict) return std::nullopt;
    if (!v) return "(not drawn)";
    return displayInto(buf, *v);
}

// One of a finding's texts: its template's parts and, in the finding's TextBlock, the texts its
// placeholders had when it was found. The block's values are the distinct placeholder texts of
// the finding, each after its length, then per text where each of its placeholders' text starts
// (a label named by the why and by two questions is kept once). Rendered (or hashed) on first
// read.
class LaterText final : public SharedText::Entry
{
public:
    LaterText() = default;
    LaterText(const LaterText&) = delete;
    LaterText& operator=(const LaterText&) = delete;
    void init(const std::vector<TemplatePart>* parts, const std::string* values, std::uint32_t at)
    {
        m_parts = parts;
        m_values = values;
        m_at = at;
    }
    const std::string& text() const override
    {
        return *firstWins(m_rendered, [this] { return new const std::string(render()); });
    }
    std::string textOnce() const override
    {
        if (const std::string* kept = m_rendered.load(std::memory_order_acquire)) return *kept;
        return render();
    }
    ~LaterText() override { delete m_rendered.load(); }

private:
    // add(literal part) for each literal part, add(text) for each placeholder's text.
    template <typename Add>
    void pieces(Add&& add) const
    {
        std::size_t ref = m_at;
        for (const auto& part : *m_parts) {
            if (part.var < 0) {
                add(part);
                continue;
            }
            std::uint32_t start = 0, length = 0;
            std::memcpy(&start, m_values->data() + ref, sizeof start);
            ref += sizeof start;
            std::memcpy(&length, m_values->data() + start, sizeof length);
            add(std::string_view(*m_values).substr(start + sizeof length, length));
        }
    }
    static std::string_view textOf(const TemplatePart& part) { return part.text; }
    static std::string_view textOf(std::string_view text) { return text; }
    std::string render() const
    {
        std::size_t size = 0;
        pieces([&](const auto& piece) { size += textOf(piece).size(); });
        std::string out;
        out.reserve(size); // one allocation, not one per growth
        pieces([&](const auto& piece) { out += textOf(piece); });
        return out;
    }
    // The literal parts were hashed when the template was compiled (TemplatePart::hashed).
    std::size_t hashText() const override
    {
        TextHasher h;
        pieces([&](const auto& piece) {
            if constexpr (std::is_same_v<std::decay_t<decltype(piece)>, TemplatePart>) {
                if (piece.hashed.length == piece.text.size()) h.add(piece.hashed);
                else h.add(std::string_view(piece.text)); // a part made without its hash
            } else {
                h.add(piece);
            }
        });
        return h.done();
    }

    const std::vector<TemplatePart>* m_parts = nullptr;
    const std::string* m_values = nullptr;
    std::uint32_t m_at = 0; // where its references start
    mutable std::atomic<const std::string*> m_rendered{nullptr};
};

// A finding's texts in one allocation: a review of a large design makes a hundred thousand
// findings with three or four texts each, and one allocation per text (and one more for its
// placeholders) was a third of their memory.
template <std::size_t N>
struct TextBlock
{
    std::string values;
    // The rule's compiled templates, kept for texts rendered after the rule set is gone.
    std::shared_ptr<const void> parts;
    std::array<LaterText, N> texts;
};

using PartsList = std::vector<std::shared_ptr<const std::vector<TemplatePart>>>;

// What keeps the made texts' parts: their rule's list when it holds them all (the usual case,
// one pointer for every text), else a list of their own.
std::shared_ptr<const void> keeperOf(const Rule& rule, const std::vector<TextsLater::Made>& made)
{
    auto holds = [&](const TextsLater::Made& m) {
        return rule.textParts && std::any_of(rule.textParts->begin(), rule.textParts->end(),
                                             [&](const auto& p) { return p == m.text->shared(); });
    };
    if (std::all_of(made.begin(), made.end(), holds)) return rule.textParts;
    auto own = std::make_shared<PartsList>();
    for (const auto& m : made) own->push_back(m.text->shared());
    return own;
}

// The texts made[first, first + N) of a finding, into their places in `out`.
template <std::size_t N>
void makeBlock(std::string values, std::shared_ptr<const void> parts, const std::vector<TextsLater::Made>& made,
               std::size_t first, std::vector<SharedText>& out)
{
    auto block = std::make_shared<TextBlock<N>>();
    block->values = std::move(values);
    block->parts = std::move(parts);
    for (std::size_t n = 0; n < N; ++n) {
        const TextsLater::Made& m = made[first + n];
        block->texts[n].init(m.text->shared().get(), &block->values, m.at);
        // Shares the block's ownership: the block lives while any of its texts does.
        out[m.place] = SharedText(std::shared_ptr<const SharedText::Entry>(block, &block->texts[n]));
    }
}
} // namespace

std::optional<std::string> renderTemplate(const Template& t, Evaluator& ev, const Rule& rule,
                                          const Snapshot& snap, bool strict)
{
    std::string out;
    std::size_t size = 0;
    for (const auto& part : t) size += part.var < 0 ? part.text.size() : 24;
    out.reserve(size); // one allocation for most texts, not one per growth
    std::string buf;
    for (const auto& part : t) {
        if (part.var < 0) {
            out += part.text;
            continue;
        }
        auto text = placeholderText(part, ev, rule, snap, strict, buf);
        if (!text) return std::nullopt;
        std::string cut;
        out += shownText(*text, cut);
    }
    return out;
}

TextsLater::TextsLater(Evaluator& ev, const Rule& rule, const Snapshot& snap, Scratch& scratch)
    : m_ev(ev)
    , m_rule(rule)
    , m_snap(snap)
    , m_s(scratch)
{
    m_s.pool.clear();
    m_s.starts.clear();
    m_s.refs.clear();
    m_s.made.clear();
}

bool TextsLater::add(const Template& t, bool strict)
{
    if (t.empty()) {
        ++m_count; // an empty text, which needs no block
        return true;
    }
    const std::size_t pool = m_s.pool.size(), starts = m_s.starts.size(), refs = m_s.refs.size();
    for (const auto& part : t) {
        if (part.var < 0) continue;
        auto text = placeholderText(part, m_ev, m_rule, m_snap, strict, m_s.text);
        if (!text) {
            m_s.pool.resize(pool); // as it was: nothing of this text is kept
            m_s.starts.resize(starts);
            m_s.refs.resize(refs);
            return false;
        }
        m_s.refs.push_back(poolAt(*text));
    }
    m_s.made.push_back({&t, static_cast<std::uint32_t>(refs), m_count++});
    return true;
}

std::uint32_t TextsLater::poolAt(std::string_view text)
{
    // A finding's texts name a handful of distinct values; a pack's template with thousands of
    // them is looked through only so far, so that each placeholder stays a bounded cost.
    constexpr std::size_t kLookedThrough = 32;
    const std::size_t from = m_s.starts.size() > kLookedThrough ? m_s.starts.size() - kLookedThrough : 0;
    for (auto it = m_s.starts.begin() + static_cast<std::ptrdiff_t>(from); it != m_s.starts.end(); ++it) {
        const std::uint32_t start = *it;
        std::uint32_t length = 0;
        std::memcpy(&length, m_s.pool.data() + start, sizeof length);
        if (std::string_view(m_s.pool).substr(start + sizeof length, length) == text) return start;
    }
    // Kept as shown (cut, control characters made visible), worked out once per distinct value:
    // a value met again is found above by what it was, which is what it shows when it is plain.
    std::string cut;
    const std::string_view shown = shownText(text, cut);
    const auto start = static_cast<std::uint32_t>(m_s.pool.size());
    const auto length = static_cast<std::uint32_t>(shown.size());
    m_s.pool.append(reinterpret_cast<const char*>(&length), sizeof length);
    m_s.pool += shown;
    m_s.starts.push_back(start);
    return start;
}

std::vector<SharedText>& TextsLater::finish()
{
    std::vector<SharedText>& out = m_s.out;
    out.assign(m_count, SharedText());
    // One block for up to five texts (a why, three questions and a fix), the usual most.
    constexpr std::size_t kMost = 5;
    // The pool, then the references, sized to fit: the block keeps them as long as a text lives.
    std::string all;
    all.reserve(m_s.pool.size() + m_s.refs.size() * sizeof(std::uint32_t));
    all = m_s.pool;
    all.append(reinterpret_cast<const char*>(m_s.refs.data()), m_s.refs.size() * sizeof(std::uint32_t));
    for (auto& m : m_s.made) m.at = static_cast<std::uint32_t>(m_s.pool.size() + m.at * sizeof(std::uint32_t));
    const std::shared_ptr<const void> keep = m_s.made.empty() ? nullptr : keeperOf(m_rule, m_s.made);
    for (std::size_t first = 0; first < m_s.made.size(); first += kMost) {
        const std::size_t n = std::min(kMost, m_s.made.size() - first);
        // Each block holds the values of every text: references count from their start.
        std::string values = first + n == m_s.made.size() ? std::move(all) : all;
        switch (n) {
        case 1: makeBlock<1>(std::move(values), keep, m_s.made, first, out); break;
        case 2: makeBlock<2>(std::move(values), keep, m_s.made, first, out); break;
        case 3: makeBlock<3>(std::move(values), keep, m_s.made, first, out); break;
        case 4: makeBlock<4>(std::move(values), keep, m_s.made, first, out); break;
        default: makeBlock<kMost>(std::move(values), keep, m_s.made, first, out); break;
        }
    }
    return out;
}

} // namespace pb::rules
