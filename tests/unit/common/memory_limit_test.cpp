#include "common/memory_limit.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <stdexcept>

namespace iochound {
namespace {

TEST(ParseByteSize, SuffixesArePowersOf1024) {
  EXPECT_EQ(ParseByteSize("4096"), 4096u);
  EXPECT_EQ(ParseByteSize("512b"), 512u);
  EXPECT_EQ(ParseByteSize("3k"), 3u << 10);
  EXPECT_EQ(ParseByteSize("200m"), 200u << 20);
  EXPECT_EQ(ParseByteSize("200MB"), 200u << 20);
  EXPECT_EQ(ParseByteSize("200MiB"), 200u << 20);
  EXPECT_EQ(ParseByteSize("2G"), uint64_t{2} << 30);
  EXPECT_EQ(ParseByteSize("1t"), uint64_t{1} << 40);
}

TEST(ParseByteSize, RejectsWhatIsNotASize) {
  for (const char* text :
       {"", "m", "-1m", "1.5g", "10x", "10 m", "1gg", "0", "0m", "9999999999999999g", "99999999999999t"}) {
    EXPECT_THROW(ParseByteSize(text), std::invalid_argument) << text;
  }
}

TEST(OptionByteSize, EmptyIsNotGivenAndErrorsNameTheOption) {
  EXPECT_EQ(OptionByteSize("--max-memory", ""), 0u);
  EXPECT_EQ(OptionByteSize("--max-memory", "1g"), uint64_t{1} << 30);
  try {
    OptionByteSize("--max-memory", "lots");
    FAIL() << "no error";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("--max-memory"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("lots"), std::string::npos) << error.what();
  }
}

TEST(AnonymousResidentBytes, CountsTouchedHeapMemory) {
  uint64_t before = AnonymousResidentBytes();
  ASSERT_GT(before, 0u);
  constexpr size_t kBytes = size_t{64} << 20;
  std::unique_ptr<char[]> block(new char[kBytes]);
  std::memset(block.get(), 1, kBytes);
  EXPECT_GE(AnonymousResidentBytes(), before + kBytes / 2);
}

}  // namespace
}  // namespace iochound
