// Plain file bytes, read with pread() at the reader's own offset; pipes and FIFOs, which have no
// position, with read().
#pragma once

#include <cstdint>
#include <string>

#include "sources/byte_reader.h"

namespace iochound {

class FdReader : public ByteReader {
 public:
  // Takes ownership of `fd`.
  FdReader(int fd, std::string name) : fd_(fd), name_(std::move(name)) {}
  FdReader(const FdReader&) = delete;
  FdReader& operator=(const FdReader&) = delete;
  ~FdReader() override;
  size_t Read(char* out, size_t capacity) override;

 private:
  int fd_;
  std::string name_;
  uint64_t offset_ = 0;
  bool seekable_ = true;
};

}  // namespace iochound
