// A field value as a decoder found it, before the table schema types it.
#pragma once

#include <cstdint>
#include <string_view>

namespace iochound {

struct RawValue {
  enum class Kind : uint8_t {
    kNull,    // JSON null
    kBool,    // JSON true/false; text is "true" or "false"
    kNumber,  // JSON number; text is its literal
    kString,  // JSON string (unescaped) or any CSV field
    kJson,    // JSON object or array; text is its JSON
  };
  Kind kind = Kind::kNull;
  // Valid until the visitor's EndRecord()/AbortRecord() returns.
  std::string_view text;
};

}  // namespace iochound
