// `order by` with a small --sort-memory: runs spilled to a temporary file and merged give what the
// sort in memory gives, in bounded memory; a spill directory that cannot hold the file is an error.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "run_process.h"
#include "test_files.h"

namespace iochound::e2e {
namespace {

class SortSpillCliTest : public ScratchDirTest {};

std::string Diagnose(const ProcessResult& r) {
  return "exit " + std::to_string(r.exit_code) + ": " + r.err;
}

TEST_F(SortSpillCliTest, ASmallBudgetGivesTheSameRowsInTheSameOrder) {
  std::string dns = (dir_ / "events.jsonl").string();
  ASSERT_EQ(RunProcess({IOCHOUND_GENERATOR, "--records", "20000", "-o", dns}).exit_code, 0);
  // Few distinct keys, so that most rows tie and only a stable merge keeps their input order.
  for (const std::string& query :
       {std::string("DnsEvents | order by QueryType asc, Computer desc nulls first"),
        std::string("DnsEvents | sort by ResultCode asc, Name")}) {
    std::vector<std::string> args = {"query",    "-q",   query, "--table", "DnsEvents=" + dns,
                                     "--format", "jsonl"};
    ProcessResult in_memory = RunIochound(args);
    ASSERT_EQ(in_memory.exit_code, 0) << Diagnose(in_memory);
    args.insert(args.end(), {"--sort-memory", "64k"});
    ProcessResult spilled = RunIochound(args);
    ASSERT_EQ(spilled.exit_code, 0) << Diagnose(spilled);
    EXPECT_EQ(Lines(spilled.out).size(), 20000u) << query;
    EXPECT_TRUE(spilled.out == in_memory.out) << query;
  }
}

TEST_F(SortSpillCliTest, MemoryIsBoundedByTheBudgetNotTheInput) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "an AddressSanitizer build holds ~95 MiB of its own (shadow memory, quarantine)";
#endif
  // Five million rows held whole take well over 60 MiB; sorted in 4 MiB runs they need far less.
  const std::string sort = "range x from 1 to 5000000 step 1 | order by x desc | take 2";
  ProcessResult spilled =
      RunIochound({"query", "-q", sort, "--sort-memory", "4m", "--max-memory", "60m", "--format", "csv"});
  EXPECT_EQ(spilled.exit_code, 0) << Diagnose(spilled);
  EXPECT_EQ(spilled.out, "x\n5000000\n4999999\n");
  ProcessResult whole = RunIochound({"query", "-q", sort, "--max-memory", "60m", "--format", "csv"});
  EXPECT_EQ(whole.exit_code, 2) << "the default budget holds them all: " << Diagnose(whole);
  ProcessResult top = RunIochound({"query", "-q", "range x from 1 to 5000000 step 1 | top 2 by x desc",
                                   "--max-memory", "60m", "--format", "csv"});
  EXPECT_EQ(top.exit_code, 0) << Diagnose(top);
  EXPECT_EQ(top.out, "x\n5000000\n4999999\n");
}

TEST_F(SortSpillCliTest, ASpillDirectoryThatIsMissingIsNamedWithExit2) {
  ProcessResult r = RunProcess({"/usr/bin/env", "TMPDIR=" + (dir_ / "missing").string(), IOCHOUND_BINARY,
                                "query", "-q", "range x from 1 to 100000 step 1 | order by x desc",
                                "--sort-memory", "64k", "--format", "csv"});
  EXPECT_EQ(r.exit_code, 2) << Diagnose(r);
  EXPECT_NE(r.err.find("order by: cannot create a spill file in '" + (dir_ / "missing").string() + "'"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("No such file or directory"), std::string::npos) << r.err;
}

TEST_F(SortSpillCliTest, SortMemoryNeedsASize) {
  for (std::string command : {"query", "hunt"}) {
    std::vector<std::string> args = {command, "--sort-memory", "lots", "--table",
                                     "T=" + (dir_ / "t.csv").string()};
    if (command == "query") args.insert(args.end(), {"-q", "T"});
    ProcessResult r = RunIochound(args);
    EXPECT_EQ(r.exit_code, 2) << command << ": " << Diagnose(r);
    EXPECT_NE(r.err.find("--sort-memory: 'lots' is not a size"), std::string::npos)
        << command << ": " << r.err;
  }
}

}  // namespace
}  // namespace iochound::e2e
