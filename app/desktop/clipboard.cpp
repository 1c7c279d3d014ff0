#include "app/desktop/clipboard.h"

#include "app/desktop/elementjson.h"
#include "app/desktop/initialplacement.h"
#include "app/desktop/kinds.h"

#include "model/dotimport.h"
#include "model/jsonutil.h"
#include "model/mermaidimport.h"
#include "model/mermaidtext.h"

#include <QCoreApplication>

#include <QMimeData>
#include <QSet>
#include <algorithm>
#include <map>

namespace pb::app::clipboard {

using nlohmann::json;

Fragment collect(const model::Design& d, const QStringList& ids)
{
    QSet<QString> wanted(ids.begin(), ids.end());
    // Zones bring their members, recursively.
    QStringList todo = ids;
    while (!todo.isEmpty()) {
        const model::Zone* z = d.zone(todo.takeLast().toStdString());
        if (!z) continue;
        for (const auto& m : z->members) {
            const QString id = QString::fromStdString(m);
            if (!wanted.contains(id)) {
                wanted.insert(id);
                todo << id;
            }
        }
    }
    Fragment f;
    for (const auto& c : d.components())
        if (wanted.contains(QString::fromStdString(c.id))) f.components.push_back(c);
    for (const auto& z : d.zones())
        if (wanted.contains(QString::fromStdString(z.id))) f.zones.push_back(z);
    for (const auto& fl : d.flows())
        if (wanted.contains(QString::fromStdString(fl.from)) &&
            wanted.contains(QString::fromStdString(fl.to)))
            f.flows.push_back(fl);
    return f;
}

QMimeData* toMimeData(const Fragment& f)
{
    json j{{"probeboard", "fragment"}, {"formatVersion", 1}};
    j["components"] = json::array();
    j["flows"] = json::array();
    j["zones"] = json::array();
    for (const auto& c : f.components)
        j["components"].push_back(toJson(c));
    for (const auto& fl : f.flows)
        j["flows"].push_back(toJson(fl));
    for (const auto& z : f.zones)
        j["zones"].push_back(toJson(z));
    const QByteArray bytes = QByteArray::fromStdString(j.dump(2));
    auto* md = new QMimeData();
    md->setData(QLatin1String(kMime), bytes);
    md->setText(QString::fromUtf8(bytes));
    return md;
}

namespace {
// The first flowchart in a ```mermaid fence, as a piece of Markdown is copied (words around it
// too), its lines those of what was pasted; else the text itself.
std::string unfenced(const std::string& text)
{
    const auto blocks = model::mermaidFlowcharts(text);
    return blocks.empty() ? text : blocks.front().text();
}

std::optional<Fragment> fromMermaid(const std::string& text, QString* why)
{
    model::Diagnostics diags;
    auto d = model::importMermaid(text, "clipboard", diags);
    if (!d) {
        for (const auto& e : diags)
            if (e.level == model::Diagnostic::Level::Error && why) {
                *why = QCoreApplication::translate("pb::app::clipboard", "line %1: %2")
                           .arg(e.line)
                           .arg(QString::fromStdString(e.message));
                break;
            }
        return std::nullopt;
    }
    placeIfUnpositioned(*d); // laid out as an opened flowchart is, then moved where the user looks
    Fragment f{d->components(), d->flows(), d->zones()};
    if (f.empty()) return std::nullopt;
    return f;
}
} // namespace

std::optional<Fragment> fromMimeData(const QMimeData* md, QString* why)
{
    if (!md) return std::nullopt;
    QByteArray bytes = md->data(QLatin1String(kMime));
    if (bytes.isEmpty() && md->hasText()) bytes = md->text().toUtf8();
    const QByteArray trimmed = bytes.trimmed();
    if (trimmed.isEmpty()) return std::nullopt;
    if (trimmed.front() != '{') {
        const std::string text = unfenced(bytes.toStdString());
        if (!model::looksLikeMermaid(text)) return std::nullopt;
        if (text.size() > model::kMaxDotBytes) { // what a .mmd file may be
            if (why) *why = QCoreApplication::translate("pb::app::clipboard", "the text is larger than 32 MiB; save it as a .mmd file and open that");
            return std::nullopt;
        }
        return fromMermaid(text, why);
    }
    // Any program may have put this text here: it goes through the same depth and size guard as
    // a file (nlohmann copies deep values by recursion, and JSON nested 200,000 deep crashed the
    // whiteboard on Paste), and is read in place rather than copied.
    model::Diagnostics ignored;
    const auto j = model::parseJson(bytes.toStdString(), std::string(), ignored);
    if (!j || !j->is_object()) return std::nullopt;
    auto each = [&](const char* key, auto&& add) {
        const auto it = j->find(key);
        if (it == j->end()) return;
        if (!it->is_array()) throw std::invalid_argument("not a list");
        for (const auto& e : *it) add(e);
    };
    try {
        Fragment f;
        each("components", [&](const json& c) { f.components.push_back(componentFromJson(c)); });
        each("flows", [&](const json& fl) { f.flows.push_back(flowFromJson(fl)); });
        each("zones", [&](const json& z) { f.zones.push_back(zoneFromJson(z)); });
        if (f.empty()) return std::nullopt;
        return f;
    } catch (const std::exception&) {
        return std::nullopt; // not ours: plain text on the clipboard is not an error
    }
}

QRectF bounds(const Fragment& f)
{
    QRectF box;
    for (const auto& c : f.components) {
        const QSizeF size = componentSize(c);
        box |= QRectF(QPointF(c.pos.x, c.pos.y), size.isEmpty() ? QSizeF(1, 1) : size);
    }
    for (const auto& z : f.zones) box |= QRectF(z.pos.x, z.pos.y, std::max(1.0, z.size.width), std::max(1.0, z.size.height));
    return box;
}

Fragment withFreshIds(const Fragment& f, const model::Design& target, QPointF offset)
{
    // Reserve ids in a scratch copy so two pasted elements of one kind get distinct ids.
    model::Design scratch = target;
    std::map<std::string, std::string> ids;
    std::map<std::string, std::size_t> nextOf; // per prefix: ids below it are taken
    Fragment out;
    // An id free in the target is kept (copying between documents keeps names); a taken one
    // gets the next free "<kind>-<n>".
    auto fresh = [&](const std::string& oldId, const std::string& prefix) {
        std::string id =
            scratch.contains(oldId) || oldId.empty()
                ? freshId(scratch, prefix, &nextOf.try_emplace(prefix, 1).first->second)
                : oldId;
        ids[oldId] = id;
        return id;
    };
    for (auto c : f.components) {
        const std::string old = c.id;
        c.id = fresh(c.id, c.kind.empty() ? "component" : c.kind);
        if (c.label == old) c.label = c.id; // labels that were just the id follow the new id
        c.pos = {c.pos.x + offset.x(), c.pos.y + offset.y()};
        scratch.addComponent(c);
        out.components.push_back(c);
    }
    for (auto z : f.zones) {
        const std::string old = z.id;
        z.id = fresh(z.id, z.kind.empty() ? "zone" : z.kind);
        if (z.label == old) z.label = z.id;
        z.pos = {z.pos.x + offset.x(), z.pos.y + offset.y()};
        scratch.addZone(z);
        out.zones.push_back(z);
    }
    for (auto& z : out.zones) {
        std::vector<std::string> members;
        for (const auto& m : z.members)
            if (auto it = ids.find(m); it != ids.end()) members.push_back(it->second);
        z.members = members;
    }
    for (auto fl : f.flows) {
        auto from = ids.find(fl.from), to = ids.find(fl.to);
        if (from == ids.end() || to == ids.end()) continue;
        fl.id = fresh(fl.id, "flow");
        fl.from = from->second;
        fl.to = to->second;
        for (auto& b : fl.bends)
            b = {b.x + offset.x(), b.y + offset.y()};
        scratch.addFlow(fl);
        out.flows.push_back(fl);
    }
    return out;
}

} // namespace pb::app::clipboard
