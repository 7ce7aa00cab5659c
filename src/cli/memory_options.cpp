#include "cli/memory_options.h"

#include "common/memory_limit.h"

namespace iochound {

void MemoryOptions::AddTo(CLI::App& command) {
  command
      .add_option("--max-memory", max_memory,
                  "stop with an error (exit code 2) when the run holds more than SIZE (200m, 1g)")
      ->type_name("SIZE");
  command
      .add_option("--sort-memory", sort_memory,
                  "rows an `order by` holds before it sorts them into a file in $TMPDIR or /tmp "
                  "(default 256m); results do not depend on it")
      ->type_name("SIZE");
}

uint64_t MemoryOptions::MaxMemoryBytes() const {
  return OptionByteSize("--max-memory", max_memory);
}

uint64_t MemoryOptions::SortMemoryBytes() const {
  return OptionByteSize("--sort-memory", sort_memory);
}

}  // namespace iochound
