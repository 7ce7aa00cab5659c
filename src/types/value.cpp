#include "types/value.h"

namespace iochound {

Dynamic ToDynamic(const Value& v) {
  if (v.is_null()) return Dynamic();
  switch (v.type()) {
    case Type::Null:
      return Dynamic();
    case Type::Bool:
      return Dynamic::MakeBool(v.bool_value());
    case Type::Int:
    case Type::Long:
      return Dynamic::MakeLong(v.int_value());
    case Type::Real:
    case Type::Decimal:
      return Dynamic::MakeReal(v.real_value());
    case Type::String:
      return Dynamic::MakeString(v.string_value());
    case Type::Guid:
      return Dynamic::MakeGuid(v.string_value());
    case Type::DateTime:
      return Dynamic::MakeDateTime(v.int_value());
    case Type::TimeSpan:
      return Dynamic::MakeTimeSpan(v.int_value());
    case Type::Dynamic:
      return v.dynamic_value();
  }
  return Dynamic();
}

Value FromDynamic(const Dynamic& d) {
  switch (d.kind()) {
    case Dynamic::Kind::Null:
      return Value();
    case Dynamic::Kind::Bool:
      return Value::Bool(d.bool_value());
    case Dynamic::Kind::Long:
      return Value::Long(d.int_value());
    case Dynamic::Kind::Real:
      return Value::Real(d.real_value());
    case Dynamic::Kind::String:
      return Value::String(d.string_value());
    case Dynamic::Kind::Guid:
      return Value::Guid(d.string_value());
    case Dynamic::Kind::DateTime:
      return Value::DateTime(d.int_value());
    case Dynamic::Kind::TimeSpan:
      return Value::TimeSpan(d.int_value());
    case Dynamic::Kind::Array:
    case Dynamic::Kind::Object:
      return Value::Dyn(d);
  }
  return Value();
}

}  // namespace iochound
