#include "sources/stdin_spool.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

namespace iochound {
namespace {

constexpr size_t kSpoolRead = size_t{1} << 20;

[[noreturn]] void Fail(const std::string& path, std::string_view what) {
  throw std::runtime_error(
      fmt::format("{}: {}: {}", path.empty() ? "<stdin>" : path, what, std::strerror(errno)));
}

class SpoolReader : public ByteReader {
 public:
  explicit SpoolReader(std::shared_ptr<StdinSpool> spool) : spool_(std::move(spool)) {}
  size_t Read(char* out, size_t capacity) override {
    size_t n = spool_->ReadAt(offset_, out, capacity);
    offset_ += n;
    return n;
  }

 private:
  std::shared_ptr<StdinSpool> spool_;
  uint64_t offset_ = 0;
};

}  // namespace

StdinSpool::~StdinSpool() {
  if (fd_ >= 0) close(fd_);
  if (source_ >= 0 && source_ != STDIN_FILENO) close(source_);
}

void StdinSpool::Open() {
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
  fd_ = fd;
  source_ = source;
  buffer_.resize(kSpoolRead);
}

bool StdinSpool::SpoolMore() {
  ssize_t n;
  do {
    n = read(source_, buffer_.data(), buffer_.size());
  } while (n < 0 && errno == EINTR);
  if (n < 0) Fail(path_, fmt::format("cannot read past byte {}", spooled_));
  if (n == 0) {
    ended_ = true;
    return false;
  }
  for (ssize_t written = 0; written < n;) {
    ssize_t w = pwrite(fd_, buffer_.data() + written, static_cast<size_t>(n - written),
                       static_cast<off_t>(spooled_ + static_cast<uint64_t>(written)));
    if (w < 0) {
      if (errno == EINTR) continue;
      Fail(path_, "cannot write the temporary copy");
    }
    written += w;
  }
  spooled_ += static_cast<uint64_t>(n);
  return true;
}

size_t StdinSpool::ReadAt(uint64_t offset, char* out, size_t capacity) {
  {
    std::lock_guard lock(mutex_);
    if (fd_ < 0) Open();
    while (offset >= spooled_ && !ended_) SpoolMore();
    if (offset >= spooled_) return 0;
    capacity = static_cast<size_t>(std::min<uint64_t>(capacity, spooled_ - offset));
  }
  // Bytes below spooled_ are written and never change: no lock needed to read them.
  for (;;) {
    ssize_t n = pread(fd_, out, capacity, static_cast<off_t>(offset));
    if (n >= 0) return static_cast<size_t>(n);
    if (errno != EINTR) Fail(path_, "cannot read the temporary copy");
  }
}

std::unique_ptr<ByteReader> ReadSpool(std::shared_ptr<StdinSpool> spool) {
  return std::make_unique<SpoolReader>(std::move(spool));
}

}  // namespace iochound
