#include "packs/path_match.h"

#include "engine/function/string_ops.h"

namespace iochound::packs {
namespace {

std::string_view Unquote(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return s;
}

bool IsSeparator(char c, bool windows) {
  return c == '/' || (windows && c == '\\');
}

bool IsDriveRoot(std::string_view s) {
  return s.size() >= 3 && ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')) && s[1] == ':' &&
         (s[2] == '\\' || s[2] == '/');
}

// Splits `rest` into segments, resolving `.` and `..` (which stops at the root, as the OS does).
std::vector<std::string> Segments(std::string_view rest, bool windows) {
  std::vector<std::string> segments;
  size_t i = 0;
  while (i <= rest.size()) {
    size_t end = i;
    while (end < rest.size() && !IsSeparator(rest[end], windows)) ++end;
    std::string_view name = rest.substr(i, end - i);
    if (windows) {
      while (!name.empty() && (name.back() == '.' || name.back() == ' ') && name != "." && name != "..") {
        name.remove_suffix(1);
      }
    }
    if (name == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!name.empty() && name != ".") {
      segments.push_back(windows ? string_ops::FoldCase(name) : std::string(name));
    }
    i = end + 1;
  }
  return segments;
}

}  // namespace

std::optional<NormalizedPath> NormalizePath(std::string_view path) {
  path = Unquote(path);
  NormalizedPath result;
  // Win32 and NT namespace prefixes name the same file as the plain drive path.
  if (path.starts_with("\\\\?\\") || path.starts_with("\\??\\") || path.starts_with("\\\\.\\")) {
    std::string_view rest = path.substr(4);
    if (IsDriveRoot(rest)) path = rest;
  }
  if (IsDriveRoot(path)) {
    result.windows = true;
    result.root = string_ops::FoldCase(path.substr(0, 2));
    result.segments = Segments(path.substr(3), true);
    return result;
  }
  if (path.size() > 2 && path[0] == '\\' && path[1] == '\\') {
    // UNC: \\server\share is the root; `..` cannot climb above it.
    std::string_view rest = path.substr(2);
    size_t server_end = rest.find_first_of("\\/");
    if (server_end == std::string_view::npos || server_end == 0) return std::nullopt;
    size_t share_end = rest.find_first_of("\\/", server_end + 1);
    std::string_view share =
        rest.substr(server_end + 1, share_end == std::string_view::npos ? std::string_view::npos
                                                                        : share_end - server_end - 1);
    if (share.empty()) return std::nullopt;
    result.windows = true;
    result.root =
        "\\\\" + string_ops::FoldCase(rest.substr(0, server_end)) + "\\" + string_ops::FoldCase(share);
    if (share_end != std::string_view::npos) result.segments = Segments(rest.substr(share_end + 1), true);
    return result;
  }
  if (!path.empty() && path[0] == '/') {
    result.root = "/";
    result.segments = Segments(path.substr(1), false);
    return result;
  }
  return std::nullopt;
}

bool IsInside(const NormalizedPath& path, const NormalizedPath& dir) {
  if (path.windows != dir.windows || path.root != dir.root) return false;
  if (path.segments.size() <= dir.segments.size()) return false;
  for (size_t i = 0; i < dir.segments.size(); ++i) {
    if (path.segments[i] != dir.segments[i]) return false;
  }
  return true;
}

std::string_view ImageFileName(std::string_view path) {
  path = Unquote(path);
  size_t slash = path.find_last_of("\\/");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace iochound::packs
