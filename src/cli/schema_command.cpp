#include "cli/schema_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "common/suggest.h"
#include "normalizers/routing/raw_events.h"
#include "normalizers/routing/telemetry_format.h"
#include "normalizers/table_schemas.h"

namespace iochound {
namespace {

// The formats that can yield rows of `table`; formats that route by content (exports naming their
// table) are listed as "any export naming it".
std::string FeedingFormats(std::string_view table) {
  std::string dedicated;
  std::string generic;
  for (const TelemetryFormat& format : TelemetryFormats()) {
    bool feeds = table == kRawEventsTable ||
                 std::find(format.tables.begin(), format.tables.end(), table) != format.tables.end();
    std::string& list = format.tables.empty() ? generic : dedicated;
    if (feeds || format.tables.empty()) list += fmt::format("{}{}", list.empty() ? "" : ", ", format.name);
  }
  if (table == kRawEventsTable)
    return "records no table takes, from " + dedicated + (generic.empty() ? "" : ", " + generic);
  if (dedicated.empty()) return generic;
  return dedicated + (generic.empty() ? "" : ", " + generic);
}

const Schema* SchemaOf(std::string_view table) {
  if (table == kRawEventsTable) return &RawEventsSchema();
  return FindBuiltinSchema(table);
}

std::vector<std::string> TableNames() {
  std::vector<std::string> names;
  for (std::string_view name : BuiltinTableNames()) names.emplace_back(name);
  names.emplace_back(kRawEventsTable);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

std::unique_ptr<SchemaCommand> RegisterSchemaCommand(CLI::App& app) {
  auto command = std::make_unique<SchemaCommand>();
  command->schema_ = app.add_subcommand(
      "schema",
      "List the tables queries can name (or one table's columns and types) and the formats feeding them");
  command->schema_->add_option("TABLE", command->table_, "a table: print its columns, types and sources");
  command->schema_->add_flag("--formats", command->formats_, "list the input formats --input detects");
  return command;
}

int SchemaCommand::Run() const {
  if (formats_) {
    for (const TelemetryFormat& format : TelemetryFormats()) {
      std::string tables;
      for (std::string_view table : format.tables)
        tables += fmt::format("{}{}", tables.empty() ? "" : ", ", table);
      fmt::print("{}\n  {}\n  tables: {}\n", format.name, format.description,
                 tables.empty() ? "the table each record names, or the one its columns match" : tables);
    }
    return 0;
  }
  if (table_.empty()) {
    for (const std::string& name : TableNames()) {
      fmt::print("{} ({} columns): {}\n", name, SchemaOf(name)->size(), FeedingFormats(name));
    }
    return 0;
  }
  const Schema* schema = SchemaOf(table_);
  if (schema == nullptr) {
    throw std::invalid_argument(
        fmt::format("schema: no table '{}'{}", table_, DidYouMean(table_, TableNames())));
  }
  fmt::print("{}\n  fed by: {}\n", table_, FeedingFormats(table_));
  for (const Field& field : *schema) fmt::print("  {} {}\n", field.name, TypeName(field.type));
  return 0;
}

}  // namespace iochound
