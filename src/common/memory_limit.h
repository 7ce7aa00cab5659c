// `--max-memory`: a run that holds more than the limit stops with a clear error instead of being
// killed by the operating system (or swapping) with no message.
#pragma once

#include <cstdint>
#include <string_view>
#include <thread>

namespace iochound {

// A size with an optional k, m, g or t suffix (powers of 1024; "kb", "MiB", "G" are accepted), as
// "200m" or "1g". Throws std::invalid_argument naming the text when it is not one or is 0.
uint64_t ParseByteSize(std::string_view text);

// The value of a size option (--max-memory, --sort-memory): 0 (not given) when empty, else
// ParseByteSize() with the option named in the error.
uint64_t OptionByteSize(std::string_view option, std::string_view value);

// Resident memory of this process that is not backed by a file: what grows with the rows a query
// holds (a file's pages in the page cache can be dropped at any time and are not counted).
uint64_t AnonymousResidentBytes();

// Watches AnonymousResidentBytes() every 10 ms on a thread of its own while it lives. Past the
// limit it prints an error saying what to do and ends the process with `exit_code` (rows already
// written stay written). A watchdog rather than checks in the operators: it also catches memory
// that a library or an operator holds, and costs the query nothing.
class MemoryLimit {
 public:
  // `limit_bytes` 0 watches nothing.
  MemoryLimit(uint64_t limit_bytes, int exit_code);
  ~MemoryLimit();
  MemoryLimit(const MemoryLimit&) = delete;
  MemoryLimit& operator=(const MemoryLimit&) = delete;

 private:
  std::jthread watchdog_;
};

}  // namespace iochound
