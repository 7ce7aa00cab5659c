// The receiving end of a decoder: a schema inferrer or a batch builder.
#pragma once

#include <string_view>

#include "common/diagnostics.h"
#include "decoders/raw_value.h"
#include "types/type.h"

namespace iochound {

class RecordVisitor {
 public:
  static constexpr int kSkip = -1;
  virtual ~RecordVisitor() = default;

  // The slot that will receive the values of field `name`, or kSkip to have the decoder skip them
  // undecoded. Decoders cache the answer per name, so this is not called for every record; it must
  // answer the same for the same name. `declared` is the column type the input states (the query
  // API's columns), Type::Null when the format has none. `where` is the record or header that
  // introduced the name.
  virtual int FieldSlot(std::string_view name, Type declared, const RecordLocation& where) = 0;

  virtual void BeginRecord(const RecordLocation& where) = 0;
  virtual void SetField(int slot, const RawValue& value) = 0;
  // Keeps the record begun last.
  virtual void EndRecord() = 0;
  // Drops the record begun last: it turned out to be broken (already reported by the decoder).
  virtual void AbortRecord() = 0;
};

}  // namespace iochound
