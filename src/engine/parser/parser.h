// KQL text to AST (ast.h). Syntax only: names, types and functions are resolved by the binder.
#pragma once

#include <string_view>
#include <vector>

#include "engine/parser/ast.h"

namespace iochound {

struct ParsedQuery {
  // In order: let/declare/set statements and one or more query statements (usually the last).
  std::vector<ast::Statement> statements;
};

// Parses a whole query: statements separated by `;`, a trailing `;` allowed, `//` comments anywhere.
// Throws QueryError (common/diagnostics.h) at the first error, located at the offending token, with
// a message naming what was expected and what was found.
ParsedQuery ParseQuery(std::string_view text);

}  // namespace iochound
