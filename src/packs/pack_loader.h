// Loading a detection pack (docs/packs.md) and validating all of it before anything runs: every
// problem is reported as FILE:LINE:COLUMN: message, and a pack with any problem is not loaded (a
// pack is code: a typo in an exclusion must not silently widen or narrow what alerts).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "packs/pack.h"

namespace iochound::packs {

struct PackLoad {
  std::optional<Pack> pack;         // set when there were no errors
  std::vector<std::string> errors;  // FILE:LINE:COLUMN: message
};

// `path` is a pack directory (its pack.yaml is read) or a pack YAML file.
PackLoad LoadPack(const std::string& path);

}  // namespace iochound::packs
