#include "normalizers/schema_inference.h"

#include <algorithm>
#include <charconv>

#include "normalizers/export_datetime.h"
#include "normalizers/table_schemas.h"

namespace iochound {
namespace {

enum : uint8_t {
  kBool = 1 << 0,
  kLong = 1 << 1,
  kReal = 1 << 2,
  kDateTime = 1 << 3,
  kDynamic = 1 << 4,
  kString = 1 << 5,
};

// The narrowest first.
constexpr std::pair<uint8_t, Type> kPreference[] = {
    {kBool, Type::Bool},         {kLong, Type::Long},       {kReal, Type::Real},
    {kDateTime, Type::DateTime}, {kDynamic, Type::Dynamic}, {kString, Type::String},
};

bool IsInteger(std::string_view text) {
  int64_t v;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  return ec == std::errc() && ptr == text.data() + text.size();
}

bool IsNumber(std::string_view text) {
  double v;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  return ec == std::errc() && ptr == text.data() + text.size();
}

bool IsBoolText(std::string_view text) {
  auto equals_ignore_case = [&](std::string_view word) {
    return text.size() == word.size() &&
           std::equal(text.begin(), text.end(), word.begin(), [](char a, char b) {
             return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
           });
  };
  return equals_ignore_case("true") || equals_ignore_case("false");
}

// The types a non-empty value fits.
uint8_t ViableTypes(const RawValue& value) {
  switch (value.kind) {
    case RawValue::Kind::kNull:
      return 0xFF;
    case RawValue::Kind::kBool:
      return kBool | kDynamic | kString;
    case RawValue::Kind::kNumber:
      return IsInteger(value.text) ? (kLong | kReal | kDynamic | kString) : (kReal | kDynamic | kString);
    case RawValue::Kind::kJson:
    case RawValue::Kind::kDynamic:
      return kDynamic;
    case RawValue::Kind::kString:
      break;
  }
  std::string_view text = value.text;
  if (IsInteger(text)) return kLong | kReal | kString;
  if (IsNumber(text)) return kReal | kString;
  if (IsBoolText(text)) return kBool | kString;
  if (IsExportDateTime(text)) return kDateTime | kString;
  bool container = text.size() >= 2 && ((text.front() == '{' && text.back() == '}') ||
                                        (text.front() == '[' && text.back() == ']'));
  return container ? (kDynamic | kString) : kString;
}

}  // namespace

int SchemaInferrer::FieldSlot(std::string_view name, Type declared, const RecordLocation&) {
  std::string key(name);
  if (auto it = slots_.find(key); it != slots_.end()) return it->second;
  int slot = kSkip;
  if (builtin_ != nullptr && FindField(*builtin_, name) >= 0) {
    builtin_seen_.push_back(key);
  } else {
    slot = static_cast<int>(fields_.size());
    fields_.push_back(Candidate{key, declared});
  }
  slots_.emplace(std::move(key), slot);
  return slot;
}

void SchemaInferrer::SetField(int slot, const RawValue& value) {
  Candidate& field = fields_[static_cast<size_t>(slot)];
  if (value.kind == RawValue::Kind::kNull) return;
  if (value.kind == RawValue::Kind::kString &&
      value.text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return;
  }
  field.seen_value = true;
  field.seen_container |= value.kind == RawValue::Kind::kJson || value.kind == RawValue::Kind::kDynamic;
  field.viable &= ViableTypes(value);
}

Schema SchemaInferrer::Result() const {
  Schema schema;
  if (builtin_ != nullptr) {
    for (const Field& column : *builtin_) {
      bool seen = std::find(builtin_seen_.begin(), builtin_seen_.end(), column.name) != builtin_seen_.end();
      if (!IsHiddenStandardColumn(column.name) || seen) schema.push_back(column);
    }
  }
  for (const Candidate& field : fields_) {
    Type type = field.seen_container ? Type::Dynamic : Type::String;
    if (field.declared != Type::Null) {
      type = field.declared;
    } else if (field.seen_value) {
      for (auto [bit, candidate] : kPreference) {
        if (field.viable & bit) {
          type = candidate;
          break;
        }
      }
    }
    schema.push_back(Field{field.name, type});
  }
  return schema;
}

}  // namespace iochound
