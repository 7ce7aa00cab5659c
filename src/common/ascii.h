// ASCII-only case folding, for matching raw input bytes where only ASCII letters fold (the literal
// prefilters: Hyperscan and the term hash fold no other byte), and finding bytes in raw input.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace iochound {

inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The position of the first byte of `s` at or after `from` that is not ASCII (>= 0x80), or npos.
// 16 bytes at a time: the literal prefilter asks it of every window of input.
inline size_t FindNonAscii(std::string_view s, size_t from = 0) {
#if defined(__SSE2__)
  for (; from + 16 <= s.size(); from += 16) {
    int high = _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + from)));
    if (high != 0) return from + static_cast<size_t>(__builtin_ctz(high));
  }
#endif
  for (; from < s.size(); ++from) {
    if (static_cast<unsigned char>(s[from]) >= 0x80) return from;
  }
  return std::string_view::npos;
}

// The position of the first byte of `s` at or after `from` that is `a` or `b`, or npos. 16 bytes at
// a time: std::string_view::find_first_of calls memchr on its set once per byte of `s`, which was
// most of a CSV scan's time.
inline size_t FindEitherByte(std::string_view s, char a, char b, size_t from = 0) {
#if defined(__SSE2__)
  const __m128i want_a = _mm_set1_epi8(a), want_b = _mm_set1_epi8(b);
  for (; from + 16 <= s.size(); from += 16) {
    __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + from));
    int hits = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(bytes, want_a), _mm_cmpeq_epi8(bytes, want_b)));
    if (hits != 0) return from + static_cast<size_t>(__builtin_ctz(hits));
  }
#endif
  for (; from < s.size(); ++from) {
    if (s[from] == a || s[from] == b) return from;
  }
  return std::string_view::npos;
}

// '\n' bytes in `text`. memchr jumps a whole line at a time (lines run to hundreds of bytes),
// faster than a byte count.
inline uint64_t CountNewlines(std::string_view text) {
  uint64_t count = 0;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
    if (p == nullptr) break;
    ++count;
    ++p;
  }
  return count;
}

}  // namespace iochound
