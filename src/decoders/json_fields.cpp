#include "decoders/json_fields.h"

namespace iochound {

simdjson::error_code ReadRawValue(simdjson::ondemand::value value, RawValue& out) {
  using simdjson::ondemand::json_type;
  json_type type;
  if (auto error = value.type().get(type)) return error;
  switch (type) {
    case json_type::object: {
      simdjson::ondemand::object object;
      if (auto error = value.get_object().get(object)) return error;
      out.kind = RawValue::Kind::kJson;
      return object.raw_json().get(out.text);
    }
    case json_type::array: {
      simdjson::ondemand::array array;
      if (auto error = value.get_array().get(array)) return error;
      out.kind = RawValue::Kind::kJson;
      return array.raw_json().get(out.text);
    }
    case json_type::string:
      out.kind = RawValue::Kind::kString;
      return value.get_string().get(out.text);
    case json_type::number: {
      out.kind = RawValue::Kind::kNumber;
      // The literal is kept (not the parsed double) so integers keep all 64 bits and a number can
      // land in a string column as written.
      std::string_view token = value.raw_json_token();
      while (!token.empty() &&
             (token.back() == ' ' || token.back() == '\t' || token.back() == '\n' || token.back() == '\r')) {
        token.remove_suffix(1);
      }
      out.text = token;
      return simdjson::SUCCESS;
    }
    case json_type::boolean: {
      bool b;
      if (auto error = value.get_bool().get(b)) return error;
      out.kind = RawValue::Kind::kBool;
      out.text = b ? "true" : "false";
      return simdjson::SUCCESS;
    }
    case json_type::null: {
      bool is_null = false;
      if (auto error = value.is_null().get(is_null)) return error;
      out.kind = RawValue::Kind::kNull;
      out.text = {};
      return is_null ? simdjson::SUCCESS : simdjson::INCORRECT_TYPE;
    }
  }
  return simdjson::INCORRECT_TYPE;
}

simdjson::error_code JsonFieldReader::Read(simdjson::ondemand::object object, RecordVisitor& visitor,
                                           const RecordLocation& where) {
  size_t position = 0;
  for (auto field_result : object) {
    simdjson::ondemand::field field;
    if (auto error = std::move(field_result).get(field)) return error;
    std::string_view key;
    if (auto error = field.unescaped_key().get(key)) return error;
    int slot;
    if (position < keys_.size() && keys_[position].first == key) {
      slot = keys_[position].second;
    } else {
      slot = visitor.FieldSlot(key, Type::Null, where);
      if (position < keys_.size()) {
        keys_[position] = {std::string(key), slot};
      } else {
        keys_.emplace_back(std::string(key), slot);
      }
    }
    ++position;
    if (slot == RecordVisitor::kSkip) continue;
    RawValue value;
    if (auto error = ReadRawValue(field.value(), value)) return error;
    visitor.SetField(slot, value);
  }
  return simdjson::SUCCESS;
}

}  // namespace iochound
