// JSON Lines (Log Analytics data export): one object per line, blank lines ignored. Lines are split
// here, not by simdjson's document stream, so one broken line is reported with its number and
// skipped while the others are read.
#pragma once

#include <simdjson.h>

#include <memory>
#include <string>

#include "decoders/decoder.h"
#include "decoders/json_fields.h"
#include "decoders/line_reader.h"
#include "sources/input_buffer.h"

namespace iochound {

class JsonLinesDecoder : public Decoder {
 public:
  JsonLinesDecoder(std::unique_ptr<InputBuffer> input, std::string name, DataErrors& errors)
      : lines_(std::move(input)), name_(std::move(name)), errors_(errors) {}
  bool Next(RecordVisitor& visitor) override;

 private:
  // Parses one line into the visitor; false (reported) if it is not a valid JSON object.
  bool DecodeLine(std::string_view line, uint64_t offset, RecordVisitor& visitor);

  LineReader lines_;
  std::string name_;
  DataErrors& errors_;
  simdjson::ondemand::parser parser_;
  JsonFieldReader fields_;
};

}  // namespace iochound
