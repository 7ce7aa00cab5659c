// Reads JSON values and objects (simdjson on-demand) into a RecordVisitor.
#pragma once

#include <simdjson.h>

#include <string>
#include <utility>
#include <vector>

#include "decoders/record_visitor.h"

namespace iochound {

// Classifies one JSON value as a RawValue; objects and arrays keep their JSON text.
simdjson::error_code ReadRawValue(simdjson::ondemand::value value, RawValue& out);

// Reads the fields of one object per call. Exports repeat the same keys in the same order, so the
// slot of the key seen at each position is remembered and a record usually costs a string compare
// per field instead of a hash lookup; fields the visitor skips are never decoded.
class JsonFieldReader {
 public:
  simdjson::error_code Read(simdjson::ondemand::object object, RecordVisitor& visitor,
                            const RecordLocation& where);

 private:
  std::vector<std::pair<std::string, int>> keys_;  // by position in the object
};

}  // namespace iochound
