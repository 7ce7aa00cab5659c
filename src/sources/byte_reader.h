// Decompressed byte streams over the files of a table binding.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace iochound {

struct InputFile;

// A forward-only stream of bytes. Read() fills up to `capacity` bytes and returns how many it wrote;
// 0 means the end of the stream. Throws std::runtime_error (naming the file) on I/O or
// decompression errors.
class ByteReader {
 public:
  virtual ~ByteReader() = default;
  virtual size_t Read(char* out, size_t capacity) = 0;
};

// Opens an input (a file, the stdin spool or an archive member), transparently decompressing gzip
// and zstd (detected by their magic bytes, not by
// the file name, as SOCs rename exports freely). Throws std::runtime_error naming the file when it
// cannot be opened.
std::unique_ptr<ByteReader> OpenInput(const InputFile& input);

// True when `magic`, an input's first bytes (4 are enough), starts gzip or zstd data, which
// OpenInput decompresses.
bool IsCompressed(std::string_view magic);

// The next `max_bytes` of `reader`, or all that is left when less.
std::string ReadAtMost(ByteReader& reader, size_t max_bytes);

}  // namespace iochound
