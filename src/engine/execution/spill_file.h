// The temporary file an `order by` writes its sorted runs to when its rows pass its memory budget,
// read back a block at a time while the runs are merged. Every value round-trips exactly: reals bit
// for bit (NaN, -0.0), strings as bytes, dynamic values with their kinds (datetime, timespan and guid
// stay themselves, which JSON text would not keep) and member order, and the rows' sources.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "engine/catalog.h"
#include "types/column.h"

namespace iochound {

// Where a run lies in its spill file.
struct SpillRun {
  uint64_t begin = 0;
  uint64_t end = 0;
};

// A file in `directory`, unlinked as soon as it is created so that nothing is left behind however
// the process ends. Failures throw QueryError naming the file and what failed.
class SpillFile {
 public:
  // $TMPDIR, else /tmp.
  static std::string DefaultDirectory();

  explicit SpillFile(const std::string& directory = DefaultDirectory());
  ~SpillFile();
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  // Appends rows[i] of `batch`, in that order, as a run of blocks of at most `block_rows` rows.
  SpillRun Write(const Batch& batch, std::span<const uint32_t> rows, size_t block_rows = kBatchRows);
  // The rows of `run`, a block per batch, read as they are asked for. The file must outlive the stream.
  std::unique_ptr<BatchStream> Read(SpillRun run) const;
  // Gives `run`'s disk space back (a hole punched in the file) once it has been read for the last
  // time: a merge pass writes its runs after those it reads, so without this the file would hold the
  // input once for each pass. Where the file system cannot punch holes, the space is kept until the
  // file is closed.
  void Release(SpillRun run);
  // The bytes the file takes on disk.
  uint64_t DiskBytes() const;

  const std::string& path() const { return path_; }

 private:
  int fd_ = -1;
  std::string path_;
  uint64_t size_ = 0;
};

}  // namespace iochound
