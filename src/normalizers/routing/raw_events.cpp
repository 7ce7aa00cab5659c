#include "normalizers/routing/raw_events.h"

namespace iochound {

const Schema& RawEventsSchema() {
  static const Schema schema = {
      {"TimeGenerated", Type::DateTime}, {"SourceFile", Type::String}, {"SourceFormat", Type::String},
      {"RecordLine", Type::Long},        {"RecordOffset", Type::Long}, {"Reason", Type::String},
      {"RawData", Type::Dynamic},
  };
  return schema;
}

}  // namespace iochound
