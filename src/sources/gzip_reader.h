// Inflates gzip (and concatenated gzip members, as `cat a.gz b.gz` and pigz produce) with zlib.
#pragma once

#include <zlib.h>

#include <memory>
#include <string>
#include <vector>

#include "sources/byte_reader.h"

namespace iochound {

class GzipReader : public ByteReader {
 public:
  GzipReader(std::unique_ptr<ByteReader> compressed, std::string name);
  GzipReader(const GzipReader&) = delete;
  GzipReader& operator=(const GzipReader&) = delete;
  ~GzipReader() override;
  size_t Read(char* out, size_t capacity) override;

 private:
  std::unique_ptr<ByteReader> compressed_;
  std::string name_;
  std::vector<char> input_;
  z_stream stream_{};
  bool input_done_ = false;
  bool finished_ = false;
};

}  // namespace iochound
