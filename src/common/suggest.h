// Helpers for messages that point users at what they meant, and for name patterns.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace iochound {

// " (did you mean 'X'?)" for the candidate closest to `name` (case-insensitive edit distance,
// close enough to be a plausible typo), or "" when none is.
std::string DidYouMean(std::string_view name, const std::vector<std::string>& candidates);

// Kusto's column-name wildcards: `*` matches any run of characters; everything else is literal.
bool WildcardMatch(std::string_view pattern, std::string_view name);

}  // namespace iochound
