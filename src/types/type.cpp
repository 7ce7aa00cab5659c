#include "types/type.h"

#include <array>
#include <utility>

namespace iochound {

std::string_view TypeName(Type type) {
  switch (type) {
    case Type::Null: return "null";
    case Type::Bool: return "bool";
    case Type::Int: return "int";
    case Type::Long: return "long";
    case Type::Real: return "real";
    case Type::Decimal: return "decimal";
    case Type::String: return "string";
    case Type::DateTime: return "datetime";
    case Type::TimeSpan: return "timespan";
    case Type::Dynamic: return "dynamic";
    case Type::Guid: return "guid";
  }
  return "unknown";
}

std::optional<Type> ParseTypeName(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, Type>, 20> kNames{{
      {"bool", Type::Bool},         {"boolean", Type::Bool},     {"int", Type::Int},
      {"int32", Type::Int},         {"long", Type::Long},        {"int64", Type::Long},
      {"real", Type::Real},         {"double", Type::Real},      {"decimal", Type::Decimal},
      {"string", Type::String},     {"datetime", Type::DateTime}, {"date", Type::DateTime},
      {"timespan", Type::TimeSpan}, {"time", Type::TimeSpan},    {"dynamic", Type::Dynamic},
      {"guid", Type::Guid},         {"uuid", Type::Guid},        {"uniqueid", Type::Guid},
      {"float", Type::Real},        {"object", Type::Dynamic},
  }};
  for (const auto& [n, t] : kNames) {
    if (n == name) return t;
  }
  return std::nullopt;
}

int FindField(const Schema& schema, std::string_view name) {
  for (size_t i = 0; i < schema.size(); ++i) {
    if (schema[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace iochound
