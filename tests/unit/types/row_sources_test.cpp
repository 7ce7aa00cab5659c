// RowSources: each row's file and record offset, kept through gathers and concatenation, and
// unknown where a row has no source.
#include "types/row_sources.h"

#include <gtest/gtest.h>

#include <vector>

namespace iochound {
namespace {

TEST(RowSourcesTest, GatherKeepsEachRowsFileAndOffset) {
  RowSources sources;
  sources.Append("a.jsonl", 0);
  sources.Append("a.jsonl", 120);
  sources.Append("b.evtx", 4096);
  sources.AppendUnknown(1);
  sources.Append("", 7);  // a record whose location names no file
  ASSERT_EQ(sources.size(), 5u);
  std::vector<uint32_t> rows = {2, 0, 3, 4};
  auto gathered = sources.Gather(rows);
  ASSERT_EQ(gathered->size(), 4u);
  ASSERT_TRUE(gathered->At(0).has_value());
  EXPECT_EQ(gathered->At(0)->file, "b.evtx");
  EXPECT_EQ(gathered->At(0)->offset, 4096u);
  EXPECT_EQ(gathered->At(1)->file, "a.jsonl");
  EXPECT_EQ(gathered->At(1)->offset, 0u);
  EXPECT_FALSE(gathered->At(2).has_value());
  EXPECT_FALSE(gathered->At(3).has_value());
  EXPECT_FALSE(gathered->At(4).has_value());  // past the end
}

TEST(RowSourcesTest, AppendFromMixesBatchesWithAndWithoutSources) {
  RowSources first;
  first.Append("a.jsonl", 10);
  RowSources all;
  all.AppendFrom(&first, 0);
  all.AppendFrom(nullptr, 0);  // a batch without sources
  all.AppendFrom(&first, 0);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all.At(0)->offset, 10u);
  EXPECT_FALSE(all.At(1).has_value());
  EXPECT_EQ(all.At(2)->file, "a.jsonl");
}

}  // namespace
}  // namespace iochound
