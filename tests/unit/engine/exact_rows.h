// Rows rendered exactly, for tests comparing what two ways of computing them give: reals by their
// bits (NaN, -0.0), strings as bytes, dynamic values with their kinds and member order, and each
// row's source.
#pragma once

#include <cstring>
#include <string>
#include <vector>

#include "types/column.h"

namespace iochound::testing {

inline std::string ExactBytes(std::string_view bytes) {
  return std::to_string(bytes.size()) + ":" + std::string(bytes);
}

inline std::string ExactReal(double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  return std::to_string(bits);
}

inline std::string ExactDynamic(const Dynamic& d) {
  std::string out = std::to_string(static_cast<int>(d.kind())) + "/";
  switch (d.kind()) {
    case Dynamic::Kind::Null:
      break;
    case Dynamic::Kind::Bool:
    case Dynamic::Kind::Long:
    case Dynamic::Kind::DateTime:
    case Dynamic::Kind::TimeSpan:
      out += std::to_string(d.int_value());
      break;
    case Dynamic::Kind::Real:
      out += ExactReal(d.real_value());
      break;
    case Dynamic::Kind::String:
    case Dynamic::Kind::Guid:
      out += ExactBytes(d.string_value());
      break;
    case Dynamic::Kind::Array:
      out += "[";
      for (const Dynamic& item : d.array()) out += ExactDynamic(item) + ",";
      out += "]";
      break;
    case Dynamic::Kind::Object:
      out += "{";
      for (const auto& [name, value] : d.object()) out += ExactBytes(name) + "=" + ExactDynamic(value) + ",";
      out += "}";
      break;
  }
  return out;
}

inline std::string ExactCell(const Column& column, size_t row) {
  std::string out = std::to_string(static_cast<int>(column.type())) + "/";
  if (column.IsNull(row)) return out + "null";
  switch (column.type()) {
    case Type::Null:
      return out;
    case Type::Real:
    case Type::Decimal:
      return out + ExactReal(column.RealAt(row));
    case Type::String:
    case Type::Guid:
      return out + ExactBytes(column.StringAt(row));
    case Type::Dynamic:
      return out + ExactDynamic(column.DynamicAt(row));
    default:
      return out + std::to_string(column.IntAt(row));
  }
}

// One string per row of `batches`: its cells, then its source ("-" when unknown or the batch has none).
inline std::vector<std::string> ExactRows(const std::vector<Batch>& batches) {
  std::vector<std::string> rows;
  for (const Batch& batch : batches) {
    for (size_t r = 0; r < batch.rows; ++r) {
      std::string row;
      for (const auto& column : batch.columns) row += ExactCell(*column, r) + " | ";
      std::optional<RowSource> source = batch.sources ? batch.sources->At(r) : std::nullopt;
      row += source ? ExactBytes(source->file) + "@" + std::to_string(source->offset) : "-";
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

}  // namespace iochound::testing
