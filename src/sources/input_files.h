// Resolves the PATH of a `--table NAME=PATH` binding to the files to read.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.h"

namespace iochound {

class StdinSpool;

// One file of a table binding. Stdin is spooled to an unlinked temporary file on first read so that
// it can be read more than once (schema inference reads a prefix, then each scan reads it all).
struct InputFile {
  std::string name;                   // the path, or "<stdin>"; used in every message
  std::shared_ptr<StdinSpool> spool;  // set for `-` only
};

// PATH may be a file, a directory (every regular file below it, recursively, sorted by path), a
// glob(3) pattern, or `-` for stdin. Throws std::invalid_argument naming PATH when it does not
// exist, cannot be read, or matches no file. Unreadable entries found inside a directory are
// reported to `errors` and skipped.
std::vector<InputFile> ResolveInputs(std::string_view path, DataErrors& errors);

}  // namespace iochound
