// order by that spills its runs to disk, and top that keeps only its N best rows, against order by
// in memory: the same rows, values and sources, in the same order.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "adversarial_rows.h"
#include "common/diagnostics.h"
#include "engine/engine.h"
#include "exact_rows.h"
#include "normalizers/batches_table.h"

namespace iochound {
namespace {

using testing::AdversarialBatch;
using testing::AdversarialSchema;
using testing::ExactRows;

// Batches of uneven sizes, some without sources, as scans deliver them.
std::shared_ptr<TableSource> AdversarialTable(size_t batch_count) {
  std::vector<Batch> batches;
  for (size_t b = 0; b < batch_count; ++b)
    batches.push_back(AdversarialBatch(1 + b * 389 % 1500, b, b % 4 != 3));
  return std::make_shared<BatchesTable>(AdversarialSchema(), std::move(batches));
}

class SortSpillTest : public ::testing::Test {
 protected:
  SortSpillTest() { catalog_.Register("T", AdversarialTable(40)); }

  std::vector<std::string> Run(const std::string& query, uint64_t sort_memory = 0) {
    QueryOptions options;
    options.now_ticks = 1'000'000'000'000'000;
    options.sort_memory = sort_memory;
    auto prepared = Prepare(query, catalog_, options);
    auto stream = prepared->Execute();
    std::vector<Batch> batches;
    while (auto batch = stream->Next()) batches.push_back(std::move(*batch));
    return ExactRows(batches);
  }

  Catalog catalog_;
};

const char* const kOrders[] = {
    "order by I asc nulls first, S desc",
    "order by R asc",
    "order by M desc nulls first, B asc nulls last",
    "order by Y",
    "order by Y asc, G desc",
    "sort by T desc nulls first, D asc nulls last, G",
    "order by B, L desc nulls first",
    "order by strlen(S) asc, I",
    "order by S asc, R desc, T asc, Y desc",
};

TEST_F(SortSpillTest, SpilledRunsMergeIntoTheInMemorySort) {
  for (const char* order : kOrders) {
    std::vector<std::string> in_memory = Run(std::string("T | ") + order);
    ASSERT_GT(in_memory.size(), 25000u);
    EXPECT_EQ(Run(std::string("T | ") + order, 4096), in_memory) << order;
    EXPECT_EQ(Run(std::string("T | ") + order, 300 * 1024), in_memory) << order;
  }
}

TEST_F(SortSpillTest, TiesKeepInputOrder) {
  // Every row has its own source, and every key ties with thousands of rows.
  std::vector<std::string> sorted = Run("T | order by B asc nulls first", 4096);
  std::vector<std::string> in_input_order = Run("T");
  std::vector<std::string> expected;
  for (const char* value : {"1/null", "1/0 ", "1/1 "}) {
    for (const std::string& row : in_input_order) {
      if (row.starts_with(value)) expected.push_back(row);
    }
  }
  EXPECT_EQ(sorted, expected);
}

TEST_F(SortSpillTest, ATinyBudgetReallySpills) {
  // A spill directory that does not exist is an error only for a sort that spills.
  const char* saved = std::getenv("TMPDIR");
  std::string restore = saved ? saved : "";
  setenv("TMPDIR", "/nonexistent-iochound-dir", 1);
  EXPECT_NO_THROW(Run("T | order by I"));
  EXPECT_THROW(Run("T | order by I", 4096), QueryError);
  EXPECT_NO_THROW(Run("T | top 10 by I", 4096));
  if (saved) {
    setenv("TMPDIR", restore.c_str(), 1);
  } else {
    unsetenv("TMPDIR");
  }
}

TEST_F(SortSpillTest, TopIsTheFirstRowsOfTheStableSort) {
  for (const char* order : kOrders) {
    std::string keys = std::string(order).substr(std::string(order).find(" by ") + 1);
    std::vector<std::string> sorted = Run(std::string("T | ") + order);
    for (size_t n : {0, 1, 7, 1000, 4096, 5000, 9000, 30000, 40000}) {
      std::vector<std::string> expected(sorted.begin(), sorted.begin() + std::min(n, sorted.size()));
      EXPECT_EQ(Run("T | top " + std::to_string(n) + " " + keys), expected) << order << ", top " << n;
    }
  }
}

}  // namespace
}  // namespace iochound
