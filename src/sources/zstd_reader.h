// Decompresses zstd streams (any number of frames) with libzstd's streaming API.
#pragma once

#include <zstd.h>

#include <memory>
#include <string>
#include <vector>

#include "sources/byte_reader.h"

namespace iochound {

class ZstdReader : public ByteReader {
 public:
  ZstdReader(std::unique_ptr<ByteReader> compressed, std::string name);
  ZstdReader(const ZstdReader&) = delete;
  ZstdReader& operator=(const ZstdReader&) = delete;
  ~ZstdReader() override;
  size_t Read(char* out, size_t capacity) override;

 private:
  std::unique_ptr<ByteReader> compressed_;
  std::string name_;
  std::vector<char> input_;
  ZSTD_inBuffer in_{nullptr, 0, 0};
  ZSTD_DCtx* context_;
  bool input_done_ = false;
  size_t frame_pending_ = 0;  // last ZSTD_decompressStream hint: 0 when a frame just ended
};

}  // namespace iochound
