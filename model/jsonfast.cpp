#include "model/jsonfast.h"

#include "model/designfile.h"
#include "model/designkeys.h"
#include "model/jsonutil.h"

#include <array>
#include <cmath>
#include <simdjson.h>
#include <string_view>

namespace pb::model {

namespace {

namespace dom = simdjson::dom;
using Type = dom::element_type;

// A design file is five levels deep; anything deeper is for the careful reader to refuse.
constexpr std::size_t kMaxDepth = 16;

// Thrown to give up on the fast path; never escapes readDesignFast.
struct NotPlain
{
};

[[noreturn]] void giveUp()
{
    throw NotPlain{};
}

// The fields of an object by name. A key written twice sends the file to the careful reader,
// which warns about it: the last one wins there, and the other was lost without a word.
template <std::size_t N> struct Fields
{
    std::array<std::string_view, N> names;
    std::array<dom::element, N> values{};
    std::array<bool, N> seen{};

    explicit Fields(std::array<std::string_view, N> n, dom::element e)
        : names(n)
    {
        if (e.type() != Type::OBJECT) giveUp();
        for (auto field : dom::object(e)) {
            bool known = false;
            for (std::size_t i = 0; i < N; ++i)
                if (field.key == names[i]) {
                    if (seen[i]) giveUp();
                    values[i] = field.value;
                    seen[i] = true;
                    known = true;
                }
            // A key the format does not have ("lable", "flowz") is warned about: the careful
            // reader says so.
            if (!known) giveUp();
        }
    }
    bool has(std::size_t i) const { return seen[i]; }
};

std::string str(dom::element e)
{
    if (e.type() != Type::STRING) giveUp();
    return std::string(std::string_view(e));
}

bool isNumber(dom::element e)
{
    const Type t = e.type();
    return t == Type::INT64 || t == Type::UINT64 || t == Type::DOUBLE;
}

double number(dom::element e)
{
    if (!isNumber(e)) giveUp();
    return double(e);
}

// {"x": n, "y": n} or {"w": n, "h": n}; other keys are ignored, as the careful reader does.
std::pair<double, double> pair(dom::element e, std::string_view a, std::string_view b)
{
    Fields<2> f({a, b}, e);
    if (!f.has(0) || !f.has(1)) giveUp();
    return {number(f.values[0]), number(f.values[1])};
}

Properties props(dom::element e)
{
    if (e.type() != Type::OBJECT) giveUp();
    std::vector<std::pair<std::string, Value>> items; // in the file's order: sorted once below
    for (auto field : dom::object(e)) {
        Value& v = items.emplace_back(std::string(field.key), Value{}).second;
        const Type t = field.value.type();
        if (t == Type::STRING) {
            v = str(field.value);
        } else if (t == Type::BOOL) {
            v = bool(field.value);
        } else if (isNumber(field.value)) {
            // A whole number past 2^53 may have lost digits, which the careful reader says.
            const double d = number(field.value);
            if (std::fabs(d) >= 9007199254740992.0 && d == std::floor(d)) giveUp(); // 2^53
            v = d;
        } else if (t == Type::ARRAY) {
            StringList list;
            for (auto item : dom::array(field.value))
                list.push_back(str(item));
            v = std::move(list);
        } else {
            giveUp();
        }
    }
    const std::size_t written = items.size();
    Properties out = Properties::fromPairs(std::move(items));
    if (out.size() != written) giveUp(); // a property written twice: warned about carefully
    return out;
}

template <std::size_t N> std::string requiredId(const Fields<N>& f, std::size_t i)
{
    if (!f.has(i)) giveUp();
    std::string id = str(f.values[i]);
    if (id.empty()) giveUp();
    return id;
}

template <std::size_t N> std::string optionalStr(const Fields<N>& f, std::size_t i)
{
    return f.has(i) ? str(f.values[i]) : std::string();
}

// "position", "size" and "properties", which components and zones both keep at 4, 5 and 6.
template <typename Element> void readPlacement(const Fields<7>& f, Element& el)
{
    if (f.has(4)) std::tie(el.pos.x, el.pos.y) = pair(f.values[4], "x", "y");
    if (f.has(5)) std::tie(el.size.width, el.size.height) = pair(f.values[5], "w", "h");
    if (f.has(6)) el.props = props(f.values[6]);
}

void readComponent(dom::element e, Design& d)
{
    const Fields<7> f(keys::kComponent, e);
    Component c;
    c.id = requiredId(f, 0);
    if (!f.has(1)) giveUp();
    c.kind = str(f.values[1]);
    c.label = optionalStr(f, 2);
    if (f.has(3)) {
        if (f.values[3].type() != Type::BOOL) giveUp();
        c.kindInferred = bool(f.values[3]);
    }
    readPlacement(f, c);
    if (!d.addComponent(std::move(c))) giveUp();
}

void readFlow(dom::element e, Design& d)
{
    const Fields<6> f(keys::kFlow, e);
    Flow fl;
    fl.id = requiredId(f, 0);
    if (!f.has(1) || !f.has(2)) giveUp();
    fl.from = str(f.values[1]);
    fl.to = str(f.values[2]);
    fl.label = optionalStr(f, 3);
    if (f.has(4)) fl.props = props(f.values[4]);
    // The careful reader skips bends that are not points rather than refusing the file.
    if (f.has(5) && f.values[5].type() == Type::ARRAY)
        for (auto p : dom::array(f.values[5])) {
            if (p.type() != Type::OBJECT) continue;
            const Fields<2> xy({"x", "y"}, p);
            if (xy.has(0) && xy.has(1) && isNumber(xy.values[0]) && isNumber(xy.values[1]))
                fl.bends.push_back({double(xy.values[0]), double(xy.values[1])});
        }
    if (!d.addFlow(std::move(fl))) giveUp();
}

void readZone(dom::element e, Design& d)
{
    const Fields<7> f(keys::kZone, e);
    Zone z;
    z.id = requiredId(f, 0);
    z.kind = optionalStr(f, 1);
    if (z.kind.empty()) z.kind = "region";
    z.label = optionalStr(f, 2);
    if (f.has(3)) {
        if (f.values[3].type() != Type::ARRAY) giveUp();
        for (auto m : dom::array(f.values[3]))
            z.members.push_back(str(m));
    }
    readPlacement(f, z);
    if (!d.addZone(std::move(z))) giveUp();
}

void readDecision(dom::element e, Design& d)
{
    const Fields<6> f(keys::kDecision, e);
    Decision dec;
    if (!f.has(0)) giveUp();
    dec.fingerprint = str(f.values[0]);
    dec.rule = optionalStr(f, 1);
    dec.status = optionalStr(f, 2);
    if (dec.status.empty()) dec.status = "accepted";
    dec.justification = optionalStr(f, 3);
    dec.owner = optionalStr(f, 4);
    dec.expires = optionalStr(f, 5);
    d.decisions.push_back(std::move(dec));
}

Design readDesign(dom::element root)
{
    const Fields<6> top(keys::kDesign, root);
    if (!top.has(0) || optionalStr(top, 0) != kFormat) giveUp();
    Design d;
    d.title = optionalStr(top, 1);
    std::array<std::size_t, 4> counts{}; // components, flows, zones, decisions
    for (std::size_t k = 0; k < counts.size(); ++k) {
        if (!top.has(k + 2)) continue;
        if (top.values[k + 2].type() != Type::ARRAY) giveUp();
        counts[k] = dom::array(top.values[k + 2]).size();
    }
    if (counts[0] + counts[1] + counts[2] > kMaxElements) giveUp();
    d.reserve(counts[0], counts[1], counts[2]);
    const std::array readers{&readComponent, &readFlow, &readZone, &readDecision};
    for (std::size_t k = 0; k < readers.size(); ++k)
        if (counts[k] > 0)
            for (auto e : dom::array(top.values[k + 2]))
                readers[k](e, d);
    return d;
}

} // namespace

std::optional<Design> readDesignFast(const std::string& text)
{
    try {
        dom::parser parser;
        if (parser.allocate(text.size(), kMaxDepth) != simdjson::SUCCESS) return std::nullopt;
        // A text from readTextFile has the padding simdjson reads past the end; others are copied.
        static_assert(simdjson::SIMDJSON_PADDING <= kTextPadding);
        const bool padded = text.capacity() >= text.size() + kTextPadding;
        dom::element root;
        if (parser.parse(text.data(), text.size(), !padded).get(root) != simdjson::SUCCESS)
            return std::nullopt;
        return readDesign(root);
    } catch (const NotPlain&) {
    } catch (const std::exception&) {
        // simdjson's own exceptions, or memory: the careful reader will say what it is.
    }
    return std::nullopt;
}

} // namespace pb::model
