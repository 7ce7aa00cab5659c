#include "normalizers/routing/row_sink.h"

#include <fmt/format.h>

#include "types/datetime.h"

namespace iochound {

TableRow::TableRow(RecordVisitor* visitor, const RecordLocation& where) : visitor_(visitor), where_(where) {
  if (visitor_) visitor_->BeginRecord(where);
}

TableRow::~TableRow() {
  if (visitor_ && !done_) visitor_->AbortRecord();
}

void TableRow::SetRaw(std::string_view column, RawValue value) {
  if (!visitor_) return;
  int slot = visitor_->FieldSlot(column, Type::Null, where_);
  if (slot != RecordVisitor::kSkip) visitor_->SetField(slot, value);
}

void TableRow::SetDynamic(std::string_view column, Dynamic value) {
  if (!visitor_) return;
  const Dynamic& kept = *kept_dynamic_.emplace_back(std::make_unique<Dynamic>(std::move(value)));
  RawValue raw{RawValue::Kind::kDynamic, {}};
  raw.dynamic = &kept;
  SetRaw(column, raw);
}

std::string_view TableRow::Keep(std::string text) {
  return kept_.emplace_back(std::move(text));
}

void TableRow::SetLong(std::string_view column, int64_t value) {
  if (visitor_) SetRaw(column, {RawValue::Kind::kNumber, Keep(fmt::format("{}", value))});
}

void TableRow::SetDouble(std::string_view column, double value) {
  if (visitor_) SetRaw(column, {RawValue::Kind::kNumber, Keep(fmt::format("{}", value))});
}

void TableRow::SetBool(std::string_view column, bool value) {
  SetRaw(column, {RawValue::Kind::kBool, value ? "true" : "false"});
}

void TableRow::SetDatetime(std::string_view column, int64_t ticks) {
  if (visitor_) SetRaw(column, {RawValue::Kind::kString, Keep(FormatDateTime(ticks))});
}

void TableRow::Commit() {
  if (!visitor_ || done_) return;
  visitor_->EndRecord();
  done_ = true;
}

}  // namespace iochound
