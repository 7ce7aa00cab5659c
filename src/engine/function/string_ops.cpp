#include "engine/function/string_ops.h"

#include <unicode/uchar.h>

#include <array>
#include <cstring>

#include "common/utf8.h"

namespace iochound::string_ops {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

struct AsciiTables {
  std::array<bool, 128> term{};
  std::array<unsigned char, 256> upper{};
};

constexpr AsciiTables MakeAsciiTables() {
  AsciiTables t;
  for (int c = 0; c < 256; ++c) t.upper[c] = static_cast<unsigned char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  for (int c = 0; c < 128; ++c)
    t.term[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return t;
}

constexpr AsciiTables kAscii = MakeAsciiTables();

struct Decoded {
  char32_t cp;
  uint32_t len;
};

// The code point starting at s[i]; an invalid or truncated sequence reads as one U+FFFD byte.
Decoded DecodeAt(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  size_t n = s.size() - i;
  auto cont = [&](size_t k) { return (byte(k) & 0xC0) == 0x80; };
  if (c < 0x80) return {c, 1};
  if (c >= 0xC2 && c <= 0xDF && n >= 2 && cont(i + 1))
    return {static_cast<char32_t>((c & 0x1F) << 6 | (byte(i + 1) & 0x3F)), 2};
  if (c >= 0xE0 && c <= 0xEF && n >= 3 && cont(i + 1) && cont(i + 2)) {
    char32_t cp = (c & 0x0F) << 12 | (byte(i + 1) & 0x3F) << 6 | (byte(i + 2) & 0x3F);
    if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) return {cp, 3};
  }
  if (c >= 0xF0 && c <= 0xF4 && n >= 4 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
    char32_t cp =
        (c & 0x07) << 18 | (byte(i + 1) & 0x3F) << 12 | (byte(i + 2) & 0x3F) << 6 | (byte(i + 3) & 0x3F);
    if (cp >= 0x10000 && cp <= 0x10FFFF) return {cp, 4};
  }
  return {kReplacement, 1};
}

// .NET OrdinalIgnoreCase's key for one code point: its simple upper-case mapping, but never a
// non-ASCII character onto ASCII (dotnet/runtime#67873: "s" vs "\u017f" is not equal).
char32_t FoldCodePoint(char32_t cp) {
  if (cp < 0x80) return kAscii.upper[cp];
  char32_t upper = static_cast<char32_t>(u_toupper(static_cast<UChar32>(cp)));
  return upper < 0x80 ? cp : upper;
}

// Whether the character just before byte offset i is a term character (false at the start).
bool TermBefore(std::string_view s, size_t i) {
  if (i == 0) return false;
  unsigned char c = static_cast<unsigned char>(s[i - 1]);
  if (c < 0x80) return kAscii.term[c];
  // Back over continuation bytes to the lead byte; the sequence must end exactly at i to count.
  size_t start = i - 1;
  while (start > 0 && i - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  Decoded d = DecodeAt(s, start);
  return start + d.len == i && IsTermCodePoint(d.cp);
}

// Whether the character starting at byte offset i is a term character (false at the end).
bool TermAt(std::string_view s, size_t i) {
  if (i >= s.size()) return false;
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return kAscii.term[c];
  return IsTermCodePoint(DecodeAt(s, i).cp);
}

// The length in bytes of the run of term characters `s` starts with; `ascii` tells whether they are
// all ASCII.
size_t LeadingTermBytes(std::string_view s, bool& ascii) {
  ascii = true;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (!kAscii.term[c]) break;
      ++i;
      continue;
    }
    Decoded d = DecodeAt(s, i);
    if (!IsTermCodePoint(d.cp)) break;
    ascii = false;
    i += d.len;
  }
  return i;
}

bool HasNonAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

// `text` starting at `pos` equals the upper-cased ASCII `needle`, ignoring ASCII case.
bool AsciiFoldedEqualAt(std::string_view text, size_t pos, std::string_view needle) {
  for (size_t k = 0; k < needle.size(); ++k) {
    if (kAscii.upper[static_cast<unsigned char>(text[pos + k])] != static_cast<unsigned char>(needle[k]))
      return false;
  }
  return true;
}

