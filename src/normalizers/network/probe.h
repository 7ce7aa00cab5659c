// Looking at a probed file's first bytes, for the network formats' detectors.
#pragma once

#include <string_view>

namespace iochound {

// The first non-blank line of `head`, without its terminator.
inline std::string_view FirstLine(std::string_view head) {
  size_t start = head.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return {};
  head.remove_prefix(start);
  return head.substr(0, head.find('\n'));
}

}  // namespace iochound
