// FileTable over the DnsEvents fixtures: the four export shapes, compression, directories, globs,
// projection and batching.
#include "normalizers/file_table.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>

#include "ingest_test_util.h"
#include "types/datetime.h"

namespace iochound {
namespace {

using ingest_testing::FixturePath;
using ingest_testing::ReadFile;
using ingest_testing::ScanColumn;
using ingest_testing::ScanRows;
using ingest_testing::TempDir;
using ingest_testing::WriteFile;

int64_t Ticks(int year, int month, int day, int hour, int minute, int second, int64_t fraction = 0) {
  return DaysFromCivil(year, month, day) * kTicksPerDay + hour * kTicksPerHour + minute * kTicksPerMinute +
         second * kTicksPerSecond + fraction;
}

std::string DateTime(int64_t ticks) {
  return "datetime:" + std::to_string(ticks);
}

const char* const kShapes[] = {"dnsevents.jsonl", "dnsevents_az.json", "dnsevents_api.json", "dnsevents.csv"};

TEST(FileTableTest, DnsEventsJsonLinesIsTypedByTheBuiltinSchema) {
  DataErrors errors;
  FileTable table("DnsEvents", FixturePath("dnsevents.jsonl"), errors);
  const Schema& schema = table.schema();
  // The documented columns (hidden standard ones are absent from the data, so from the schema), then
  // the export's extra field.
  ASSERT_EQ(schema.size(), 25u);
  EXPECT_EQ(schema[0].name, "TenantId");
  EXPECT_EQ(schema[2].name, "TimeGenerated");
  EXPECT_EQ(schema[2].type, Type::DateTime);
  EXPECT_EQ(schema[FindField(schema, "EventId")].type, Type::Int);
  EXPECT_EQ(schema[FindField(schema, "RemoteIPLatitude")].type, Type::Real);
  EXPECT_EQ(FindField(schema, "_BilledSize"), -1);
  EXPECT_EQ(schema.back().name, "AdditionalInfo");
  EXPECT_EQ(schema.back().type, Type::Dynamic);

  auto times = ScanColumn(table, "TimeGenerated");
  ASSERT_EQ(times.size(), 10u);
  EXPECT_EQ(times[0], DateTime(Ticks(2026, 4, 18, 10, 0, 0)));
  EXPECT_EQ(times[1], DateTime(Ticks(2026, 4, 18, 10, 0, 1, 1234567)));
  EXPECT_EQ(times[2], DateTime(Ticks(2026, 4, 18, 10, 0, 2, 5000000)));
  EXPECT_EQ(times[8], DateTime(Ticks(2026, 4, 18, 23, 59, 59, 9999999)));
  auto event_ids = ScanColumn(table, "EventId");
  EXPECT_EQ(event_ids[0], "int:257");
  EXPECT_EQ(event_ids[2], "int:0");
  auto severity = ScanColumn(table, "Severity");
  EXPECT_EQ(severity[0], "int:null");
  EXPECT_EQ(severity[2], "int:2");
  auto info = ScanColumn(table, "AdditionalInfo");
  EXPECT_EQ(info[0], "dynamic:{\"ttl\":300,\"answers\":[\"140.82.113.3\"],\"cached\":true}");
  EXPECT_EQ(info[1], "dynamic:null");
  EXPECT_EQ(ScanColumn(table, "Message")[1], "string:Query for ostrykebs.pl, \"type\" A");
  EXPECT_EQ(ScanColumn(table, "RemoteIPLatitude")[0], "real:47.606200");
  EXPECT_EQ(errors.count(), 0u);
}

TEST(FileTableTest, TheFourExportShapesGiveIdenticalTypedBatches) {
  DataErrors errors;
  FileTable reference("DnsEvents", FixturePath(kShapes[0]), errors);
  const Schema expected_schema = reference.schema();
  auto expected = ScanRows(reference);
  ASSERT_EQ(expected.size(), 10u);
  for (const char* shape : kShapes) {
    SCOPED_TRACE(shape);
    FileTable table("DnsEvents", FixturePath(shape), errors);
    const Schema& schema = table.schema();
    // The az CLI adds its own TableName field; every other column is the same, with the same type.
    std::vector<int> columns;
    for (const Field& field : expected_schema) {
      int index = FindField(schema, field.name);
      ASSERT_GE(index, 0) << field.name;
      EXPECT_EQ(schema[index].type, field.type) << field.name;
      columns.push_back(index);
    }
    EXPECT_EQ(ScanRows(table, columns), expected);
  }
  EXPECT_EQ(errors.count(), 0u);
}

TEST(FileTableTest, PortalCsvWithBomQuotesAndUtcHeader) {
  DataErrors errors;
  FileTable table("DnsEvents", FixturePath("dnsevents_portal.csv"), errors);
  auto times = ScanColumn(table, "TimeGenerated");
  ASSERT_EQ(times.size(), 10u);
  EXPECT_EQ(times[1], DateTime(Ticks(2026, 4, 18, 10, 0, 1, 1230000)));  // the portal keeps milliseconds
  EXPECT_EQ(times[6], DateTime(Ticks(2026, 4, 18, 12, 0, 0, 9900000)));  // 12:00:00.990 PM is noon
  EXPECT_EQ(ScanColumn(table, "TenantId")[0], "string:6f1a9c2e-0b4d-4e8a-9f3c-2d7e5a1b8c40");  // BOM dropped
  EXPECT_EQ(ScanColumn(table, "IPAddresses")[0], "string:140.82.113.3,140.82.113.4");
  EXPECT_EQ(ScanColumn(table, "Message")[4], "string:multi\nline message");
  EXPECT_EQ(ScanColumn(table, "Name")[5], "string:2.100.168.192.in-addr.arpa");
  EXPECT_EQ(errors.count(), 0u);
}

TEST(FileTableTest, GzipAndZstdAreDetectedByContent) {
  TempDir dir;
  WriteFile(dir.File("a.data"), ingest_testing::Gzip(ReadFile(FixturePath("dnsevents.jsonl"))));
  WriteFile(dir.File("b.data"), ingest_testing::Zstd(ReadFile(FixturePath("dnsevents.csv"))));
  // Concatenated gzip members, as `cat x.gz y.gz` gives.
  std::string az = ReadFile(FixturePath("dnsevents_az.json"));
  WriteFile(dir.File("c.data"),
            ingest_testing::Gzip(az.substr(0, 1000)) + ingest_testing::Gzip(az.substr(1000)));
  DataErrors errors;
  FileTable plain("DnsEvents", FixturePath("dnsevents.jsonl"), errors);
  auto expected = ScanColumn(plain, "Name");
  for (const char* file : {"a.data", "b.data", "c.data"}) {
    SCOPED_TRACE(file);
    FileTable table("DnsEvents", dir.File(file), errors);
    EXPECT_EQ(ScanColumn(table, "Name"), expected);
  }
  EXPECT_EQ(errors.count(), 0u);
}

TEST(FileTableTest, DirectoryIsReadRecursivelyInPathOrder) {
  TempDir dir;
  std::string jsonl = ReadFile(FixturePath("dnsevents.jsonl"));
  WriteFile(dir.File("b.jsonl"), jsonl);
  std::filesystem::create_directory(dir.File("a"));
  WriteFile(dir.File("a/day1.csv.gz"), ingest_testing::Gzip(ReadFile(FixturePath("dnsevents.csv"))));
  WriteFile(dir.File("c.json.zst"), ingest_testing::Zstd(ReadFile(FixturePath("dnsevents_api.json"))));
  DataErrors errors;
  FileTable table("DnsEvents", dir.path(), errors);
  auto names = ScanColumn(table, "Name");
  ASSERT_EQ(names.size(), 30u);
  EXPECT_EQ(names[0], "string:github.com");
  EXPECT_EQ(names[10], "string:github.com");
  EXPECT_EQ(errors.count(), 0u);
}

TEST(FileTableTest, GlobSelectsMatchingFiles) {
  TempDir dir;
  std::string jsonl = ReadFile(FixturePath("dnsevents.jsonl"));
  WriteFile(dir.File("day1.jsonl"), jsonl);
  WriteFile(dir.File("day2.jsonl"), jsonl);
  WriteFile(dir.File("notes.txt"), "not data\n");
  DataErrors errors;
  FileTable table("DnsEvents", dir.File("day*.jsonl"), errors);
  EXPECT_EQ(ScanColumn(table, "Name").size(), 20u);
  EXPECT_EQ(errors.count(), 0u);
}

TEST(FileTableTest, MissingPathsAreUsageErrorsNamingThePath) {
  DataErrors errors;
  try {
    FileTable table("DnsEvents", "/nonexistent/dns.jsonl", errors);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/dns.jsonl"), std::string::npos) << e.what();
  }
  TempDir dir;
  EXPECT_THROW(FileTable("DnsEvents", dir.File("*.jsonl"), errors), std::invalid_argument);
  EXPECT_THROW(FileTable("DnsEvents", "", errors), std::invalid_argument);
}

TEST(FileTableTest, UnreadableFileInADirectoryIsReportedAndSkipped) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads files whatever their mode";
  TempDir dir;
  WriteFile(dir.File("a.jsonl"), ReadFile(FixturePath("dnsevents.jsonl")));
  WriteFile(dir.File("b.jsonl"), ReadFile(FixturePath("dnsevents.jsonl")));
  chmod(dir.File("b.jsonl").c_str(), 0);
  DataErrors errors;
  ::testing::internal::CaptureStderr();
  FileTable table("DnsEvents", dir.path(), errors);
  EXPECT_EQ(ScanColumn(table, "Name").size(), 10u);
  std::string messages = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(messages.find("b.jsonl"), std::string::npos) << messages;
  EXPECT_EQ(errors.count(), 1u);
}

TEST(FileTableTest, FileVanishingBeforeTheScanIsReportedAndTheRunGoesOn) {
  TempDir dir;
  WriteFile(dir.File("a.jsonl"), ReadFile(FixturePath("dnsevents.jsonl")));
  WriteFile(dir.File("b.jsonl"), ReadFile(FixturePath("dnsevents.jsonl")));
  DataErrors errors;
  FileTable table("DnsEvents", dir.path(), errors);
  std::filesystem::remove(dir.File("a.jsonl"));
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(ScanColumn(table, "Name").size(), 10u);
  std::string messages = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(messages.find(dir.File("a.jsonl") + ": cannot open"), std::string::npos) << messages;
  EXPECT_EQ(errors.count(), 1u);
}

TEST(FileTableTest, ScanReturnsExactlyTheRequestedColumnsInOrder) {
  DataErrors errors;
  FileTable table("DnsEvents", FixturePath("dnsevents.jsonl"), errors);
  int name = FindField(table.schema(), "Name");
  int code = FindField(table.schema(), "ResultCode");
  auto rows = ScanRows(table, {name, code, name});
  ASSERT_EQ(rows.size(), 10u);
  EXPECT_EQ(rows[7], (std::vector<std::string>{"string:3439ur09dhiolh32ljha.net", "int:3",
                                               "string:3439ur09dhiolh32ljha.net"}));
  // No columns at all still counts rows (count(), `take` of nothing).
  auto stream = table.Scan({});
  auto batch = stream->Next();
  ASSERT_TRUE(batch.has_value());
  EXPECT_EQ(batch->rows, 10u);
  EXPECT_TRUE(batch->columns.empty());
  EXPECT_FALSE(stream->Next().has_value());
}

TEST(FileTableTest, LargeInputStreamsInBatchesOfKBatchRows) {
  TempDir dir;
  std::string data;
  const size_t kRows = 2 * kBatchRows + 100;
  for (size_t i = 0; i < kRows; ++i) {
    data += "{\"TimeGenerated\":\"2026-04-18T10:00:00Z\",\"Name\":\"host" + std::to_string(i) +
            ".example.com\",\"EventId\":" + std::to_string(i) + "}\n";
  }
  WriteFile(dir.File("big.jsonl.gz"), ingest_testing::Gzip(data));
  DataErrors errors;
  FileTable table("DnsEvents", dir.File("big.jsonl.gz"), errors);
  auto stream = table.Scan({FindField(table.schema(), "EventId")});
  std::vector<size_t> sizes;
  int64_t last = -1;
  while (auto batch = stream->Next()) {
    sizes.push_back(batch->rows);
    last = batch->columns[0]->IntAt(batch->rows - 1);
  }
  EXPECT_EQ(sizes, (std::vector<size_t>{kBatchRows, kBatchRows, 100}));
  EXPECT_EQ(last, static_cast<int64_t>(kRows - 1));
  EXPECT_EQ(errors.count(), 0u);
}

TEST(FileTableTest, StdinIsSpooledSoItCanBeScannedTwice) {
  TempDir dir;
  WriteFile(dir.File("in.jsonl"), ingest_testing::Zstd(ReadFile(FixturePath("dnsevents.jsonl"))));
  int saved = dup(STDIN_FILENO);
  int fd = open(dir.File("in.jsonl").c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  dup2(fd, STDIN_FILENO);
  close(fd);
  DataErrors errors;
  {
    FileTable table("DnsEvents", "-", errors);
    EXPECT_EQ(ScanColumn(table, "Name").size(), 10u);
    EXPECT_EQ(ScanColumn(table, "Name").size(), 10u);
  }
  dup2(saved, STDIN_FILENO);
  close(saved);
  EXPECT_EQ(errors.count(), 0u);
}

TEST(FileTableTest, QueryApiResponseUsesPrimaryResult) {
  TempDir dir;
  WriteFile(dir.File("api.json"),
            R"({"tables":[{"name":"Statistics","columns":[{"name":"x","type":"long"}],"rows":[[1],[2],[3]]},
                {"rows":[["2026-04-18T10:00:00+02:00","a.example",{"k":[1,2]}]],"name":"PrimaryResult",
                 "columns":[{"name":"TimeGenerated","type":"datetime"},{"name":"Name","type":"string"},
                            {"name":"Extra","type":"dynamic"}]}]})");
  DataErrors errors;
  FileTable table("Custom_CL", dir.File("api.json"), errors);
  const Schema& schema = table.schema();
  ASSERT_EQ(schema.size(), 3u);
  EXPECT_EQ(schema[0].type, Type::DateTime);
  EXPECT_EQ(schema[2].type, Type::Dynamic);
  auto rows = ScanRows(table);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{DateTime(Ticks(2026, 4, 18, 8, 0, 0)), "string:a.example",
                                               "dynamic:{\"k\":[1,2]}"}));
}

}  // namespace
}  // namespace iochound