// Next position >= from where the upper-cased ASCII `needle` occurs in `text` ignoring case.
size_t FindAsciiFolded(std::string_view text, std::string_view needle, size_t from) {
  const size_t m = needle.size();
  if (text.size() < m) return std::string_view::npos;
  const size_t last = text.size() - m;
  const char first = needle[0];
  const bool letter = first >= 'A' && first <= 'Z';
  const char lower = letter ? static_cast<char>(first + 32) : first;
  for (size_t i = from; i <= last; ++i) {
    if (!letter) {
      // Caseless first byte: let memchr skip to candidates.
      const void* hit = std::memchr(text.data() + i, first, last - i + 1);
      if (hit == nullptr) return std::string_view::npos;
      i = static_cast<size_t>(static_cast<const char*>(hit) - text.data());
    } else if (text[i] != first && text[i] != lower) {
      continue;
    }
    if (AsciiFoldedEqualAt(text, i + 1, needle.substr(1))) return i;
  }
  return std::string_view::npos;
}

// The folded code points of `text` and whether each original character is a term character, in
// per-thread buffers reused across rows.
struct FoldedText {
  std::u32string folded;
  std::vector<uint8_t> term;
};

const FoldedText& FoldText(std::string_view text) {
  thread_local FoldedText buffer;
  buffer.folded.clear();
  buffer.term.clear();
  for (size_t i = 0; i < text.size();) {
    Decoded d = DecodeAt(text, i);
    buffer.folded.push_back(FoldCodePoint(d.cp));
    buffer.term.push_back(IsTermCodePoint(d.cp) ? 1 : 0);
    i += d.len;
  }
  return buffer;
}

}  // namespace

bool IsTermCodePoint(char32_t cp) {
  if (cp < 0x80) return kAscii.term[cp];
  // .NET tests UTF-16 units: both halves of a surrogate pair are category Cs, never letters.
  if (cp > 0xFFFF) return false;
  return (U_GET_GC_MASK(static_cast<UChar32>(cp)) & (U_GC_L_MASK | U_GC_ND_MASK)) != 0;
}

std::string FoldCase(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(kAscii.upper[c]));
      ++i;
      continue;
    }
    Decoded d = DecodeAt(s, i);
    AppendUtf8(out, FoldCodePoint(d.cp));
    i += d.len;
  }
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    unsigned char x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[j]);
    if (x < 0x80 && y < 0x80) {
      if (kAscii.upper[x] != kAscii.upper[y]) return false;
      ++i;
      ++j;
      continue;
    }
    Decoded dx = DecodeAt(a, i), dy = DecodeAt(b, j);
    if (FoldCodePoint(dx.cp) != FoldCodePoint(dy.cp)) return false;
    i += dx.len;
    j += dy.len;
  }
  return i == a.size() && j == b.size();
}

Matcher::Matcher(Op op, std::string_view needle, bool case_sensitive)
    : op_(op), case_sensitive_(case_sensitive), ascii_(!HasNonAscii(needle)) {
  if (!needle.empty() && (op == Op::kHas || op == Op::kHasPrefix)) check_start_ = TermAt(needle, 0);
  if (!needle.empty() && (op == Op::kHas || op == Op::kHasSuffix))
    check_end_ = TermBefore(needle, needle.size());
  if (case_sensitive_) {
    needle_ = needle;
  } else if (ascii_) {
    needle_ = FoldCase(needle);
  } else {
    for (size_t i = 0; i < needle.size();) {
      Decoded d = DecodeAt(needle, i);
      folded_.push_back(FoldCodePoint(d.cp));
      i += d.len;
    }
  }
}

bool Matcher::Matches(std::string_view text) const {
  if (case_sensitive_ || ascii_) return FindBytes(text);
  return FindFolded(text);
}

