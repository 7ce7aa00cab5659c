#include "sources/archive_members.h"

#include <fmt/format.h>

#include <memory>

#include "sources/archive_member_reader.h"
#include "sources/libarchive_functions.h"

namespace iochound {
namespace {

constexpr std::string_view kZipMagic("PK\x03\x04", 4);
constexpr std::string_view kEmptyZipMagic("PK\x05\x06", 4);
constexpr std::string_view kSevenZipMagic("7z\xBC\xAF\x27\x1C", 6);
// POSIX ustar and GNU tar headers both carry "ustar" at offset 257.
constexpr size_t kTarMagicOffset = 257;
constexpr std::string_view kTarMagic("ustar", 5);

}  // namespace

bool IsArchive(std::string_view head) {
  if (head.starts_with(kZipMagic) || head.starts_with(kEmptyZipMagic) || head.starts_with(kSevenZipMagic))
    return true;
  return head.size() >= kTarMagicOffset + kTarMagic.size() &&
         head.substr(kTarMagicOffset, kTarMagic.size()) == kTarMagic;
}

std::vector<InputFile> ListArchiveMembers(const std::string& path, DataErrors& errors) {
  std::vector<InputFile> members;
  ArchiveHandle archive = OpenArchive(path);
  std::string last = "its first member";
  size_t ordinal = 0;
  for (;; ++ordinal) {
    archive_entry* entry = nullptr;
    int status = Libarchive().read_next_header(archive.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status != ARCHIVE_OK && status != ARCHIVE_WARN) {
      errors.ReportFile(path, fmt::format("cannot list the archive after {}: {}; {} members read", last,
                                          ArchiveError(archive.get()), members.size()));
      break;
    }
    if (Libarchive().entry_filetype(entry) != AE_IFREG) continue;
    auto member = std::make_shared<ArchiveMember>(ArchiveMember{path, ArchiveEntryPath(entry), ordinal});
    last = "'" + member->path + "'";
    members.push_back(InputFile{fmt::format("{}:{}", path, member->path), nullptr, std::move(member)});
  }
  return members;
}

}  // namespace iochound
