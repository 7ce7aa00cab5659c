#include "common/memory_limit.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>

namespace iochound {

uint64_t ParseByteSize(std::string_view text) {
  auto fail = [&] {
    return std::invalid_argument(fmt::format(
        "'{}' is not a size: give a number with an optional k, m, g or t suffix (200m, 1g)", text));
  };
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 15) throw fail();
  uint64_t value = std::stoull(std::string(text.substr(0, digits)));
  std::string unit;
  for (char c : text.substr(digits)) unit += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (unit.ends_with("ib")) unit.resize(unit.size() - 2);
  if (unit.size() == 2 && unit.back() == 'b') unit.pop_back();
  int shift = 0;
  if (unit == "k")
    shift = 10;
  else if (unit == "m")
    shift = 20;
  else if (unit == "g")
    shift = 30;
  else if (unit == "t")
    shift = 40;
  else if (!unit.empty() && unit != "b")
    throw fail();
  if (value > (UINT64_MAX >> shift)) throw fail();
  if (value == 0) throw std::invalid_argument(fmt::format("the size '{}' must be more than 0", text));
  return value << shift;
}

uint64_t OptionByteSize(std::string_view option, std::string_view value) {
  if (value.empty()) return 0;
  try {
    return ParseByteSize(value);
  } catch (const std::invalid_argument& error) {
    throw std::invalid_argument(fmt::format("{}: {}", option, error.what()));
  }
}

uint64_t AnonymousResidentBytes() {
  // statm: size resident shared text lib data dt, in pages; resident - shared is the anonymous part.
  std::ifstream statm("/proc/self/statm");
  uint64_t size = 0, resident = 0, shared = 0;
  if (!(statm >> size >> resident >> shared)) return 0;
  return (resident - std::min(resident, shared)) * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

MemoryLimit::MemoryLimit(uint64_t limit_bytes, int exit_code) {
  if (limit_bytes == 0) return;
  watchdog_ = std::jthread([limit_bytes, exit_code](std::stop_token stop) {
    while (!stop.stop_requested()) {
      uint64_t used = AnonymousResidentBytes();
      if (used > limit_bytes) {
        fmt::print(
            stderr,
            "iochound: memory limit exceeded: {} MiB in use, over --max-memory {} MiB. The query holds "
            "too many rows at once (order by, summarize with many groups, join, make_list...): "
            "filter earlier, use `top N` instead of `order by`, or raise --max-memory; the output is "
            "incomplete\n",
            used >> 20, limit_bytes >> 20);
        std::fflush(nullptr);
        _exit(exit_code);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });
}

MemoryLimit::~MemoryLimit() = default;  // the jthread asks the watchdog to stop and joins it

}  // namespace iochound
