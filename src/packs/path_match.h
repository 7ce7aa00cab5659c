// Paths as exclusions compare them: anchored, normalized, never by substring. A log-directory
// exclusion must not be bypassed by `C:\Users\x\System32\LogFiles\` (an unanchored `*\System32\*`
// filter is: SigmaHQ PR #323) nor by `C:\Windows\System32\LogFiles\..\..\Temp\x.exe`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iochound::packs {

// An absolute path split into its root and segments, `.` dropped and `..` resolved.
struct NormalizedPath {
  bool windows = false;  // drive letter or UNC root: compared case-insensitively, `\` or `/` separators
  std::string root;      // `c:` (folded), `\\server\share` (folded) or `/`
  std::vector<std::string> segments;  // folded on Windows
};

// nullopt when `path` is not absolute (relative, empty, or starting with an unexpanded `%VAR%`):
// such a path is never inside a directory. Windows forms: `C:\...`, `C:/...`, `\\?\C:\...`,
// `\??\C:\...`, `\\server\share\...`; Win32 drops trailing dots and spaces of a name, so they are
// dropped here too (`LogFiles.` is `LogFiles`). Surrounding double quotes are removed.
std::optional<NormalizedPath> NormalizePath(std::string_view path);

// True when `path` lies strictly inside the directory `dir` (same kind, same root, every segment
// of `dir` equal to the path's at the same position, and at least one segment more).
bool IsInside(const NormalizedPath& path, const NormalizedPath& dir);

// The file name of an image or path: what follows the last `\` or `/`, surrounding quotes removed.
std::string_view ImageFileName(std::string_view path);

}  // namespace iochound::packs
