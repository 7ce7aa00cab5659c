// Expressions after binding: every name resolved to a column index or a function, every node typed.
// The planner produces them; execution evaluates them over batches.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/function/function_registry.h"
#include "engine/function/string_ops.h"
#include "types/type.h"
#include "types/value.h"

namespace re2 {
class RE2;
}

namespace iochound {

// The string predicates that have vectorized kernels (string_ops), before negation.
using StringOp = string_ops::Op;

struct BoundExpr {
  enum class Kind {
    kConstant,         // value
    kColumn,           // column_index into the input schema
    kCall,             // function(args...)
    kAnd,              // args[0] and args[1], Kusto's three-valued logic
    kOr,               // args[0] or args[1]
    kNot,              // not(args[0])
    kStringPredicate,  // args[0] <string_op> args[1], both strings
    kInSet,            // args[0] in (set...), set values of args[0]'s type
    kHasAny,           // args[0] has_any (needles) / has_all when match_all
    kRegexMatch,       // args[0] matches regex (regex)
    kMemberAccess,     // args[0] (dynamic) . member / [member]
    kIndexAccess,      // args[0] (dynamic) [args[1]] (long index or string key)
  };

  Kind kind = Kind::kConstant;
  Type type = Type::Null;
  std::vector<std::unique_ptr<BoundExpr>> args;

  Value value;                               // kConstant
  int column_index = -1;                     // kColumn
  const ScalarFunction* function = nullptr;  // kCall
  StringOp string_op = StringOp::kEquals;    // kStringPredicate
  bool negated = false;                      // kStringPredicate, kInSet, kHasAny, kRegexMatch
  bool case_sensitive = false;               // kStringPredicate, kInSet
  bool match_all = false;                    // kHasAny: has_all
  std::vector<Value> set;                    // kInSet
  std::vector<std::string> needles;          // kHasAny
  // Prepared once at bind time so that no batch pays for folding needles or building hash sets.
  std::shared_ptr<const string_ops::TermSet> term_set;  // kHasAny
  std::shared_ptr<const string_ops::Matcher> matcher;   // kStringPredicate with a constant needle
  std::shared_ptr<const re2::RE2> regex;                // kRegexMatch
  std::string member;                                   // kMemberAccess
  std::string text;                                     // display form for Explain()

  static std::unique_ptr<BoundExpr> Constant(Value v, Type type) {
    auto e = std::make_unique<BoundExpr>();
    e->kind = Kind::kConstant;
    e->type = type;
    e->value = std::move(v);
    return e;
  }
  static std::unique_ptr<BoundExpr> Column(int index, Type type) {
    auto e = std::make_unique<BoundExpr>();
    e->kind = Kind::kColumn;
    e->type = type;
    e->column_index = index;
    return e;
  }
};

using BoundExprPtr = std::unique_ptr<BoundExpr>;

}  // namespace iochound
