// Kusto's scalar types, the vocabulary every stage of the pipeline shares.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iochound {

// The ten Kusto scalar types. Null is the type of an untyped null literal only; every column has
// one of the others.
enum class Type : uint8_t { Null, Bool, Int, Long, Real, Decimal, String, DateTime, TimeSpan, Dynamic, Guid };

// Kusto's canonical name: "bool", "int", "long", "real", "decimal", "string", "datetime", "timespan",
// "dynamic", "guid" ("null" for Type::Null).
std::string_view TypeName(Type type);

// Parses a type name as Kusto accepts it in schemas and casts, including the aliases
// (boolean, int32, int64, double, date, time, uniqueid, ...). Case-sensitive, as Kusto is.
std::optional<Type> ParseTypeName(std::string_view name);

inline bool IsNumeric(Type t) { return t == Type::Int || t == Type::Long || t == Type::Real || t == Type::Decimal; }

// Types stored as int64_t in a Column: ticks for datetime and timespan, 0/1 for bool.
inline bool IsStoredAsInt(Type t) {
  return t == Type::Bool || t == Type::Int || t == Type::Long || t == Type::DateTime || t == Type::TimeSpan;
}

// A named, typed column of a table or of an operator's output.
struct Field {
  std::string name;
  Type type;
};
using Schema = std::vector<Field>;

// Index of the column named `name` (exact, case-sensitive, as Kusto), or -1.
int FindField(const Schema& schema, std::string_view name);

}  // namespace iochound
