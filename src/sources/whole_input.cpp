#include "sources/whole_input.h"

#include <stdexcept>

#include "sources/byte_reader.h"

namespace iochound {
namespace {

// Appends all of `reader` to `text`; on an exception `text` holds what was read before it.
void ReadAll(ByteReader& reader, std::string& text) {
  size_t size = text.size();
  for (;;) {
    text.resize(size + (size_t{1} << 20));
    size_t n = 0;
    try {
      n = reader.Read(text.data() + size, text.size() - size);
    } catch (...) {
      text.resize(size);
      throw;
    }
    if (n == 0) break;
    size += n;
  }
  text.resize(size);
}

}  // namespace

std::string ReadWholeInput(const InputFile& input) {
  std::string text;
  ReadAll(*OpenInput(input), text);
  return text;
}

std::string ReadIntactInput(const InputFile& input, DataErrors& errors) {
  std::unique_ptr<ByteReader> reader = OpenInput(input);
  std::string text;
  try {
    ReadAll(*reader, text);
  } catch (const std::runtime_error& e) {
    errors.ReportReadStopped(input.name, e.what(), text.size());
  }
  return text;
}

std::string ReadInputPrefix(const InputFile& input, size_t max_bytes) {
  return ReadAtMost(*OpenInput(input), max_bytes);
}

}  // namespace iochound
