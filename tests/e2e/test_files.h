// Helpers the end-to-end tests share: a scratch directory per test, and output split into lines.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace iochound::e2e {

// The non-empty lines of `text`.
std::vector<std::string> Lines(const std::string& text);

// A fixture with `dir_`, a fresh directory named after the test (and this process), removed after it.
class ScratchDirTest : public testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  std::filesystem::path dir_;
};

}  // namespace iochound::e2e
