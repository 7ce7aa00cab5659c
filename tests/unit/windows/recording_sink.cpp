#include "recording_sink.h"

#include "normalizers/table_schemas.h"
#include "normalizers/value_conversion.h"
#include "types/column.h"

namespace iochound::windows_testing {

RecordVisitor* RecordingSink::BeginRow(std::string_view table, const RecordLocation&) {
  if (open_) problems_.push_back("row of " + table_ + " still open when " + std::string(table) + " began");
  table_ = table;
  if (!FindBuiltinSchema(table_)) problems_.push_back("no built-in table " + table_);
  return this;
}

void RecordingSink::Unmapped(const RecordLocation&, std::string_view reason, int64_t, std::string_view) {
  unmapped_.emplace_back(reason);
}

int RecordingSink::FieldSlot(std::string_view name, Type, const RecordLocation&) {
  slot_names_.emplace_back(name);
  return static_cast<int>(slot_names_.size() - 1);
}

void RecordingSink::BeginRecord(const RecordLocation&) {
  open_ = true;
  row_.clear();
}

void RecordingSink::SetField(int slot, const RawValue& value) {
  const std::string& name = slot_names_[slot];
  std::string text =
      value.kind == RawValue::Kind::kDynamic ? value.dynamic->ToJson() : std::string(value.text);
  const Schema* schema = FindBuiltinSchema(table_);
  int index = schema ? FindField(*schema, name) : -1;
  if (index < 0) {
    extra_columns_.insert(table_ + "." + name);
    row_[name] = text;
    return;
  }
  Column column((*schema)[index].type);
  if (!AppendConverted(column, value)) {
    problems_.push_back(table_ + "." + name + ": '" + text + "' does not convert");
  }
  if (row_.count(name)) problems_.push_back(table_ + "." + name + " set twice");
  row_[name] = text;
}

void RecordingSink::EndRecord() {
  tables_[table_].push_back(row_);
  open_ = false;
}

void RecordingSink::AbortRecord() {
  open_ = false;
}

}  // namespace iochound::windows_testing
