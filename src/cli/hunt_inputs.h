// The telemetry `hunt` reads: `--table NAME=PATH` bindings and INPUT files, as named tables.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/diagnostics.h"
#include "engine/catalog.h"

namespace iochound {

// How a hunt runs its rules' queries (`--no-prefilter`, `--threads`, `--sort-memory`); results do
// not depend on any of them.
struct HuntScanOptions {
  bool no_prefilter = false;
  int threads = 0;           // 0: one per core
  uint64_t sort_memory = 0;  // 0: the engine's default
};

struct BoundTable {
  std::string name;
  std::string path;
  std::shared_ptr<TableSource> table;
};

// `--table NAME=PATH` bindings, then INPUTs: an INPUT is DnsEvents when its records have
// DnsEvents' query columns, else a table named `input`. Throws std::invalid_argument for a
// malformed binding or a missing path.
std::vector<BoundTable> BindHuntTables(const std::vector<std::string>& bindings,
                                       const std::vector<std::string>& inputs, DataErrors& errors);

}  // namespace iochound
