#include "decoders/api_response_decoder.h"

#include <fmt/format.h>

#include "decoders/json_fields.h"

namespace iochound {

ApiResponseDecoder::ApiResponseDecoder(std::unique_ptr<InputBuffer> input, std::string name,
                                       DataErrors& errors)
    : input_(std::move(input)), name_(std::move(name)), errors_(errors), lines_(name_, input_->data()) {
  if (auto error = Open()) {
    Stop(lines_.At(input_->data().data()),
         fmt::format("not a readable query API response ({})", simdjson::error_message(error)));
  }
}

simdjson::error_code ApiResponseDecoder::Open() {
  std::string_view text = input_->data();
  simdjson::padded_string_view json(text.data(), text.size(), input_->ReadableFrom(text.data()));
  if (auto error = parser_.iterate(json).get(document_)) return error;
  // On-demand parsing reads forward only: one pass finds the table, a second (after rewind) reads it.
  size_t chosen = 0;
  size_t index = 0;
  simdjson::ondemand::array tables;
  if (auto error = document_["tables"].get_array().get(tables)) return error;
  for (auto table : tables) {
    std::string_view table_name;
    if (!table["name"].get_string().get(table_name) && table_name == "PrimaryResult") {
      chosen = index;
      break;
    }
    ++index;
  }
  document_.rewind();
  if (auto error = document_["tables"].get_array().get(tables)) return error;
  index = 0;
  for (auto table_result : tables) {
    if (index++ != chosen) continue;
    simdjson::ondemand::object table;
    if (auto error = table_result.get_object().get(table)) return error;
    if (auto error = ReadColumns(table)) return error;
    if (auto error = table.find_field_unordered("rows").get_array().get(rows_)) return error;
    if (auto error = rows_.begin().get(next_)) return error;
    return rows_.end().get(end_);
  }
  return simdjson::NO_SUCH_FIELD;  // "tables" is empty
}

simdjson::error_code ApiResponseDecoder::ReadColumns(simdjson::ondemand::object table) {
  simdjson::ondemand::array columns;
  if (auto error = table.find_field_unordered("columns").get_array().get(columns)) return error;
  for (auto column_result : columns) {
    simdjson::ondemand::object column;
    if (auto error = column_result.get_object().get(column)) return error;
    std::string_view column_name;
    std::string_view type_name;
    if (auto error = column.find_field_unordered("name").get_string().get(column_name)) return error;
    // The API names types as Kusto does ("datetime", "int", ...); older responses use .NET-style
    // names ("DateTime", "Int32") that ParseTypeName may not know: those columns are inferred.
    Type declared = Type::Null;
    if (!column.find_field_unordered("type").get_string().get(type_name)) {
      declared = ParseTypeName(type_name).value_or(Type::Null);
    }
    columns_.push_back(ColumnInfo{std::string(column_name), declared});
  }
  return simdjson::SUCCESS;
}

void ApiResponseDecoder::Stop(const RecordLocation& where, std::string_view what) {
  errors_.Report(where, fmt::format("{}; the rest of the file is skipped", what));
  done_ = true;
}

simdjson::error_code ApiResponseDecoder::ReadRow(simdjson::ondemand::array row, RecordVisitor& visitor,
                                                 const RecordLocation& where) {
  size_t index = 0;
  for (auto value_result : row) {
    simdjson::ondemand::value value;
    if (auto error = value_result.get(value)) return error;
    if (index < slots_.size() && slots_[index] != RecordVisitor::kSkip) {
      RawValue raw;
      if (auto error = ReadRawValue(value, raw)) return error;
      visitor.SetField(slots_[index], raw);
    }
    ++index;
  }
  if (index != columns_.size()) {
    errors_.Report(
        where,
        fmt::format("row has {} values but the response declares {} columns{}", index, columns_.size(),
                    index < columns_.size() ? "; missing values are null" : "; extra values are not kept"));
  }
  return simdjson::SUCCESS;
}

bool ApiResponseDecoder::Next(RecordVisitor& visitor) {
  if (!bound_ && !done_) {
    RecordLocation header = lines_.At(input_->data().data());
    for (const ColumnInfo& column : columns_)
      slots_.push_back(visitor.FieldSlot(column.name, column.declared, header));
    bound_ = true;
  }
  while (!done_ && next_ != end_) {
    simdjson::ondemand::value element;
    simdjson::error_code error = (*next_).get(element);
    const char* at = nullptr;
    if (!error) error = element.current_location().get(at);
    RecordLocation where = lines_.At(at ? at : input_->data().data());
    simdjson::ondemand::array row;
    if (!error) error = element.get_array().get(row);
    if (error == simdjson::INCORRECT_TYPE) {
      errors_.Report(where, "row is not a JSON array; skipped");
      ++next_;
      continue;
    }
    if (error) {
      Stop(where, fmt::format("invalid JSON ({})", simdjson::error_message(error)));
      return false;
    }
    visitor.BeginRecord(where);
    if ((error = ReadRow(row, visitor, where))) {
      visitor.AbortRecord();
      Stop(where, fmt::format("invalid JSON ({})", simdjson::error_message(error)));
      return false;
    }
    visitor.EndRecord();
    ++next_;
    return true;
  }
  return false;
}

}  // namespace iochound
