// Exclusions from YAML: inside a pack, and in a separate local file (per environment, kept when
// packs are updated) keyed by rule id or by table. Format: docs/packs.md#exclusions.
#pragma once

#include <string>
#include <vector>

#include "packs/pack.h"
#include "packs/yaml_fields.h"

namespace iochound::packs {

// One exclusion map; nullopt after reporting its errors to `context`.
std::optional<Exclusion> ParseExclusion(const YAML::Node& node, YamlContext& context);

// A local exclusions file: `exclusions:` then a list of exclusions, each naming `rules` or `tables`.
// Every error (FILE:LINE:COLUMN: ...) is appended to `errors`.
std::vector<Exclusion> LoadExclusionsFile(const std::string& path, std::vector<std::string>& errors);

}  // namespace iochound::packs
