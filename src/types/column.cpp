#include "types/column.h"

#include <stdexcept>

namespace iochound {

void Column::Reserve(size_t rows) {
  nulls_.reserve(rows);
  if (IsStoredAsInt(type_)) ints_.reserve(rows);
  else if (type_ == Type::Real || type_ == Type::Decimal) reals_.reserve(rows);
  else if (type_ == Type::String || type_ == Type::Guid) offsets_.reserve(rows + 1);
  else if (type_ == Type::Dynamic) dynamics_.reserve(rows);
}

Value Column::ValueAt(size_t row) const {
  if (IsNull(row)) return Value::Null(type_);
  switch (type_) {
    case Type::Real:
    case Type::Decimal: return Value::FromReal(type_, reals_[row]);
    case Type::String:
    case Type::Guid: return Value::FromString(type_, std::string(StringAt(row)));
    case Type::Dynamic: return Value::Dyn(dynamics_[row]);
    case Type::Null: return Value();
    default: return Value::FromInt(type_, ints_[row]);
  }
}

void Column::AppendNull() {
  // Kusto strings have no null: the empty string is what a missing string reads as.
  nulls_.push_back(type_ == Type::String ? 0 : 1);
  if (IsStoredAsInt(type_)) ints_.push_back(0);
  else if (type_ == Type::Real || type_ == Type::Decimal) reals_.push_back(0);
  else if (type_ == Type::String || type_ == Type::Guid) offsets_.push_back(static_cast<uint32_t>(chars_.size()));
  else if (type_ == Type::Dynamic) dynamics_.emplace_back();
}

void Column::AppendInt(int64_t v) {
  nulls_.push_back(0);
  ints_.push_back(type_ == Type::Int ? static_cast<int32_t>(v) : v);
}

void Column::AppendReal(double v) {
  nulls_.push_back(0);
  reals_.push_back(v);
}

void Column::AppendString(std::string_view v) {
  nulls_.push_back(0);
  chars_.append(v);
  if (chars_.size() > UINT32_MAX) throw std::length_error("string column exceeds 4 GiB in one batch");
  offsets_.push_back(static_cast<uint32_t>(chars_.size()));
}

void Column::AppendDynamic(Dynamic v) {
  nulls_.push_back(0);
  dynamics_.push_back(std::move(v));
}

void Column::Append(const Value& v) {
  if (v.is_null()) {
    AppendNull();
    return;
  }
  if (v.type() != type_) {
    throw std::logic_error("Column::Append: value of type " + std::string(TypeName(v.type())) +
                           " into a column of type " + std::string(TypeName(type_)));
  }
  switch (type_) {
    case Type::Real:
    case Type::Decimal: AppendReal(v.real_value()); break;
    case Type::String:
    case Type::Guid: AppendString(v.string_value()); break;
    case Type::Dynamic: AppendDynamic(v.dynamic_value()); break;
    case Type::Null: AppendNull(); break;
    default: AppendInt(v.int_value()); break;
  }
}

void Column::AppendFrom(const Column& other, size_t row) {
  if (other.IsNull(row)) {
    AppendNull();
    return;
  }
  switch (type_) {
    case Type::Real:
    case Type::Decimal: AppendReal(other.RealAt(row)); break;
    case Type::String:
    case Type::Guid: AppendString(other.StringAt(row)); break;
    case Type::Dynamic: AppendDynamic(other.DynamicAt(row)); break;
    case Type::Null: AppendNull(); break;
    default: AppendInt(other.IntAt(row)); break;
  }
}

std::shared_ptr<Column> Column::Gather(std::span<const uint32_t> rows) const {
  auto out = std::make_shared<Column>(type_);
  out->Reserve(rows.size());
  for (uint32_t r : rows) out->AppendFrom(*this, r);
  return out;
}

std::shared_ptr<Column> Column::Constant(Type type, const Value& v, size_t rows) {
  auto out = std::make_shared<Column>(type);
  out->Reserve(rows);
  for (size_t i = 0; i < rows; ++i) out->Append(v);
  return out;
}

}  // namespace iochound
