// Bounds-checked little-endian reads over EVTX bytes, and the UTF-16LE to UTF-8 conversion every
// EVTX string needs. Every read checks its range first: EVTX input is untrusted (carved, truncated
// or tampered logs), so no offset found in the data is used before it is checked.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <string>

namespace iochound::evtx {

// A structure that does not fit the bytes it claims to live in. Thrown inside the decoder and
// caught per record or per chunk, so one bad structure never ends the file.
class FormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Unaligned little-endian loads through memcpy (casting would be undefined behaviour).
template <typename T>
T LoadLe(const uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;  // EVTX is little-endian, as is every platform iochound builds for.
}

// A read position inside one chunk (or file header). Positions are chunk-relative because the
// BinXML offsets (names, templates) are: a cursor can be handed an offset read from the data and
// check it against the chunk. Reads past `end` throw FormatError.
class Cursor {
 public:
  Cursor(std::span<const uint8_t> bytes, uint32_t pos, uint32_t end) : bytes_(bytes), pos_(pos), end_(end) {
    if (end_ > bytes_.size() || pos_ > end_) throw FormatError("range outside the chunk");
  }

  uint32_t pos() const { return pos_; }
  uint32_t end() const { return end_; }
  uint32_t remaining() const { return end_ - pos_; }
  bool at_end() const { return pos_ >= end_; }

  uint8_t U8() { return Take<uint8_t>(); }
  uint16_t U16() { return Take<uint16_t>(); }
  uint32_t U32() { return Take<uint32_t>(); }
  uint64_t U64() { return Take<uint64_t>(); }
  // The next `n` bytes, consumed.
  const uint8_t* Bytes(uint32_t n) {
    Need(n);
    const uint8_t* p = bytes_.data() + pos_;
    pos_ += n;
    return p;
  }
  void Skip(uint32_t n) { Bytes(n); }

 private:
  template <typename T>
  T Take() {
    Need(sizeof(T));
    T v = LoadLe<T>(bytes_.data() + pos_);
    pos_ += sizeof(T);
    return v;
  }
  void Need(uint64_t n) const {
    if (n > end_ - pos_) throw FormatError("structure runs past its end");
  }

  std::span<const uint8_t> bytes_;
  uint32_t pos_;
  uint32_t end_;
};

// Appends `chars` UTF-16LE code units at `p` as UTF-8. Unpaired surrogates become U+FFFD, as the
// output must stay valid UTF-8 for the engine's string kernels.
void AppendUtf16(std::string& out, const uint8_t* p, size_t chars);

}  // namespace iochound::evtx
