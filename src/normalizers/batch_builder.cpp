#include "normalizers/batch_builder.h"

#include <fmt/format.h>

#include <algorithm>

#include "normalizers/value_conversion.h"

namespace iochound {
namespace {

constexpr size_t kMaxQuotedChars = 120;

std::string Quoted(std::string_view text) {
  if (text.size() <= kMaxQuotedChars) return fmt::format("'{}'", text);
  return fmt::format("'{}...' ({} bytes)", text.substr(0, kMaxQuotedChars), text.size());
}

}  // namespace

BatchBuilder::BatchBuilder(const Schema& schema, const std::vector<int>& columns, DataErrors& errors,
                           UnknownFields& unknown)
    : schema_(schema), errors_(errors), unknown_(unknown), schema_slot_(schema.size(), kSkip) {
  for (int field : columns) {
    int& slot = schema_slot_.at(static_cast<size_t>(field));
    if (slot == kSkip) {
      slot = static_cast<int>(slot_field_.size());
      slot_field_.push_back(field);
    }
    output_slot_.push_back(slot);
  }
  staged_.resize(slot_field_.size());
  present_.resize(slot_field_.size());
  ResetColumns();
}

void BatchBuilder::ResetColumns() {
  columns_.clear();
  for (int field : slot_field_) {
    auto column = std::make_shared<Column>(schema_[static_cast<size_t>(field)].type);
    column->Reserve(kBatchRows);
    columns_.push_back(std::move(column));
  }
  sources_ = std::make_shared<RowSources>();
  rows_ = 0;
}

int BatchBuilder::FieldSlot(std::string_view name, Type, const RecordLocation& where) {
  int field = FindField(schema_, name);
  if (field < 0) {
    unknown_.Report(name, where);
    return kSkip;
  }
  return schema_slot_[static_cast<size_t>(field)];
}

void BatchBuilder::BeginRecord(const RecordLocation& where) {
  where_ = where;
  std::fill(present_.begin(), present_.end(), 0);
}

void BatchBuilder::SetField(int slot, const RawValue& value) {
  staged_[static_cast<size_t>(slot)] = value;
  present_[static_cast<size_t>(slot)] = 1;
}

void BatchBuilder::EndRecord() {
  for (size_t slot = 0; slot < columns_.size(); ++slot) {
    Column& column = *columns_[slot];
    if (!present_[slot]) {
      column.AppendNull();
    } else if (!AppendConverted(column, staged_[slot])) {
      const Field& field = schema_[static_cast<size_t>(slot_field_[slot])];
      errors_.Report(where_, fmt::format("column '{}': cannot convert {} to {}; the value is null",
                                         field.name, Quoted(staged_[slot].text), TypeName(field.type)));
    }
  }
  sources_->Append(where_.file, where_.offset);
  ++rows_;
}

Batch BatchBuilder::Take() {
  Batch batch;
  batch.rows = rows_;
  for (int slot : output_slot_) batch.columns.push_back(columns_[static_cast<size_t>(slot)]);
  batch.sources = std::move(sources_);
  ResetColumns();
  return batch;
}

}  // namespace iochound
