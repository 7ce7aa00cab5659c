#include "normalizers/value_conversion.h"

#include <charconv>
#include <cstdint>

#include "normalizers/export_datetime.h"
#include "types/datetime.h"
#include "types/dynamic.h"

namespace iochound {
namespace {

std::string_view Trim(std::string_view s) {
  size_t begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  size_t end = s.find_last_not_of(" \t\r\n");
  return s.substr(begin, end - begin + 1);
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    if (x != b[i]) return false;
  }
  return true;
}

template <typename T>
bool ParseWhole(std::string_view text, T& out) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end;
}

bool LooksLikeJsonContainer(std::string_view text) {
  return text.size() >= 2 &&
         ((text.front() == '{' && text.back() == '}') || (text.front() == '[' && text.back() == ']'));
}

bool AppendDynamic(Column& column, const RawValue& value, std::string_view text) {
  switch (value.kind) {
    case RawValue::Kind::kBool:
      column.AppendDynamic(Dynamic::MakeBool(text == "true"));
      return true;
    case RawValue::Kind::kString:
      if (LooksLikeJsonContainer(text)) {
        if (auto parsed = Dynamic::ParseJson(text)) {
          column.AppendDynamic(std::move(*parsed));
          return true;
        }
      }
      column.AppendDynamic(Dynamic::MakeString(std::string(value.text)));
      return true;
    default:
      if (auto parsed = Dynamic::ParseJson(text)) {
        column.AppendDynamic(std::move(*parsed));
        return true;
      }
      column.AppendNull();
      return false;
  }
}

void AppendString(Column& column, const RawValue& value) {
  if (value.kind == RawValue::Kind::kJson) {
    // Compact, as Kusto renders a dynamic value converted to string.
    if (auto parsed = Dynamic::ParseJson(value.text)) {
      column.AppendString(parsed->ToJson());
      return;
    }
  }
  column.AppendString(value.text);
}

}  // namespace

bool IsGuidText(std::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (dash ? c != '-' : !hex) return false;
  }
  return true;
}

bool AppendConverted(Column& column, const RawValue& value) {
  Type type = column.type();
  if (value.kind == RawValue::Kind::kDynamic) {
    if (type == Type::Dynamic) {
      column.AppendDynamic(*value.dynamic);
      return true;
    }
    std::string json = value.dynamic->ToJson();
    return AppendConverted(column, {RawValue::Kind::kJson, json});
  }
  if (type == Type::String) {
    if (value.kind == RawValue::Kind::kNull) {
      column.AppendNull();
    } else {
      AppendString(column, value);
    }
    return true;
  }
  std::string_view text = Trim(value.text);
  if (value.kind == RawValue::Kind::kNull || text.empty()) {
    column.AppendNull();
    return true;
  }
  bool is_string = value.kind == RawValue::Kind::kString;
  switch (type) {
    case Type::Bool:
      if (EqualsIgnoreCase(text, "true") || EqualsIgnoreCase(text, "false")) {
        column.AppendInt(text.size() == 4 ? 1 : 0);
        return true;
      }
      break;
    case Type::Int: {
      int32_t v;
      if ((is_string || value.kind == RawValue::Kind::kNumber) && ParseWhole(text, v)) {
        column.AppendInt(v);
        return true;
      }
      break;
    }
    case Type::Long: {
      int64_t v;
      if ((is_string || value.kind == RawValue::Kind::kNumber) && ParseWhole(text, v)) {
        column.AppendInt(v);
        return true;
      }
      break;
    }
    case Type::Real:
    case Type::Decimal: {
      double v;
      if ((is_string || value.kind == RawValue::Kind::kNumber) && ParseWhole(text, v)) {
        column.AppendReal(v);
        return true;
      }
      break;
    }
    case Type::DateTime:
      if (is_string) {
        if (auto ticks = ParseExportDateTime(text)) {
          column.AppendInt(*ticks);
          return true;
        }
      }
      break;
    case Type::TimeSpan:
      if (is_string) {
        if (auto ticks = ParseTimeSpan(text)) {
          column.AppendInt(*ticks);
          return true;
        }
      }
      break;
    case Type::Guid:
      if (is_string && IsGuidText(text)) {
        std::string lower(text);
        for (char& c : lower) c = (c >= 'A' && c <= 'F') ? static_cast<char>(c - 'A' + 'a') : c;
        column.AppendString(lower);
        return true;
      }
      break;
    case Type::Dynamic:
      return AppendDynamic(column, value, text);
    case Type::String:
    case Type::Null:
      break;
  }
  column.AppendNull();
  return false;
}

}  // namespace iochound
