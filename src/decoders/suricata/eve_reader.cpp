#include "decoders/suricata/eve_reader.h"

#include <fmt/format.h>

#include "sources/byte_reader.h"

namespace iochound {
namespace {

simdjson::simdjson_result<simdjson::dom::element> At(simdjson::dom::element object,
                                                     std::string_view pointer) {
  std::string json_pointer = "/";
  json_pointer += pointer;
  return object.at_pointer(json_pointer);
}

}  // namespace

EveReader::EveReader(const InputFile& input, DataErrors& errors)
    : name_(input.name), errors_(errors), lines_(std::make_unique<InputBuffer>(OpenInput(input))) {}

bool EveReader::Next(EveEvent& event) {
  std::string_view line;
  while (lines_.Next(line)) {
    ++records_;
    event.line = line;
    event.where = RecordLocation{name_, lines_.line_number(), lines_.offset()};
    // The line may be followed by the next lines rather than padding: parse a padded copy.
    auto result = parser_.parse(line.data(), line.size(), true);
    simdjson::error_code error = result.get(event.root);
    if (!error && !event.root.is_object()) error = simdjson::INCORRECT_TYPE;
    if (!error) return true;
    errors_.Report(event.where, fmt::format("not a Suricata EVE JSON object ({}); line skipped",
                                            simdjson::error_message(error)));
  }
  return false;
}

std::string_view EveString(simdjson::dom::element object, std::string_view pointer) {
  std::string_view text;
  if (At(object, pointer).get(text)) return {};
  return text;
}

std::optional<int64_t> EveInteger(simdjson::dom::element object, std::string_view pointer) {
  int64_t value;
  if (At(object, pointer).get(value)) return std::nullopt;
  return value;
}

}  // namespace iochound