// Byte-level matching: exact for case-sensitive needles, and for ASCII needles ignoring case since
// no non-ASCII character folds to ASCII (and UTF-8 never hides ASCII bytes inside other characters).
bool Matcher::FindBytes(std::string_view text) const {
  const std::string_view needle = needle_;
  const size_t m = needle.size();
  const bool fold = !case_sensitive_;
  switch (op_) {
    case Op::kEquals:
      return text.size() == m && (fold ? AsciiFoldedEqualAt(text, 0, needle) : text == needle);
    case Op::kStartsWith:
      return text.size() >= m && (fold ? AsciiFoldedEqualAt(text, 0, needle) : text.starts_with(needle));
    case Op::kEndsWith:
      return text.size() >= m &&
             (fold ? AsciiFoldedEqualAt(text, text.size() - m, needle) : text.ends_with(needle));
    default:
      break;
  }
  if (m == 0) return true;
  for (size_t pos = 0;; ++pos) {
    pos = fold ? FindAsciiFolded(text, needle, pos) : text.find(needle, pos);
    if (pos == std::string_view::npos) return false;
    if ((!check_start_ || !TermBefore(text, pos)) && (!check_end_ || !TermAt(text, pos + m))) return true;
  }
}

// Case-insensitive matching of a non-ASCII needle, in folded code points.
bool Matcher::FindFolded(std::string_view text) const {
  // Some needle character is non-ASCII and can only match a non-ASCII one.
  if (!HasNonAscii(text)) return false;
  const FoldedText& t = FoldText(text);
  const std::u32string_view hay = t.folded;
  const std::u32string_view needle = folded_;
  const size_t m = needle.size();
  switch (op_) {
    case Op::kEquals:
      return hay == needle;
    case Op::kStartsWith:
      return hay.starts_with(needle);
    case Op::kEndsWith:
      return hay.ends_with(needle);
    default:
      break;
  }
  for (size_t pos = 0;; ++pos) {
    pos = hay.find(needle, pos);
    if (pos == std::u32string_view::npos) return false;
    bool start_ok = !check_start_ || pos == 0 || !t.term[pos - 1];
    bool end_ok = !check_end_ || pos + m == hay.size() || !t.term[pos + m];
    if (start_ok && end_ok) return true;
  }
}

bool Has(std::string_view text, std::string_view needle) {
  return Matcher(Op::kHas, needle, false).Matches(text);
}
bool HasCs(std::string_view text, std::string_view needle) {
  return Matcher(Op::kHas, needle, true).Matches(text);
}
bool HasPrefix(std::string_view text, std::string_view needle) {
  return Matcher(Op::kHasPrefix, needle, false).Matches(text);
}
bool HasPrefixCs(std::string_view text, std::string_view needle) {
  return Matcher(Op::kHasPrefix, needle, true).Matches(text);
}
bool HasSuffix(std::string_view text, std::string_view needle) {
  return Matcher(Op::kHasSuffix, needle, false).Matches(text);
}
bool HasSuffixCs(std::string_view text, std::string_view needle) {
  return Matcher(Op::kHasSuffix, needle, true).Matches(text);
}
bool Contains(std::string_view text, std::string_view needle) {
  return Matcher(Op::kContains, needle, false).Matches(text);
}
bool ContainsCs(std::string_view text, std::string_view needle) {
  return text.find(needle) != std::string_view::npos;
}
bool StartsWith(std::string_view text, std::string_view needle) {
  return Matcher(Op::kStartsWith, needle, false).Matches(text);
}
bool StartsWithCs(std::string_view text, std::string_view needle) {
  return text.starts_with(needle);
}
bool EndsWith(std::string_view text, std::string_view needle) {
  return Matcher(Op::kEndsWith, needle, false).Matches(text);
}
bool EndsWithCs(std::string_view text, std::string_view needle) {
  return text.ends_with(needle);
}

