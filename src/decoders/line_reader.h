// Splits a decompressed input into lines for the line-oriented decoders (JSON Lines, Zeek, Suricata
// EVE, DNS server logs), numbering them so errors can name the line.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "decoders/record_prefilter.h"
#include "sources/input_buffer.h"

namespace iochound {

class LineReader {
 public:
  // `lines_before`: lines of the file before the input (a part of it, read by a parallel scan).
  explicit LineReader(std::unique_ptr<InputBuffer> input, uint64_t lines_before = 0)
      : input_(std::move(input)), line_number_(lines_before) {}

  // The next non-blank line without its terminator (a trailing '\r' is kept), consuming it; false
  // at the end of the input. The line stays valid until the next call.
  bool Next(std::string_view& line);
  // 1-based number and byte offset of the line returned last.
  uint64_t line_number() const { return line_number_; }
  uint64_t offset() const { return offset_; }
  // Bytes readable from `p` (inside the line returned last): the line, what follows it in the
  // window and the window's padding, so a line can be parsed in place by simdjson.
  size_t ReadableFrom(const char* p) const { return input_->ReadableFrom(p); }
  // Consumes the lines before the next line of `candidates`, stopping early at a line
  // `skippable(line)` rejects (so Next() returns it); false at the end of the input.
  bool SkipToCandidate(CandidateLines& candidates, bool (*skippable)(std::string_view line));

 private:
  std::unique_ptr<InputBuffer> input_;
  uint64_t line_number_;
  uint64_t offset_ = 0;
};

}  // namespace iochound
