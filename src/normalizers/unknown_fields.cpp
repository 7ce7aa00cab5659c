#include "normalizers/unknown_fields.h"

#include <fmt/format.h>

namespace iochound {

void UnknownFields::Report(std::string_view field, const RecordLocation& where) {
  {
    std::lock_guard lock(mutex_);
    if (!reported_.emplace(field).second) return;
  }
  errors_.Report(where,
                 fmt::format("field '{}' is not in the table's schema (it first appears after the records "
                             "the schema was inferred from); its values are not kept",
                             field));
}

}  // namespace iochound
