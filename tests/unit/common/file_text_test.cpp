#include "common/file_text.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

namespace iochound {
namespace {

namespace fs = std::filesystem;

fs::path TempDir() {
  fs::path dir = fs::temp_directory_path() / ("iochound_file_text_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

TEST(ReadFileTextTest, ReadsEveryByteOfAFile) {
  fs::path path = TempDir() / "query.kql";
  std::string text = "DnsEvents\n| where Name has \"x\"\r\n";
  text.push_back('\0');
  text += std::string(100000, 'y');  // past any first read size
  std::ofstream(path, std::ios::binary) << text;
  EXPECT_EQ(ReadFileText(path), text);
  std::ofstream(path, std::ios::binary | std::ios::trunc);
  EXPECT_EQ(ReadFileText(path), std::string());
  fs::remove_all(path.parent_path());
}

TEST(ReadFileTextTest, ReadsAPipeThatReportsNoSize) {
  fs::path path = TempDir() / "fifo";
  ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
  std::string text(50000, 'p');
  std::thread writer([&] { std::ofstream(path, std::ios::binary) << text; });
  EXPECT_EQ(ReadFileText(path), text);
  writer.join();
  fs::remove_all(path.parent_path());
}

TEST(ReadFileTextTest, MissingFilesAndDirectoriesAreNotText) {
  fs::path dir = TempDir();
  EXPECT_EQ(ReadFileText(dir / "missing.kql"), std::nullopt);
  EXPECT_EQ(ReadFileText(dir), std::nullopt);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace iochound
