#include "decoders/term_prefilter.h"

#include <algorithm>
#include <bit>
#include <cstring>

#if defined(__AVX512BW__) || defined(__AVX2__) || defined(__SSE2__)
#include <immintrin.h>
#endif

#include "common/ascii.h"

namespace iochound {
namespace {

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

uint64_t Load8(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
  return v;
}

// Setting bit 5 lowers ASCII letters and leaves digits as they are.
constexpr uint64_t kFold = 0x2020202020202020;

// A hash of the `size` bytes at `run` (letters and digits), ignoring ASCII case. Bytes from `end` on
// are not read. Runs over 16 bytes are hashed by their first and last 8 bytes: two runs that differ
// only in between collide, which only makes a line a candidate it need not be.
uint64_t RunHash(const char* run, size_t size, const char* end) {
  uint64_t first, last = 0;
  if (size >= 8) {
    first = Load8(run) | kFold;
    last = Load8(run + size - 8) | kFold;
  } else {
    if (end - run >= 8) {
      first = Load8(run);
    } else {
      char bytes[8] = {};
      std::memcpy(bytes, run, static_cast<size_t>(end - run));
      first = Load8(bytes);
    }
    first = (first | kFold) & (~uint64_t{0} >> (64 - 8 * size));
  }
  uint64_t h = first * 0x9E3779B97F4A7C15u ^ std::rotl(last * 0xC2B2AE3D27D4EB4Fu, 29) ^ size;
  h ^= h >> 32;
  h *= 0xD6E8FEB86659FD93u;
  h ^= h >> 32;
  return h | 1;
}

// Bit i of `alnum` / `backslash`: byte i of a 64-byte block is an ASCII letter or digit / a `\`.
struct BlockMasks {
  uint64_t alnum;
  uint64_t backslash;
};

#if defined(__AVX512BW__)
// Letters: (c | 0x20) - 'a' < 26 and digits: c - '0' < 10, unsigned, straight into bit masks. One
// 64-byte block per compare, instead of two halves and a movemask each.
[[gnu::always_inline]] inline BlockMasks Classify(const char* block) {
  __m512i bytes = _mm512_loadu_si512(block);
  __m512i lower = _mm512_or_si512(bytes, _mm512_set1_epi8(0x20));
  __mmask64 letter =
      _mm512_cmplt_epu8_mask(_mm512_sub_epi8(lower, _mm512_set1_epi8('a')), _mm512_set1_epi8(26));
  __mmask64 digit =
      _mm512_cmplt_epu8_mask(_mm512_sub_epi8(bytes, _mm512_set1_epi8('0')), _mm512_set1_epi8(10));
  return {letter | digit, _mm512_cmpeq_epi8_mask(bytes, _mm512_set1_epi8('\\'))};
}
#elif defined(__AVX2__)
// Letters: (c | 0x20) - 'a' < 26 and digits: c - '0' < 10, as signed compares shifted to -128.
[[gnu::always_inline]] inline uint64_t AlnumMask32(__m256i bytes) {
  __m256i lower = _mm256_or_si256(bytes, _mm256_set1_epi8(0x20));
  __m256i letter = _mm256_cmpgt_epi8(_mm256_set1_epi8(-128 + 26),
                                     _mm256_add_epi8(lower, _mm256_set1_epi8(static_cast<char>(0x80 - 'a'))));
  __m256i digit = _mm256_cmpgt_epi8(_mm256_set1_epi8(-128 + 10),
                                    _mm256_add_epi8(bytes, _mm256_set1_epi8(static_cast<char>(0x80 - '0'))));
  return static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_or_si256(letter, digit)));
}

[[gnu::always_inline]] inline BlockMasks Classify(const char* block) {
  __m256i low = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block));
  __m256i high = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block + 32));
  __m256i backslash = _mm256_set1_epi8('\\');
  uint64_t backslashes =
      static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(low, backslash))) |
      uint64_t{static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(high, backslash)))} << 32;
  return {AlnumMask32(low) | AlnumMask32(high) << 32, backslashes};
}
#elif defined(__SSE2__)
uint64_t AlnumMask16(__m128i bytes) {
  __m128i lower = _mm_or_si128(bytes, _mm_set1_epi8(0x20));
  __m128i letter = _mm_cmpgt_epi8(_mm_set1_epi8(-128 + 26),
                                  _mm_add_epi8(lower, _mm_set1_epi8(static_cast<char>(0x80 - 'a'))));
  __m128i digit = _mm_cmpgt_epi8(_mm_set1_epi8(-128 + 10),
                                 _mm_add_epi8(bytes, _mm_set1_epi8(static_cast<char>(0x80 - '0'))));
  return static_cast<uint16_t>(_mm_movemask_epi8(_mm_or_si128(letter, digit)));
}

