// Standard input (or a FIFO or socket named as an input, such as /dev/stdin on a pipe) copied once
// to an unlinked temporary file, so a table bound to it can be read several times (schema
// inference, then every scan) while memory stays bounded.
#pragma once

#include <mutex>
#include <string>

namespace iochound {

class StdinSpool {
 public:
  StdinSpool() = default;
  // A spool of the stream at `path` rather than of standard input.
  explicit StdinSpool(std::string path) : path_(std::move(path)) {}
  StdinSpool(const StdinSpool&) = delete;
  StdinSpool& operator=(const StdinSpool&) = delete;
  ~StdinSpool();

  // A descriptor of the spooled copy, readable with pread(); the spool keeps ownership. The first
  // call copies all of stdin. Throws std::runtime_error when no temporary file can be written.
  int Descriptor();

 private:
  std::string path_;  // empty for standard input
  std::mutex mutex_;
  int fd_ = -1;
};

}  // namespace iochound
