// One hit of a pack rule: a result row with the rule that produced it, its time, the IOC it matched
// (when the rule matches IOCs) and, when an exclusion applies, the exclusion that suppressed it.
// The alert schema (docs/alerts.md) is written from this by src/sinks/alert_json.h.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "intel/ioc.h"
#include "packs/pack.h"
#include "types/column.h"

namespace iochound::packs {

struct Alert {
  const Pack* pack = nullptr;
  const Rule* rule = nullptr;
  const Schema* schema = nullptr;  // the rule's result columns
  Batch batch;                     // the batch holding the evidence row
  size_t row = 0;
  std::optional<int64_t> time;  // ticks, from the rule's time column
  const Ioc* ioc = nullptr;     // the first IOC a rule's ioc_match column matched
  std::string ioc_column;       // the column it matched in, and the value there
  std::string ioc_matched;
  const Exclusion* suppressed_by = nullptr;
  const std::vector<std::string>* tables = nullptr;  // tables the rule read
  const std::vector<std::string>* inputs = nullptr;  // the inputs bound to them
  // The record the evidence row was made from; nullopt when its row has no single source record
  // (summarize, join ...) or its source does not say (types/row_sources.h). Lives with `batch`.
  std::optional<RowSource> source;
};

}  // namespace iochound::packs
