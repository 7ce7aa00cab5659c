#include "sources/byte_reader.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "sources/fd_reader.h"
#include "sources/gzip_reader.h"
#include "sources/input_files.h"
#include "sources/stdin_spool.h"
#include "sources/zstd_reader.h"

namespace iochound {

std::unique_ptr<ByteReader> OpenInput(const InputFile& input) {
  int fd;
  bool owned = input.spool == nullptr;
  if (owned) {
    fd = open(input.name.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
      throw std::runtime_error(fmt::format("{}: cannot open: {}", input.name, std::strerror(errno)));
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  } else {
    fd = input.spool->Descriptor();
  }
  unsigned char magic[4] = {0, 0, 0, 0};
  ssize_t got = pread(fd, magic, sizeof magic, 0);
  auto raw = std::make_unique<FdReader>(fd, owned, input.name);
  if (got >= 2 && magic[0] == 0x1f && magic[1] == 0x8b)
    return std::make_unique<GzipReader>(std::move(raw), input.name);
  if (got == 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd) {
    return std::make_unique<ZstdReader>(std::move(raw), input.name);
  }
  return raw;
}

}  // namespace iochound
