#pragma once
// A design written as DOT, for the tests that draw the pattern they check. DOT the test itself
// got wrong stops the test with the importer's messages.
#include "model/design.h"
#include "model/diagnostic.h"
#include "model/dotimport.h"

#include <QtGlobal>

#include <string>

namespace pb::testing {

inline model::Design design(const std::string& dot)
{
    model::Diagnostics diags;
    auto d = model::importDot(dot, "t.dot", diags);
    if (!d) qFatal("DOT: %s", model::formatAll(diags).c_str());
    return *d;
}

} // namespace pb::testing
