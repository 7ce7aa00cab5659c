// CSV with a header row (the portal's "Export to CSV"): RFC 4180 quoting (commas, doubled quotes and
// newlines inside quoted fields), CRLF or LF line ends. The portal names datetime columns
// `TimeGenerated [UTC]`; the ` [UTC]` suffix is dropped so the names match the table's.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "decoders/decoder.h"
#include "sources/input_buffer.h"

namespace iochound {

class CsvDecoder : public Decoder {
 public:
  CsvDecoder(std::unique_ptr<InputBuffer> input, std::string name, DataErrors& errors)
      : input_(std::move(input)), name_(std::move(name)), errors_(errors) {}
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
  uint64_t next_line_ = 1;
  bool unterminated_quote_ = false;
  std::vector<int> slots_;  // per header column
  bool header_read_ = false;
};

}  // namespace iochound
