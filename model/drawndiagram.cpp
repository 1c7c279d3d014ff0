#include "model/drawndiagram.h"

#include "model/drawiostyle.h"
#include "model/printable.h"
#include "model/validation.h"
#include "model/vocabulary.h"

#include <algorithm>

namespace pb::model {

Size drawnSizeOf(const std::string& kind)
{
    const KindSpec* spec = Vocabulary::builtin().kind(kind);
    return spec ? spec->defaultSize : Size{160, 64};
}

DrawnDiagram::DrawnDiagram(std::string file, Diagnostics& diags, std::string codes)
    : m_file(std::move(file))
    , m_diags(diags)
    , m_codes(std::move(codes))
{
}

bool isStoreKind(const std::string& kind)
{
    for (const char* s : {"database", "cache", "queue", "object_store", "search_index", "analytics", "audit_ledger"})
        if (kind == s) return true;
    return false;
}

std::string DrawnDiagram::freshId(const std::string& name, const char* fallback)
{
    const std::string base = drawioSlug(name);
    return m_ids.make(base.empty() ? fallback : base);
}

void DrawnDiagram::addComponent(Component c, const std::string& theirs)
{
    m_idOf.emplace(theirs, c.id); // a second element under one id is known by its own only
    m_design.addComponent(std::move(c));
}

void DrawnDiagram::addBox(Zone z)
{
    m_boxes.push_back({z.id, z.pos.x, z.pos.y, z.size.width, z.size.height});
    m_design.addZone(std::move(z));
}

std::optional<Flow> DrawnDiagram::flowBetween(const std::string& from, const std::string& to,
                                              const std::string& label,
                                              const std::function<std::pair<int, int>()>& where,
                                              const std::string& what, const char* ends, const std::string& hint)
{
    const auto a = m_idOf.find(from);
    const auto b = m_idOf.find(to);
    if (a == m_idOf.end() || b == m_idOf.end()) {
        const auto [line, column] = where();
        m_leftOut.add({Diagnostic::Level::Warning, m_file, line, column, "", "", m_codes + "-LOOSE",
                       what + " has no " + ends + " at one end and was left out", hint});
        return std::nullopt;
    }
    Flow f;
    f.id = freshId("f" + std::to_string(m_design.flows().size() + 1), "f");
    f.from = a->second;
    f.to = b->second;
    f.label = label;
    return f;
}

void DrawnDiagram::boundaryLineLeftOut(const std::function<std::pair<int, int>()>& where)
{
    if (m_saidLine) return;
    m_saidLine = true;
    const auto [line, column] = where();
    m_diags.push_back({Diagnostic::Level::Warning, m_file, line, column, "", "", m_codes + "-BOUNDARY-LINE",
                       "a trust boundary drawn as a line holds nothing, and was left out",
                       "draw it as a trust boundary box around what it holds"});
}

void DrawnDiagram::placeInBoxes()
{
    if (m_boxes.empty()) return;
    constexpr double kMostTests = 50'000'000;
    const std::size_t elements = m_design.components().size() + m_boxes.size();
    if (double(m_boxes.size()) * double(elements) > kMostTests) {
        m_diags.push_back({Diagnostic::Level::Warning, m_file, 0, 0, "", "", m_codes + "-BOXES",
                           std::to_string(m_boxes.size()) + " trust boundary boxes around " +
                               std::to_string(m_design.components().size()) +
                               " elements are more than can be matched: the boxes are left empty",
                           "split the diagram, or put elements into the boxes in the whiteboard"});
        return;
    }
    std::stable_sort(m_boxes.begin(), m_boxes.end(),
                     [](const DrawnBox& a, const DrawnBox& b) { return a.w * a.h < b.w * b.h; });
    auto holder = [&](double x, double y, double area) -> Zone* {
        for (const DrawnBox& b : m_boxes)
            if (b.w * b.h > area && x > b.x && x < b.x + b.w && y > b.y && y < b.y + b.h)
                return m_design.zone(b.zoneId);
        return nullptr;
    };
    // Gathered first: a zone's members change only once every holder is known.
    std::vector<std::pair<Zone*, std::string>> joins;
    for (const auto& c : m_design.components()) {
        const Size s = c.size.width > 0 && c.size.height > 0 ? c.size : drawnSizeOf(c.kind);
        if (Zone* z = holder(c.pos.x + s.width / 2, c.pos.y + s.height / 2, 0))
            joins.emplace_back(z, c.id);
    }
    for (const DrawnBox& b : m_boxes)
        if (Zone* z = holder(b.x + b.w / 2, b.y + b.h / 2, b.w * b.h)) joins.emplace_back(z, b.zoneId);
    for (auto& [zone, id] : joins)
        zone->members.push_back(id);
}

std::optional<Design> DrawnDiagram::finish(const char* flows)
{
    m_leftOut.finish(m_file, m_codes + "-LOOSE", flows);
    placeInBoxes();
    if (!validateImported(m_design, m_file, m_diags)) return std::nullopt;
    return std::move(m_design);
}

} // namespace pb::model
