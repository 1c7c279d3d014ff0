#include "model/version.h"

#include <cstdio>

int main()
{
    std::printf("probeboard-cli %s\n", pb::kVersion);
    return 0;
}
