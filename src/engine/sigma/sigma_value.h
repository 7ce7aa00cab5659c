// Sigma string values: wildcards and escapes as the specification defines them, and the value
// modifiers that transform them (windash, base64, base64offset, utf16*, expand).
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace iochound::sigma {

// Why a rule cannot be compiled; the loader reports the message as the rule's failure reason.
class SigmaError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A value as a sequence of literal text and wildcards.
struct Pattern {
  struct Piece {
    enum class Kind { kText, kStar, kQuestion } kind;
    std::string text;  // kText only
  };
  std::vector<Piece> pieces;

  // The value as written in a rule: `*` and `?` are wildcards; a backslash escapes `*`, `?` and
  // itself; any other backslash is literal (pySigma's reading of the specification's Escaping
  // section: `\\` is one backslash, `\\\*` a backslash and a star).
  static Pattern Parse(std::string_view text);
  static Pattern Literal(std::string text);

  bool HasWildcards() const;
  // The literal text; throws SigmaError naming `modifier` when the value has wildcards.
  std::string LiteralText(std::string_view modifier) const;
  void PrependStar();
  void AppendStar();
};

// windash: every `-` or `/` that starts a word after a non-word character (pySigma's `\B[-/]\b`)
// becomes each of - / – — ―, all combinations; values with many dashes are capped (SigmaError).
std::vector<Pattern> Windash(const Pattern& value);

// The encodings; `bytes` and results are byte strings (UTF-16 output is not UTF-8).
std::string Base64(std::string_view bytes);
// The three shifted encodings of `bytes` inside a larger base64 text (pySigma's base64offset).
std::vector<std::string> Base64Offsets(std::string_view bytes);
// UTF-8 text to UTF-16 bytes; `bom` prepends FF FE (the `utf16` modifier).
std::string Utf16(std::string_view utf8, bool big_endian, bool bom);

// expand: replaces each `%name%` in the value's text with every value `lookup(name)` gives (the
// cartesian product when several placeholders); `\%` is a literal percent sign.
using PlaceholderLookup = std::function<std::vector<Pattern>(const std::string& name)>;
std::vector<Pattern> ExpandPlaceholders(const Pattern& value, const PlaceholderLookup& lookup);

}  // namespace iochound::sigma
