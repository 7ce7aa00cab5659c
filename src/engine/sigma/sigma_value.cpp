#include "engine/sigma/sigma_value.h"

#include <fmt/format.h>
#include <unicode/utf8.h>

#include "common/base64.h"

namespace iochound::sigma {

namespace {

using Piece = Pattern::Piece;

void AppendText(Pattern& pattern, std::string_view text) {
  if (text.empty()) return;
  if (!pattern.pieces.empty() && pattern.pieces.back().kind == Piece::Kind::kText) {
    pattern.pieces.back().text += text;
  } else {
    pattern.pieces.push_back({Piece::Kind::kText, std::string(text)});
  }
}

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// More dashes than this would make thousands of alternatives; no real rule comes close.
constexpr size_t kMaxWindashPositions = 4;

}  // namespace

Pattern Pattern::Parse(std::string_view text) {
  Pattern pattern;
  std::string literal;
  auto flush = [&] {
    AppendText(pattern, literal);
    literal.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\\' && i + 1 < text.size() &&
        (text[i + 1] == '*' || text[i + 1] == '?' || text[i + 1] == '\\')) {
      literal += text[++i];
    } else if (c == '*' || c == '?') {
      flush();
      pattern.pieces.push_back({c == '*' ? Piece::Kind::kStar : Piece::Kind::kQuestion, {}});
    } else {
      literal += c;
    }
  }
  flush();
  return pattern;
}

Pattern Pattern::Literal(std::string text) {
  Pattern pattern;
  AppendText(pattern, text);
  return pattern;
}

bool Pattern::HasWildcards() const {
  for (const Piece& piece : pieces) {
    if (piece.kind != Piece::Kind::kText) return true;
  }
  return false;
}

std::string Pattern::LiteralText(std::string_view modifier) const {
  if (HasWildcards()) throw SigmaError(fmt::format("modifier '{}' on a value with wildcards", modifier));
  return pieces.empty() ? std::string() : pieces.front().text;
}

void Pattern::PrependStar() {
  if (pieces.empty() || pieces.front().kind != Piece::Kind::kStar) {
    pieces.insert(pieces.begin(), {Piece::Kind::kStar, {}});
  }
}

void Pattern::AppendStar() {
  if (pieces.empty() || pieces.back().kind != Piece::Kind::kStar) pieces.push_back({Piece::Kind::kStar, {}});
}

std::vector<Pattern> Windash(const Pattern& value) {
  // Each position of a dash to permute: (piece index, byte offset).
  std::vector<std::pair<size_t, size_t>> positions;
  for (size_t p = 0; p < value.pieces.size(); ++p) {
    const Piece& piece = value.pieces[p];
    if (piece.kind != Piece::Kind::kText) continue;
    const std::string& text = piece.text;
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] != '-' && text[i] != '/') continue;
      bool after_word = i > 0 && IsWordChar(text[i - 1]);
      bool before_word = i + 1 < text.size() && IsWordChar(text[i + 1]);
      if (!after_word && before_word) positions.emplace_back(p, i);
    }
  }
  if (positions.size() > kMaxWindashPositions) {
    throw SigmaError(fmt::format("windash on a value with {} dashes (at most {})", positions.size(),
                                 kMaxWindashPositions));
  }
  static const char* const kDashes[] = {"-", "/", "\u2013", "\u2014", "\u2015"};
  constexpr size_t kDashCount = std::size(kDashes);
  size_t combinations = 1;
  for (size_t i = 0; i < positions.size(); ++i) combinations *= kDashCount;
  std::vector<Pattern> out;
  for (size_t combination = 0; combination < combinations; ++combination) {
    Pattern variant = value;
    // Replace from the last position backwards so earlier offsets stay valid.
    size_t code = combination;
    std::vector<size_t> choice(positions.size());
    for (size_t i = 0; i < positions.size(); ++i, code /= kDashCount) choice[i] = code % kDashCount;
    for (size_t i = positions.size(); i-- > 0;) {
      auto [p, offset] = positions[i];
      variant.pieces[p].text.replace(offset, 1, kDashes[choice[i]]);
    }
    out.push_back(std::move(variant));
  }
  return out;
}

std::string Base64(std::string_view bytes) {
  return Base64Encode(bytes);
}

std::vector<std::string> Base64Offsets(std::string_view bytes) {
  // The value shifted by 0, 1 and 2 bytes inside a larger text: the characters that depend on the
  // unknown neighbours are cut off at both ends, leaving what every encoding of the text contains.
  static constexpr size_t kStart[] = {0, 2, 3};
  static constexpr size_t kEndCut[] = {0, 3, 2};
  std::vector<std::string> out;
  for (size_t shift = 0; shift < 3; ++shift) {
    std::string encoded = Base64Encode(std::string(shift, ' ') + std::string(bytes));
    size_t end = encoded.size() - kEndCut[(bytes.size() + shift) % 3];
    out.push_back(end > kStart[shift] ? encoded.substr(kStart[shift], end - kStart[shift]) : std::string());
  }
  return out;
}

std::string Utf16(std::string_view utf8, bool big_endian, bool bom) {
  std::string out;
  auto unit = [&](uint16_t u) {
    char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
    out += big_endian ? hi : lo;
    out += big_endian ? lo : hi;
  };
  if (bom) unit(0xFEFF);
  int32_t i = 0, length = static_cast<int32_t>(utf8.size());
  while (i < length) {
    UChar32 cp;
    U8_NEXT(utf8.data(), i, length, cp);
    if (cp < 0) cp = 0xFFFD;
    if (cp >= 0x10000) {
      unit(static_cast<uint16_t>(0xD800 + ((cp - 0x10000) >> 10)));
      unit(static_cast<uint16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
    } else {
      unit(static_cast<uint16_t>(cp));
    }
  }
  return out;
}

std::vector<Pattern> ExpandPlaceholders(const Pattern& value, const PlaceholderLookup& lookup) {
  std::vector<Pattern> results(1);
  auto append_literal = [&](std::string_view text) {
    for (Pattern& result : results) AppendText(result, text);
  };
  for (const Piece& piece : value.pieces) {
    if (piece.kind != Piece::Kind::kText) {
      for (Pattern& result : results) result.pieces.push_back(piece);
      continue;
    }
    const std::string& text = piece.text;
    std::string literal;
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '%') {
        literal += '%';
        ++i;
        continue;
      }
      size_t close = text[i] == '%' ? text.find('%', i + 1) : std::string::npos;
      if (close == std::string::npos || close == i + 1) {
        literal += text[i];
        continue;
      }
      append_literal(literal);
      literal.clear();
      std::vector<Pattern> values = lookup(text.substr(i + 1, close - i - 1));
      std::vector<Pattern> product;
      for (const Pattern& prefix : results) {
        for (const Pattern& v : values) {
          Pattern joined = prefix;
          for (const Piece& vp : v.pieces) {
            if (vp.kind == Piece::Kind::kText) {
              AppendText(joined, vp.text);
            } else {
              joined.pieces.push_back(vp);
            }
          }
          product.push_back(std::move(joined));
        }
      }
      results = std::move(product);
      i = close;
    }
    append_literal(literal);
  }
  return results;
}

}  // namespace iochound::sigma
