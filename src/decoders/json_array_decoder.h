// `az monitor log-analytics query` output: one JSON array of objects, every value usually a
// string. The whole document is loaded (simdjson indexes it at once); records are handed out one
// per Next() call.
#pragma once

#include <simdjson.h>

#include <memory>
#include <string>

#include "decoders/decoder.h"
#include "decoders/document_lines.h"
#include "decoders/json_fields.h"
#include "sources/input_buffer.h"

namespace iochound {

class JsonArrayDecoder : public Decoder {
 public:
  // `input` holds the whole document.
  JsonArrayDecoder(std::unique_ptr<InputBuffer> input, std::string name, DataErrors& errors);
  JsonArrayDecoder(const JsonArrayDecoder&) = delete;
  JsonArrayDecoder& operator=(const JsonArrayDecoder&) = delete;
  bool Next(RecordVisitor& visitor) override;

 private:
  void Stop(const RecordLocation& where, simdjson::error_code error);

  std::unique_ptr<InputBuffer> input_;
  std::string name_;
  DataErrors& errors_;
  DocumentLines lines_;
  simdjson::ondemand::parser parser_;
  simdjson::ondemand::document document_;
  simdjson::ondemand::array array_;
  simdjson::ondemand::array_iterator next_;
  simdjson::ondemand::array_iterator end_;
  JsonFieldReader fields_;
  bool done_ = false;
};

}  // namespace iochound