[[gnu::always_inline]] inline BlockMasks Classify(const char* block) {
  BlockMasks masks{0, 0};
  for (int part = 0; part < 4; ++part) {
    __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * part));
    masks.alnum |= AlnumMask16(bytes) << (16 * part);
    masks.backslash |=
        uint64_t{static_cast<uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'))))}
        << (16 * part);
  }
  return masks;
}
#else
[[gnu::always_inline]] inline BlockMasks Classify(const char* block) {
  BlockMasks masks{0, 0};
  for (int i = 0; i < 64; ++i) {
    masks.alnum |= uint64_t{IsAsciiAlnum(block[i])} << i;
    masks.backslash |= uint64_t{block[i] == '\\'} << i;
  }
  return masks;
}
#endif

// The masks of the bytes of `window` from `at` on, those past its end counting as neither.
[[gnu::noinline]] BlockMasks ClassifyPadded(std::string_view window, size_t at) {
  char padded[64] = {};
  if (at < window.size()) std::memcpy(padded, window.data() + at, window.size() - at);
  return Classify(padded);
}

// The masks of the 64 bytes of `window` at `at`; the copy for the last ones stays out of the loop.
[[gnu::always_inline]] inline BlockMasks ClassifyAt(std::string_view window, size_t at) {
  return at + 64 <= window.size() ? Classify(window.data() + at) : ClassifyPadded(window, at);
}

}  // namespace

std::vector<std::string> WholeTerms(std::string_view literal, bool bounded_start, bool bounded_end,
                                    size_t min_bytes) {
  std::vector<std::string> terms;
  for (size_t i = 0; i < literal.size();) {
    if (!IsAsciiAlnum(literal[i])) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < literal.size() && IsAsciiAlnum(literal[i])) ++i;
    bool whole = (start > 0 || bounded_start) && (i < literal.size() || bounded_end);
    if (whole && i - start >= min_bytes) terms.push_back(AsciiLower(literal.substr(start, i - start)));
  }
  return terms;
}

std::vector<std::string> ChooseTerms(const std::vector<std::vector<std::string>>& whole_terms) {
  // How many literals hold each term, in open addressing by RunHash: a node-based map of the
  // ~300,000 terms of 100,000 domains was a sixth of a hunt's set-up.
  struct Count {
    std::string_view term;
    uint64_t hash = 0;  // 0: free (hashes are odd)
    size_t literals = 0;
  };
  size_t total = 0;
  for (const auto& terms : whole_terms) total += terms.size();
  std::vector<Count> counts(std::bit_ceil(std::max<size_t>(total * 2, 16)));
  const size_t mask = counts.size() - 1;
  auto find = [&counts, mask](std::string_view term) -> Count& {
    uint64_t h = RunHash(term.data(), term.size(), term.data() + term.size());
    for (size_t slot = h & mask;; slot = (slot + 1) & mask) {
      Count& count = counts[slot];
      if (count.hash == 0) {
        count.hash = h;
        count.term = term;
        return count;
      }
      if (count.hash == h && count.term == term) return count;
    }
  };
  for (const auto& terms : whole_terms) {
    for (size_t i = 0; i < terms.size(); ++i) {
      // A term twice in one literal counts once.
      if (std::find(terms.begin(), terms.begin() + static_cast<ptrdiff_t>(i), terms[i]) ==
          terms.begin() + static_cast<ptrdiff_t>(i))
        ++find(terms[i]).literals;
    }
  }
  std::vector<std::string> chosen;
  chosen.reserve(whole_terms.size());
  for (const auto& terms : whole_terms) {
    const std::string* best = nullptr;
    size_t best_shared = 0;
    for (const std::string& term : terms) {
      size_t shared = find(term).literals;
      if (best == nullptr || shared < best_shared || (shared == best_shared && term.size() > best->size())) {
        best = &term;
        best_shared = shared;
      }
    }
    chosen.push_back(best != nullptr ? *best : std::string());
  }
  return chosen;
}

TermPrefilter::TermPrefilter(std::span<const std::string> terms, bool json) : json_(json) {
  for (const std::string& term : terms) {
    min_bytes_ = std::min(min_bytes_, term.size());
    max_bytes_ = std::max(max_bytes_, term.size());
  }
  short_run_limit_ = std::min<size_t>(min_bytes_, 64);
  if (max_bytes_ < 63 && max_bytes_ + 1 - min_bytes_ <= min_bytes_)
    too_long_shift_ = max_bytes_ + 1 - min_bytes_;
  // 16 bloom bits a term leave ~6% of other runs to the probe of the table.
  bloom_.assign(std::bit_ceil(std::max<size_t>(terms.size() * 16, 4096)) / 64, 0);
  hashes_.assign(std::bit_ceil(std::max<size_t>(terms.size() * 2, 16)), 0);
  for (const std::string& term : terms) {
    uint64_t h = RunHash(term.data(), term.size(), term.data() + term.size());
    uint64_t bit = h >> 32 & (bloom_.size() * 64 - 1);
    bloom_[bit / 64] |= uint64_t{1} << (bit % 64);
    for (size_t slot = h & (hashes_.size() - 1);; slot = (slot + 1) & (hashes_.size() - 1)) {
      if (hashes_[slot] == h) break;
      if (hashes_[slot] == 0) {
        hashes_[slot] = h;
        break;
      }
    }
  }
}

