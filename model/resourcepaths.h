#pragma once

#include <string>

namespace pb::model {

// Where the built-in resources (packs, vocabulary, examples, icons, themes) are:
// 1. $PROBEBOARD_RESOURCES if set;
// 2. <exe dir>/../share/probeboard when that holds a vocabulary (an installed program);
// 3. the source tree this build came from (running from a build folder).
std::string resourceDir();

// Programs that cannot ask the OS for their own path pass argv[0] here at start-up.
void setExecutablePath(const std::string& argv0);

// Per-user data: $XDG_DATA_HOME/probeboard, else ~/.local/share/probeboard
// (%APPDATA%\probeboard on Windows). Users put their own rule packs in userPacksDir().
std::string userDataDir();
std::string userPacksDir();

} // namespace pb::model
