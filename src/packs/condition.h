// Structured matchers for exclusions: a tree of all/any/not over leaf tests of one result column
// or entity attribute. Leaves compare precisely: image file names by equality, paths by anchored
// normalized prefix (path_match.h), strings with Kusto's case-insensitive predicates, RE2 regexes.
#pragma once

#include <re2/re2.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/function/string_ops.h"
#include "packs/path_match.h"
#include "types/column.h"
#include "types/type.h"

namespace iochound::packs {

// Where a pack element was written: for `FILE:LINE:COLUMN: message` errors.
struct SourceMark {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown (then FILE:LINE: message)
  std::string Format(std::string_view message) const;
};

enum class MatchOp {
  kImageIn,    // the value's file name (after the last \ or /) equals one of the values, ignoring case
  kPathUnder,  // the value is an absolute path strictly inside one of the directories (IsInside)
  kEquals,     // Kusto =~
  kContains,   // Kusto contains
  kStartsWith,
  kEndsWith,
  kHas,    // Kusto has: whole terms
  kRegex,  // RE2, unanchored (use ^ and $ to anchor)
};

// The YAML key of each operator (`image_in`, `path_under`, `equals`, ...); nullopt for others.
std::optional<MatchOp> ParseMatchOp(std::string_view key);
std::vector<std::string> MatchOpNames();

struct Condition {
  enum class Kind { kAll, kAny, kNot, kLeaf };
  Kind kind = Kind::kAll;
  std::vector<Condition> children;  // kAll, kAny: any number; kNot: one

  // kLeaf: what is tested, exactly one of a result column or an entity attribute (`process.name`).
  std::string column;
  std::string entity;
  MatchOp op = MatchOp::kEquals;
  std::vector<std::string> values;  // true when any value matches
  SourceMark mark;

  // Prepared by Compile(): directories, regexes and predicates built once.
  std::vector<NormalizedPath> dirs;
  std::vector<std::shared_ptr<const RE2>> regexes;
  std::vector<std::shared_ptr<const string_ops::Matcher>> matchers;
};

// Prepares every leaf of `condition`; returns the first problem (a relative directory, a regex
// that does not compile, an empty value list), formatted with its mark, or "".
std::string Compile(Condition& condition);

// The value of one result column for each row, resolved against a rule's results.
struct ColumnRef {
  int index = -1;
  bool file_name = false;  // take the file name of the value (entity `.name` derived from `.path`)
};

// A condition resolved against one rule's result schema and entity mapping.
class BoundCondition {
 public:
  // Resolves every leaf's column; returns "" or the first problem (a column the results do not
  // have, an entity the rule does not map), formatted with the leaf's mark.
  static std::string Bind(const Condition& condition, const Schema& schema,
                          const std::map<std::string, std::map<std::string, std::string>>& entities,
                          BoundCondition& out);
  bool Matches(const Batch& batch, size_t row) const;

 private:
  const Condition* node_ = nullptr;
  ColumnRef ref_;
  std::vector<BoundCondition> children_;
};

// A cell as text: strings as they are, other values as the text writers render them, "" for null.
std::string CellText(const Column& column, size_t row);

}  // namespace iochound::packs
