#include "rules/ruledeps.h"

namespace pb::rules {

namespace {

class KeyCollector
{
public:
    std::set<std::string> keys;

    void key(const std::string& k)
    {
        if (k.empty()) return;
        keys.insert(k);
        // The compiler writes `.label`, templates may keep `label`: both mean the same read.
        if (k == "id" || k == "kind" || k == "label") keys.insert("." + k);
    }
    void ref(const std::optional<PropRef>& r)
    {
        if (r) key(r->key);
    }
    void conditions(const std::shared_ptr<Conditions>& cs)
    {
        if (cs) conditions(*cs);
    }
    void conditions(const Conditions& cs)
    {
        for (const auto& c : cs) condition(c);
    }
    void condition(const Condition& c)
    {
        if (c.kind == Condition::Kind::Prop) key(c.prop.key);
        ref(c.operand.ref);
        const bool flowSelect = (c.select && c.select->type == ElemType::Flow) ||
                                (c.count && c.count->select && c.count->select->type == ElemType::Flow);
        if (c.step || c.reach || (c.count && c.count->step) || flowSelect) keys.insert(kReadsFlows);
        if (c.count) {
            ref(c.count->of);
            ref(c.count->value.ref);
        }
        forEachNestedList(c, [this](const Conditions& cs) { conditions(cs); });
    }
    void templ(const Template& t)
    {
        for (const auto& part : t) {
            if (part.var < 0) continue;
            // A bare variable renders its label (or a path's labels, a list's labels).
            key(part.key.empty() ? std::string(".label") : part.key);
            for (const auto& [name, arg] : part.filters) {
                (void)name;
                if (arg.empty() || arg[0] != '$') continue;
                const auto dot = arg.find('.');
                key(dot == std::string::npos ? std::string(".label") : arg.substr(dot + 1));
            }
        }
    }
};

// Keys a component's placement is derived from (model::computePlacements).
void addDerived(std::set<std::string>& keys, const std::string& k)
{
    keys.insert(k);
    if (k == "region") {
        keys.insert("@region");
        keys.insert("@jurisdiction");
    } else if (k == "jurisdiction") {
        keys.insert("@jurisdiction");
    }
}

void diffProps(const model::Properties& a, const model::Properties& b, std::set<std::string>& keys)
{
    auto i = a.begin();
    auto j = b.begin();
    while (i != a.end() || j != b.end()) {
        if (j == b.end() || (i != a.end() && i->first < j->first)) {
            addDerived(keys, (i++)->first);
        } else if (i == a.end() || j->first < i->first) {
            addDerived(keys, (j++)->first);
        } else {
            if (!(i->second == j->second)) addDerived(keys, i->first);
            ++i;
            ++j;
        }
    }
}

} // namespace

std::set<std::string> keysRead(const Rule& rule)
{
    KeyCollector k;
    if (rule.anchorType == ElemType::Flow) k.keys.insert(kReadsFlows);
    k.conditions(rule.anchorWhere);
    k.conditions(rule.where);
    for (const auto& q : rule.questions) {
        k.conditions(q.when);
        k.templ(q.text);
    }
    k.templ(rule.why);
    if (rule.ask) k.templ(*rule.ask);
    k.templ(rule.fixHint);
    return std::move(k.keys);
}

bool sameZonesForRules(const std::vector<model::Zone>& a, const std::vector<model::Zone>& b)
{
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].id != b[i].id || a[i].kind != b[i].kind || a[i].label != b[i].label || a[i].props != b[i].props ||
            a[i].members != b[i].members)
            return false;
    return true;
}

DesignChange changeBetween(const model::Design& before, const model::Design& after)
{
    DesignChange out;
    const auto& ca = before.components();
    const auto& cb = after.components();
    if (ca.size() != cb.size() || !sameZonesForRules(before.zones(), after.zones())) return out;
    for (std::size_t i = 0; i < ca.size(); ++i) {
        if (ca[i].id != cb[i].id || ca[i].kind != cb[i].kind || ca[i].label != cb[i].label) return out;
        diffProps(ca[i].props, cb[i].props, out.keys);
    }
    out.all = false;
    const auto& fa = before.flows();
    const auto& fb = after.flows();
    out.flows = fa.size() != fb.size();
    for (std::size_t i = 0; i < fa.size() && !out.flows; ++i) {
        if (fa[i].id != fb[i].id || fa[i].from != fb[i].from || fa[i].to != fb[i].to || fa[i].label != fb[i].label)
            out.flows = true;
        else
            diffProps(fa[i].props, fb[i].props, out.keys);
    }
    // Past the first difference the flows no longer pair up; any rule that reads a flow property
    // follows flows, and re-runs for the flows having changed.
    return out;
}

const char* const kReadsFlows = "(flows)";

bool affects(const DesignChange& change, const std::set<std::string>& reads)
{
    if (change.all) return true;
    if (change.flows && reads.count(kReadsFlows)) return true;
    for (const auto& k : change.keys)
        if (reads.count(k)) return true;
    return false;
}

} // namespace pb::rules
