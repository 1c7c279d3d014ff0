#include "app/desktop/commands/fixcommand.h"

#include "app/desktop/commands/elementcommands.h"
#include "app/desktop/document.h"
#include "app/desktop/kinds.h"

#include <QCoreApplication>
#include <QRectF>
#include <QStringList>
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

// Right of the components it is wired from, moved down until it overlaps nothing drawn.
QPointF placeNear(const model::Design& d, const std::vector<std::string>& from, const model::Component& added)
{
    QRectF around;
    for (const auto& id : from)
        if (const auto* c = d.component(id)) around = around.isNull() ? rectOf(*c) : around.united(rectOf(*c));
    const QSizeF size = componentSize(added);
    QPointF p = around.isNull() ? QPointF(0, 0) : QPointF(around.right() + 120, around.center().y() - size.height() / 2);
    p = QPointF(std::round(p.x() / 20) * 20, std::round(p.y() / 20) * 20);
    for (int tries = 0; tries < 200; ++tries) {
        const QRectF r(p, size);
        bool clear = true;
        for (const auto& c : d.components())
            if (rectOf(c).adjusted(-10, -10, 10, 10).intersects(r)) {
                clear = false;
                break;
            }
        if (clear) break;
        p.ry() += 40;
    }
    return p;
}

std::string freshIdAvoiding(const model::Design& d, const std::string& prefix, std::set<std::string>& taken)
{
    for (int n = 1;; ++n) {
        std::string id = prefix + "-" + std::to_string(n);
        if (!d.contains(id) && taken.insert(id).second) return id;
    }
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
    new AddElementsCommand(doc, {c}, std::move(flows), {}, QString(), parent);
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
                                    : tr("add %1").arg(QString::fromStdString(fix.label().empty() ? fix.kind() : fix.label())));
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
