// CSV with a header row (the portal's "Export to CSV"): RFC 4180 quoting (commas, doubled quotes and
// newlines inside quoted fields), CRLF or LF line ends. The portal names datetime columns
// `TimeGenerated [UTC]`; the ` [UTC]` suffix is dropped so the names match the table's.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "decoders/decoder.h"
#include "decoders/record_prefilter.h"
#include "sources/input_buffer.h"

namespace iochound {

// The end of the last whole row in `data`, which starts at a row's start (0 when no row ends in
// it), by CsvDecoder's rules: a row ends at a newline outside a quoted field, and a field is quoted
// only when it starts with `"`. Lines are found with memchr and checked by their quotes alone.
// `newlines`: the line breaks before that end.
size_t CsvWholeRowsEnd(std::string_view data, uint64_t& newlines);
// The end (just past its newline) of the row starting at `start`, or npos when it does not end in
// `data`.
size_t CsvRowEnd(std::string_view data, size_t start);

class CsvDecoder : public Decoder {
 public:
  // With a `prefilter`, only rows on candidate lines are handed to the visitor: the others cannot be
  // kept and are only checked to have the header's number of fields, which is reported otherwise.
  // `lines_before`: lines of the file before the input (a part of it, read by a parallel scan).
  CsvDecoder(std::unique_ptr<InputBuffer> input, std::string name, DataErrors& errors,
             std::shared_ptr<const RecordPrefilter> prefilter = nullptr, uint64_t lines_before = 0)
      : input_(std::move(input)), name_(std::move(name)), errors_(errors), next_line_(lines_before + 1) {
    if (prefilter) candidates_ = std::make_unique<CandidateLines>(std::move(prefilter));
  }
  bool Next(RecordVisitor& visitor) override;

 private:
  // Where a field's text is: in the input window, or in scratch_ when quotes had to be undoubled.
  struct FieldSpan {
    size_t begin;
    size_t length;
    bool in_scratch;
  };
  // Splits the next row into fields_, consuming it; false at the end of the input.
  bool ReadRow();
  // Consumes the rows before the next line that is a candidate or not a whole row of the header's
  // width (a quoted field running over several lines, a wrong count); false at the end of the input.
  bool SkipToCandidate();
  // Whether the row spanning input offsets [begin, end) is on a candidate line.
  bool IsCandidate(uint64_t begin, uint64_t end);
  // Parses one row from the start of `data`. Returns the bytes it spans, or 0 when the row may
  // continue past `data` (more input is needed) while `at_end` is false.
  size_t ParseRow(std::string_view data, bool at_end);
  std::string_view Field(const FieldSpan& span, std::string_view data) const;

  std::unique_ptr<InputBuffer> input_;
  std::string name_;
  DataErrors& errors_;
  std::vector<FieldSpan> spans_;
  std::string scratch_;
  std::vector<std::string_view> fields_;  // the row read last
  uint64_t row_line_ = 0;                 // line where that row starts
  uint64_t row_offset_ = 0;
  uint64_t next_line_;
  bool unterminated_quote_ = false;
  std::vector<int> slots_;  // per header column
  bool header_read_ = false;
  std::unique_ptr<CandidateLines> candidates_;  // used once the header is read
};

}  // namespace iochound
