#include "common/file_text.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace iochound {

std::optional<std::string> ReadFileText(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  // Sized once from the file's length: a stream copy through a growing buffer was a tenth of the
  // set-up of a query holding 100,000 IOCs. Pipes and /proc files report 0 and grow as read.
  struct stat info {};
  std::string text;
  if (::fstat(fd, &info) == 0 && info.st_size > 0) text.reserve(static_cast<size_t>(info.st_size) + 1);
  size_t size = 0;
  while (true) {
    if (text.size() == size) text.resize(std::max<size_t>(text.capacity(), size + 4096));
    ssize_t got = ::read(fd, text.data() + size, text.size() - size);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      ::close(fd);
      return std::nullopt;
    }
    if (got == 0) break;
    size += static_cast<size_t>(got);
  }
  ::close(fd);
  text.resize(size);
  return text;
}

}  // namespace iochound
