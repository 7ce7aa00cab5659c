// The memory options `query` and `hunt` both take: --max-memory and --sort-memory.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

namespace iochound {

struct MemoryOptions {
  std::string max_memory;
  std::string sort_memory;

  // Adds --max-memory and --sort-memory to `command`.
  void AddTo(CLI::App& command);
  // --max-memory in bytes, 0 when not given. Throws std::invalid_argument naming the option.
  uint64_t MaxMemoryBytes() const;
  // --sort-memory in bytes, 0 (the engine's default) when not given. Throws as MaxMemoryBytes.
  uint64_t SortMemoryBytes() const;
};

}  // namespace iochound
