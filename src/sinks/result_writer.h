// Result writers: how the CLI prints a query's rows.
#pragma once

#include <cstdio>
#include <memory>
#include <string_view>

#include "types/column.h"
#include "types/type.h"

namespace iochound {

// Receives a result's schema, then its batches as they are produced, then the end. Writers stream
// (except `table`, which must see every row to size its columns).
class ResultWriter {
 public:
  virtual ~ResultWriter() = default;
  virtual void Begin(const Schema& schema) = 0;
  virtual void Write(const Batch& batch) = 0;
  // Flushes; throws std::runtime_error when the output could not be written.
  virtual void End() = 0;
};

// Formats: `json` ({"columns":[...],"rows":[[...],...]}), `jsonl` (an object per row), `csv` (RFC 4180)
// and `table` (aligned text for terminals). Throws std::invalid_argument for any other name. `out`
// stays owned by the caller.
std::unique_ptr<ResultWriter> MakeResultWriter(std::string_view format, std::FILE* out);

}  // namespace iochound
