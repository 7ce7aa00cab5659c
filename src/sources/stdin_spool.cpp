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

[[noreturn]] void Fail(std::string_view what) {
  throw std::runtime_error(fmt::format("<stdin>: {}: {}", what, std::strerror(errno)));
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
  if (fd < 0) Fail("cannot create a temporary file to hold stdin");
  unlink(tmpl.c_str());  // the descriptor keeps the data; nothing is left behind on exit
  std::vector<char> buffer(1 << 20);
  for (;;) {
    ssize_t n = read(STDIN_FILENO, buffer.data(), buffer.size());
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      close(fd);
      Fail("cannot read");
    }
    for (ssize_t written = 0; written < n;) {
      ssize_t w = write(fd, buffer.data() + written, static_cast<size_t>(n - written));
      if (w < 0) {
        if (errno == EINTR) continue;
        close(fd);
        Fail("cannot write the temporary copy");
      }
      written += w;
    }
  }
  fd_ = fd;
  return fd_;
}

}  // namespace iochound
