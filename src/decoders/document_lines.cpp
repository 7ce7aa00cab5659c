#include "decoders/document_lines.h"

#include <algorithm>

namespace iochound {

DocumentLines::DocumentLines(std::string_view name, std::string_view document)
    : name_(name), document_(document), counted_to_(document.data()) {
  size_t last = document.find_last_not_of(" \t\r\n");
  multiline_ =
      last != std::string_view::npos && document.substr(0, last).find('\n') != std::string_view::npos;
}

RecordLocation DocumentLines::At(const char* p) {
  if (p < counted_to_ || p > document_.data() + document_.size()) p = counted_to_;
  line_ += static_cast<uint64_t>(std::count(counted_to_, p, '\n'));
  counted_to_ = p;
  return RecordLocation{name_, multiline_ ? line_ : 0, static_cast<uint64_t>(p - document_.data())};
}

}  // namespace iochound
