// Reading a small file whole: queries, rules, packs, mappings, watchlists.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace iochound {

// The bytes of the file at `path`; nullopt when it cannot be opened or a read fails part way (a
// half-read rule or query must not pass for a whole one).
std::optional<std::string> ReadFileText(const std::filesystem::path& path);

}  // namespace iochound
