#pragma once

#include "model/design.h"

#include <QString>
#include <optional>

namespace pb::app {

// The desktop's one doorway to design files, so every open/save path (menu, command line,
// drop, recovery, tests) reports problems the same way: file name, then what is wrong.
// A design with no positions at all gets an initial placement; `placed` reports it.
std::optional<model::Design> readDesign(const QString& path, QString* error,
                                        bool* placed = nullptr);
bool writeDesign(const model::Design& design, const QString& path, QString* error);

} // namespace pb::app
