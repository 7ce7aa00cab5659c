#include "sources/archive_member_reader.h"

#include <fmt/format.h>

#include <stdexcept>

#include "sources/input_files.h"
#include "sources/libarchive_functions.h"

namespace iochound {
namespace {

constexpr size_t kBlockBytes = size_t{1} << 16;

}  // namespace

void ArchiveCloser::operator()(archive* handle) const {
  Libarchive().read_free(handle);
}

std::string ArchiveError(archive* handle) {
  const char* message = Libarchive().error_string(handle);
  return message != nullptr ? message : "unknown archive error";
}

std::string ArchiveEntryPath(archive_entry* entry) {
  const char* path = Libarchive().entry_pathname_utf8(entry);
  if (path == nullptr) path = Libarchive().entry_pathname(entry);
  return path != nullptr ? path : "";
}

ArchiveHandle OpenArchive(const std::string& path) {
  ArchiveHandle handle(Libarchive().read_new());
  if (handle == nullptr) throw std::runtime_error(fmt::format("{}: cannot allocate an archive reader", path));
  Libarchive().read_support_filter_all(handle.get());
  Libarchive().read_support_format_all(handle.get());
  if (Libarchive().read_open_filename(handle.get(), path.c_str(), kBlockBytes) != ARCHIVE_OK)
    throw std::runtime_error(
        fmt::format("{}: cannot open the archive: {}", path, ArchiveError(handle.get())));
  return handle;
}

ArchiveMemberReader::ArchiveMemberReader(const ArchiveMember& member, std::string name)
    : archive_(OpenArchive(member.archive)), name_(std::move(name)) {
  for (size_t ordinal = 0;; ++ordinal) {
    archive_entry* entry = nullptr;
    int status = Libarchive().read_next_header(archive_.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status != ARCHIVE_OK && status != ARCHIVE_WARN)
      throw std::runtime_error(fmt::format("{}: {}", name_, ArchiveError(archive_.get())));
    if (ordinal == member.ordinal && ArchiveEntryPath(entry) == member.path) return;
  }
  throw std::runtime_error(fmt::format("{}: no longer in the archive", name_));
}

size_t ArchiveMemberReader::Read(char* out, size_t capacity) {
  la_ssize_t n = Libarchive().read_data(archive_.get(), out, capacity);
  if (n < 0) throw std::runtime_error(fmt::format("{}: {}", name_, ArchiveError(archive_.get())));
  return static_cast<size_t>(n);
}

}  // namespace iochound
