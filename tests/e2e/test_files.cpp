#include "test_files.h"

#include <unistd.h>

#include <sstream>

namespace iochound::e2e {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

void ScratchDirTest::SetUp() {
  const testing::TestInfo* test = testing::UnitTest::GetInstance()->current_test_info();
  dir_ = std::filesystem::temp_directory_path() /
         ("iochound_e2e_" + std::to_string(getpid()) + "_" + test->test_suite_name() + "_" + test->name());
  std::filesystem::create_directories(dir_);
}

void ScratchDirTest::TearDown() {
  std::filesystem::remove_all(dir_);
}

}  // namespace iochound::e2e
