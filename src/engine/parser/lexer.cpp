#include "engine/parser/lexer.h"

#include <cctype>
#include <charconv>
#include <cstdlib>

#include "common/diagnostics.h"
#include "common/utf8.h"

namespace iochound {
namespace {

bool IsIdentStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool IsIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}
bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// Words Kusto accepts after a number to make it a timespan literal.
bool IsTimeSpanUnit(std::string_view unit) {
  static constexpr std::string_view kUnits[] = {
      "d",       "day",         "days",
      "h",       "hr",          "hrs",
      "hour",    "hours",       "m",
      "min",     "minute",      "minutes",
      "s",       "sec",         "second",
      "seconds", "ms",          "milli",
      "millis",  "millisecond", "milliseconds",
      "micro",   "micros",      "tick",
      "ticks",   "microsecond", "microseconds",
  };
  for (std::string_view u : kUnits) {
    if (u == unit) return true;
  }
  return false;
}

// Lexes a string literal whose opening quote is at `pos`; returns the position after it.
size_t LexQuoted(std::string_view text, size_t start, size_t pos, bool verbatim, std::string& out) {
  char quote = text[pos++];
  while (true) {
    // The plain bytes up to the next quote, backslash or line break are copied at once: a list of
    // 100,000 IOCs is 100,000 strings.
    size_t plain = pos;
    while (plain < text.size() && text[plain] != quote && text[plain] != '\\' && text[plain] != '\n') ++plain;
    out.append(text.data() + pos, plain - pos);
    pos = plain;
    if (pos >= text.size() || (!verbatim && text[pos] == '\n')) {
      throw QueryError("unterminated string literal", start, pos - start);
    }
    char c = text[pos];
    if (c == quote) {
      if (verbatim && pos + 1 < text.size() && text[pos + 1] == quote) {
        out.push_back(quote);
        pos += 2;
        continue;
      }
      return pos + 1;
    }
    if (c == '\\' && !verbatim) {
      if (pos + 1 >= text.size()) throw QueryError("unterminated string literal", start, pos - start);
      char e = text[pos + 1];
      pos += 2;
      switch (e) {
        case 'n':
          out.push_back('\n');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case '0':
          out.push_back('\0');
          break;
        case 'a':
          out.push_back('\a');
          break;
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'v':
          out.push_back('\v');
          break;
        case 'u':
        case 'x': {
          size_t digits = e == 'u' ? 4 : 2;
          uint32_t cp = 0;
          auto [end, ec] =
              std::from_chars(text.data() + pos, text.data() + std::min(text.size(), pos + digits), cp, 16);
          if (ec != std::errc() || end != text.data() + pos + digits) {
            throw QueryError(std::string("invalid \\") + e + " escape in string literal", pos - 2, 2);
          }
          AppendUtf8(out, cp);
          pos += digits;
          break;
        }
        default:
          out.push_back(e);
          break;  // \\ \" \' and, leniently, any other character
      }
      continue;
    }
    out.push_back(c);
    ++pos;
  }
}

// Invisible or space characters that queries copied from web pages and documents carry: no-break
// and typographic spaces, zero-width spaces and joiners, the byte order mark.
size_t UnicodeSpaceLength(std::string_view s) {
  if (s.size() >= 2 && s.substr(0, 2) == "\xC2\xA0") return 2;
  if (s.size() < 3) return 0;
  auto b1 = static_cast<unsigned char>(s[1]), b2 = static_cast<unsigned char>(s[2]);
  if (s.substr(0, 3) == "\xEF\xBB\xBF" || s.substr(0, 3) == "\xE3\x80\x80") return 3;
  if (static_cast<unsigned char>(s[0]) != 0xE2) return 0;
  if (b1 == 0x80 && (b2 <= 0x8D || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF)) return 3;
  if (b1 == 0x81 && (b2 == 0x9F || b2 == 0xA0)) return 3;
  return 0;
}

size_t SkipSpaceAndComments(std::string_view text, size_t pos) {
  while (pos < text.size()) {
    char c = text[pos];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++pos;
    } else if (c == '/' && pos + 1 < text.size() && text[pos + 1] == '/') {
      while (pos < text.size() && text[pos] != '\n') ++pos;
    } else if (size_t n = UnicodeSpaceLength(text.substr(pos)); n > 0) {
      pos += n;
    } else {
      break;
    }
  }
  return pos;
}

