// Archives among the inputs: a zip, 7z or tar file (the tar plain or compressed with gzip or zstd)
// stands for the regular files it holds, each read as an input of its own, so an export shipped
// zipped needs no unpacking. Read with libarchive.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.h"
#include "sources/input_files.h"

namespace iochound {

// True when `head`, a file's first 512 bytes or more after gzip/zstd decompression (ReadInputPrefix),
// starts an archive that iochound reads member by member.
bool IsArchive(std::string_view head);

// The regular files of the archive at `path`, in archive order, each named `path:member`. Members
// an archive cannot list (a corrupt header) are reported to `errors` naming the archive and the
// last member read; the members listed before are kept.
std::vector<InputFile> ListArchiveMembers(const std::string& path, DataErrors& errors);

}  // namespace iochound
