// Alert writers for `hunt --pack`: table (for people), jsonl (the alert schema of docs/alerts.md),
// csv (one row per alert, entities flattened, evidence as JSON text) and ocsf (one OCSF Detection
// Finding per line).
#pragma once

#include <cstdio>
#include <memory>
#include <string_view>

#include "packs/alert.h"

namespace iochound {

class AlertWriter {
 public:
  virtual ~AlertWriter() = default;
  virtual void Write(const packs::Alert& alert) = 0;
  // Flushes; throws std::runtime_error when the output could not be written.
  virtual void End() = 0;
};

// Throws std::invalid_argument for a format other than table, jsonl, csv, ocsf. `out` stays the
// caller's.
std::unique_ptr<AlertWriter> MakeAlertWriter(std::string_view format, std::FILE* out);

}  // namespace iochound
