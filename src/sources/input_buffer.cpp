#include "sources/input_buffer.h"

#include <simdjson.h>

#include <cstring>

namespace iochound {

static_assert(InputBuffer::kPadding >= simdjson::SIMDJSON_PADDING);

InputBuffer::InputBuffer(std::unique_ptr<ByteReader> reader, size_t chunk)
    : reader_(std::move(reader)), buffer_(new char[chunk + kPadding]), capacity_(chunk) {}

bool InputBuffer::Fill() {
  if (eof_) return false;
  size_t kept = end_ - begin_;
  if (kept == capacity_) {
    size_t grown = capacity_ * 2;
    std::unique_ptr<char[]> bigger(new char[grown + kPadding]);
    std::memcpy(bigger.get(), buffer_.get() + begin_, kept);
    buffer_ = std::move(bigger);
    capacity_ = grown;
  } else if (begin_ > 0) {
    std::memmove(buffer_.get(), buffer_.get() + begin_, kept);
  }
  begin_ = 0;
  end_ = kept;
  size_t n = reader_->Read(buffer_.get() + end_, capacity_ - end_);
  if (n == 0) {
    eof_ = true;
    return false;
  }
  end_ += n;
  return true;
}

}  // namespace iochound
