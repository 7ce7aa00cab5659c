// Queries run together (ExecuteSharingScans: one decode of a table, subexpressions the queries
// have in common computed once per batch) return exactly the rows each returns alone, with rows of
// a query in input order. The queries are Sigma-shaped (a common guard `and` a detection, `or`
// another branch) plus ones that break the pattern: projections, other tables, aggregations,
// different column sets, null-heavy columns, now(), rand().
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "ingest_test_util.h"
#include "normalizers/file_table.h"
#include "types/value.h"

namespace iochound {
namespace {

using ingest_testing::TempDir;
using ingest_testing::WriteFile;

// 10,000 records (three scan batches), a few percent of them "process creations" with varied images.
std::string GenerateRecords() {
  std::mt19937 random(7);
  const std::vector<std::string> providers = {"Sysmon", "Security", "Other"};
  const std::vector<std::string> images = {"C:\\\\Windows\\\\rundll32.exe", "C:\\\\Tools\\\\procdump.exe",
                                           "C:\\\\Windows\\\\cmd.exe", "D:\\\\x\\\\RUNDLL32.EXE", ""};
  std::string out;
  for (int i = 0; i < 10000; ++i) {
    const std::string& provider = providers[random() % providers.size()];
    int event_id = random() % 25 == 0 ? 1 : static_cast<int>(random() % 12) + 2;
    out += "{\"Provider\":\"" + provider + "\",\"EventID\":" + std::to_string(event_id);
    if (random() % 7 != 0) out += ",\"Image\":\"" + images[random() % images.size()] + "\"";
    if (random() % 3 == 0) out += ",\"CommandLine\":\"-ma lsass " + std::to_string(i % 97) + "\"";
    out += ",\"Seq\":" + std::to_string(i) + "}\n";
  }
  return out;
}

const std::vector<std::string> kQueries = {
    "T | where Provider == 'Sysmon' and EventID == 1 and Image endswith '\\\\rundll32.exe'",
    "T | where (Provider == 'Sysmon' and EventID == 1 and Image contains 'procdump') or "
    "(Provider == 'Security' and EventID == 1 and CommandLine has 'lsass')",
    "T | where Provider == 'Sysmon' and EventID == 1 and (Image endswith '\\\\cmd.exe' or CommandLine "
    "contains '-ma')",
    "T | where Provider == 'Sysmon' and EventID == 1 and isempty(Image)",
    "T | where (Provider == 'Security' and EventID == 1 and Image endswith '\\\\cmd.exe') or "
    "(Provider == 'Sysmon' and EventID == 1 and Image contains 'procdump')",
    "T | where EventID == 1 and not(Provider == 'Sysmon')",
    "T | where Provider != 'Other' or isnull(EventID)",
    "T | where Provider == 'Sysmon' and EventID == 1 | extend Hit = strcat(Image, '/', Seq)",
    "T | project Seq, EventID | where EventID == 1 and Seq % 2 == 0",
    "T | where Seq < 5",
    "T | where Provider == 'Sysmon' and EventID == 1 and rand() < 2.0",
    "T | where Provider == 'Sysmon' and EventID == 1 and now() > datetime(2000-01-01)",
    "T | where Provider == 'Sysmon' and EventID == 1 | summarize count() by Image",
    "U | where Provider == 'Sysmon' and EventID == 1",
    // Values read deep in long `or` chains are shared too; these two differ only in constants
    // and read them over the same rows.
    "T | where Provider == 'Sysmon' and EventID == 1 and (substring(Image, 0, 3) == 'Q:\\\\' or Seq == -1 "
    "or Seq == -2 or Seq == -3 or Seq == -4 or tolower(Image) endswith 'cmd.exe')",
    "T | where Provider == 'Sysmon' and EventID == 1 and (substring(Image, 0, 4) == 'D:\\\\x' or Seq == -1 "
    "or Seq == -2 or Seq == -3 or Seq == -4 or tolower(Image) endswith 'dump.exe')",
};

std::vector<std::string> Rows(const Batch& batch) {
  std::vector<std::string> rows;
  for (size_t r = 0; r < batch.rows; ++r) {
    std::string row;
    for (const auto& column : batch.columns) row += ToDynamic(column->ValueAt(r)).ToJson() + "\x1f";
    rows.push_back(row);
  }
  return rows;
}

TEST(SharedScanTest, QueriesRunTogetherReturnWhatEachReturnsAlone) {
  TempDir dir;
  WriteFile(dir.File("t.jsonl"), GenerateRecords());
  WriteFile(dir.File("u.jsonl"),
            "{\"Provider\":\"Sysmon\",\"EventID\":1}\n{\"Provider\":\"Other\",\"EventID\":1}\n");
  for (int threads : {1, 2}) {
    DataErrors errors(0);
    Catalog catalog;
    catalog.Register("T", MakeFileTable("T", dir.File("t.jsonl"), errors));
    catalog.Register("U", MakeFileTable("U", dir.File("u.jsonl"), errors));
    QueryOptions options;
    options.now_ticks = 1;
    options.threads = threads;
    std::vector<std::unique_ptr<PreparedQuery>> prepared;
    std::vector<PreparedQuery*> queries;
    std::map<size_t, std::vector<std::string>> alone, together;
    for (size_t i = 0; i < kQueries.size(); ++i) {
      prepared.push_back(Prepare(kQueries[i], catalog, options));
      queries.push_back(prepared.back().get());
      auto stream = prepared.back()->Execute();
      while (auto batch = stream->Next()) {
        for (auto& row : Rows(*batch)) alone[i].push_back(row);
      }
    }
    ExecuteSharingScans(queries, [&](size_t i, Batch batch) {
      for (auto& row : Rows(batch)) together[i].push_back(row);
    });
    for (size_t i = 0; i < kQueries.size(); ++i) {
      SCOPED_TRACE(kQueries[i] + " on " + std::to_string(threads) + " threads");
      EXPECT_EQ(together[i], alone[i]);
    }
    // The data has hits for the shared guard, or the test proves little.
    EXPECT_GT(alone[0].size(), 10u);
    EXPECT_GT(alone[1].size(), 10u);
    EXPECT_GT(alone[kQueries.size() - 2].size(), 10u);
    EXPECT_GT(alone[kQueries.size() - 1].size(), 10u);
    EXPECT_EQ(errors.count(), 0u);
  }
}

TEST(SharedScanTest, ResultsOfQueriesSharingAScanInterleaveInInputOrder) {
  TempDir dir;
  WriteFile(dir.File("t.jsonl"), GenerateRecords());
  DataErrors errors(0);
  Catalog catalog;
  catalog.Register("T", MakeFileTable("T", dir.File("t.jsonl"), errors));
  auto first = Prepare("T | where Seq % 1000 == 0", catalog);
  auto second = Prepare("T | where Seq % 1000 == 1", catalog);
  std::vector<PreparedQuery*> queries = {first.get(), second.get()};
  std::vector<std::pair<size_t, size_t>> seen;  // (query, rows)
  ExecuteSharingScans(queries, [&](size_t i, Batch batch) { seen.emplace_back(i, batch.rows); });
  // Three scan batches, each holding hits of both queries: first's, then second's, batch by batch.
  std::vector<std::pair<size_t, size_t>> expected;
  for (size_t rows : {5u, 4u, 1u}) {
    expected.emplace_back(0, rows);
    expected.emplace_back(1, rows);
  }
  EXPECT_EQ(seen, expected);
}

}  // namespace
}  // namespace iochound
