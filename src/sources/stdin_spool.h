// Standard input (or a FIFO or socket named as an input, such as /dev/stdin on a pipe) copied to an
// unlinked temporary file as it is read, so a table bound to it can be read several times (schema
// inference, then every scan) while memory stays bounded, and the first reader streams: it gets
// the bytes as they arrive, without waiting for the end of the input (a live `tail -f | iochound`).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sources/byte_reader.h"

namespace iochound {

class StdinSpool {
 public:
  StdinSpool() = default;
  // A spool of the stream at `path` rather than of standard input.
  explicit StdinSpool(std::string path) : path_(std::move(path)) {}
  StdinSpool(const StdinSpool&) = delete;
  StdinSpool& operator=(const StdinSpool&) = delete;
  ~StdinSpool();

  // Copies up to `capacity` bytes of the input at `offset` to `out`, first reading more of the
  // stream into the spool when `offset` is past what it holds; fewer bytes than asked for when
  // fewer have arrived, 0 only at the end of the input. Thread-safe. Throws std::runtime_error
  // when the stream cannot be read or the temporary file written.
  size_t ReadAt(uint64_t offset, char* out, size_t capacity);

 private:
  // Creates the temporary file and opens the stream (under mutex_).
  void Open();
  // Appends what one read of the stream gives (under mutex_); false at its end.
  bool SpoolMore();

  std::string path_;  // empty for standard input
  std::mutex mutex_;
  int fd_ = -1;      // the temporary file
  int source_ = -1;  // the stream
  uint64_t spooled_ = 0;
  bool ended_ = false;
  std::vector<char> buffer_;
};

// Reads the whole input from the start, through the spool.
std::unique_ptr<ByteReader> ReadSpool(std::shared_ptr<StdinSpool> spool);

}  // namespace iochound
