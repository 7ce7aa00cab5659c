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

// Whether Microsoft Sentinel also ingests a Defender table: its copy ends with kSentinelCopyColumns.
enum class Copy : bool { kDefenderOnly, kSentinel };
inline constexpr Copy kSentinelCopy = Copy::kSentinel;

struct TableSpec {
  std::string_view name;
  std::span<const ColumnSpec> columns;
  Copy copy = Copy::kDefenderOnly;
};

inline constexpr Type kString = Type::String;
inline constexpr Type kInt = Type::Int;
inline constexpr Type kLong = Type::Long;
inline constexpr Type kReal = Type::Real;
inline constexpr Type kBool = Type::Bool;
inline constexpr Type kDateTime = Type::DateTime;
inline constexpr Type kDynamic = Type::Dynamic;
inline constexpr Type kGuid = Type::Guid;

// The columns Sentinel's copy of a Defender table adds after Defender's own (for example
// https://learn.microsoft.com/azure/azure-monitor/reference/tables/deviceprocessevents).
inline constexpr ColumnSpec kSentinelCopyColumns[] = {
    {"SourceSystem", kString}, {"TenantId", kString},  {"TimeGenerated", kDateTime},
    {"Type", kString},         {"_BilledSize", kReal}, {"_IsBillable", kString},
};

// Log Analytics tables from the Azure Monitor Logs table reference, whose column tables are sorted by
// name; that order is kept, as a workspace's getschema order is not documented (DnsEvents, the first
// table, follows a workspace's getschema order).
std::span<const TableSpec> SentinelTables();

// Defender XDR advanced hunting tables, in the order of their advanced hunting reference (the order the
// Defender portal shows). Tables that Microsoft Sentinel also ingests are marked kSentinelCopy and get
// kSentinelCopyColumns (TimeGenerated, TenantId, ...) after their own, so queries written for either
// product bind.
std::span<const TableSpec> DefenderTables();

}  // namespace iochound::schemas
