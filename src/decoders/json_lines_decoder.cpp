#include "decoders/json_lines_decoder.h"

#include <fmt/format.h>

namespace iochound {
namespace {

// What a line the prefilter rules out is still checked for: one object, or nothing. A truncated or
// garbled line fails it, is parsed in full and reported as --no-prefilter would.
bool LooksLikeObjectOrBlank(std::string_view line) {
  size_t first = line.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return true;
  size_t last = line.find_last_not_of(" \t\r");
  return line[first] == '{' && line[last] == '}';
}

}  // namespace

bool JsonLinesDecoder::Next(RecordVisitor& visitor) {
  std::string_view line;
  // A candidate line holds a match, so it is not blank and Next takes exactly that line.
  while ((candidates_ == nullptr || lines_.SkipToCandidate(*candidates_, LooksLikeObjectOrBlank)) &&
         lines_.Next(line)) {
    if (DecodeLine(line, lines_.offset(), visitor)) return true;
  }
  return false;
}

bool JsonLinesDecoder::DecodeLine(std::string_view line, uint64_t offset, RecordVisitor& visitor) {
  RecordLocation where{name_, lines_.line_number(), offset};
  // The bytes after the line (the next lines, then the buffer's padding) serve as simdjson's padding.
  simdjson::padded_string_view json(line.data(), line.size(), lines_.ReadableFrom(line.data()));
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
