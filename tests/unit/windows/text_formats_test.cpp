// Windows events read from their text renderings: the OTRF NXLog JSON (205 Sysmon DNS queries,
// 203 names), Sentinel's WindowsEvent / SecurityEvent / Syslog exports, the SigmaHQ evtx_dump JSON
// (the same rows as its .evtx), event XML and syslog lines made here from real events, Winlogbeat.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "../ingest/ingest_test_util.h"
#include "decoders/evtx/evtx_reader.h"
#include "types/dynamic.h"
#include "windows_test_util.h"

namespace iochound {
namespace {

using windows_testing::ReadFileBytes;
using windows_testing::Routed;
using windows_testing::RouteFile;
using windows_testing::Row;
using windows_testing::SharedData;
using windows_testing::WriteTempFile;

const std::string kOtrf = "/real/otrf-security-datasets/";

void ExpectClean(const Routed& routed, const DataErrors& errors, const std::string& what) {
  EXPECT_EQ(errors.count(), 0u) << what;
  EXPECT_TRUE(routed.sink.problems().empty()) << what << ": " << routed.sink.problems().front();
}

TEST(WindowsTextFormatsTest, OtrfCmstpGives205DnsEventsWith203Names) {
  SKIP_WITHOUT_SHARED();
  DataErrors errors;
  Routed routed = RouteFile(
      SharedData() + kOtrf + "sysmon-json/psh_cmstp_execution_bypassuac_2020-10-2201543213.json", errors);
  EXPECT_EQ(routed.format, "nxlog-windows");
  ExpectClean(routed, errors, "psh_cmstp");
  EXPECT_EQ(routed.records, 1166u);
  EXPECT_EQ(routed.sink.count("WindowsEvent"), 1166u);
  const auto& dns = routed.sink.rows("DnsEvents");
  ASSERT_EQ(dns.size(), 205u);
  std::set<std::string> names;
  for (const Row& row : dns) {
    names.insert(row.at("Name"));
    EXPECT_FALSE(row.at("Name").ends_with('.')) << row.at("Name");
    EXPECT_EQ(row.at("Computer"), "WORKSTATION5");
  }
  EXPECT_EQ(names.size(), 203u);
  // github.com resolved to one address; UtcTime (05:54 UTC), not the host-local @timestamp (01:54).
  size_t found = 0;
  for (const Row& row : dns) {
    if (row.at("Name") != "github.com" || !row.at("TimeGenerated").starts_with("2020-10-22T05:54:21.349"))
      continue;
    ++found;
    EXPECT_EQ(row.at("IPAddresses"), "140.82.113.3");
    EXPECT_EQ(row.at("ResultCode"), "0");
    EXPECT_EQ(row.at("Result"), "Success");
  }
  EXPECT_EQ(found, 1u);
  EXPECT_TRUE(routed.sink.extra_columns().empty()) << *routed.sink.extra_columns().begin();
}

TEST(WindowsTextFormatsTest, OtrfFilesMatchSourcesMdCounts) {
  SKIP_WITHOUT_SHARED();
  std::vector<windows_testing::SourcesRow> rows =
      windows_testing::SourcesMdRows(R"(otrf-security-datasets/sysmon-json/[^`]+\.json)");
  EXPECT_EQ(rows.size(), 5u);
  for (auto& [file, events, expected] : rows) {
    DataErrors errors;
    Routed routed = RouteFile(SharedData() + "/real/" + file, errors);
    ExpectClean(routed, errors, file);
    EXPECT_EQ(routed.sink.count("WindowsEvent"), events) << file;
    std::map<std::string, size_t> seen;
    for (const Row& r : routed.sink.rows("WindowsEvent")) {
      if (r.at("Provider") == "Microsoft-Windows-Sysmon") seen[r.at("EventID")]++;
    }
    EXPECT_EQ(seen, expected) << file;
    EXPECT_EQ(routed.sink.count("DnsEvents"), expected["22"]) << file;
    EXPECT_EQ(routed.sink.count("DeviceProcessEvents"), expected["1"]) << file;
    EXPECT_EQ(routed.sink.count("DeviceNetworkEvents"), expected["3"]) << file;
    EXPECT_EQ(routed.sink.count("DeviceFileEvents"), expected["11"] + expected["23"] + expected["26"])
        << file;
  }
}

TEST(WindowsTextFormatsTest, SentinelWindowsEventExportKeepsItsRowsAndDerivesSysmonRows) {
  SKIP_WITHOUT_SHARED();
  DataErrors errors;
  Routed routed = RouteFile(
      SharedData() + kOtrf +
          "sentinel-log4shell/sysmon_log4shell_cve2021_44228_java_serialized_object_2022-05-13045800.json",
      errors);
  EXPECT_EQ(routed.format, "sentinel-windows");
  ExpectClean(routed, errors, "WindowsEvent export");
  EXPECT_EQ(routed.sink.count("WindowsEvent"), 487u);
  EXPECT_EQ(routed.sink.count("Event"), 0u);
  std::map<std::string, size_t> ids;
  for (const Row& r : routed.sink.rows("WindowsEvent")) {
    ids[r.at("EventID")]++;
    EXPECT_EQ(r.at("TenantId"), "redacted");
  }
  EXPECT_EQ(ids["3"], 5u);
  EXPECT_EQ(routed.sink.count("DeviceNetworkEvents"), ids["3"]);
  EXPECT_EQ(routed.sink.count("DeviceImageLoadEvents"), ids["7"]);
  EXPECT_EQ(routed.sink.count("DeviceRegistryEvents"), ids["12"] + ids["13"] + ids["14"]);
  EXPECT_EQ(routed.sink.count("DeviceFileEvents"), ids["11"] + ids["23"] + ids["26"]);
  // The inbound connection to Tomcat: remote 192.168.3.5, local port 8080.
  bool inbound = false;
  for (const Row& r : routed.sink.rows("DeviceNetworkEvents")) {
    if (r.at("ActionType") != "InboundConnectionAccepted") continue;
    inbound = true;
    EXPECT_EQ(r.at("RemoteIP"), "192.168.3.5");
    EXPECT_EQ(r.at("LocalPort"), "8080");
    EXPECT_EQ(r.at("InitiatingProcessFileName"), "tomcat9.exe");
    EXPECT_EQ(r.at("InitiatingProcessAccountName"), "LOCAL SERVICE");
    EXPECT_TRUE(r.at("Timestamp").starts_with("2022-05-13T08:54:05.123")) << r.at("Timestamp");
  }
  EXPECT_TRUE(inbound);
}

TEST(WindowsTextFormatsTest, SentinelSecurityEventAndSyslogExports) {
  SKIP_WITHOUT_SHARED();
  DataErrors errors;
  Routed security =
      RouteFile(SharedData() + kOtrf +
                    "sentinel-log4shell/"
                    "securityauditing_log4shell_cve2021_44228_java_serialized_object_2022-05-13045400.json",
                errors);
  EXPECT_EQ(security.format, "sentinel-windows");
  ExpectClean(security, errors, "SecurityEvent export");
  EXPECT_EQ(security.sink.count("SecurityEvent"), 39u);
  EXPECT_EQ(security.sink.tables().size(), 1u);

  DataErrors syslog_errors(0);
  Routed syslog = RouteFile(
      SharedData() + kOtrf +
          "sentinel-log4shell/syslog_sysmon_log4shell_cve2021_44228_jndi_reference_2022-05-11181020.json",
      syslog_errors);
  EXPECT_EQ(syslog.format, "sentinel-windows");
  EXPECT_TRUE(syslog.sink.problems().empty()) << syslog.sink.problems().front();
  // Syslog cut the longest messages at 2,012 bytes: reported, their fields before the cut kept.
  size_t cut = 0;
  for (const Row& row : syslog.sink.rows("Syslog")) cut += !row.at("SyslogMessage").ends_with("</Event>");
  EXPECT_GT(cut, 0u);
  EXPECT_EQ(syslog_errors.count(), cut);
  EXPECT_EQ(syslog.sink.count("Syslog"), 93u);
  // Linux Sysmon EIDs 1:31, 3:6, 11:4, 23:2 (SOURCES.md).
  EXPECT_EQ(syslog.sink.count("DeviceProcessEvents"), 31u);
  EXPECT_EQ(syslog.sink.count("DeviceNetworkEvents"), 6u);
  EXPECT_EQ(syslog.sink.count("DeviceFileEvents"), 6u);
  EXPECT_EQ(syslog.sink.count("WindowsEvent"), 0u);
}

// A cell as both renderings can give it: evtx_dump writes times to the microsecond (EVTX has
// 100 ns) and trims the whitespace around data values (a trailing space or newline of a command
// line is lost), so times are cut to microseconds and whitespace is dropped.
std::string Comparable(const std::string& cell) {
  static const std::regex seventh_digit(R"((\.\d{6})\dZ)");
  // JSON-escaped whitespace too (\n inside a dynamic column's text).
  static const std::regex escaped_space(R"(\\[nrt])");
  std::string text = std::regex_replace(std::regex_replace(cell, seventh_digit, "$1Z"), escaped_space, "");
  std::erase_if(text, [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
  // And case: one case's .json has "Explorer.exe" where its .evtx has "Explorer.EXE".
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

TEST(WindowsTextFormatsTest, SigmaRegressionJsonGivesTheRowsOfItsEvtx) {
  SKIP_WITHOUT_SHARED();
  size_t cases = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(SharedData() + "/sigma/regression_data")) {
    if (entry.path().extension() != ".evtx") continue;
    std::filesystem::path json = entry.path();
    json.replace_extension(".json");
    if (!std::filesystem::exists(json)) continue;
    DataErrors evtx_errors, json_errors;
    Routed from_evtx = RouteFile(entry.path().string(), evtx_errors);
    Routed from_json = RouteFile(json.string(), json_errors);
    EXPECT_EQ(from_json.format, "evtx-json") << json;
    ExpectClean(from_json, json_errors, json.string());
    auto evtx_rows = from_evtx.sink.tables();
    auto json_rows = from_json.sink.tables();
    ASSERT_EQ(json_rows.size(), evtx_rows.size()) << json;
    for (const auto& [table, rows] : evtx_rows) {
      ASSERT_EQ(json_rows[table].size(), rows.size()) << json << " " << table;
      for (size_t i = 0; i < rows.size(); ++i) {
        for (const auto& [column, value] : rows[i]) {
          EXPECT_EQ(Comparable(json_rows[table][i][column]), Comparable(value))
              << json << " " << table << "." << column;
        }
      }
    }
    ++cases;
  }
  EXPECT_GT(cases, 200u);
}

// A gzipped JSON export cut short: the events before the damage are read, the damage reported.
TEST(WindowsTextFormatsTest, TruncatedGzippedExportKeepsTheEventsBeforeTheCut) {
  std::string lines = ingest_testing::ReadFile(std::string(IOCHOUND_SOURCE_DIR) +
                                               "/tests/fixtures/windows/winlogbeat_sysmon.ndjson");
  std::string many;
  for (int i = 0; i < 300; ++i) many += lines;
  std::string packed = ingest_testing::Gzip(many);
  ingest_testing::TempDir dir;
  std::string path = dir.File("cut.ndjson.gz");
  ingest_testing::WriteFile(path, packed.substr(0, packed.size() / 2));
  DataErrors errors;
  Routed routed = RouteFile(path, errors);
  EXPECT_EQ(routed.format, "winlogbeat");
  EXPECT_GE(errors.count(), 1u);  // the truncated gzip data (and the event it cuts)
  EXPECT_GT(routed.records, 100u);
  EXPECT_LT(routed.records, 900u);
}

}  // namespace
}  // namespace iochound

namespace iochound {
namespace {

// A Winlogbeat fixture (tests/fixtures/windows) in Winlogbeat 8's layout: a Sysmon DNS query, its
// process creation and a Security logon.
TEST(WindowsTextFormatsTest, WinlogbeatEventsMapLikeTheirNativeForm) {
  DataErrors errors;
  Routed routed = RouteFile(
      std::string(IOCHOUND_SOURCE_DIR) + "/tests/fixtures/windows/winlogbeat_sysmon.ndjson", errors);
  EXPECT_EQ(routed.format, "winlogbeat");
  ExpectClean(routed, errors, "winlogbeat");
  EXPECT_EQ(routed.sink.count("WindowsEvent"), 3u);
  ASSERT_EQ(routed.sink.count("DnsEvents"), 1u);
  const Row& dns = routed.sink.rows("DnsEvents")[0];
  EXPECT_EQ(dns.at("Name"), "nanocore-c2.duckdns.org");
  EXPECT_EQ(dns.at("IPAddresses"), "203.0.113.7, 203.0.113.8");
  EXPECT_EQ(dns.at("Computer"), "ws01.corp.example");
  EXPECT_TRUE(dns.at("TimeGenerated").starts_with("2026-03-02T10:15:30.905")) << dns.at("TimeGenerated");
  ASSERT_EQ(routed.sink.count("DeviceProcessEvents"), 1u);
  const Row& process = routed.sink.rows("DeviceProcessEvents")[0];
  EXPECT_EQ(process.at("FileName"), "svchost32.exe");
  EXPECT_EQ(process.at("InitiatingProcessFileName"), "explorer.exe");
  EXPECT_EQ(process.at("InitiatingProcessId"), "6120");
  EXPECT_EQ(process.at("LogonId"), std::to_string(0x5a3f1));
  EXPECT_EQ(process.at("SHA256"), "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae");
  EXPECT_EQ(process.at("AccountDomain"), "CORP");
  ASSERT_EQ(routed.sink.count("SecurityEvent"), 1u);
  const Row& logon = routed.sink.rows("SecurityEvent")[0];
  EXPECT_EQ(logon.at("Activity"), "4624 - An account was successfully logged on.");
  EXPECT_EQ(logon.at("Account"), "CORP\\alice");
  EXPECT_EQ(logon.at("AccountType"), "User");
  EXPECT_EQ(logon.at("LogonType"), "10");
  EXPECT_EQ(logon.at("LogonTypeName"), "10 - RemoteInteractive");
  EXPECT_EQ(logon.at("IpAddress"), "198.51.100.23");
}

}  // namespace
}  // namespace iochound

namespace iochound {
namespace {

// Sysmon through the Log Analytics agent: Event rows exported from Sentinel (here: the Event rows
// of a real EVTX, written as an export would hold them) give back the EVTX's Sysmon-derived rows.
TEST(WindowsTextFormatsTest, SentinelEventExportOfSysmonGivesTheDerivedRows) {
  SKIP_WITHOUT_SHARED();
  const std::string evtx = SharedData() + "/real/evtx-attack-samples/smbmap_upload_exec_sysmon.evtx";
  DataErrors errors;
  Routed native = RouteFile(evtx, errors);
  std::string export_lines;
  for (const Row& row : native.sink.rows("Event")) {
    std::string line = "{\"Type\":\"Event\"";
    for (const auto& [column, value] : row) {
      if (column == "Type") continue;
      line += ',';
      AppendJsonString(line, column);
      line += ':';
      AppendJsonString(line, value);
    }
    export_lines += line + "}\n";
  }
  DataErrors export_errors;
  Routed exported = RouteFile(WriteTempFile("event_export.json", export_lines), export_errors);
  EXPECT_EQ(exported.format, "sentinel-windows");
  ExpectClean(exported, export_errors, "Event export");
  EXPECT_EQ(exported.sink.count("Event"), 27u);
  EXPECT_EQ(exported.sink.count("WindowsEvent"), 0u);
  for (const std::string table :
       {"DeviceProcessEvents", "DeviceNetworkEvents", "DeviceFileEvents", "DeviceRegistryEvents"}) {
    ASSERT_GT(native.sink.count(table), 0u) << table;
    const auto& expected = native.sink.tables().at(table);
    const auto& actual = exported.sink.tables().at(table);
    ASSERT_EQ(actual.size(), expected.size()) << table;
    for (size_t i = 0; i < expected.size(); ++i) {
      for (const auto& [column, value] : expected[i]) {
        // ReportId is the record ID, which an Event row does not carry.
        if (column == "ReportId") continue;
        EXPECT_EQ(actual[i].at(column), value) << table << "." << column;
      }
    }
  }
}

}  // namespace
}  // namespace iochound

namespace iochound {
namespace {

TEST(WindowsTextFormatsTest, SentinelExportMixingTablesKeepsEveryRow) {
  std::string lines =
      R"({"TimeGenerated":"2022-05-13T08:54:06.347Z","Provider":"Microsoft-Windows-Sysmon","Channel":"Microsoft-Windows-Sysmon/Operational","Computer":"WS5","EventID":22,"EventData":"{\"UtcTime\":\"2022-05-13 08:54:05.123\",\"QueryName\":\"project1.in.net.\",\"QueryStatus\":\"0\",\"QueryResults\":\"::ffff:192.0.2.1;\",\"Image\":\"C:\\\\x.exe\"}","Type":"WindowsEvent"})"
      "\n"
      R"({"TimeGenerated":"2022-05-13T08:55:00Z","Computer":"DC1","Name":"example.org","Type":"DnsEvents"})"
      "\n"
      R"({"TimeGenerated":"2022-05-13T08:56:00Z","Message":"hello","Type":"MyApp_CL"})"
      "\n";
  DataErrors errors;
  Routed routed = RouteFile(WriteTempFile("mixed_export.json", lines), errors);
  EXPECT_EQ(routed.format, "sentinel-windows");
  ExpectClean(routed, errors, "mixed export");
  EXPECT_EQ(routed.records, 3u);
  EXPECT_EQ(routed.sink.count("WindowsEvent"), 1u);
  ASSERT_EQ(routed.sink.count("DnsEvents"), 2u);
  EXPECT_EQ(routed.sink.rows("DnsEvents")[0].at("Name"), "project1.in.net");
  EXPECT_EQ(routed.sink.rows("DnsEvents")[0].at("TimeGenerated"), "2022-05-13T08:54:05.1230000Z");
  EXPECT_EQ(routed.sink.rows("DnsEvents")[1].at("Name"), "example.org");
  ASSERT_EQ(routed.sink.unmapped().size(), 1u);
  EXPECT_EQ(routed.sink.unmapped()[0], "Type 'MyApp_CL': no built-in table");
}

}  // namespace
}  // namespace iochound
