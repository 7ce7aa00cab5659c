// The data behind FindBuiltinSchema (normalizers/table_schemas.h): one constexpr array of columns per
// table, grouped by the Microsoft reference that documents the table. Internal to normalizers/.
#pragma once

#include <span>
#include <string_view>

#include "types/type.h"

namespace iochound::schemas {

struct ColumnSpec {
  std::string_view name;
  Type type;
};

struct TableSpec {
  std::string_view name;
  std::span<const ColumnSpec> columns;
};

inline constexpr Type kString = Type::String;
inline constexpr Type kInt = Type::Int;
inline constexpr Type kLong = Type::Long;
inline constexpr Type kReal = Type::Real;
inline constexpr Type kBool = Type::Bool;
inline constexpr Type kDateTime = Type::DateTime;
inline constexpr Type kDynamic = Type::Dynamic;
inline constexpr Type kGuid = Type::Guid;

// Log Analytics tables from the Azure Monitor Logs table reference, whose column tables are sorted by
// name; that order is kept, as a workspace's getschema order is not documented (DnsEvents, the first
// table, follows a workspace's getschema order).
std::span<const TableSpec> SentinelTables();

// Defender XDR advanced hunting tables, in the order of their advanced hunting reference (the order the
// Defender portal shows). Tables that Microsoft Sentinel also ingests end with the columns Sentinel's
// copy adds (TimeGenerated, TenantId, ...), so queries written for either product bind.
std::span<const TableSpec> DefenderTables();

}  // namespace iochound::schemas
