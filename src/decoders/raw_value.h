// A field value as a decoder found it, before the table schema types it.
#pragma once

#include <cstdint>
#include <string_view>

namespace iochound {

class Dynamic;

struct RawValue {
  enum class Kind : uint8_t {
    kNull,    // JSON null
    kBool,    // JSON true/false; text is "true" or "false"
    kNumber,  // JSON number; text is its literal
    kString,  // JSON string (unescaped) or any CSV field
    kJson,    // JSON object or array; text is its JSON
    // A bag or array a normalizer built (a Windows event's EventData): `dynamic`, no text. Saves
    // writing JSON only for the table to parse it back (a tenth of a Sigma hunt's time).
    kDynamic,
  };
  Kind kind = Kind::kNull;
  // Valid until the visitor's EndRecord()/AbortRecord() returns.
  std::string_view text;
  const Dynamic* dynamic = nullptr;  // kDynamic; as long-lived as `text`
};

}  // namespace iochound
