// Plain file bytes, read with pread() so that several readers of one descriptor (the stdin spool)
// never disturb each other's position; pipes and FIFOs, which have no position, with read().
#pragma once

#include <cstdint>
#include <string>

#include "sources/byte_reader.h"

namespace iochound {

class FdReader : public ByteReader {
 public:
  // Takes ownership of `fd` when `owned`.
  FdReader(int fd, bool owned, std::string name) : fd_(fd), owned_(owned), name_(std::move(name)) {}
  FdReader(const FdReader&) = delete;
  FdReader& operator=(const FdReader&) = delete;
  ~FdReader() override;
  size_t Read(char* out, size_t capacity) override;

 private:
  int fd_;
  bool owned_;
  std::string name_;
  uint64_t offset_ = 0;
  bool seekable_ = true;
};

}  // namespace iochound
