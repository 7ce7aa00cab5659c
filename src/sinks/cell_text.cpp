#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cmath>
#include <stdexcept>

#include "sinks/sink_internal.h"
#include "types/datetime.h"

namespace iochound::sinks {

namespace {

// Non-null numbers, bools and dynamic values, which JSON writes unquoted (except non-finite reals).
void AppendUnquoted(std::string& out, const Column& column, size_t row) {
  switch (column.type()) {
    case Type::Bool:
      out += column.IntAt(row) != 0 ? "true" : "false";
      break;
    case Type::Int:
    case Type::Long:
      fmt::format_to(std::back_inserter(out), "{}", column.IntAt(row));
      break;
    case Type::Real:
    case Type::Decimal:
      AppendJsonReal(out, column.RealAt(row));
      break;
    case Type::Dynamic:
      out += column.DynamicAt(row).ToJson();
      break;
    default:
      out += "null";
      break;
  }
}

}  // namespace

void AppendJsonCell(std::string& out, const Column& column, size_t row) {
  if (column.IsNull(row)) {
    out += "null";
    return;
  }
  switch (column.type()) {
    case Type::String:
    case Type::Guid:
      AppendJsonString(out, column.StringAt(row));
      return;
    case Type::DateTime:
      AppendJsonString(out, FormatDateTime(column.IntAt(row), FractionDigits::kMinimal));
      return;
    case Type::TimeSpan:
      AppendJsonString(out, FormatTimeSpan(column.IntAt(row)));
      return;
    default:
      AppendUnquoted(out, column, row);
      return;
  }
}

void AppendTextCell(std::string& out, const Column& column, size_t row) {
  if (column.IsNull(row)) return;
  switch (column.type()) {
    case Type::String:
    case Type::Guid:
      AppendValidUtf8(out, column.StringAt(row));
      return;
    case Type::DateTime:
      out += FormatDateTime(column.IntAt(row), FractionDigits::kMinimal);
      return;
    case Type::TimeSpan:
      out += FormatTimeSpan(column.IntAt(row));
      return;
    case Type::Real:
    case Type::Decimal: {
      double v = column.RealAt(row);
      if (std::isnan(v))
        out += "NaN";
      else if (std::isinf(v))
        out += v > 0 ? "Infinity" : "-Infinity";
      else
        AppendJsonReal(out, v);
      return;
    }
    default:
      AppendUnquoted(out, column, row);
      return;
  }
}

void AppendValidUtf8(std::string& out, std::string_view s) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t length = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < length) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0)
      out += "\xEF\xBF\xBD";
    else
      out.append(s.data() + start, static_cast<size_t>(i - start));
  }
}

size_t DisplayWidth(std::string_view s) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t length = static_cast<int32_t>(s.size());
  size_t width = 0;
  int32_t i = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      ++width;
      continue;
    }
    int8_t category = u_charType(c);
    if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR) continue;
    int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    width += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
  }
  return width;
}

void WriteAll(std::FILE* out, std::string_view text) {
  if (text.empty()) return;
  if (std::fwrite(text.data(), 1, text.size(), out) != text.size()) {
    throw std::runtime_error("error writing query results");
  }
}

}  // namespace iochound::sinks
