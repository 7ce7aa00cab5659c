#include "sources/whole_input.h"

#include "sources/byte_reader.h"

namespace iochound {

std::string ReadWholeInput(const InputFile& input) {
  std::unique_ptr<ByteReader> reader = OpenInput(input);
  std::string text;
  size_t size = 0;
  for (;;) {
    text.resize(size + (size_t{1} << 20));
    size_t n = reader->Read(text.data() + size, text.size() - size);
    if (n == 0) break;
    size += n;
  }
  text.resize(size);
  return text;
}

std::string ReadInputPrefix(const InputFile& input, size_t max_bytes) {
  return ReadAtMost(*OpenInput(input), max_bytes);
}

}  // namespace iochound
