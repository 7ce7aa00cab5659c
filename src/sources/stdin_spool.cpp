#include "sources/stdin_spool.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace iochound {
namespace {

[[noreturn]] void Fail(const std::string& path, std::string_view what) {
  throw std::runtime_error(
      fmt::format("{}: {}: {}", path.empty() ? "<stdin>" : path, what, std::strerror(errno)));
}

}  // namespace

StdinSpool::~StdinSpool() {
  if (fd_ >= 0) close(fd_);
}

int StdinSpool::Descriptor() {
  std::lock_guard lock(mutex_);
  if (fd_ >= 0) return fd_;
  const char* dir = std::getenv("TMPDIR");
  std::string tmpl = std::string(dir && *dir ? dir : "/tmp") + "/iochound-stdin-XXXXXX";
  int fd = mkstemp(tmpl.data());
  if (fd < 0) Fail(path_, "cannot create a temporary file to hold the input");
  unlink(tmpl.c_str());  // the descriptor keeps the data; nothing is left behind on exit
  int source = path_.empty() ? STDIN_FILENO : open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (source < 0) {
    close(fd);
    Fail(path_, "cannot open");
  }
  std::vector<char> buffer(1 << 20);
  for (;;) {
    ssize_t n = read(source, buffer.data(), buffer.size());
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      close(fd);
      if (source != STDIN_FILENO) close(source);
      Fail(path_, "cannot read");
    }
    for (ssize_t written = 0; written < n;) {
      ssize_t w = write(fd, buffer.data() + written, static_cast<size_t>(n - written));
      if (w < 0) {
        if (errno == EINTR) continue;
        close(fd);
        if (source != STDIN_FILENO) close(source);
        Fail(path_, "cannot write the temporary copy");
      }
      written += w;
    }
  }
  if (source != STDIN_FILENO) close(source);
  fd_ = fd;
  return fd_;
}

}  // namespace iochound
