#pragma once

#include "model/design.h"

#include <QPointF>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

class QMimeData;

namespace pb::app {

// Copy and paste of elements between windows and documents: our own MIME type plus the same
// JSON as plain text (so a paste into a chat or an editor shows something useful, and JSON
// pasted back in works too).
namespace clipboard {

inline constexpr const char* kMime = "application/x-probeboard+json";

struct Fragment
{
    std::vector<model::Component> components;
    std::vector<model::Flow> flows;
    std::vector<model::Zone> zones;
    bool empty() const { return components.empty() && zones.empty() && flows.empty(); }
};

// The selected elements plus the flows between selected components and, for selected zones,
// their members (so copying a zone copies what is in it).
Fragment collect(const model::Design& d, const QStringList& ids);
QMimeData* toMimeData(const Fragment& f);
// Our elements, or JSON text of them, or a Mermaid flowchart as text (from a README or a chat,
// a ```mermaid block too), placed as an opened one is. `why`: what is wrong with a flowchart that
// does not read, with its line (other text is simply not ours, and says nothing).
std::optional<Fragment> fromMimeData(const QMimeData* md, QString* why = nullptr);
// Where the fragment's components and zones are in the scene; null when it holds none.
QRectF bounds(const Fragment& f);
// Ids made unique in `target` (kept where free), references remapped, shifted by `offset`.
Fragment withFreshIds(const Fragment& f, const model::Design& target, QPointF offset);

} // namespace clipboard
} // namespace pb::app
