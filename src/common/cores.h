// How many threads "one per core" means, for every default (`--threads`, rule loading).
#pragma once

#include <algorithm>
#include <thread>

namespace iochound {

// Asked once: glibc reads /sys on each std::thread::hardware_concurrency(), and a Sigma hunt
// prepares thousands of queries. At least 1.
inline int CoreCount() {
  static const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return cores;
}

}  // namespace iochound
