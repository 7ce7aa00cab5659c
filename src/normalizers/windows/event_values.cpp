#include "normalizers/windows/event_values.h"

#include <charconv>

namespace iochound {

std::optional<int64_t> ParseEventInteger(std::string_view text) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    uint64_t value = 0;
    auto [ptr, ec] = std::from_chars(begin + 2, end, value, 16);
    if (ec != std::errc() || ptr != end) return std::nullopt;
    return static_cast<int64_t>(value);
  }
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

std::string_view FileNameOf(std::string_view path) {
  size_t slash = path.find_last_of("\\/");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

AccountText SplitAccount(std::string_view account) {
  size_t slash = account.find('\\');
  if (slash == std::string_view::npos) return {{}, account};
  return {account.substr(0, slash), account.substr(slash + 1)};
}

std::string_view LevelName(uint32_t level) {
  switch (level) {
    case 1:
      return "Critical";
    case 2:
      return "Error";
    case 3:
      return "Warning";
    case 5:
      return "Verbose";
    default:
      return "Information";
  }
}

}  // namespace iochound
