#include "sources/byte_reader.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string_view>

#include "sources/archive_member_reader.h"
#include "sources/fd_reader.h"
#include "sources/gzip_reader.h"
#include "sources/input_files.h"
#include "sources/stdin_spool.h"
#include "sources/zstd_reader.h"

namespace iochound {
namespace {

constexpr size_t kMagicBytes = 4;
constexpr std::string_view kGzipMagic("\x1f\x8b", 2);
constexpr std::string_view kZstdMagic("\x28\xb5\x2f\xfd", 4);

// A stream whose first bytes were read ahead (to see its magic number) and are handed out first.
class ReplayReader : public ByteReader {
 public:
  ReplayReader(std::string head, std::unique_ptr<ByteReader> rest)
      : head_(std::move(head)), rest_(std::move(rest)) {}
  size_t Read(char* out, size_t capacity) override {
    if (used_ == head_.size()) return rest_->Read(out, capacity);
    size_t n = std::min(capacity, head_.size() - used_);
    std::memcpy(out, head_.data() + used_, n);
    used_ += n;
    return n;
  }

 private:
  std::string head_;
  size_t used_ = 0;
  std::unique_ptr<ByteReader> rest_;
};

// `raw` decompressed when its first bytes (`magic`) are those of gzip or zstd.
std::unique_ptr<ByteReader> Decompressed(std::unique_ptr<ByteReader> raw, std::string_view magic,
                                         const std::string& name) {
  if (magic.starts_with(kGzipMagic)) return std::make_unique<GzipReader>(std::move(raw), name);
  if (magic.starts_with(kZstdMagic)) return std::make_unique<ZstdReader>(std::move(raw), name);
  return raw;
}

// A member of an archive, itself perhaps gzip- or zstd-compressed.
std::unique_ptr<ByteReader> OpenMember(const InputFile& input) {
  auto member = std::make_unique<ArchiveMemberReader>(*input.member, input.name);
  std::string magic = ReadAtMost(*member, kMagicBytes);
  auto replay = std::make_unique<ReplayReader>(magic, std::move(member));
  return Decompressed(std::move(replay), magic, input.name);
}

}  // namespace

bool IsCompressed(std::string_view magic) {
  return magic.starts_with(kGzipMagic) || magic.starts_with(kZstdMagic);
}

std::string ReadAtMost(ByteReader& reader, size_t max_bytes) {
  std::string head(max_bytes, '\0');
  size_t size = 0;
  while (size < head.size()) {
    size_t n = reader.Read(head.data() + size, head.size() - size);
    if (n == 0) break;
    size += n;
  }
  head.resize(size);
  return head;
}

std::unique_ptr<ByteReader> OpenInput(const InputFile& input) {
  if (input.member) return OpenMember(input);
  if (input.spool) {
    std::string magic = ReadAtMost(*ReadSpool(input.spool), kMagicBytes);
    return Decompressed(ReadSpool(input.spool), magic, input.name);
  }
  int fd = open(input.name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(fmt::format("{}: cannot open: {}", input.name, std::strerror(errno)));
  posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  char magic[kMagicBytes] = {};
  ssize_t got = pread(fd, magic, sizeof magic, 0);
  auto raw = std::make_unique<FdReader>(fd, input.name);
  return Decompressed(std::move(raw), std::string_view(magic, got > 0 ? static_cast<size_t>(got) : 0),
                      input.name);
}

}  // namespace iochound
