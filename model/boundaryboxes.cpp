#include "model/boundaryboxes.h"

#include "model/vocabulary.h"

#include <algorithm>

namespace pb::model {

Size drawnSizeOf(const std::string& kind)
{
    const KindSpec* spec = Vocabulary::builtin().kind(kind);
    return spec ? spec->defaultSize : Size{160, 64};
}

void placeInBoxes(Design& design, std::vector<DrawnBox> boxes, const std::string& file,
                  const char* code, Diagnostics& diags)
{
    if (boxes.empty()) return;
    constexpr double kMostTests = 50'000'000;
    const std::size_t elements = design.components().size() + boxes.size();
    if (double(boxes.size()) * double(elements) > kMostTests) {
        diags.push_back({Diagnostic::Level::Warning, file, 0, 0, "", "", code,
                         std::to_string(boxes.size()) + " trust boundary boxes around " +
                             std::to_string(design.components().size()) +
                             " elements are more than can be matched: the boxes are left empty",
                         "split the diagram, or put elements into the boxes in the whiteboard"});
        return;
    }
    std::stable_sort(boxes.begin(), boxes.end(),
                     [](const DrawnBox& a, const DrawnBox& b) { return a.w * a.h < b.w * b.h; });
    auto holder = [&](double x, double y, double area) -> Zone* {
        for (const DrawnBox& b : boxes)
            if (b.w * b.h > area && x > b.x && x < b.x + b.w && y > b.y && y < b.y + b.h)
                return design.zone(b.zoneId);
        return nullptr;
    };
    // Gathered first: a zone's members change only once every holder is known.
    std::vector<std::pair<Zone*, std::string>> joins;
    for (const auto& c : design.components()) {
        const Size s = c.size.width > 0 && c.size.height > 0 ? c.size : drawnSizeOf(c.kind);
        if (Zone* z = holder(c.pos.x + s.width / 2, c.pos.y + s.height / 2, 0))
            joins.emplace_back(z, c.id);
    }
    for (const DrawnBox& b : boxes)
        if (Zone* z = holder(b.x + b.w / 2, b.y + b.h / 2, b.w * b.h)) joins.emplace_back(z, b.zoneId);
    for (auto& [zone, id] : joins)
        zone->members.push_back(id);
}

Diagnostic boundaryLineLeftOut(const std::string& file, int line, int column, const char* code)
{
    return {Diagnostic::Level::Warning, file, line, column, "", "", code,
            "a trust boundary drawn as a line holds nothing, and was left out",
            "draw it as a trust boundary box around what it holds"};
}

} // namespace pb::model
