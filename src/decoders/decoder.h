// Record decoders: turn the bytes of one input file into records of named raw fields.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "common/diagnostics.h"
#include "decoders/record_visitor.h"
#include "sources/input_buffer.h"
#include "sources/input_files.h"

namespace iochound {

class InputBuffer;
class Prefilters;

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
// With `prefilters`, JSON Lines and CSV decoders parse only the records that may hold one of their
// literals (record_prefilter.h). `first_read` is the size of the first read, which grows as records
// need: a caller reading only the first records asks for less.
std::unique_ptr<Decoder> OpenDecoder(const InputFile& input, DataErrors& errors,
                                     Prefilters* prefilters = nullptr,
                                     size_t first_read = InputBuffer::kDefaultChunk);

// The format of a document starting with `head`, which starts at its first non-blank byte.
InputFormat DetectFormat(std::string_view head);

// Reads the start of `input`, drops a UTF-8 BOM and tells the format; nullopt when the input holds
// nothing but whitespace. Throws std::runtime_error as reads do.
std::optional<InputFormat> SniffFormat(InputBuffer& input);

// A decoder of `format` over `input` (JSON arrays and API responses are read whole first). For
// JSON Lines and CSV, `lines_before` is added to line numbers (the input is part of a file).
std::unique_ptr<Decoder> MakeDecoder(InputFormat format, std::unique_ptr<InputBuffer> input, std::string name,
                                     DataErrors& errors, Prefilters* prefilters = nullptr,
                                     uint64_t lines_before = 0);

}  // namespace iochound