TermSet::TermSet(std::span<const std::string> needles) {
  phrases_.reserve(needles.size());
  terms_.reserve(needles.size());
  next_phrase_.reserve(needles.size());
  first_phrase_by_term_.reserve(needles.size());
  for (const std::string& needle : needles) {
    if (needle.empty()) {
      has_empty_ = true;
      continue;
    }
    bool ascii_term = true;
    const size_t first_term = LeadingTermBytes(needle, ascii_term);
    if (first_term < needle.size()) {
      const auto index = static_cast<uint32_t>(phrases_.size());
      phrases_.emplace_back(Op::kHas, needle, false);
      next_phrase_.push_back(kNoPhrase);
      // Only ASCII is sure to fold to itself alone: U+0345, not a term character, folds to the
      // letter U+0399, so a term of the needle can match a separator of the text and the reverse.
      if (first_term == 0 || !ascii_term || static_cast<unsigned char>(needle[first_term]) >= 0x80) {
        other_phrases_.push_back(index);
        continue;
      }
      std::string key = FoldCase(needle.substr(0, first_term));
      min_term_bytes_ = std::min(min_term_bytes_, key.size());
      max_term_bytes_ = std::max(max_term_bytes_, key.size());
      auto [first, added] = first_phrase_by_term_.try_emplace(std::move(key), index);
      if (!added) {
        next_phrase_[index] = first->second;
        first->second = index;
      }
      continue;
    }
    std::string key = FoldCase(needle);
    min_term_bytes_ = std::min(min_term_bytes_, key.size());
    max_term_bytes_ = std::max(max_term_bytes_, key.size());
    terms_.emplace(std::move(key), static_cast<uint32_t>(terms_.size()));
  }
}

template <typename Found>
void TermSet::ScanTerms(std::string_view text, Found found) const {
  thread_local std::string key;
  size_t i = 0;
  while (i < text.size()) {
    // Skip separators.
    Decoded d = DecodeAt(text, i);
    if (!IsTermCodePoint(d.cp)) {
      i += d.len;
      continue;
    }
    const size_t start = i;
    bool ascii = true;
    const size_t bytes = LeadingTermBytes(text.substr(start), ascii);
    i = start + bytes;
    // ASCII terms keep their length when folded, so most terms are rejected before folding.
    if (ascii && (bytes < min_term_bytes_ || bytes > max_term_bytes_)) continue;
    key.clear();
    if (ascii) {
      for (size_t k = start; k < i; ++k)
        key.push_back(static_cast<char>(kAscii.upper[static_cast<unsigned char>(text[k])]));
    } else {
      key = FoldCase(text.substr(start, bytes));
    }
    if (found(start, std::string_view(key))) return;
  }
}

bool TermSet::MatchesAny(std::string_view text) const {
  if (has_empty_) return true;
  bool any = false;
  if (!terms_.empty() || !first_phrase_by_term_.empty()) {
    ScanTerms(text, [&](size_t start, std::string_view term) {
      if (terms_.find(term) != terms_.end()) return any = true;
      auto first = first_phrase_by_term_.find(term);
      if (first == first_phrase_by_term_.end()) return false;
      // The text before `start` ends with a separator, as it does before a match in the whole text.
      for (uint32_t index = first->second; index != kNoPhrase; index = next_phrase_[index]) {
        if (phrases_[index].Matches(text.substr(start))) return any = true;
      }
      return false;
    });
    if (any) return true;
  }
  for (uint32_t index : other_phrases_) {
    if (phrases_[index].Matches(text)) return true;
  }
  return false;
}

bool TermSet::MatchesAll(std::string_view text) const {
  for (const Matcher& phrase : phrases_) {
    if (!phrase.Matches(text)) return false;
  }
  if (terms_.empty()) return true;
  size_t remaining = terms_.size();
  if (remaining <= 64) {
    uint64_t seen = 0;
    ScanTerms(text, [&](size_t, std::string_view term) {
      auto it = terms_.find(term);
      if (it == terms_.end()) return false;
      uint64_t bit = uint64_t{1} << it->second;
      if ((seen & bit) == 0) {
        seen |= bit;
        --remaining;
      }
      return remaining == 0;
    });
  } else {
    std::vector<bool> seen(terms_.size(), false);
    ScanTerms(text, [&](size_t, std::string_view term) {
      auto it = terms_.find(term);
      if (it == terms_.end()) return false;
      if (!seen[it->second]) {
        seen[it->second] = true;
        --remaining;
      }
      return remaining == 0;
    });
  }
  return remaining == 0;
}

}  // namespace iochound::string_ops
