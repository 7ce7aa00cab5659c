#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "common/diagnostics.h"

namespace iochound {
namespace {

// DataErrors prints to stderr as errors come; GoogleTest's capture is how a test reads what it printed.
std::string Printed(const std::function<void()>& act) {
  testing::internal::CaptureStderr();
  act();
  return testing::internal::GetCapturedStderr();
}

TEST(DataErrorsTest, HeldErrorsPrintWhenReleasedInTheOrderOfTheParts) {
  DataErrors to(10);
  DataErrors first(DataErrors::Held{}, to), second(DataErrors::Held{}, to);
  std::string printed = Printed([&] {
    second.Report({"f.jsonl", 2, 300}, "late");
    first.Report({"f.jsonl", 1, 0}, "early");
    first.ReportFile("g.gz", "truncated gzip data");
    first.Report({"f.evtx", 0, 4096}, "bad record");
  });
  EXPECT_EQ(printed, "");
  EXPECT_EQ(to.count(), 0u);
  EXPECT_EQ(first.count(), 3u);
  EXPECT_TRUE(second.HoldsLineNumbers());
  EXPECT_TRUE(first.HoldsLineNumbers());

  printed = Printed([&] {
    first.ReleaseTo(to, 100);
    second.ReleaseTo(to, 200);
  });
  EXPECT_EQ(printed,
            "iochound: f.jsonl:101: early\n"
            "iochound: g.gz: truncated gzip data\n"
            "iochound: f.evtx (byte offset 4096): bad record\n"
            "iochound: f.jsonl:202: late\n");
  EXPECT_EQ(to.count(), 4u);
  EXPECT_EQ(first.count(), 0u);
  EXPECT_FALSE(first.HoldsLineNumbers());
}

TEST(DataErrorsTest, HeldErrorsPastWhatIsPrintedAreOnlyCounted) {
  DataErrors to(3);
  DataErrors part(DataErrors::Held{}, to), later(DataErrors::Held{}, to);
  for (int line = 1; line <= 5; ++line) part.Report({"f.csv", static_cast<uint64_t>(line), 0}, "short row");
  later.Report({"f.csv", 9, 0}, "short row");
  EXPECT_EQ(part.count(), 5u);
  std::string printed = Printed([&] {
    part.ReleaseTo(to, 0);
    later.ReleaseTo(to, 0);
  });
  EXPECT_EQ(printed,
            "iochound: f.csv:1: short row\n"
            "iochound: f.csv:2: short row\n"
            "iochound: f.csv:3: short row\n");
  EXPECT_EQ(to.count(), 6u);
  EXPECT_EQ(to.Summary(), "6 data errors (3 not shown); the rows that could be read were processed");
}

TEST(DataErrorsTest, ErrorsWithoutLinesNeedNoCountOfTheLinesBefore) {
  DataErrors to;
  DataErrors part(DataErrors::Held{}, to);
  part.ReportFile("a.jsonl", "read failed");
  part.Report({"b.evtx", 0, 12}, "bad chunk");
  EXPECT_FALSE(part.HoldsLineNumbers());
  Printed([&] { part.ReleaseTo(to, 0); });
  EXPECT_EQ(to.count(), 2u);
}

}  // namespace
}  // namespace iochound
