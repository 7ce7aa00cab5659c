#include "engine/execution/spill_file.h"

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <numeric>

#include "adversarial_rows.h"
#include "common/diagnostics.h"
#include "engine/execution/evaluator.h"
#include "exact_rows.h"

namespace iochound {
namespace {

using testing::AdversarialBatch;
using testing::ExactRows;
using ::testing::HasSubstr;

std::vector<Batch> ReadAll(const SpillFile& file, SpillRun run) {
  std::vector<Batch> batches;
  auto stream = file.Read(run);
  while (auto batch = stream->Next()) batches.push_back(std::move(*batch));
  return batches;
}

std::vector<uint32_t> AllRows(size_t rows) {
  std::vector<uint32_t> all(rows);
  std::iota(all.begin(), all.end(), 0u);
  return all;
}

// Whether the file system of `directory` frees the blocks of a hole punched in a file.
bool CanPunchHoles(const std::string& directory) {
  std::string path = directory + "/iochound-punch-XXXXXX";
  int fd = mkstemp(path.data());
  if (fd < 0) return false;
  unlink(path.c_str());
  std::string block(1 << 20, 'x');
  struct stat before {
  }, after{};
  bool punched = write(fd, block.data(), block.size()) == static_cast<ssize_t>(block.size()) &&
                 fsync(fd) == 0 && fstat(fd, &before) == 0 &&
                 fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, 1 << 20) == 0 &&
                 fstat(fd, &after) == 0 && after.st_blocks < before.st_blocks;
  close(fd);
  return punched;
}

TEST(SpillFileTest, AReleasedRunGivesItsDiskSpaceBack) {
  if (!CanPunchHoles(SpillFile::DefaultDirectory()))
    GTEST_SKIP() << "the file system of " << SpillFile::DefaultDirectory() << " cannot punch holes";
  SpillFile file;
  Batch batch = AdversarialBatch(20000, 1, false);
  SpillRun first = file.Write(batch, AllRows(batch.rows));
  SpillRun second = file.Write(batch, AllRows(batch.rows));
  const uint64_t before = file.DiskBytes();
  ASSERT_GE(before, second.end / 2) << "the runs are on disk";
  file.Release(first);
  // File systems free whole blocks: all of the run but its partial first and last block.
  EXPECT_LE(file.DiskBytes(), before - (first.end - first.begin) + 2 * 65536);
  EXPECT_EQ(ExactRows(ReadAll(file, second)), ExactRows({batch}));
}

TEST(SpillFileTest, RoundTripsEveryTypeAndSourceExactly) {
  SpillFile file;
  for (bool with_sources : {true, false}) {
    Batch batch = AdversarialBatch(3000, with_sources ? 1 : 2, with_sources);
    SpillRun run = file.Write(batch, AllRows(batch.rows));
    std::vector<Batch> back = ReadAll(file, run);
    ASSERT_EQ(back.size(), 1u);
    EXPECT_EQ(back[0].sources != nullptr, with_sources);
    EXPECT_EQ(ExactRows(back), ExactRows({batch}));
    for (size_t c = 0; c < batch.columns.size(); ++c)
      EXPECT_EQ(back[0].columns[c]->type(), batch.columns[c]->type());
  }
}

TEST(SpillFileTest, RunsReadBackInBlocksInTheOrderWritten) {
  SpillFile file;
  Batch first = AdversarialBatch(10, 3, true);
  Batch batch = AdversarialBatch(2 * kBatchRows + 5, 4, true);
  std::vector<uint32_t> rows = AllRows(batch.rows);
  std::reverse(rows.begin(), rows.end());
  SpillRun before = file.Write(first, AllRows(first.rows));
  SpillRun run = file.Write(batch, rows);
  SpillRun empty = file.Write(batch, {});
  std::vector<Batch> back = ReadAll(file, run);
  ASSERT_EQ(back.size(), 3u);
  EXPECT_EQ(back[0].rows, kBatchRows);
  EXPECT_EQ(back[2].rows, 5u);
  EXPECT_EQ(ExactRows(back), ExactRows({GatherRows(batch, rows)}));
  EXPECT_EQ(ExactRows(ReadAll(file, before)), ExactRows({first}));
  EXPECT_TRUE(ReadAll(file, empty).empty());
}

TEST(SpillFileTest, ADirectoryThatCannotHoldItIsNamed) {
  try {
    SpillFile file("/nonexistent-iochound-dir");
    FAIL() << "no error";
  } catch (const QueryError& error) {
    EXPECT_THAT(error.what(), HasSubstr("cannot create a spill file in '/nonexistent-iochound-dir'"));
    EXPECT_THAT(error.what(), HasSubstr("No such file or directory"));
  }
}

TEST(SpillFileTest, AFailedWriteNamesTheFileAndTheCause) {
  // A file size limit makes write() fail with EFBIG, as a full disk makes it fail with ENOSPC.
  rlimit saved;
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &saved), 0);
  rlimit limited = saved;
  limited.rlim_cur = 64 * 1024;
  auto* previous = signal(SIGXFSZ, SIG_IGN);
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &limited), 0);
  SpillFile file;
  Batch batch = AdversarialBatch(kBatchRows, 5, true);
  try {
    for (int i = 0; i < 100; ++i) file.Write(batch, AllRows(batch.rows));
    ADD_FAILURE() << "no error";
  } catch (const QueryError& error) {
    EXPECT_THAT(error.what(), HasSubstr("writing the spill file '" + file.path() + "' failed"));
    EXPECT_THAT(error.what(), HasSubstr("File too large"));
  }
  setrlimit(RLIMIT_FSIZE, &saved);
  signal(SIGXFSZ, previous);
}

}  // namespace
}  // namespace iochound
