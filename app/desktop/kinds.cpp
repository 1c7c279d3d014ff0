#include "app/desktop/kinds.h"

#include "app/desktop/showntext.h"
#include "app/desktop/theme.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace pb::app {

const model::Vocabulary* vocabulary()
{
    static const model::Vocabulary* vocab = []() -> const model::Vocabulary* {
        // builtin() aborts on a broken installation; check first so a missing file only costs
        // icons and editors, not the user's session.
        const QDir dir(resourcesDir() + QStringLiteral("/vocabulary"));
        if (dir.entryList({QStringLiteral("*.json")}, QDir::Files).isEmpty()) return nullptr;
        return &model::Vocabulary::builtin();
    }();
    return vocab;
}

QString kindDisplayName(const std::string& kind)
{
    if (auto* v = vocabulary())
        if (auto* k = v->kind(kind); k && !k->displayName.empty())
            return QString::fromStdString(k->displayName);
    QString s = QString::fromStdString(kind).replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!s.isEmpty()) s[0] = s[0].toUpper();
    return s;
}

QString kindGroup(const std::string& kind)
{
    if (auto* v = vocabulary())
        if (auto* k = v->kind(kind); k && !k->group.empty())
            return QString::fromStdString(k->group);
    return QStringLiteral("default");
}

QString kindIcon(const std::string& kind)
{
    if (auto* v = vocabulary())
        if (auto* k = v->kind(kind); k && !k->icon.empty()) return QString::fromStdString(k->icon);
    return QString::fromStdString(kind) + QStringLiteral(".svg");
}

QSizeF componentSize(const model::Component& c)
{
    if (c.size.width > 0 && c.size.height > 0) return {c.size.width, c.size.height};
    if (auto* v = vocabulary())
        if (auto* k = v->kind(c.kind); k && k->defaultSize.width > 0 && k->defaultSize.height > 0)
            return {k->defaultSize.width, k->defaultSize.height};
    return {160, 60};
}

QSizeF zoneMinimumSize()
{
    return {120, 80};
}

QStringList zoneKinds()
{
    QStringList out;
    if (const model::Vocabulary* v = vocabulary())
        for (const auto& k : v->zoneKinds())
            out << QString::fromStdString(k.id);
    if (out.isEmpty())
        out = {QStringLiteral("region"), QStringLiteral("az"), QStringLiteral("trust_boundary")};
    return out;
}

QString zoneDisplayName(const std::string& kind)
{
    if (const model::Vocabulary* v = vocabulary())
        if (const auto* k = v->zoneKind(kind); k && !k->displayName.empty())
            return QString::fromStdString(k->displayName);
    if (kind == "region") return QCoreApplication::translate("Kinds", "Region");
    if (kind == "az") return QCoreApplication::translate("Kinds", "Availability zone");
    if (kind == "trust_boundary") return QCoreApplication::translate("Kinds", "Trust boundary");
    return QString::fromStdString(kind);
}

std::string freshId(const model::Design& d, const std::string& prefix, std::size_t* from)
{
    std::size_t own = 1;
    std::size_t& n = from ? *from : own;
    for (;; ++n) {
        std::string candidate = prefix + "-" + std::to_string(n);
        if (!d.contains(candidate)) {
            ++n;
            return candidate;
        }
    }
}

const std::string& elementLabel(const model::Design& d, const std::string& id)
{
    const std::string* label = nullptr;
    if (auto* c = d.component(id))
        label = &c->label;
    else if (auto* f = d.flow(id))
        label = &f->label;
    else if (auto* z = d.zone(id))
        label = &z->label;
    return label && !label->empty() ? *label : id;
}

QString elementName(const model::Design& d, const std::string& id)
{
    // An unlabelled flow by its ends: "Set circuit_breaker on api → orders-db", where its id
    // ("flow-2") told the user nothing.
    if (const model::Flow* f = d.flow(id); f && f->label.empty() && d.component(f->from) && d.component(f->to))
        return QCoreApplication::translate("Kinds", "%1 → %2").arg(elementName(d, f->from), elementName(d, f->to));
    return shownText(elementLabel(d, id));
}

bool isLockedIn(const model::Properties& props)
{
    return model::boolProperty(props, kLockedKey).value_or(false);
}

bool isLocked(const QGraphicsItem* item)
{
    return item && !(item->flags() & QGraphicsItem::ItemIsMovable);
}

bool flowIsAsync(const model::Design& d, const model::Flow& f)
{
    if (auto sync = model::boolProperty(f.props, "sync")) return !*sync;
    bool touchesQueue = false;
    for (const auto* end : {d.component(f.from), d.component(f.to)})
        if (end && kindGroup(end->kind) == QLatin1String("messaging")) touchesQueue = true;
    if (auto* v = vocabulary())
        if (auto def = v->defaultFor("flow", "sync", touchesQueue))
            if (auto* b = std::get_if<bool>(&*def)) return !*b;
    return touchesQueue;
}

} // namespace pb::app
