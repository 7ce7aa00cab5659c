// Record decoders: turn the bytes of one input file into records of named raw fields.
#pragma once

#include <memory>

#include "common/diagnostics.h"
#include "decoders/record_visitor.h"
#include "sources/input_files.h"

namespace iochound {

// The export shapes Sentinel/Log Analytics users end up with.
enum class InputFormat {
  kJsonLines,    // Log Analytics data export: one JSON object per line
  kJsonArray,    // `az monitor log-analytics query`: a JSON array of objects
  kApiResponse,  // the query API: {"tables":[{"name","columns","rows"}]}
  kCsv,          // portal "Export to CSV": header row, RFC 4180 quoting
};

class Decoder {
 public:
  virtual ~Decoder() = default;
  // Decodes the next record into `visitor`; returns false at the end of the input. Broken records
  // are reported to the DataErrors given at construction and skipped.
  virtual bool Next(RecordVisitor& visitor) = 0;
};

// Opens `input` (decompressing it if needed), detects its format from its first bytes (after an
// optional UTF-8 BOM and whitespace) and returns a decoder for it. Throws std::runtime_error naming
// the file when it cannot be opened or read. An empty file yields a decoder with no records.
std::unique_ptr<Decoder> OpenDecoder(const InputFile& input, DataErrors& errors);

// The format of a document starting with `head`, which starts at its first non-blank byte.
InputFormat DetectFormat(std::string_view head);

}  // namespace iochound
