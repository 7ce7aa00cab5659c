// Reads Zeek logs as written by its ASCII writer (TSV with `#separator`, `#fields`, `#types` ...
// headers; https://docs.zeek.org/en/master/log-formats.html) or its JSON writer (one object per line,
// keys `id.orig_h` or, as some pipelines rename them, `id_orig_h`). Both may appear in one file; a
// TSV header applies to the lines after it, as when logs are concatenated.
#pragma once

#include <simdjson.h>

#include <string>
#include <vector>

#include "common/diagnostics.h"
#include "decoders/line_reader.h"
#include "decoders/zeek/zeek_record.h"
#include "sources/input_files.h"

namespace iochound {

class ZeekLogReader {
 public:
  // Throws std::runtime_error naming the file when it cannot be opened.
  ZeekLogReader(const InputFile& input, DataErrors& errors);

  // Reads the next record into `record`; false at the end of the input. Broken lines are reported
  // (file, line, what is wrong) and skipped.
  bool Next(ZeekRecord& record);
  // Data lines read, including broken ones (headers are not records).
  uint64_t records() const { return records_; }

 private:
  void ReadHeader(std::string_view line);
  bool ReadTsv(std::string_view line, ZeekRecord& record);
  bool ReadJson(std::string_view line, ZeekRecord& record);
  RecordLocation Here() const;

  std::string name_;
  DataErrors& errors_;
  LineReader lines_;
  simdjson::ondemand::parser parser_;
  uint64_t records_ = 0;
  // The TSV header in force.
  char separator_ = '\t';
  std::string set_separator_ = ",";
  std::string empty_field_ = "(empty)";
  std::string unset_field_ = "-";
  std::string path_;
  std::vector<std::string> field_names_;
  std::vector<bool> field_is_list_;
};

}  // namespace iochound
