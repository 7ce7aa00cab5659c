// A sliding window over a byte stream for the record decoders: large reads, no per-record
// allocation, and simdjson's padding always readable after the data so a line can be parsed in
// place.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "sources/byte_reader.h"

namespace iochound {

class InputBuffer {
 public:
  static constexpr size_t kDefaultChunk = size_t{2} << 20;

  // `chunk` is the initial window; it doubles when one record does not fit.
  explicit InputBuffer(std::unique_ptr<ByteReader> reader, size_t chunk = kDefaultChunk);
  // A window over bytes already in memory (allocated with kPadding to spare after `size`), the whole
  // input; `offset` is where they start in it.
  InputBuffer(std::unique_ptr<char[]> bytes, size_t size, uint64_t offset)
      : buffer_(std::move(bytes)), capacity_(size), end_(size), offset_(offset), eof_(true) {}

  // The bytes read but not consumed yet. At least kPadding readable (unspecified) bytes follow
  // them.
  std::string_view data() const { return std::string_view(buffer_.get() + begin_, end_ - begin_); }
  // Bytes readable from `p` (a pointer into data()) to the end of the allocation.
  size_t ReadableFrom(const char* p) const {
    return static_cast<size_t>(buffer_.get() + capacity_ + kPadding - p);
  }
  void Consume(size_t n) {
    begin_ += n;
    offset_ += n;
  }
  // Reads more input after the unconsumed bytes (moving them to the front, growing the window when
  // they fill it). Returns false, reading nothing, at the end of the input.
  bool Fill();
  // Byte offset of data() in the whole (decompressed) input.
  uint64_t offset() const { return offset_; }

  static constexpr size_t kPadding = 64;  // >= simdjson::SIMDJSON_PADDING, checked in the .cpp

 private:
  std::unique_ptr<ByteReader> reader_;
  std::unique_ptr<char[]> buffer_;
  size_t capacity_;
  size_t begin_ = 0;
  size_t end_ = 0;
  uint64_t offset_ = 0;
  bool eof_ = false;
};

}  // namespace iochound
