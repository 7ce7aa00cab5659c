// The Log Analytics query API response: {"tables":[{"name","columns":[{"name","type"}],"rows":[[..]]}]}.
// Reads the table named PrimaryResult, else the first. Column types are passed on as declared
// types; rows are positional, so slots are bound once per file.
#pragma once

#include <simdjson.h>

#include <memory>
#include <string>
#include <vector>

#include "decoders/decoder.h"
#include "decoders/document_lines.h"
#include "sources/input_buffer.h"

namespace iochound {

class ApiResponseDecoder : public Decoder {
 public:
  // `input` holds the whole document.
  ApiResponseDecoder(std::unique_ptr<InputBuffer> input, std::string name, DataErrors& errors);
  ApiResponseDecoder(const ApiResponseDecoder&) = delete;
  ApiResponseDecoder& operator=(const ApiResponseDecoder&) = delete;
  bool Next(RecordVisitor& visitor) override;

 private:
  struct ColumnInfo {
    std::string name;
    Type declared;
  };
  // Positions the row iterator on the chosen table's rows and reads its columns.
  simdjson::error_code Open();
  simdjson::error_code ReadColumns(simdjson::ondemand::object table);
  simdjson::error_code ReadRow(simdjson::ondemand::array row, RecordVisitor& visitor,
                               const RecordLocation& where);
  void Stop(const RecordLocation& where, std::string_view what);

  std::unique_ptr<InputBuffer> input_;
  std::string name_;
  DataErrors& errors_;
  DocumentLines lines_;
  simdjson::ondemand::parser parser_;
  simdjson::ondemand::document document_;
  simdjson::ondemand::array rows_;
  simdjson::ondemand::array_iterator next_;
  simdjson::ondemand::array_iterator end_;
  std::vector<ColumnInfo> columns_;
  std::vector<int> slots_;  // per column, bound on the first Next()
  bool bound_ = false;
  bool done_ = false;
};

}  // namespace iochound
