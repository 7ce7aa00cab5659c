#include "decoders/zeek/zeek_log_reader.h"

#include <fmt/format.h>

#include "common/hex.h"
#include "decoders/json_fields.h"
#include "sources/byte_reader.h"

namespace iochound {
namespace {

// Zeek's ASCII writer escapes the separators and non-printable bytes as `\xHH` and a backslash as
// `\\`.
std::string Unescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 3 < text.size() && text[i + 1] == 'x' && HexDigitValue(text[i + 2]) >= 0 &&
        HexDigitValue(text[i + 3]) >= 0) {
      out += static_cast<char>(HexDigitValue(text[i + 2]) * 16 + HexDigitValue(text[i + 3]));
      i += 3;
    } else if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '\\') {
      out += '\\';
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::vector<std::string_view> Split(std::string_view text, std::string_view separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (;;) {
    size_t end = separator.empty() ? std::string_view::npos : text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + separator.size();
  }
}

std::string_view TrimCarriageReturn(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// The dotted name of a connection-id key some pipelines flatten with underscores (OTRF's apt29 logs).
std::string ZeekName(std::string_view key) {
  if (key == "id_orig_h" || key == "id_orig_p" || key == "id_resp_h" || key == "id_resp_p") {
    std::string name(key);
    name[2] = '.';
    return name;
  }
  return std::string(key);
}

// A JSON scalar as the TSV writer would render it.
simdjson::error_code ScalarText(simdjson::ondemand::value value, ZeekField& field) {
  RawValue raw;
  if (auto error = ReadRawValue(value, raw)) return error;
  field.set = raw.kind != RawValue::Kind::kNull;
  if (raw.kind == RawValue::Kind::kBool) {
    field.value = raw.text == "true" ? "T" : "F";
  } else {
    field.value.assign(raw.text);
  }
  return simdjson::SUCCESS;
}

simdjson::error_code ReadJsonList(simdjson::ondemand::value value, ZeekField& field) {
  field.set = true;
  field.list = true;
  simdjson::ondemand::array array;
  if (auto error = value.get_array().get(array)) return error;
  for (auto element : array) {
    simdjson::ondemand::value item_value;
    ZeekField item;
    if (auto error = std::move(element).get(item_value)) return error;
    if (auto error = ScalarText(item_value, item)) return error;
    field.items.push_back(std::move(item.value));
  }
  return simdjson::SUCCESS;
}

simdjson::error_code ReadJsonFields(simdjson::ondemand::object object, ZeekRecord& record) {
  for (auto member : object) {
    simdjson::ondemand::field json_field;
    std::string_view key;
    if (auto error = std::move(member).get(json_field)) return error;
    if (auto error = json_field.unescaped_key().get(key)) return error;
    ZeekField& field = record.fields.emplace_back();
    field.name = ZeekName(key);
    simdjson::ondemand::value value = json_field.value();
    simdjson::ondemand::json_type type;
    if (auto error = value.type().get(type)) return error;
    if (type == simdjson::ondemand::json_type::array) {
      if (auto error = ReadJsonList(value, field)) return error;
      continue;
    }
    if (auto error = ScalarText(value, field)) return error;
    if ((field.name == "_path" || field.name == "@stream") && field.set) record.path = field.value;
  }
  return simdjson::SUCCESS;
}

}  // namespace

ZeekLogReader::ZeekLogReader(const InputFile& input, DataErrors& errors)
    : name_(input.name), errors_(errors), lines_(std::make_unique<InputBuffer>(OpenInput(input))) {}

RecordLocation ZeekLogReader::Here() const {
  return RecordLocation{name_, lines_.line_number(), lines_.offset()};
}

bool ZeekLogReader::Next(ZeekRecord& record) {
  std::string_view line;
  while (lines_.Next(line)) {
    line = TrimCarriageReturn(line);
    if (line.front() == '#') {
      ReadHeader(line);
      continue;
    }
    ++records_;
    record.fields.clear();
    record.where = Here();
    if (line.front() == '{' ? ReadJson(line, record) : ReadTsv(line, record)) return true;
  }
  return false;
}

void ZeekLogReader::ReadHeader(std::string_view line) {
  if (line.starts_with("#separator ")) {
    std::string separator = Unescape(line.substr(11));
    if (separator.size() == 1) {
      separator_ = separator[0];
    } else {
      errors_.Report(Here(),
                     fmt::format("Zeek #separator '{}' is not one byte; keeping the tab", line.substr(11)));
    }
    return;
  }
  size_t end = line.find(separator_);
  std::string_view key = line.substr(1, end == std::string_view::npos ? std::string_view::npos : end - 1);
  std::string_view value = end == std::string_view::npos ? std::string_view() : line.substr(end + 1);
  if (key == "set_separator") {
    set_separator_ = Unescape(value);
  } else if (key == "empty_field") {
    empty_field_ = Unescape(value);
  } else if (key == "unset_field") {
    unset_field_ = Unescape(value);
  } else if (key == "path") {
    path_ = Unescape(value);
  } else if (key == "fields") {
    field_names_.clear();
    for (std::string_view name : Split(value, std::string_view(&separator_, 1)))
      field_names_.emplace_back(Unescape(name));
    field_is_list_.assign(field_names_.size(), false);
  } else if (key == "types") {
    std::vector<std::string_view> types = Split(value, std::string_view(&separator_, 1));
    for (size_t i = 0; i < types.size() && i < field_is_list_.size(); ++i)
      field_is_list_[i] = types[i].starts_with("set[") || types[i].starts_with("vector[");
  }
  // #open, #close and unknown header lines carry nothing a record needs.
}

bool ZeekLogReader::ReadTsv(std::string_view line, ZeekRecord& record) {
  if (field_names_.empty()) {
    errors_.Report(record.where, "Zeek TSV data line before any #fields header; line skipped");
    return false;
  }
  std::vector<std::string_view> values = Split(line, std::string_view(&separator_, 1));
  if (values.size() != field_names_.size()) {
    errors_.Report(record.where,
                   fmt::format("Zeek TSV line has {} fields where #fields declares {}; line skipped",
                               values.size(), field_names_.size()));
    return false;
  }
  record.path = path_;
  record.fields.resize(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    ZeekField& field = record.fields[i];
    field.name = field_names_[i];
    field.list = field_is_list_[i];
    field.set = values[i] != unset_field_;
    field.value.clear();
    field.items.clear();
    if (!field.set) continue;
    if (values[i] == empty_field_) continue;  // an empty string, set or vector
    if (!field.list) {
      field.value = Unescape(values[i]);
    } else {
      for (std::string_view item : Split(values[i], set_separator_)) field.items.push_back(Unescape(item));
    }
  }
  return true;
}

bool ZeekLogReader::ReadJson(std::string_view line, ZeekRecord& record) {
  simdjson::padded_string_view json(line.data(), line.size(), lines_.ReadableFrom(line.data()));
  simdjson::ondemand::document document;
  simdjson::ondemand::object object;
  simdjson::error_code error = parser_.iterate(json).get(document);
  if (!error) error = document.get_object().get(object);
  record.path.clear();
  if (!error) error = ReadJsonFields(object, record);
  if (!error && !document.current_location().error()) error = simdjson::TRAILING_CONTENT;
  if (!error) return true;
  errors_.Report(record.where,
                 fmt::format("invalid Zeek JSON ({}); line skipped", simdjson::error_message(error)));
  return false;
}

}  // namespace iochound
