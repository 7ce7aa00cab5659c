// ASCII-only case folding, for matching raw input bytes where only ASCII letters fold (the literal
// prefilters: Hyperscan and the term hash fold no other byte).
#pragma once

#include <string>
#include <string_view>

namespace iochound {

inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace iochound