bool TermPrefilter::HoldsHash(uint64_t hash) const {
  uint64_t bit = hash >> 32 & (bloom_.size() * 64 - 1);
  if ((bloom_[bit / 64] >> (bit % 64) & 1) == 0) return false;
  for (size_t slot = hash & (hashes_.size() - 1);; slot = (slot + 1) & (hashes_.size() - 1)) {
    if (hashes_[slot] == hash) return true;
    if (hashes_[slot] == 0) return false;
  }
}

bool TermPrefilter::HoldsRun(const char* run, size_t size, const char* end) const {
  return size >= min_bytes_ && size <= max_bytes_ && HoldsHash(RunHash(run, size, end));
}

// Inlined: called once a 64-byte block, it was a twelfth of a 100,000-IOC hunt as a call.
[[gnu::always_inline]] inline uint64_t TermPrefilter::RunStartsOfTermLength(uint64_t alnum,
                                                                            uint64_t starts) const {
  // Doubling: x holds where `have` bytes in a row of the block are letters or digits.
  uint64_t x = alnum;
  size_t have = 1;
  for (; have * 2 <= short_run_limit_; have *= 2) x &= x >> have;
  if (have < short_run_limit_) x &= x >> (short_run_limit_ - have);
  // The block's last run may go on in the next block, so its start stays a candidate.
  uint64_t last_run = alnum >> 63 ? ~uint64_t{0} << (64 - std::countl_one(alnum)) : 0;
  // A run holding min_bytes_ at i and at i + (max_bytes_ + 1 - min_bytes_) covers bytes i to
  // i + max_bytes_: too long to be a term. Unknown past the block, where x is 0.
  uint64_t too_long = too_long_shift_ != 0 ? x & x >> too_long_shift_ : 0;
  return starts & (x | last_run) & ~too_long;
}

void TermPrefilter::FindLines(std::string_view window, uint64_t base, std::vector<uint64_t>& lines) const {
  const char* const begin = window.data();
  const char* const end = begin + window.size();
  size_t at = 0;  // the block's offset
  BlockMasks block = ClassifyAt(window, 0), next = ClassifyAt(window, 64);
  uint64_t alnum_before = 0, backslash_before = 0;  // the last bit of the previous block
  while (at < window.size()) {
    uint64_t starts = block.alnum & ~(block.alnum << 1 | alnum_before);
    // In JSON, a run right after `\` may begin with an escape's letter: `\nabc` is a line break and
    // `abc`, so the run is looked up both with and without it; `\u` can spell anything.
    uint64_t escaped = json_ ? starts & (block.backslash << 1 | backslash_before) : 0;
    // Most runs are too short or too long to be a term: they are ruled out 64 at a time.
    uint64_t looked_up = RunStartsOfTermLength(block.alnum, starts) | escaped;
    const char* hit = nullptr;
    while (looked_up != 0) {
      int bit = std::countr_zero(looked_up);
      looked_up &= looked_up - 1;
      const char* run = begin + at + bit;
      uint64_t ahead = block.alnum >> bit | (bit == 0 ? 0 : next.alnum << (64 - bit));
      size_t size = static_cast<size_t>(std::countr_one(ahead));
      while (run + size < end && IsAsciiAlnum(run[size])) ++size;  // runs past the next block
      bool after_backslash = (escaped >> bit & 1) != 0;
      char first = static_cast<char>(*run | 0x20);
      if ((after_backslash && first == 'u') || HoldsRun(run, size, end) ||
          (after_backslash && std::string_view("bfnrt").find(first) != std::string_view::npos &&
           HoldsRun(run + 1, size - 1, end))) {
        hit = run;
        break;
      }
    }
    if (hit == nullptr) {
      alnum_before = block.alnum >> 63;
      backslash_before = block.backslash >> 63;
      at += 64;
      block = next;
      next = ClassifyAt(window, at + 64);
      continue;
    }
    const void* newline_before = memrchr(begin, '\n', static_cast<size_t>(hit - begin));
    const char* line = newline_before ? static_cast<const char*>(newline_before) + 1 : begin;
    lines.push_back(base + static_cast<uint64_t>(line - begin));
    const void* newline_after = std::memchr(hit, '\n', static_cast<size_t>(end - hit));
    if (newline_after == nullptr) return;
    at = static_cast<size_t>(static_cast<const char*>(newline_after) + 1 - begin);
    block = ClassifyAt(window, at);
    next = ClassifyAt(window, at + 64);
    alnum_before = backslash_before = 0;
  }
}

}  // namespace iochound
