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
#include "decoders/record_prefilter.h"
#include "sources/input_buffer.h"

namespace iochound {

class JsonLinesDecoder : public Decoder {
 public:
  // With a `prefilter`, only candidate lines are parsed: the others cannot hold a kept record and
  // are only checked to hold one object each (`{...}`), so a truncated line is still reported.
  // `lines_before`: lines of the file before the input (a part of it, read by a parallel scan).
  JsonLinesDecoder(std::unique_ptr<InputBuffer> input, std::string name, DataErrors& errors,
                   std::shared_ptr<const RecordPrefilter> prefilter = nullptr, uint64_t lines_before = 0)
      : lines_(std::move(input), lines_before), name_(std::move(name)), errors_(errors) {
    if (prefilter) candidates_ = std::make_unique<CandidateLines>(std::move(prefilter));
  }
  bool Next(RecordVisitor& visitor) override;

 private:
  // Parses one line into the visitor; false (reported) if it is not a valid JSON object.
  bool DecodeLine(std::string_view line, uint64_t offset, RecordVisitor& visitor);

  LineReader lines_;
  std::string name_;
  DataErrors& errors_;
  simdjson::ondemand::parser parser_;
  JsonFieldReader fields_;
  std::unique_ptr<CandidateLines> candidates_;
};

}  // namespace iochound
