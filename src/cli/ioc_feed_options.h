// The feed options shared by `hunt` and `query --iocs`: which feeds to load and how to read the ones
// no reader recognizes (as `ioc stats|list|export` take them).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "common/diagnostics.h"
#include "engine/catalog.h"
#include "intel/ioc_set.h"

namespace iochound {

struct IocFeedOptions {
  std::vector<std::string> feeds;
  std::string fields;
  std::string mapping;
  bool misp_all = false;

  // Adds --iocs, --ioc-fields, --ioc-mapping and --misp-all to `command`.
  void AddTo(CLI::App& command, bool required);
  // Loads and merges every feed; bad records go to `errors`. Throws std::invalid_argument for
  // missing files and bad mappings.
  IocSet Load(DataErrors& errors) const;
};

// `query --iocs`: registers ThreatIntelligenceIndicator filled from the feeds, when any were given.
void RegisterThreatIntelTable(const IocFeedOptions& options, Catalog& catalog, DataErrors& errors);

}  // namespace iochound
