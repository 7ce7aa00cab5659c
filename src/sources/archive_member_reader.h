// The bytes of one file inside an archive, decompressed by libarchive as they are read.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "sources/byte_reader.h"

struct archive;
struct archive_entry;

namespace iochound {

struct ArchiveMember;

struct ArchiveCloser {
  void operator()(archive* handle) const;
};
using ArchiveHandle = std::unique_ptr<archive, ArchiveCloser>;

// An archive at `path` opened for reading, every format and compression libarchive knows enabled.
// Throws std::runtime_error naming `path` when it cannot be opened.
ArchiveHandle OpenArchive(const std::string& path);
// libarchive's message for the last error on `handle`.
std::string ArchiveError(archive* handle);
// An entry's path as stored (UTF-8 when the archive records it so).
std::string ArchiveEntryPath(archive_entry* entry);

class ArchiveMemberReader : public ByteReader {
 public:
  // Opens `member`'s archive and moves to it; `name` (`archive:member`) names it in errors. Throws
  // std::runtime_error when the archive no longer holds it.
  ArchiveMemberReader(const ArchiveMember& member, std::string name);
  size_t Read(char* out, size_t capacity) override;

 private:
  ArchiveHandle archive_;
  std::string name_;
};

}  // namespace iochound
