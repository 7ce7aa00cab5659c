// End-to-end: an archive given to `query --input` is read member by member, as shipped.
#include <gtest/gtest.h>

#include <filesystem>

#include "run_process.h"

namespace iochound::e2e {
namespace {

// OTRF ships the LSASS campaign's host log only zipped (106 MB of NXLog JSON in a 3 MB zip).
// SOURCES.md counts 53,698 events in it, 51 of them Sysmon EID 22 with 13 distinct names.
TEST(ArchiveInputTest, ZippedOtrfSysmonGivesTheCountsOfItsJson) {
  std::string zip =
      std::string(IOCHOUND_SHARED_DIR) +
      "/data/real/otrf-security-datasets/sysmon-json-zipped/metasploit_logonpasswords_lsass_memory_dump.zip";
  if (!std::filesystem::exists(zip)) GTEST_SKIP() << "shared data absent: " << zip;
  ProcessResult r =
      RunIochound({"query", "--input", zip, "-q", "DnsEvents | summarize count(), dcount(Name)"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"count_\":51,\"dcount_Name\":13}\n");
  EXPECT_NE(
      r.err.find(zip + ":metasploit_logonpasswords_lsass_memory_dump.json: nxlog-windows, 53698 records;"),
      std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace iochound::e2e
