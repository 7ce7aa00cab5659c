#include "sources/zstd_reader.h"

#include <fmt/format.h>

#include <stdexcept>

namespace iochound {

ZstdReader::ZstdReader(std::unique_ptr<ByteReader> compressed, std::string name)
    : compressed_(std::move(compressed)),
      name_(std::move(name)),
      input_(1 << 20),
      context_(ZSTD_createDCtx()) {
  if (context_ == nullptr)
    throw std::runtime_error(fmt::format("{}: cannot initialize zstd decompression", name_));
}

ZstdReader::~ZstdReader() {
  ZSTD_freeDCtx(context_);
}

size_t ZstdReader::Read(char* out, size_t capacity) {
  ZSTD_outBuffer output{out, capacity, 0};
  while (output.pos < output.size) {
    if (in_.pos == in_.size && !input_done_) {
      in_.size = compressed_->Read(input_.data(), input_.size());
      in_.src = input_.data();
      in_.pos = 0;
      if (in_.size == 0) input_done_ = true;
    }
    if (in_.pos == in_.size && input_done_) {
      // Hand out what was decompressed before the damage first; the next call reports it.
      if (frame_pending_ != 0 && output.pos == 0) {
        throw std::runtime_error(fmt::format("{}: truncated zstd data", name_));
      }
      break;
    }
    frame_pending_ = ZSTD_decompressStream(context_, &output, &in_);
    if (ZSTD_isError(frame_pending_)) {
      throw std::runtime_error(
          fmt::format("{}: corrupt zstd data: {}", name_, ZSTD_getErrorName(frame_pending_)));
    }
  }
  return output.pos;
}

}  // namespace iochound
