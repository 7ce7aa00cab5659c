// Runs a query over in-memory tables and returns its rows rendered as text, for engine tests.
#pragma once

#include <string>
#include <vector>

#include "engine/catalog.h"
#include "engine/engine.h"
#include "types/datetime.h"

namespace iochound::testing {

struct QueryOutput {
  Schema schema;
  std::vector<std::vector<std::string>> rows;  // nulls as "null", datetimes ISO with minimal fraction
};

inline std::string RenderCell(const Column& column, size_t row) {
  if (column.IsNull(row)) return "null";
  switch (column.type()) {
    case Type::Bool: return column.IntAt(row) ? "true" : "false";
    case Type::Real:
    case Type::Decimal: {
      std::string s = std::to_string(column.RealAt(row));
      return s;
    }
    case Type::String:
    case Type::Guid: return std::string(column.StringAt(row));
    case Type::DateTime: return FormatDateTime(column.IntAt(row), FractionDigits::kMinimal);
    case Type::TimeSpan: return FormatTimeSpan(column.IntAt(row));
    case Type::Dynamic: return column.DynamicAt(row).ToJson();
    default: return std::to_string(column.IntAt(row));
  }
}

inline QueryOutput RunQuery(const std::string& text, const Catalog& catalog = Catalog()) {
  QueryOptions options;
  options.now_ticks = 1'000'000'000'000'000;
  auto query = Prepare(text, catalog, options);
  QueryOutput output;
  output.schema = query->schema();
  auto stream = query->Execute();
  while (auto batch = stream->Next()) {
    for (size_t r = 0; r < batch->rows; ++r) {
      auto& row = output.rows.emplace_back();
      for (const auto& column : batch->columns) row.push_back(RenderCell(*column, r));
    }
  }
  return output;
}

// The values of one column, in output order.
inline std::vector<std::string> ColumnValues(const QueryOutput& output, size_t column) {
  std::vector<std::string> values;
  for (const auto& row : output.rows) values.push_back(row.at(column));
  return values;
}

}  // namespace iochound::testing
