#include "intel/feed_values.h"

#include <algorithm>
#include <charconv>

#include "types/datetime.h"

namespace iochound {
namespace {

std::string_view Trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

}  // namespace

bool IsNullText(std::string_view text) {
  text = Trim(text);
  return text.empty() || text == "None" || text == "null" || text == "N/A" || text == "-";
}

std::optional<int64_t> ParseFeedTime(std::string_view text) {
  text = Trim(text);
  if (IsNullText(text)) return std::nullopt;
  if (std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    int64_t seconds = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec != std::errc() || seconds > int64_t{253402300799}) return std::nullopt;
    return seconds * kTicksPerSecond;
  }
  constexpr std::string_view kUtc = " UTC";
  if (text.size() > kUtc.size() && text.substr(text.size() - kUtc.size()) == kUtc) {
    text.remove_suffix(kUtc.size());
  }
  return ParseDateTime(text);
}

int ParseConfidence(std::string_view text) {
  text = Trim(text);
  int value = -1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0 || value > 100) return -1;
  return value;
}

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> items;
  if (IsNullText(text)) return items;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = std::min(text.find_first_of(",;", begin), text.size());
    std::string_view item = Trim(text.substr(begin, end - begin));
    if (!item.empty() && std::find(items.begin(), items.end(), item) == items.end()) items.emplace_back(item);
    begin = end + 1;
  }
  return items;
}

}  // namespace iochound