Token LexNumber(std::string_view text, size_t pos) {
  Token t;
  t.offset = pos;
  size_t p = pos;
  if (text[p] == '0' && p + 1 < text.size() && (text[p + 1] == 'x' || text[p + 1] == 'X')) {
    p += 2;
    size_t digits = p;
    while (p < text.size() && std::isxdigit(static_cast<unsigned char>(text[p]))) ++p;
    uint64_t v = 0;
    auto [end, ec] = std::from_chars(text.data() + digits, text.data() + p, v, 16);
    if (ec != std::errc() || digits == p) throw QueryError("invalid hexadecimal literal", pos, p - pos);
    t.kind = TokenKind::kInt;
    t.int_value = static_cast<int64_t>(v);
    t.length = p - pos;
    t.text = std::string(text.substr(pos, t.length));
    return t;
  }
  bool real = false;
  while (p < text.size() && IsDigit(text[p])) ++p;
  if (p + 1 < text.size() && text[p] == '.' && IsDigit(text[p + 1])) {
    real = true;
    ++p;
    while (p < text.size() && IsDigit(text[p])) ++p;
  }
  size_t mantissa_end = p;
  if (p < text.size() && (text[p] == 'e' || text[p] == 'E')) {
    size_t q = p + 1;
    if (q < text.size() && (text[q] == '+' || text[q] == '-')) ++q;
    if (q < text.size() && IsDigit(text[q])) {
      while (q < text.size() && IsDigit(text[q])) ++q;
      real = true;
      p = q;
    }
  }
  if (p == mantissa_end && p < text.size() && IsIdentStart(text[p])) {
    size_t q = p;
    while (q < text.size() && IsIdentChar(text[q])) ++q;
    std::string unit(text.substr(p, q - p));
    for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (IsTimeSpanUnit(unit)) {
      t.kind = TokenKind::kTimeSpan;
      t.length = q - pos;
      t.text = std::string(text.substr(pos, t.length));
      return t;
    }
  }
  if (!real && p < text.size() && IsIdentStart(text[p])) {
    // Kusto names may start with digits: `2022Exploits`, `5MinuteBin`.
    while (p < text.size() && IsIdentChar(text[p])) ++p;
    t.kind = TokenKind::kIdentifier;
    t.length = p - pos;
    t.text = std::string(text.substr(pos, t.length));
    return t;
  }
  t.length = p - pos;
  t.text = std::string(text.substr(pos, t.length));
  if (real) {
    t.kind = TokenKind::kReal;
    t.real_value = std::strtod(t.text.c_str(), nullptr);
  } else {
    t.kind = TokenKind::kInt;
    auto [end, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), t.int_value);
    if (ec != std::errc()) {
      // Too large for long: Kusto reads it as real.
      t.kind = TokenKind::kReal;
      t.real_value = std::strtod(t.text.c_str(), nullptr);
    }
  }
  return t;
}

}  // namespace

Token LexToken(std::string_view text, size_t offset) {
  size_t pos = SkipSpaceAndComments(text, offset);
  Token t;
  t.offset = pos;
  if (pos >= text.size()) {
    t.kind = TokenKind::kEnd;
    return t;
  }
  char c = text[pos];
  auto at = [&](size_t i) { return pos + i < text.size() ? text[pos + i] : '\0'; };

  // Strings: '...', "...", @"...", h"...", h@"...", ```...```.
  if (c == '`' && at(1) == '`' && at(2) == '`') {
    size_t end = text.find("```", pos + 3);
    if (end == std::string_view::npos) throw QueryError("unterminated ``` string literal", pos, 3);
    t.kind = TokenKind::kString;
    t.text = std::string(text.substr(pos + 3, end - pos - 3));
    t.length = end + 3 - pos;
    return t;
  }
  {
    size_t p = pos;
    if ((c == 'h' || c == 'H') &&
        (at(1) == '"' || at(1) == '\'' || (at(1) == '@' && (at(2) == '"' || at(2) == '\''))))
      ++p;
    bool verbatim = false;
    if (text[p] == '@' && p + 1 < text.size() && (text[p + 1] == '"' || text[p + 1] == '\'')) {
      verbatim = true;
      ++p;
    }
    if (text[p] == '"' || text[p] == '\'') {
      t.kind = TokenKind::kString;
      size_t end = LexQuoted(text, pos, p, verbatim, t.text);
      t.length = end - pos;
      return t;
    }
  }
  if (IsDigit(c)) return LexNumber(text, pos);
  if (IsIdentStart(c) || (c == '$' && IsIdentStart(at(1)))) {
    size_t p = pos + 1;
    while (p < text.size() && IsIdentChar(text[p])) ++p;
    if (text.substr(pos, p - pos) == "in" && p < text.size() && text[p] == '~') ++p;
    t.kind = TokenKind::kIdentifier;
    t.length = p - pos;
    t.text = std::string(text.substr(pos, t.length));
    return t;
  }
  if (c == '!' && IsIdentStart(at(1))) {
    size_t p = pos + 1;
    while (p < text.size() && IsIdentChar(text[p])) ++p;
    if (text.substr(pos, p - pos) == "!in" && p < text.size() && text[p] == '~') ++p;
    t.kind = TokenKind::kIdentifier;
    t.length = p - pos;
    t.text = std::string(text.substr(pos, t.length));
    return t;
  }
  if (c == '[') {
    size_t p = SkipSpaceAndComments(text, pos + 1);
    bool verbatim = p < text.size() && text[p] == '@';
    if (verbatim) ++p;
    if (p < text.size() && (text[p] == '\'' || text[p] == '"')) {
      std::string name;
      size_t end = SkipSpaceAndComments(text, LexQuoted(text, p, p, verbatim, name));
      if (end < text.size() && text[end] == ']') {
        t.kind = TokenKind::kBracketName;
        t.text = std::move(name);
        t.length = end + 1 - pos;
        return t;
      }
    }
  }
  static constexpr std::string_view kTwoChar[] = {"..", "==", "!=", "<>", "<=", ">=", "=~", "!~", "=>"};
  t.kind = TokenKind::kPunct;
  for (std::string_view two : kTwoChar) {
    if (text.substr(pos, 2) == two) {
      t.text = std::string(two);
      t.length = 2;
      return t;
    }
  }
  static constexpr std::string_view kOneChar = "()[]{},;:.|=<>+-*/%!?@#~";
  if (kOneChar.find(c) != std::string_view::npos) {
    t.text = std::string(1, c);
    t.length = 1;
    return t;
  }
  auto byte = static_cast<unsigned char>(c);
  std::string shown;
  if (byte < 0x20 || byte >= 0x7f) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    shown = std::string("byte 0x") + kHex[byte >> 4] + kHex[byte & 15];
  } else {
    shown = "'" + std::string(1, c) + "'";
  }
  throw QueryError("unexpected character " + shown + " in query", pos, 1);
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t pos = 0;
  while (true) {
    tokens.push_back(LexToken(text, pos));
    if (tokens.back().kind == TokenKind::kEnd) return tokens;
    pos = tokens.back().offset + tokens.back().length;
  }
}

}  // namespace iochound
