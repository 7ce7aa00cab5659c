// What a parse / parse-where / parse-kv plan node extracts from its source string. The binder builds
// it once (regex compiled, converters resolved); the parse operator (execution/parse.cpp) applies it
// to every row.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/function/function_registry.h"
#include "types/type.h"

namespace re2 {
class RE2;
}

namespace iochound {

struct ParseSpec {
  enum class Mode {
    kPattern,      // parse: capture group i + 1 of `regex` is extracted column i
    kKvDelimited,  // parse-kv with pair_delimiter and kv_delimiter
    kKvAuto,       // parse-kv without delimiters: any non-alphanumeric character separates
    kKvRegex,      // parse-kv with regex=: each match's group 1 is a key, group 2 its value
  };

  // One extracted column.
  struct Column {
    std::string key;  // parse-kv: the key it takes its value from
    int group = 0;    // parse: its capture group in `regex`
    Type type = Type::String;
    // The to*() conversion from the extracted text; nullptr for string columns.
    const ScalarFunction* convert = nullptr;
  };

  Mode mode = Mode::kPattern;
  std::vector<Column> columns;
  std::shared_ptr<const re2::RE2> regex;  // kPattern, kKvRegex
  // kPattern, kind=relaxed: a column whose text does not convert is null, the row still matches.
  // Otherwise (kind=simple|regex) such a row does not match at all.
  bool relaxed = false;
  bool drop_unmatched = false;  // parse-where

  // The output: per column, an input column index (>= 0) or extracted column -(k + 1).
  std::vector<int> outputs;

  // parse-kv options.
  std::string pair_delimiter, kv_delimiter;
  std::vector<std::pair<char, char>> quotes;  // opening and closing quote characters
  std::string escapes;
  bool greedy = false;  // a value runs up to the next `key<kv_delimiter>`, not the next pair delimiter
};

}  // namespace iochound
