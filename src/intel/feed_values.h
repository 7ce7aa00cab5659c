// Field values as feeds write them: nulls spelled `None`, times with or without ` UTC`, epoch
// seconds, comma-separated lists.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iochound {

// Empty, `None`, `null`, `N/A` or `-`: the feeds' ways of saying nothing.
bool IsNullText(std::string_view text);
// A datetime as ticks: ISO 8601 or `YYYY-MM-DD HH:MM:SS` with an optional ` UTC`, or epoch seconds
// (MISP). nullopt for null or unparsable text.
std::optional<int64_t> ParseFeedTime(std::string_view text);
// An integer 0-100; -1 for null or anything else.
int ParseConfidence(std::string_view text);
// Splits `a,b, c` (or `;`-separated) into trimmed non-empty items; nothing for null text.
std::vector<std::string> SplitList(std::string_view text);

}  // namespace iochound
