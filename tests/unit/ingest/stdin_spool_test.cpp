// The spool of a stream (stdin, a FIFO): readers get the bytes as they arrive, before the stream
// ends, and every reader, whenever it starts, reads the whole input.
#include "sources/stdin_spool.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "ingest_test_util.h"

namespace iochound {
namespace {

std::string ReadAll(ByteReader& reader) {
  std::string out;
  char buffer[4096];
  while (size_t n = reader.Read(buffer, sizeof buffer)) out.append(buffer, n);
  return out;
}

TEST(StdinSpoolTest, ReadersStreamTheInputAndEveryOneReadsAllOfIt) {
  ingest_testing::TempDir dir;
  std::string fifo = dir.File("stream");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::string expected;
  for (int i = 0; i < 3000; ++i) expected += "{\"record\":" + std::to_string(i) + "}\n";
  std::atomic<bool> last_piece_written = false;
  std::atomic<bool> first_bytes_read = false;
  std::thread writer([&] {
    int fd = open(fifo.c_str(), O_WRONLY);
    ASSERT_GE(fd, 0);
    size_t half = expected.size() / 2;
    ASSERT_EQ(write(fd, expected.data(), half), static_cast<ssize_t>(half));
    // The rest only once a reader has had the first half: the spool must not wait for the end.
    for (int wait = 0; wait < 500 && !first_bytes_read; ++wait)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    last_piece_written = true;
    ASSERT_EQ(write(fd, expected.data() + half, expected.size() - half),
              static_cast<ssize_t>(expected.size() - half));
    close(fd);
  });
  auto spool = std::make_shared<StdinSpool>(fifo);
  auto first = ReadSpool(spool);
  char buffer[100];
  size_t n = first->Read(buffer, sizeof buffer);
  ASSERT_GT(n, 0u);
  EXPECT_FALSE(last_piece_written) << "the first bytes came only after the end of the stream";
  first_bytes_read = true;
  std::string read = std::string(buffer, n) + ReadAll(*first);
  writer.join();
  EXPECT_EQ(read, expected);
  auto second = ReadSpool(spool);
  EXPECT_EQ(ReadAll(*second), expected);
  EXPECT_EQ(ReadAll(*second), "");
}

TEST(StdinSpoolTest, ReadersAtDifferentPlacesInterleave) {
  ingest_testing::TempDir dir;
  std::string path = dir.File("fifo");
  ASSERT_EQ(mkfifo(path.c_str(), 0600), 0);
  std::string expected(3 << 20, 'x');
  for (size_t i = 0; i < expected.size(); i += 997) expected[i] = static_cast<char>('a' + i % 26);
  std::thread writer([&] {
    int fd = open(path.c_str(), O_WRONLY);
    ASSERT_GE(fd, 0);
    for (size_t done = 0; done < expected.size();) {
      ssize_t w = write(fd, expected.data() + done, std::min<size_t>(65536, expected.size() - done));
      ASSERT_GT(w, 0);
      done += static_cast<size_t>(w);
    }
    close(fd);
  });
  auto spool = std::make_shared<StdinSpool>(path);
  auto a = ReadSpool(spool);
  auto b = ReadSpool(spool);
  std::string from_a, from_b;
  char buffer[50000];
  for (bool a_done = false, b_done = false; !a_done || !b_done;) {
    if (!a_done) {
      size_t n = a->Read(buffer, sizeof buffer);
      a_done = n == 0;
      from_a.append(buffer, n);
    }
    if (!b_done) {
      size_t n = b->Read(buffer, 777);
      b_done = n == 0;
      from_b.append(buffer, n);
    }
  }
  writer.join();
  EXPECT_EQ(from_a, expected);
  EXPECT_EQ(from_b, expected);
}

}  // namespace
}  // namespace iochound
