// The condition of a Sigma detection: search identifiers combined with and/or/not, parentheses and
// `1 of pattern` / `all of pattern` / `... of them`, compiled to a KQL boolean expression.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iochound::sigma {

// `identifiers` are the search identifiers in the order the rule defines them, each with its
// compiled KQL predicate. Throws SigmaError on a syntax error or an unknown identifier.
std::string CompileCondition(std::string_view condition,
                             const std::vector<std::pair<std::string, std::string>>& identifiers);

}  // namespace iochound::sigma
