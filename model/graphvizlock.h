#pragma once

#include <mutex>

namespace pb::model {

// Graphviz is not thread-safe and keeps its error state in globals, so every cgraph/gvc call in
// the process goes through this one lock (parse, export, layout).
std::mutex& graphvizMutex();

} // namespace pb::model
