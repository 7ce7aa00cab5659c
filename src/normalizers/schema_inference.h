// Infers a table schema from a prefix of its records, for tables without a built-in schema and for
// the extra fields of tables with one.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "decoders/record_visitor.h"
#include "types/type.h"

namespace iochound {

// Per field, keeps the set of types every non-empty value seen so far fits, and picks the narrowest:
// JSON numbers give long (real if any has a fraction), JSON booleans bool, objects and arrays
// dynamic; strings (and every CSV field) give long if all are integers, real if all are numbers,
// bool if all are true/false, datetime if all are ISO 8601 (or portal-rendered)
// datetimes, dynamic if all are JSON
// object/array texts, else string. Fields that disagree fall back to dynamic when an object or array
// was seen, else string; fields with no non-empty value are strings. A type the input declares (the
// query API's columns) wins.
class SchemaInferrer : public RecordVisitor {
 public:
  // `builtin` (may be null) lists the columns whose types are known; they are not inferred.
  explicit SchemaInferrer(const Schema* builtin) : builtin_(builtin) {}

  int FieldSlot(std::string_view name, Type declared, const RecordLocation& where) override;
  void BeginRecord(const RecordLocation&) override {}
  void SetField(int slot, const RawValue& value) override;
  void EndRecord() override { ++records_; }
  void AbortRecord() override {}

  uint64_t records() const { return records_; }
  // The built-in columns (the hidden standard ones only if seen), then the other fields in the order
  // they were first seen.
  Schema Result() const;

 private:
  struct Candidate {
    std::string name;
    Type declared = Type::Null;
    uint8_t viable = 0xFF;  // bit set of kBool.. kString below
    bool seen_value = false;
    bool seen_container = false;
  };

  const Schema* builtin_;
  std::vector<Candidate> fields_;               // fields not in builtin_, by first appearance
  std::unordered_map<std::string, int> slots_;  // every name seen -> index in fields_ or kSkip
  std::vector<std::string> builtin_seen_;
  uint64_t records_ = 0;
};

}  // namespace iochound
