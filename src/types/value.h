// A single typed Kusto value, possibly null: the row-at-a-time currency of literals, aggregate
// states, sort keys and the scalar function library. Bulk data lives in Column.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "types/dynamic.h"
#include "types/type.h"

namespace iochound {

class Value {
 public:
  Value() = default;  // untyped null
  static Value Null(Type type) { Value v; v.type_ = type; return v; }
  static Value Bool(bool b) { return FromInt(Type::Bool, b ? 1 : 0); }
  static Value Int(int64_t i) { return FromInt(Type::Int, static_cast<int32_t>(i)); }
  static Value Long(int64_t i) { return FromInt(Type::Long, i); }
  static Value DateTime(int64_t ticks) { return FromInt(Type::DateTime, ticks); }
  static Value TimeSpan(int64_t ticks) { return FromInt(Type::TimeSpan, ticks); }
  static Value Real(double d) { return FromReal(Type::Real, d); }
  static Value Decimal(double d) { return FromReal(Type::Decimal, d); }
  static Value String(std::string s) { return FromString(Type::String, std::move(s)); }
  static Value Guid(std::string canonical) { return FromString(Type::Guid, std::move(canonical)); }
  static Value Dyn(Dynamic d) {
    Value v;
    v.type_ = Type::Dynamic;
    v.null_ = false;
    v.dynamic_ = std::move(d);
    return v;
  }
  static Value FromInt(Type type, int64_t i) {
    Value v;
    v.type_ = type;
    v.null_ = false;
    v.int_ = i;
    return v;
  }
  static Value FromReal(Type type, double d) {
    Value v;
    v.type_ = type;
    v.null_ = false;
    v.real_ = d;
    return v;
  }
  static Value FromString(Type type, std::string s) {
    Value v;
    v.type_ = type;
    v.null_ = false;
    v.string_ = std::move(s);
    return v;
  }

  Type type() const { return type_; }
  // Kusto strings are never null: an empty string stands for a missing one. Dynamic nulls are
  // represented as a non-null Value holding a null Dynamic only when they come from inside a bag.
  bool is_null() const { return null_; }
  bool bool_value() const { return int_ != 0; }
  int64_t int_value() const { return int_; }  // Bool, Int, Long, DateTime, TimeSpan
  double real_value() const { return real_; }  // Real, Decimal
  const std::string& string_value() const { return string_; }  // String, Guid
  const Dynamic& dynamic_value() const { return dynamic_; }

 private:
  Type type_ = Type::Null;
  bool null_ = true;
  int64_t int_ = 0;
  double real_ = 0;
  std::string string_;
  Dynamic dynamic_;
};

// Value <-> Dynamic, as dynamic literals, pack() and make_list() store scalars and as to*() and
// `in`/`has_any` lists read dynamic elements.
Dynamic ToDynamic(const Value& v);
Value FromDynamic(const Dynamic& d);  // scalar kinds to their Kusto type; arrays/objects stay dynamic

}  // namespace iochound
