#include "sources/gzip_reader.h"

#include <fmt/format.h>

#include <stdexcept>

namespace iochound {

GzipReader::GzipReader(std::unique_ptr<ByteReader> compressed, std::string name)
    : compressed_(std::move(compressed)), name_(std::move(name)), input_(1 << 20) {
  // 16 + MAX_WBITS: expect a gzip header and trailer rather than a raw zlib stream.
  if (inflateInit2(&stream_, 16 + MAX_WBITS) != Z_OK) {
    throw std::runtime_error(fmt::format("{}: cannot initialize gzip decompression", name_));
  }
}

GzipReader::~GzipReader() {
  inflateEnd(&stream_);
}

size_t GzipReader::Read(char* out, size_t capacity) {
  stream_.next_out = reinterpret_cast<Bytef*>(out);
  stream_.avail_out = static_cast<uInt>(std::min<size_t>(capacity, UINT32_MAX));
  while (!finished_ && stream_.avail_out > 0) {
    if (stream_.avail_in == 0 && !input_done_) {
      size_t n = compressed_->Read(input_.data(), input_.size());
      if (n == 0) input_done_ = true;
      stream_.next_in = reinterpret_cast<Bytef*>(input_.data());
      stream_.avail_in = static_cast<uInt>(n);
    }
    if (stream_.avail_in == 0 && input_done_) {
      // Hand out what was decompressed before the damage first; the next call reports it.
      if (stream_.avail_out < capacity) break;
      throw std::runtime_error(fmt::format("{}: truncated gzip data", name_));
    }
    int rc = inflate(&stream_, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) {
      // Another member may follow; only the end of the compressed input ends the stream.
      if (stream_.avail_in == 0 && !input_done_) {
        size_t n = compressed_->Read(input_.data(), input_.size());
        if (n == 0) input_done_ = true;
        stream_.next_in = reinterpret_cast<Bytef*>(input_.data());
        stream_.avail_in = static_cast<uInt>(n);
      }
      if (stream_.avail_in == 0) {
        finished_ = true;
      } else {
        inflateReset(&stream_);
      }
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      throw std::runtime_error(
          fmt::format("{}: corrupt gzip data: {}", name_, stream_.msg ? stream_.msg : zError(rc)));
    }
  }
  return capacity - stream_.avail_out;
}

}  // namespace iochound
