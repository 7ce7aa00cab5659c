// to*() conversions, parse_json/todynamic, gettype and dynamic_to_json.
#include <algorithm>

#include "engine/function/function_internal.h"

namespace iochound::fn {
namespace {

ScalarFunction Converter(std::string name, Type target) {
  return Simple(std::move(name), 1, 1, target,
                [target](Vals v, const EvalContext&) { return ConvertTo(target, v[0]); });
}

// Invalid JSON text becomes a dynamic string holding the text, as Kusto's parse_json does.
Value ParseJsonValue(const Value& v) {
  if (IsNullish(v)) return Value::Null(Type::Dynamic);
  if (v.type() == Type::Dynamic) return v;
  if (v.type() != Type::String) return Value::Dyn(ToDynamic(v));
  std::optional<Dynamic> parsed = Dynamic::ParseJson(v.string_value());
  if (!parsed) return Value::Dyn(Dynamic::MakeString(v.string_value()));
  return parsed->is_null() ? Value::Null(Type::Dynamic) : Value::Dyn(std::move(*parsed));
}

std::string_view DynamicTypeName(const Dynamic& d) {
  switch (d.kind()) {
    case Dynamic::Kind::Null:
      return "null";
    case Dynamic::Kind::Bool:
      return "bool";
    case Dynamic::Kind::Long:
      return "long";
    case Dynamic::Kind::Real:
      return "double";
    case Dynamic::Kind::String:
      return "string";
    case Dynamic::Kind::DateTime:
      return "datetime";
    case Dynamic::Kind::TimeSpan:
      return "timespan";
    case Dynamic::Kind::Guid:
      return "guid";
    case Dynamic::Kind::Array:
      return "array";
    case Dynamic::Kind::Object:
      return "dictionary";
  }
  return "null";
}

// dynamic_to_json renders bags with their keys sorted, unlike tostring() which keeps insertion order.
Dynamic SortKeys(const Dynamic& d) {
  if (d.kind() == Dynamic::Kind::Array) {
    Dynamic::Array items;
    for (const Dynamic& x : d.array()) items.push_back(SortKeys(x));
    return Dynamic::MakeArray(std::move(items));
  }
  if (d.kind() != Dynamic::Kind::Object) return d;
  Dynamic::Object members;
  for (const auto& [k, x] : d.object()) members.emplace_back(k, SortKeys(x));
  std::stable_sort(members.begin(), members.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  return Dynamic::MakeObject(std::move(members));
}

}  // namespace

void RegisterConversionFunctions(Registry& r) {
  r.Add(Converter("tostring", Type::String));
  r.Add(Converter("toint", Type::Int));
  r.Add(Converter("tolong", Type::Long));
  r.Add(Converter("todouble", Type::Real));
  r.Alias("toreal", "todouble");
  r.Add(Converter("todecimal", Type::Decimal));
  r.Add(Converter("tobool", Type::Bool));
  r.Alias("toboolean", "tobool");
  r.Add(Converter("todatetime", Type::DateTime));
  r.Add(Converter("totimespan", Type::TimeSpan));
  r.Alias("totime", "totimespan");
  r.Add(Converter("toguid", Type::Guid));
  r.Add(Simple("parse_json", 1, 1, Type::Dynamic,
               [](Vals v, const EvalContext&) { return ParseJsonValue(v[0]); }));
  r.Alias("todynamic", "parse_json");
  r.Alias("toobject", "parse_json");
  r.Alias("parsejson", "parse_json");
  r.Add(Simple("gettype", 1, 1, Type::String, [](Vals v, const EvalContext&) {
    if (v[0].type() == Type::Dynamic) {
      return Value::String(std::string(DynamicTypeName(v[0].is_null() ? Dynamic() : v[0].dynamic_value())));
    }
    return Value::String(std::string(TypeName(v[0].type())));
  }));
  r.Add(Simple("dynamic_to_json", 1, 1, Type::String,
               [](Vals v, const EvalContext&) { return Value::String(SortKeys(ToDynamic(v[0])).ToJson()); }));
}

}  // namespace iochound::fn
