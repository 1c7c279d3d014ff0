#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace pb::app {

struct DiffCommand
{
    std::string before, after, format = "text", output;
    std::vector<std::string> packs;
    bool layout = false;
    bool noBuiltin = false;
};

// `probeboard-cli diff OLD NEW`: components, flows and zones added, removed or changed, and
// findings new or resolved (the desktop's File > Compare With…).
CLI::App* addDiffCommand(CLI::App& app, DiffCommand& opts);
// Exit 0 when the versions have no differences, 1 when they differ, 2 on bad input.
int runDiff(const DiffCommand& opts);

} // namespace pb::app
