#include "normalizers/table_schemas.h"

#include <map>
#include <span>
#include <string>

namespace iochound {
namespace {

struct ColumnSpec {
  std::string_view name;
  Type type;
};

struct TableSpec {
  std::string_view name;
  std::span<const ColumnSpec> columns;
};

constexpr Type kString = Type::String;

// One definition per table: Microsoft's table reference for the column set and types, in the order
// a workspace's getschema lists them (the order query results show). Add a table by adding an array
// and a line in kTables.

// https://learn.microsoft.com/azure/azure-monitor/reference/tables/dnsevents, plus TenantId, the
// standard column every workspace table has.
constexpr ColumnSpec kDnsEvents[] = {
    {"TenantId", kString},
    {"SourceSystem", kString},
    {"TimeGenerated", Type::DateTime},
    {"Computer", kString},
    {"EventId", Type::Int},
    {"SubType", kString},
    {"ClientIP", kString},
    {"Message", kString},
    {"Name", kString},
    {"QueryType", kString},
    {"IPAddresses", kString},
    {"Result", kString},
    {"ResultCode", Type::Int},
    {"TaskCategory", kString},
    {"Confidence", kString},
    {"Severity", Type::Int},
    {"IndicatorThreatType", kString},
    {"RemoteIPLongitude", Type::Real},
    {"RemoteIPLatitude", Type::Real},
    {"RemoteIPCountry", kString},
    {"MaliciousIP", kString},
    {"Description", kString},
    {"_ResourceId", kString},
    {"Type", kString},
    {"_SubscriptionId", kString},
    {"_BilledSize", Type::Real},
    {"_IsBillable", kString},
};

constexpr TableSpec kTables[] = {
    {"DnsEvents", kDnsEvents},
};

// Built once, on first use: the specs stay constexpr data, the engine gets ordinary Schemas.
const std::map<std::string, Schema, std::less<>>& Schemas() {
  static const auto* schemas = [] {
    auto* map = new std::map<std::string, Schema, std::less<>>;
    for (const TableSpec& table : kTables) {
      Schema& schema = (*map)[std::string(table.name)];
      for (const ColumnSpec& column : table.columns)
        schema.push_back(Field{std::string(column.name), column.type});
    }
    return map;
  }();
  return *schemas;
}

}  // namespace

const Schema* FindBuiltinSchema(std::string_view table) {
  const auto& schemas = Schemas();
  auto it = schemas.find(table);
  return it == schemas.end() ? nullptr : &it->second;
}

std::vector<std::string_view> BuiltinTableNames() {
  std::vector<std::string_view> names;
  for (const auto& [name, schema] : Schemas()) names.push_back(name);
  return names;
}

bool IsHiddenStandardColumn(std::string_view column) {
  return column == "_BilledSize" || column == "_IsBillable" || column == "_SubscriptionId";
}

}  // namespace iochound
