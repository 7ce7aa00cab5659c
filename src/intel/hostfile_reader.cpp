#include "intel/hostfile_reader.h"

#include "intel/csv_line.h"

namespace iochound {
namespace {

// The name of a `127.0.0.1 name` line; empty when the line is not one.
std::string_view MappedName(std::string_view line) {
  for (std::string_view sink_address : {"127.0.0.1", "0.0.0.0"}) {
    if (line.size() > sink_address.size() && line.substr(0, sink_address.size()) == sink_address &&
        (line[sink_address.size()] == ' ' || line[sink_address.size()] == '\t')) {
      std::string_view rest = line.substr(sink_address.size());
      size_t begin = rest.find_first_not_of(" \t");
      if (begin == std::string_view::npos) return {};
      rest = rest.substr(begin);
      return rest.substr(0, rest.find_first_of(" \t#"));
    }
  }
  return {};
}

bool IsComment(std::string_view line) {
  size_t begin = line.find_first_not_of(" \t");
  return begin == std::string_view::npos || line[begin] == '#';
}

}  // namespace

bool LooksLikeHostfile(std::string_view text) {
  // The first entry decides, so that a malformed line further down is reported, not taken for a
  // plain list.
  for (std::string_view line : SplitLines(text.substr(0, 8192))) {
    if (!IsComment(line)) return !MappedName(line).empty();
  }
  return false;
}

void ReadHostfile(std::string_view text, FeedSink& sink) {
  std::vector<std::string_view> lines = SplitLines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (IsComment(lines[i])) continue;
    std::string_view name = MappedName(lines[i]);
    if (name.empty()) {
      sink.Reject(i + 1, "expected '127.0.0.1 name' or '0.0.0.0 name'");
      continue;
    }
    // Hosts files keep their own loopback entries next to the blocked names.
    if (name == "localhost" || name == "localhost.localdomain") {
      sink.Skip();
      continue;
    }
    FeedRecord record;
    record.value = name;
    record.type = "domain";
    record.line = i + 1;
    sink.Add(std::move(record));
  }
}

}  // namespace iochound
