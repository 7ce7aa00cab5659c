// Line numbers for records of a whole-document input (a JSON array or a query API response), found
// by counting newlines forward from the previous record: linear over the whole document.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/diagnostics.h"

namespace iochound {

class DocumentLines {
 public:
  DocumentLines(std::string_view name, std::string_view document);
  // Location of the record starting at `p` (a pointer into the document; calls in increasing
  // order). A single-line document reports byte offsets only: "line 1" would say nothing.
  RecordLocation At(const char* p);

 private:
  std::string_view name_;
  std::string_view document_;
  bool multiline_;
  const char* counted_to_;
  uint64_t line_ = 1;
};

}  // namespace iochound
