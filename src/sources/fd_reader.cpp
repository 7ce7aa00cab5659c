#include "sources/fd_reader.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace iochound {

FdReader::~FdReader() {
  close(fd_);
}

size_t FdReader::Read(char* out, size_t capacity) {
  for (;;) {
    ssize_t n = seekable_ ? pread(fd_, out, capacity, static_cast<off_t>(offset_)) : read(fd_, out, capacity);
    if (n < 0 && errno == ESPIPE && seekable_) {
      seekable_ = false;  // a pipe or FIFO, read once from where it is
      continue;
    }
    if (n >= 0) {
      offset_ += static_cast<uint64_t>(n);
      return static_cast<size_t>(n);
    }
    if (errno != EINTR)
      throw std::runtime_error(fmt::format("{}: read error: {}", name_, std::strerror(errno)));
  }
}

}  // namespace iochound
