#include "decoders/line_reader.h"

#include <cstring>

namespace iochound {
namespace {

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

bool LineReader::Next(std::string_view& line) {
  for (;;) {
    std::string_view data = input_->data();
    const char* newline = static_cast<const char*>(std::memchr(data.data(), '\n', data.size()));
    if (newline == nullptr && input_->Fill()) continue;
    if (newline == nullptr && data.empty()) return false;
    size_t length = newline ? static_cast<size_t>(newline - data.data()) : data.size();
    line = data.substr(0, length);
    offset_ = input_->offset();
    ++line_number_;
    input_->Consume(newline ? length + 1 : length);
    if (!IsBlank(line)) return true;
  }
}

bool LineReader::SkipToCandidate(CandidateLines& candidates, bool (*skippable)(std::string_view line)) {
  for (;;) {
    std::optional<std::string_view> before = candidates.BeforeNext(*input_);
    if (!before) return false;
    uint64_t records = 0;
    size_t skipped = SkipLines(*before, skippable, line_number_, records);
    candidates.RuledOut(records);
    input_->Consume(skipped);
    if (skipped < before->size() || candidates.AtCandidate(input_->offset())) return true;
  }
}

}  // namespace iochound
