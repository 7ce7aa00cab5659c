// Writing KQL source text: string literals that read back as exactly the given bytes, and the
// regular expression of a Sigma wildcard pattern.
#pragma once

#include <string>
#include <string_view>

#include "engine/sigma/sigma_value.h"

namespace iochound::sigma {

// A KQL string literal holding `text`: a verbatim @'...' literal (readable Windows paths) unless the
// text has control characters, which need an escaped "..." literal.
std::string KqlString(std::string_view text);

// An RE2 pattern matching a whole value against `pattern` (`*` any run, `?` one character, across
// lines); `cased` false makes it case-insensitive.
std::string WildcardRegex(const Pattern& pattern, bool cased);

}  // namespace iochound::sigma
