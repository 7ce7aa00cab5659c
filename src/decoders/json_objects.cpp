#include "decoders/json_objects.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace iochound {
namespace {

// Where a string's plain run starting at `pos` ends: the first quote, backslash or line break,
// or the end of `text`. Strings are most of a Windows event's bytes (its Message), and a byte at
// a time through them was a tenth of a Sigma hunt (bench/, w5); 16 at a time it is noise.
size_t EndOfStringRun(std::string_view text, size_t pos) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), newline = _mm_set1_epi8('\n');
  for (; pos + 16 <= text.size(); pos += 16) {
    __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos));
    __m128i stops = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, quote), _mm_cmpeq_epi8(block, backslash)),
                                 _mm_cmpeq_epi8(block, newline));
    if (int mask = _mm_movemask_epi8(stops)) return pos + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  for (; pos < text.size(); ++pos) {
    char c = text[pos];
    if (c == '"' || c == '\\' || c == '\n') return pos;
  }
  return pos;
}

}  // namespace

void JsonObjects::Continue(std::string_view text, bool more_follows) {
  base_ += pos_;
  text_ = text;
  pos_ = 0;
  more_follows_ = more_follows;
  if (!skipping_) return;
  // The window starts a line: the skip goes on from there unless that line starts an object.
  size_t first = text_.find_first_not_of(" \t\r");
  if (first != std::string_view::npos && text_[first] == '{') {
    skipping_ = false;
    return;
  }
  SkipToNextObjectLine();
}

void JsonObjects::SkipToNextObjectLine() {
  while (pos_ < text_.size()) {
    size_t newline = text_.find('\n', pos_);
    if (newline == std::string_view::npos) {
      pos_ = text_.size();
      break;
    }
    pos_ = newline + 1;
    ++line_;
    size_t first = text_.find_first_not_of(" \t\r", pos_);
    if (first != std::string_view::npos && text_[first] == '{') {
      skipping_ = false;
      return;
    }
  }
  // The window ended before a line that starts an object: the next window goes on skipping.
  skipping_ = more_follows_;
}

bool JsonObjects::IsRecordBanner() const {
  std::string_view rest = text_.substr(pos_);
  if (!rest.starts_with("Record ")) return false;
  size_t end = rest.find_first_not_of("0123456789", 7);
  return end > 7 && (end == std::string_view::npos || rest[end] == '\r' || rest[end] == '\n');
}

bool JsonObjects::Next(Object& object, std::string& problem) {
  problem.clear();
  // Separators between objects: whitespace, the commas and brackets of an enclosing array.
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (c == '\n') ++line_;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == '[' || c == ']') {
      ++pos_;
      continue;
    }
    if (c == '{') break;
    if (IsRecordBanner()) {
      SkipToNextObjectLine();
      continue;
    }
    problem = "expected a JSON object";
    object = {{}, line_, base_ + pos_};
    SkipToNextObjectLine();
    return true;
  }
  if (pos_ >= text_.size()) return false;
  const size_t begin = pos_;
  const uint64_t begin_line = line_;
  size_t depth = 0;
  bool in_string = false;
  for (; pos_ < text_.size(); ++pos_) {
    if (in_string) {
      pos_ = EndOfStringRun(text_, pos_);
      if (pos_ == text_.size()) break;
    }
    char c = text_[pos_];
    if (c == '\n') {
      ++line_;
      // JSON strings cannot span lines, and in JSON Lines neither can objects.
      if (in_string || one_per_line_) break;
    }
    if (in_string) {
      if (c == '\\') {
        ++pos_;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) {
        ++pos_;
        if (!layout_known_) {
          layout_known_ = true;
          one_per_line_ = line_ == begin_line;
        }
        object = {text_.substr(begin, pos_ - begin), begin_line, base_ + begin};
        return true;
      }
    }
  }
  if (more_follows_ && pos_ >= text_.size()) {
    // The object goes on in the next window: start it again there.
    pos_ = begin;
    line_ = begin_line;
    return false;
  }
  problem = "unterminated JSON object";
  object = {{}, begin_line, base_ + begin};
  if (pos_ < text_.size()) {
    // Resume at the next line that opens an object.
    pos_ = text_.find('\n', begin);
    if (pos_ == std::string_view::npos) pos_ = text_.size();
    line_ = begin_line;
    SkipToNextObjectLine();
  }
  return true;
}

}  // namespace iochound
