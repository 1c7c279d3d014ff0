#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>

namespace pb::app {

// A baseline's fingerprints by the file each result was written for: a `once` rule's finding, or
// one on ids two designs share, has one fingerprint in both, and a baseline of one design hid it
// in the other.
using Baseline = std::map<std::string, std::set<std::string>>;

// The baseline at `path` (what `check --format json` wrote); nothing, with the problem said on
// stderr, when it cannot be read or is not one.
std::optional<Baseline> readBaseline(const std::string& path);

// The part of `baseline` for `file` (see baseline.cpp); `path` is the baseline's, for warnings.
std::set<std::string> baselineFor(const Baseline& baseline, const std::string& file, const std::string& path);

} // namespace pb::app
