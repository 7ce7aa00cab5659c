#include "intel/stix_pattern.h"

#include <gtest/gtest.h>

namespace iochound {
namespace {

TEST(FeedStixPatternTest, OrCombinedComparisons) {
  std::string error;
  auto values = ParseStixPattern(
      "[domain-name:value = 'a.example' OR url:value = 'http://x.example/a'] OR "
      "([file:hashes.'SHA-256' = 'ab'] OR [ipv4-addr:value = '1.2.3.4'])",
      error);
  ASSERT_TRUE(values) << error;
  ASSERT_EQ(values->size(), 4u);
  EXPECT_EQ((*values)[0].type, IocType::kDomain);
  EXPECT_EQ((*values)[2].type, IocType::kSha256);
  EXPECT_EQ((*values)[3].value, "1.2.3.4");
}

TEST(FeedStixPatternTest, EscapedQuotes) {
  std::string error;
  auto values = ParseStixPattern(R"([file:name = 'it\'s.exe'])", error);
  ASSERT_TRUE(values) << error;
  EXPECT_EQ((*values)[0].value, "it's.exe");
  EXPECT_EQ((*values)[0].type, IocType::kFilename);
}

TEST(FeedStixPatternTest, RejectsBehaviouralPatterns) {
  std::string error;
  EXPECT_FALSE(ParseStixPattern("[domain-name:value = 'a' AND ipv4-addr:value = 'b']", error));
  EXPECT_EQ(error, "unsupported STIX pattern keyword 'AND' (only OR-combined comparisons are lists of IOCs)");
  EXPECT_FALSE(ParseStixPattern("[domain-name:value LIKE '%.evil']", error));
  EXPECT_EQ(error, "unsupported STIX operator 'LIKE' (only = is a list of IOCs)");
  EXPECT_FALSE(ParseStixPattern("[process:name = 'x']", error));
  EXPECT_EQ(error, "unsupported STIX property 'process:name'");
  EXPECT_FALSE(ParseStixPattern("[url:value = 'x'] WITHIN 300 SECONDS", error));
}

}  // namespace
}  // namespace iochound
