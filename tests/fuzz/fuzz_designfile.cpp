// libFuzzer harness for the .probeboard loader (model/designfile).
// The checks live in fuzztargets.h so that tests/model/tst_fuzzregress.cpp replays reproducers
// through the same code.
#include "fuzztargets.h"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size)
{
    const std::string problem =
        pb::fuzz::checkDesignFile(std::string(reinterpret_cast<const char*>(data), size));
    if (!problem.empty()) {
        std::fprintf(stderr, "%s\n", problem.c_str());
        std::abort();
    }
    return 0;
}
