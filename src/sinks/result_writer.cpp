#include "sinks/result_writer.h"

#include <fmt/format.h>

#include <stdexcept>

#include "sinks/sink_internal.h"

namespace iochound {

std::unique_ptr<ResultWriter> MakeResultWriter(std::string_view format, std::FILE* out) {
  if (format == "json") return sinks::MakeJsonWriter(out);
  if (format == "jsonl") return sinks::MakeJsonLinesWriter(out);
  if (format == "csv") return sinks::MakeCsvWriter(out);
  if (format == "table") return sinks::MakeTableWriter(out);
  throw std::invalid_argument(
      fmt::format("unknown output format '{}' (expected json, jsonl, csv or table)", format));
}

}  // namespace iochound
