#include "engine/sigma/kql_text.h"

#include <fmt/format.h>
#include <re2/re2.h>

namespace iochound::sigma {

std::string KqlString(std::string_view text) {
  bool control = false;
  for (char c : text) control |= static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
  std::string out;
  if (!control) {
    // A verbatim literal has no escapes; a quote is written twice.
    out = "@'";
    for (char c : text) {
      if (c == '\'') out += '\'';
      out += c;
    }
    out += '\'';
    return out;
  }
  out = "\"";
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7F) {
      out += fmt::format("\\x{:02x}", u);
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

std::string WildcardRegex(const Pattern& pattern, bool cased) {
  std::string regex = cased ? "(?s)^" : "(?is)^";
  for (const Pattern::Piece& piece : pattern.pieces) {
    switch (piece.kind) {
      case Pattern::Piece::Kind::kText:
        regex += RE2::QuoteMeta(piece.text);
        break;
      case Pattern::Piece::Kind::kStar:
        regex += ".*";
        break;
      case Pattern::Piece::Kind::kQuestion:
        regex += ".";
        break;
    }
  }
  regex += "$";
  return regex;
}

}  // namespace iochound::sigma
