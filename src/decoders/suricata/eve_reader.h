// Reads Suricata's EVE JSON output (https://docs.suricata.io/en/latest/output/eve/eve-json-format.html):
// one event object per line, parsed whole (simdjson DOM) because the DNS and flow mappings look at
// nested fields in any order.
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>

#include "common/diagnostics.h"
#include "decoders/line_reader.h"
#include "sources/input_files.h"

namespace iochound {

struct EveEvent {
  simdjson::dom::element root;  // valid until the next Next()
  std::string_view line;        // the event's JSON text, for the raw table
  RecordLocation where;
};

class EveReader {
 public:
  // Throws std::runtime_error naming the file when it cannot be opened.
  EveReader(const InputFile& input, DataErrors& errors);

  // The next event; false at the end of the input. Lines that are not JSON objects are reported
  // (file, line) and skipped.
  bool Next(EveEvent& event);
  uint64_t records() const { return records_; }

 private:
  std::string name_;
  DataErrors& errors_;
  LineReader lines_;
  simdjson::dom::parser parser_;
  uint64_t records_ = 0;
};

// A string member of an object (nested with '/': "dns/rrname"); "" when absent or not a string.
std::string_view EveString(simdjson::dom::element object, std::string_view pointer);
// An integer member; nullopt when absent or not an integer.
std::optional<int64_t> EveInteger(simdjson::dom::element object, std::string_view pointer);

}  // namespace iochound
