// Splits one line of the CSV dialects feeds use: fields optionally double-quoted (doubled quotes
// inside), separated by commas followed by optional blanks, as ThreatFox writes `"a", "b"`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iochound {

// The fields of `line` (without its line end), or nullopt when a quote is left open. Fields are
// not trimmed inside quotes; unquoted fields are.
std::optional<std::vector<std::string>> SplitCsvLine(std::string_view line);

// The lines of `text` without their `\n`/`\r\n` ends; the last line may lack one.
std::vector<std::string_view> SplitLines(std::string_view text);

}  // namespace iochound
