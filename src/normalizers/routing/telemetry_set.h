// The inputs of `query --input PATH...`: every file is decoded by the telemetry format detected from
// its content (or forced with --input-format) and each record is routed to the built-in tables it
// feeds, so a query can name any table. Records no table takes stay queryable in RawEvents.
//
// Tables are not materialised: each scan of a table reads the inputs again and keeps only that
// table's rows, so memory stays bounded whatever the input size.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.h"
#include "engine/catalog.h"

namespace iochound {

namespace routing {
struct TelemetryState;
}

class TelemetrySet {
 public:
  // Resolves every path now (files, directories, globs, `-`; see ResolveInputs). `forced_format`
  // names a TelemetryFormat to use for every file, or is empty to detect each. Throws
  // std::invalid_argument for a missing path or an unknown format name (listing the known ones).
  TelemetrySet(const std::vector<std::string>& paths, std::string_view forced_format, DataErrors& errors);
  ~TelemetrySet();

  // Registers every built-in table and RawEvents in `catalog`, except names already registered
  // (a `--table NAME=PATH` binding wins over routed inputs).
  void RegisterTables(Catalog& catalog);

  // One block per file: the format detected, records read, rows per table, records not mapped
  // grouped by reason, and data errors. Files no scan has read (the query named none of their
  // tables) say so; a scan the query stopped early (take, limit) is marked partial.
  std::string Summary() const;

 private:
  std::shared_ptr<routing::TelemetryState> state_;
};

}  // namespace iochound
