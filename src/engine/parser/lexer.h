// KQL tokens. The lexer is context free; context-dependent forms (hyphenated operator names such as
// project-away, the raw text of datetime(...) and guid(...)) are assembled by the parser from
// token offsets and the query text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace iochound {

enum class TokenKind {
  kEnd,
  // Words: identifiers and keywords alike (`where`, `and`, `$left`), plus the negated and
  // case-insensitive operator words `!has`, `!contains`, `!in`, `in~`, `!in~`, `!between`, ...
  kIdentifier,
  // `['name']` / `["name"]`: a quoted name, or an index with a string key after an expression.
  kBracketName,
  kInt,       // 123, 0x1F
  kReal,      // 1.5, 1e3, 1.5e-3
  kTimeSpan,  // 1d, 1.5h, 10ms, 10microsecond, 1tick
  kString,    // any string form; `text` holds the decoded value
  kPunct,     // ( ) [ ] { } , ; : . .. | = == != <> < <= > >= =~ !~ + - * / % =>
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  size_t offset = 0;
  size_t length = 0;
  // kIdentifier/kBracketName: the name; kString: the decoded value; kPunct: the punctuation;
  // kInt/kReal/kTimeSpan: the literal as written.
  std::string text;
  int64_t int_value = 0;  // kInt
  double real_value = 0;  // kReal
};

// The token starting at or after `offset` (whitespace and `//` comments skipped); kEnd at the end.
// Throws QueryError on an unterminated string or a character KQL does not use.
Token LexToken(std::string_view text, size_t offset);

// All tokens of `text`, ending with kEnd.
std::vector<Token> Tokenize(std::string_view text);

}  // namespace iochound
