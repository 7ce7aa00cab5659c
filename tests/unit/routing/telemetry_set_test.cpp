// TelemetrySet: routing of export records to their tables, what happens to records no table takes,
// files no format recognises, and the per-file summary.
#include "normalizers/routing/telemetry_set.h"

#include <gtest/gtest.h>

#include "../ingest/ingest_test_util.h"
#include "normalizers/empty_table.h"
#include "normalizers/exports/export_format.h"

namespace iochound {
namespace {

using ingest_testing::ScanColumn;
using ingest_testing::TempDir;
using ingest_testing::WriteFile;

constexpr std::string_view kMixedExport =
    R"({"Type":"DnsEvents","TimeGenerated":"2026-04-17T12:00:00Z","Name":"a.example","QueryType":"A"}
{"Type":"SecurityEvent","TimeGenerated":"2026-04-17T12:00:01Z","EventID":4688,"Computer":"ws1"}
{"Type":"MyApp_CL","TimeGenerated":"2026-04-17T12:00:02Z","Message":"hello"}
{"Type":"DnsEvents","TimeGenerated":"2026-04-17T12:00:03Z","Name":"b.example","QueryType":"AAAA"}
)";

TEST(TelemetrySetTest, ExportRecordsGoToTheTableTheirTypeNames) {
  TempDir dir;
  WriteFile(dir.File("mixed.jsonl"), kMixedExport);
  DataErrors errors;
  TelemetrySet set({dir.path()}, "", errors);
  Catalog catalog;
  set.RegisterTables(catalog);
  EXPECT_EQ(ScanColumn(*catalog.Find("DnsEvents"), "Name"),
            (std::vector<std::string>{"string:a.example", "string:b.example"}));
  EXPECT_EQ(ScanColumn(*catalog.Find("SecurityEvent"), "EventID"), (std::vector<std::string>{"int:4688"}));
  EXPECT_TRUE(ScanColumn(*catalog.Find("Syslog"), "Computer").empty());
  EXPECT_EQ(errors.count(), 0u);

  std::string summary = set.Summary();
  EXPECT_NE(summary.find("mixed.jsonl: sentinel-export, 4 records"), std::string::npos) << summary;
  EXPECT_NE(summary.find("DnsEvents 2"), std::string::npos) << summary;
  EXPECT_NE(summary.find("SecurityEvent 1"), std::string::npos) << summary;
  EXPECT_NE(summary.find("not mapped: 1"), std::string::npos) << summary;
  EXPECT_NE(summary.find("Type 'MyApp_CL': no built-in table: 1"), std::string::npos) << summary;
}

TEST(TelemetrySetTest, UnmappedRecordsStayQueryableInRawEvents) {
  TempDir dir;
  WriteFile(dir.File("mixed.jsonl"), kMixedExport);
  DataErrors errors;
  TelemetrySet set({dir.File("mixed.jsonl")}, "", errors);
  Catalog catalog;
  set.RegisterTables(catalog);
  TableSource& raw = *catalog.Find("RawEvents");
  EXPECT_EQ(ScanColumn(raw, "Reason"),
            (std::vector<std::string>{"string:Type 'MyApp_CL': no built-in table"}));
  EXPECT_EQ(ScanColumn(raw, "RecordLine"), (std::vector<std::string>{"long:3"}));
  EXPECT_EQ(ScanColumn(raw, "SourceFormat"), (std::vector<std::string>{"string:sentinel-export"}));
  std::vector<std::string> data = ScanColumn(raw, "RawData");
  ASSERT_EQ(data.size(), 1u);
  EXPECT_NE(data[0].find(R"("Message":"hello")"), std::string::npos) << data[0];
}

TEST(TelemetrySetTest, ExportsWithoutTypeGoToTheTableTheirColumnsMatch) {
  TempDir dir;
  WriteFile(dir.File("defender.csv"),
            "Timestamp,DeviceName,ActionType,RemoteIP,RemotePort,RemoteUrl,LocalIP,Protocol\n"
            "2026-04-17T12:00:00Z,ws1,ConnectionSuccess,203.0.113.5,443,evil.example,10.0.0.5,Tcp\n");
  DataErrors errors;
  TelemetrySet set({dir.path()}, "", errors);
  Catalog catalog;
  set.RegisterTables(catalog);
  EXPECT_EQ(ScanColumn(*catalog.Find("DeviceNetworkEvents"), "RemotePort"),
            (std::vector<std::string>{"int:443"}));
  EXPECT_TRUE(ScanColumn(*catalog.Find("DeviceEvents"), "RemoteUrl").empty());
}

TEST(TelemetrySetTest, TableCoveringFieldsNeedsMostFieldsToBeColumns) {
  EXPECT_EQ(TableCoveringFields({"TimeGenerated", "Name", "QueryType", "IPAddresses", "ClientIP"}),
            "DnsEvents");
  EXPECT_EQ(TableCoveringFields({"TimeGenerated", "Name", "foo", "bar", "baz"}), "");
  EXPECT_EQ(TableCoveringFields({"Name"}), "");
}

TEST(TelemetrySetTest, UnrecognisedFilesAreReportedAndTheRestIsRead) {
  TempDir dir;
  WriteFile(dir.File("a.bin"), std::string("\x01\x02\x03 not telemetry", 18));
  WriteFile(dir.File("b.jsonl"), kMixedExport);
  WriteFile(dir.File("c.empty"), "");
  DataErrors errors;
  TelemetrySet set({dir.path()}, "", errors);
  Catalog catalog;
  set.RegisterTables(catalog);
  EXPECT_EQ(ScanColumn(*catalog.Find("DnsEvents"), "Name").size(), 2u);
  EXPECT_EQ(errors.count(), 1u);
  std::string summary = set.Summary();
  EXPECT_NE(summary.find("a.bin: not read (format not recognised"), std::string::npos) << summary;
  EXPECT_NE(summary.find("c.empty: empty"), std::string::npos) << summary;
}

TEST(TelemetrySetTest, ATableBoundByNameIsNotReplaced) {
  TempDir dir;
  WriteFile(dir.File("mixed.jsonl"), kMixedExport);
  DataErrors errors;
  TelemetrySet set({dir.path()}, "", errors);
  Catalog catalog;
  auto bound = std::make_shared<EmptyTable>(Schema{{"Name", Type::String}});
  catalog.Register("DnsEvents", bound);
  set.RegisterTables(catalog);
  EXPECT_EQ(catalog.Find("DnsEvents"), bound.get());
  EXPECT_NE(catalog.Find("SecurityEvent"), nullptr);
}

TEST(TelemetrySetTest, UnknownForcedFormatIsAUsageErrorListingTheKnownOnes) {
  DataErrors errors;
  try {
    TelemetrySet set({"."}, "nonsense", errors);
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("sentinel-export"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace iochound
