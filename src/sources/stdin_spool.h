// Standard input copied once to an unlinked temporary file, so a table bound to `-` can be read
// several times (schema inference, then every scan) while memory stays bounded.
#pragma once

#include <mutex>

namespace iochound {

class StdinSpool {
 public:
  StdinSpool() = default;
  StdinSpool(const StdinSpool&) = delete;
  StdinSpool& operator=(const StdinSpool&) = delete;
  ~StdinSpool();

  // A descriptor of the spooled copy, readable with pread(); the spool keeps ownership. The first
  // call copies all of stdin. Throws std::runtime_error when no temporary file can be written.
  int Descriptor();

 private:
  std::mutex mutex_;
  int fd_ = -1;
};

}  // namespace iochound
