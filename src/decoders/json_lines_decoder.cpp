#include "decoders/json_lines_decoder.h"

#include <fmt/format.h>

#include <cstring>

namespace iochound {
namespace {

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

bool JsonLinesDecoder::NextLine(std::string_view& line, uint64_t& offset) {
  for (;;) {
    std::string_view data = input_->data();
    const char* newline = static_cast<const char*>(std::memchr(data.data(), '\n', data.size()));
    if (newline == nullptr && input_->Fill()) continue;
    if (newline == nullptr && data.empty()) return false;
    size_t length = newline ? static_cast<size_t>(newline - data.data()) : data.size();
    line = data.substr(0, length);
    offset = input_->offset();
    ++line_number_;
    input_->Consume(newline ? length + 1 : length);
    if (!IsBlank(line)) return true;
  }
}

bool JsonLinesDecoder::Next(RecordVisitor& visitor) {
  std::string_view line;
  uint64_t offset;
  while (NextLine(line, offset)) {
    if (DecodeLine(line, offset, visitor)) return true;
  }
  return false;
}

bool JsonLinesDecoder::DecodeLine(std::string_view line, uint64_t offset, RecordVisitor& visitor) {
  RecordLocation where{name_, line_number_, offset};
  // The bytes after the line (the next lines, then the buffer's padding) serve as simdjson's padding.
  simdjson::padded_string_view json(line.data(), line.size(), input_->ReadableFrom(line.data()));
  simdjson::ondemand::document document;
  simdjson::ondemand::object object;
  simdjson::error_code error = parser_.iterate(json).get(document);
  if (!error) error = document.get_object().get(object);
  if (error == simdjson::INCORRECT_TYPE) {
    errors_.Report(where, "not a JSON object; line skipped");
    return false;
  }
  if (!error) {
    visitor.BeginRecord(where);
    error = fields_.Read(object, visitor, where);
    // simdjson 3.0 has no document::at_end(): a location past the object means more tokens follow.
    if (!error && !document.current_location().error()) error = simdjson::TRAILING_CONTENT;
    if (!error) {
      visitor.EndRecord();
      return true;
    }
    visitor.AbortRecord();
  }
  errors_.Report(where, fmt::format("invalid JSON ({}); line skipped", simdjson::error_message(error)));
  return false;
}

}  // namespace iochound
