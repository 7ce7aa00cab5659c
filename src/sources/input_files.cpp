#include "sources/input_files.h"

#include <fmt/format.h>
#include <glob.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <system_error>

#include "sources/archive_members.h"
#include "sources/stdin_spool.h"
#include "sources/whole_input.h"

namespace iochound {
namespace {

namespace fs = std::filesystem;

bool HasGlobMagic(std::string_view path) {
  return path.find_first_of("*?[") != std::string_view::npos;
}

// Enough decompressed bytes to see a tar header's magic.
constexpr size_t kArchiveProbeBytes = 512;

// `path`, or the members of the archive it is.
void AddFile(std::string path, std::vector<InputFile>& out, DataErrors& errors) {
  InputFile file{std::move(path), nullptr, nullptr};
  bool archive = false;
  try {
    archive = IsArchive(ReadInputPrefix(file, kArchiveProbeBytes));
  } catch (const std::runtime_error&) {
    // Not readable as an archive either: the scan that reads the file reports why.
  }
  if (!archive) {
    out.push_back(std::move(file));
    return;
  }
  try {
    for (InputFile& member : ListArchiveMembers(file.name, errors)) out.push_back(std::move(member));
  } catch (const std::runtime_error& e) {
    errors.ReportFile(file.name, e.what());
  }
}

void AddDirectory(const fs::path& dir, std::vector<InputFile>& out, DataErrors& errors) {
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec)
    throw std::invalid_argument(fmt::format("cannot read directory '{}': {}", dir.string(), ec.message()));
  std::vector<std::string> files;
  for (auto end = fs::recursive_directory_iterator(); it != end; it.increment(ec)) {
    if (ec) {
      errors.ReportFile(dir.string(), fmt::format("cannot list directory entry: {}", ec.message()));
      break;
    }
    std::error_code type_error;
    if (!it->is_regular_file(type_error)) continue;
    std::string name = it->path().string();
    // Reported now rather than at scan time so the user learns of it even when no scan reaches it.
    if (access(name.c_str(), R_OK) != 0) {
      errors.ReportFile(name, "cannot read file (permission denied); skipped");
      continue;
    }
    files.push_back(std::move(name));
  }
  std::sort(files.begin(), files.end());
  for (auto& f : files) AddFile(std::move(f), out, errors);
}

void AddPath(const std::string& path, std::vector<InputFile>& out, DataErrors& errors) {
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status))
    throw std::invalid_argument(fmt::format("no such file or directory: '{}'", path));
  if (fs::is_directory(status)) {
    AddDirectory(path, out, errors);
    return;
  }
  if (access(path.c_str(), R_OK) != 0)
    throw std::invalid_argument(fmt::format("cannot read file '{}'", path));
  // A stream can be read only once, but a table is read more than once: spooled like `-`.
  if (fs::is_fifo(status) || fs::is_socket(status)) {
    out.push_back(InputFile{path, std::make_shared<StdinSpool>(path), nullptr});
    return;
  }
  AddFile(path, out, errors);
}

}  // namespace

std::vector<InputFile> ResolveInputs(std::string_view path, DataErrors& errors) {
  if (path.empty()) throw std::invalid_argument("empty input path");
  std::vector<InputFile> files;
  if (path == "-") {
    files.push_back(InputFile{"<stdin>", std::make_shared<StdinSpool>(), nullptr});
    return files;
  }
  std::string spec(path);
  std::error_code ec;
  // A path that exists wins over its reading as a pattern: file names may contain '[' or '?'.
  if (!HasGlobMagic(spec) || fs::exists(spec, ec)) {
    AddPath(spec, files, errors);
    return files;
  }
  glob_t matches{};
  int rc = glob(spec.c_str(), GLOB_ERR, nullptr, &matches);
  if (rc != 0) {
    globfree(&matches);
    throw std::invalid_argument(fmt::format("no file matches '{}'", spec));
  }
  // glob(3) returns its matches sorted, so the read order is deterministic.
  for (size_t i = 0; i < matches.gl_pathc; ++i) AddPath(matches.gl_pathv[i], files, errors);
  globfree(&matches);
  if (files.empty()) throw std::invalid_argument(fmt::format("no file matches '{}'", spec));
  return files;
}

}  // namespace iochound
