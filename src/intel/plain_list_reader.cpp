#include "intel/plain_list_reader.h"

#include "intel/csv_line.h"

namespace iochound {

void ReadPlainList(std::string_view text, FeedSink& sink) {
  std::vector<std::string_view> lines = SplitLines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    // A `#` starts a comment at the start of a line or after a blank; inside a value it is a URL
    // fragment.
    for (size_t hash = line.find('#'); hash != std::string_view::npos; hash = line.find('#', hash + 1)) {
      if (hash == 0 || line[hash - 1] == ' ' || line[hash - 1] == '\t') {
        line = line.substr(0, hash);
        break;
      }
    }
    size_t begin = line.find_first_not_of(" \t");
    if (begin == std::string_view::npos) continue;
    line = line.substr(begin, line.find_last_not_of(" \t") - begin + 1);
    if (line.find_first_of(" \t") != std::string_view::npos) {
      sink.Reject(i + 1, "expected one IOC per line");
      continue;
    }
    FeedRecord record;
    record.value = line;
    record.line = i + 1;
    sink.Add(std::move(record));
  }
}

}  // namespace iochound
