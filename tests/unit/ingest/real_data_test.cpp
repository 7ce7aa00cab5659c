// Real Sentinel / Defender exports from ../shared (see its SOURCES.md), read in place. No real
// DnsEvents export is public; these are the closest shapes: Log Analytics JSON Lines exports of
// WindowsEvent/SecurityEvent (OTRF Security-Datasets) and an advanced-hunting CSV (plaso).
#include <gtest/gtest.h>

#include <filesystem>

#include "ingest_test_util.h"
#include "normalizers/file_table.h"

namespace iochound {
namespace {

using ingest_testing::ScanColumn;
using ingest_testing::ScanRows;

std::string RealData(std::string_view path) {
  return std::string(IOCHOUND_SHARED_DIR) + "/data/real/" + std::string(path);
}

#define SKIP_UNLESS_PRESENT(path)     \
  if (!std::filesystem::exists(path)) \
  GTEST_SKIP() << "real data not available: " << (path) << " (../shared is not checked out here)"

Type TypeOf(FileTable& table, std::string_view column) {
  int index = FindField(table.schema(), column);
  EXPECT_GE(index, 0) << column;
  return index < 0 ? Type::Null : table.schema()[index].type;
}

TEST(RealDataTest, SentinelWindowsEventJsonLinesExport) {
  std::string path = RealData(
      "otrf-security-datasets/sentinel-log4shell/"
      "sysmon_log4shell_cve2021_44228_java_serialized_object_2022-05-13045800.json");
  SKIP_UNLESS_PRESENT(path);
  DataErrors errors;
  FileTable table("WindowsEvent", path, errors);
  EXPECT_EQ(TypeOf(table, "TimeGenerated"), Type::DateTime);
  // Typed by the built-in WindowsEvent schema, as Sentinel types it, not by inference (which says long).
  EXPECT_EQ(TypeOf(table, "EventID"), Type::Int);
  // EventData is exported as a JSON string; the real column is dynamic, and so is the inferred one.
  EXPECT_EQ(TypeOf(table, "EventData"), Type::Dynamic);
  auto rows = ScanRows(table);
  EXPECT_EQ(rows.size(), 487u);
  auto data = ScanColumn(table, "EventData");
  EXPECT_NE(data[0].find("\"DestinationPort\":\"8080\""), std::string::npos) << data[0];
  EXPECT_EQ(errors.count(), 0u);
}

TEST(RealDataTest, AllSentinelExportsOfADirectory) {
  std::string dir = RealData("otrf-security-datasets/sentinel-log4shell");
  SKIP_UNLESS_PRESENT(dir);
  DataErrors errors;
  FileTable table("Mixed", dir, errors);
  EXPECT_EQ(ScanColumn(table, "TimeGenerated").size(), 39u + 50u + 93u + 487u + 5u);
  EXPECT_EQ(errors.count(), 0u);
}

TEST(RealDataTest, DefenderAdvancedHuntingCsv) {
  std::string path = RealData("plaso-m365d-advanced-hunting/advanced_hunting_test.csv");
  SKIP_UNLESS_PRESENT(path);
  DataErrors errors;
  FileTable table("DeviceEvents", path, errors);
  EXPECT_EQ(TypeOf(table, "Timestamp"), Type::DateTime);
  EXPECT_EQ(TypeOf(table, "AdditionalFields"), Type::Dynamic);
  EXPECT_EQ(ScanRows(table).size(), 129u);
  EXPECT_EQ(errors.count(), 0u);
}

}  // namespace
}  // namespace iochound
