#include "app/desktop/commands/fixcommand.h"

#include "app/desktop/commands/elementcommands.h"
#include "app/desktop/dashedline.h"
#include "app/desktop/document.h"
#include "app/desktop/kinds.h"

#include <QCoreApplication>
#include <QPolygonF>
#include <QRectF>
#include <QStringList>
#include <algorithm>
#include <cmath>
#include <set>

namespace pb::app::commands {

namespace {
QString tr(const char* s)
{
    return QCoreApplication::translate("Commands", s);
}

bool fixApplies(const model::Design& d, const rules::Fix& fix)
{
    if (fix.op() == "set") return d.contains(fix.element) && !fix.property().empty();
    if (fix.op() != "add_component" || fix.kind().empty()) return false;
    for (const auto& id : fix.connectFrom)
        if (!d.component(id)) return false;
    return true;
}

QRectF rectOf(const model::Component& c)
{
    return QRectF(QPointF(c.pos.x, c.pos.y), componentSize(c));
}

std::string freshIdAvoiding(const model::Design& d, const std::string& prefix, std::set<std::string>& taken)
{
    for (int n = 1;; ++n) {
        std::string id = prefix + "-" + std::to_string(n);
        if (!d.contains(id) && taken.insert(id).second) return id;
    }
}

// Each flow's straight line (centre to centre, through its bends), worked out once per placement:
// looking its ends up again for every spot tried was millions of lookups on a large design.
std::vector<QPolygonF> flowLines(const model::Design& d)
{
    std::vector<QPolygonF> lines;
    lines.reserve(d.flows().size());
    for (const auto& f : d.flows()) {
        const auto* a = d.component(f.from);
        const auto* b = d.component(f.to);
        if (!a || !b) continue;
        QPolygonF line{rectOf(*a).center()};
        for (const auto& p : f.bends) line << QPointF(p.x, p.y);
        line << rectOf(*b).center();
        lines.push_back(std::move(line));
    }
    return lines;
}

bool isClear(const model::Design& d, const std::vector<QPolygonF>& lines, const QRectF& r)
{
    for (const auto& c : d.components())
        if (rectOf(c).adjusted(-10, -10, 10, 10).intersects(r)) return false;
    for (const auto& line : lines)
        if (crossesRect(line, r.adjusted(-6, -6, 6, 6)))
            return false; // it would look wired into the flow
    return true;
}

// Right of the components it is wired from, moved down until it overlaps nothing drawn: no
// component, and no flow's line (placed on one, it looked like a step between that flow's ends).
QPointF placeNear(const model::Design& d, const std::vector<std::string>& from, const model::Component& added)
{
    QRectF around;
    for (const auto& id : from)
        if (const auto* c = d.component(id)) around = around.isNull() ? rectOf(*c) : around.united(rectOf(*c));
    const QSizeF size = componentSize(added);
    QPointF p = around.isNull() ? QPointF(0, 0) : QPointF(around.right() + 120, around.center().y() - size.height() / 2);
    p = QPointF(std::round(p.x() / 20) * 20, std::round(p.y() / 20) * 20);
    const std::vector<QPolygonF> lines = flowLines(d);
    for (int tries = 0; tries < 200 && !isClear(d, lines, QRectF(p, size)); ++tries) p.ry() += 40;
    return p;
}

// The innermost zone whose drawn area holds `r`: where a user dropping it there would put it.
const model::Zone* zoneHolding(const model::Design& d, const QRectF& r)
{
    const model::Zone* best = nullptr;
    for (const auto& z : d.zones()) {
        const QRectF area(z.pos.x, z.pos.y, z.size.width, z.size.height);
        if (area.contains(r) && (!best || area.width() * area.height() < best->size.width * best->size.height)) best = &z;
    }
    return best;
}

// A component the fix names that is drawn already (same kind and label): the fix wires to it and
// gives it the fix's properties, instead of drawing a second "audit-ledger" beside it.
const model::Component* alreadyDrawn(const model::Design& d, const rules::Fix& fix)
{
    if (fix.label().empty()) return nullptr;
    for (const auto& c : d.components())
        if (c.kind == fix.kind() && c.label == fix.label()) return &c;
    return nullptr;
}

void wireExisting(Document* doc, const rules::Fix& fix, const model::Component& to, QUndoCommand* parent,
                  std::set<std::string>& taken)
{
    const model::Design& d = doc->design();
    std::vector<model::Flow> flows;
    for (const auto& from : fix.connectFrom) {
        const bool wired = std::any_of(d.flows().begin(), d.flows().end(),
                                       [&](const model::Flow& f) { return f.from == from && f.to == to.id; });
        if (wired || from == to.id) continue;
        model::Flow f;
        f.id = freshIdAvoiding(d, "flow", taken);
        f.from = from;
        f.to = to.id;
        flows.push_back(std::move(f));
    }
    if (!flows.empty()) new AddElementsCommand(doc, {}, std::move(flows), {}, QString(), parent);
    model::Component after = to;
    for (const auto& [key, value] : fix.props()) after.props[key] = value;
    if (!(after == to)) (new EditElementsCommand(doc, QString(), parent))->change(to, after);
}

void addSet(Document* doc, const rules::Fix& fix, QUndoCommand* parent)
{
    const model::Design& d = doc->design();
    auto* cmd = new EditElementsCommand(doc, QString(), parent);
    if (auto* c = d.component(fix.element)) {
        auto after = *c;
        after.props[fix.property()] = fix.value();
        cmd->change(*c, after);
    } else if (auto* f = d.flow(fix.element)) {
        auto after = *f;
        after.props[fix.property()] = fix.value();
        cmd->change(*f, after);
    } else if (auto* z = d.zone(fix.element)) {
        auto after = *z;
        after.props[fix.property()] = fix.value();
        cmd->change(*z, after);
    }
}

void addComponent(Document* doc, const rules::Fix& fix, QUndoCommand* parent, std::set<std::string>& taken)
{
    const model::Design& d = doc->design();
    if (const model::Component* existing = alreadyDrawn(d, fix)) return wireExisting(doc, fix, *existing, parent, taken);
    model::Component c;
    c.kind = fix.kind();
    c.id = freshIdAvoiding(d, fix.label().empty() ? fix.kind() : fix.label(), taken);
    c.label = fix.label().empty() ? c.id : fix.label();
    c.props = fix.props();
    const QPointF p = placeNear(d, fix.connectFrom, c);
    c.pos = {p.x(), p.y()};
    std::vector<model::Flow> flows;
    for (const auto& from : fix.connectFrom) {
        model::Flow f;
        f.id = freshIdAvoiding(d, "flow", taken);
        f.from = from;
        f.to = c.id;
        flows.push_back(std::move(f));
    }
    const model::Zone* zone = zoneHolding(d, rectOf(c));
    new AddElementsCommand(doc, {c}, std::move(flows), {}, QString(), parent);
    if (zone) { // added after the component, so that undo takes the membership first
        model::Zone after = *zone;
        after.members.push_back(c.id);
        (new EditElementsCommand(doc, QString(), parent))->change(*zone, after);
    }
}
} // namespace

bool canFix(const Document* doc, const rules::Finding& finding)
{
    if (finding.fixes.empty()) return false;
    for (const auto& fix : finding.fixes)
        if (!fixApplies(doc->design(), fix)) return false;
    return true;
}

QUndoCommand* applyFix(Document* doc, const rules::Finding& finding)
{
    if (!canFix(doc, finding)) return nullptr;
    // Named like the hand-made edits ("Set fencing on orders-db"), short enough for the Edit menu.
    QStringList parts;
    for (const auto& fix : finding.fixes)
        parts << (fix.op() == "set" ? tr("set %1 on %2").arg(QString::fromStdString(fix.property()),
                                                             elementName(doc->design(), fix.element))
                                    : (alreadyDrawn(doc->design(), fix) ? tr("connect to %1") : tr("add %1"))
                                          .arg(QString::fromStdString(fix.label().empty() ? fix.kind() : fix.label())));
    parts.removeDuplicates();
    auto* macro = new QUndoCommand(tr("Fix: %1").arg(parts.join(QStringLiteral("; "))));
    std::set<std::string> taken;
    for (const auto& fix : finding.fixes) {
        if (fix.op() == "set") addSet(doc, fix, macro);
        else addComponent(doc, fix, macro, taken);
    }
    return macro;
}

} // namespace pb::app::commands
