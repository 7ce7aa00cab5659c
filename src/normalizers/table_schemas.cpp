#include "normalizers/table_schemas.h"

#include <map>
#include <string>

#include "normalizers/schemas/table_specs.h"

namespace iochound {
namespace {

// Built once, on first use: the specs stay constexpr data (normalizers/schemas/), the engine gets
// ordinary Schemas. Add a table by adding an array and a line in its group's kTables.
const std::map<std::string, Schema, std::less<>>& Schemas() {
  static const auto* built = [] {
    auto* map = new std::map<std::string, Schema, std::less<>>;
    for (auto group : {schemas::SentinelTables(), schemas::DefenderTables()}) {
      for (const schemas::TableSpec& table : group) {
        Schema& schema = (*map)[std::string(table.name)];
        for (const schemas::ColumnSpec& column : table.columns)
          schema.push_back(Field{std::string(column.name), column.type});
        if (table.copy == schemas::Copy::kSentinel) {
          for (const schemas::ColumnSpec& column : schemas::kSentinelCopyColumns)
            schema.push_back(Field{std::string(column.name), column.type});
        }
      }
    }
    return map;
  }();
  return *built;
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
