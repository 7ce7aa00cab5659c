// Resolves the PATH of a `--table NAME=PATH` binding to the files to read.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.h"

namespace iochound {

class StdinSpool;

// A file inside an archive (zip, tar, 7z, and tar compressed with gzip, bzip2, xz or zstd).
struct ArchiveMember {
  std::string archive;  // the archive's path
  std::string path;     // the member's path inside it
  size_t ordinal = 0;   // its place among the archive's entries, which may repeat a path
};

// One file of a table binding. Stdin is copied to an unlinked temporary file as it is read, so that
// it can be read more than once (schema inference reads a prefix, then each scan reads it all).
struct InputFile {
  std::string name;                             // the path, "<stdin>" or "archive.zip:member.json"
  std::shared_ptr<StdinSpool> spool;            // set for `-` only
  std::shared_ptr<const ArchiveMember> member;  // set for a file inside an archive only
};

// PATH may be a file, a directory (every regular file below it, recursively, sorted by path), a
// glob(3) pattern, or `-` for stdin. An archive among them stands for its regular files, each an
// input of its own named `archive:member` (sources/archive_members.h). Throws
// std::invalid_argument naming PATH when it does not exist, cannot be read, or matches no file.
// Unreadable entries found inside a directory, and archives that cannot be listed, are reported to
// `errors` and skipped (members listed before a listing error are kept).
std::vector<InputFile> ResolveInputs(std::string_view path, DataErrors& errors);

}  // namespace iochound
