// EVTX files routed to tables through the "evtx" telemetry format: every sample log in ../shared
// (real and SigmaHQ regression data) detected, decoded without errors and mapped to columns that
// exist and convert; event counts and Sysmon event IDs as SOURCES.md states; the Sysmon-derived
// rows one per mapped event; damaged copies yield their intact events and report the rest.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <random>
#include <regex>
#include <set>

#include "decoders/evtx/evtx_reader.h"
#include "normalizers/routing/telemetry_format.h"
#include "windows_test_util.h"

namespace iochound {
namespace {

using windows_testing::ReadFileBytes;
using windows_testing::Routed;
using windows_testing::RouteFile;
using windows_testing::Row;
using windows_testing::SharedData;
using windows_testing::WriteTempFile;

std::vector<std::string> EvtxFiles(const std::string& root) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && entry.path().extension() == ".evtx")
      files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The Sysmon-derived table each Sysmon event ID feeds (sysmon_tables.h).
std::string DerivedTable(int event_id) {
  switch (event_id) {
    case 1:
      return "DeviceProcessEvents";
    case 3:
      return "DeviceNetworkEvents";
    case 7:
      return "DeviceImageLoadEvents";
    case 11:
    case 23:
    case 26:
      return "DeviceFileEvents";
    case 12:
    case 13:
    case 14:
      return "DeviceRegistryEvents";
    case 22:
      return "DnsEvents";
    default:
      return "";
  }
}

TEST(EvtxRoutingTest, EveryEvtxFileRoutesEachEventToItsTables) {
  SKIP_WITHOUT_SHARED();
  std::vector<std::string> files = EvtxFiles(SharedData() + "/real");
  std::vector<std::string> sigma = EvtxFiles(SharedData() + "/sigma/regression_data");
  files.insert(files.end(), sigma.begin(), sigma.end());
  ASSERT_GT(files.size(), 200u);
  size_t security = 0, sysmon_derived = 0;
  for (const std::string& file : files) {
    DataErrors errors;
    Routed routed = RouteFile(file, errors);
    ASSERT_EQ(routed.format, "evtx") << file;
    EXPECT_EQ(errors.count(), 0u) << file;
    EXPECT_TRUE(routed.sink.problems().empty()) << file << ": " << routed.sink.problems().front();
    EXPECT_TRUE(routed.sink.unmapped().empty()) << file;
    const auto& events = routed.sink.rows("WindowsEvent");
    EXPECT_EQ(events.size(), routed.records) << file;
    ASSERT_GT(events.size(), 0u) << file;
    // Every event also has its Log Analytics agent row, SecurityEvent or Event by channel.
    EXPECT_EQ(routed.sink.count("SecurityEvent") + routed.sink.count("Event"), events.size()) << file;
    security += routed.sink.count("SecurityEvent");
    std::map<std::string, size_t> expected;
    for (const Row& row : events) {
      if (row.at("Provider") != "Microsoft-Windows-Sysmon") continue;
      std::string table = DerivedTable(std::stoi(row.at("EventID")));
      if (!table.empty()) expected[table]++;
    }
    for (const auto& [table, count] : expected) {
      EXPECT_EQ(routed.sink.count(table), count) << file << " " << table;
      sysmon_derived += count;
    }
  }
  EXPECT_GT(security, 0u) << "some regression data is from the Security channel";
  EXPECT_GT(sysmon_derived, 1000u);
}

TEST(EvtxRoutingTest, EventIdCountsMatchSourcesMd) {
  SKIP_WITHOUT_SHARED();
  std::vector<windows_testing::SourcesRow> rows = windows_testing::SourcesMdRows(R"([^`]+\.evtx)");
  EXPECT_EQ(rows.size(), 9u);
  for (const auto& expected : rows) {
    DataErrors errors;
    Routed routed = RouteFile(SharedData() + "/real/" + expected.file, errors);
    std::map<std::string, size_t> seen;
    for (const Row& r : routed.sink.rows("WindowsEvent")) seen[r.at("EventID")]++;
    EXPECT_EQ(routed.sink.count("WindowsEvent"), expected.events) << expected.file;
    EXPECT_EQ(seen, expected.sysmon_ids) << expected.file;
  }
}

TEST(EvtxRoutingTest, SysmonDnsQueryBecomesADnsEventsRow) {
  SKIP_WITHOUT_SHARED();
  DataErrors errors;
  Routed routed = RouteFile(SharedData() + "/real/evtx-attack-samples/Sysmon_UACME_64.evtx", errors);
  const auto& dns = routed.sink.rows("DnsEvents");
  ASSERT_EQ(dns.size(), 1u);
  const Row& row = dns[0];
  EXPECT_EQ(row.at("Name"), "wpad");
  EXPECT_EQ(row.at("Result"), "Failure");
  EXPECT_EQ(row.at("ResultCode"), "3");  // QueryStatus 9003, DNS_ERROR_RCODE_NAME_ERROR
  EXPECT_EQ(row.at("EventId"), "22");
  EXPECT_EQ(row.at("SubType"), "LookupQuery");
  EXPECT_EQ(row.at("IPAddresses"), "");
  EXPECT_FALSE(row.at("Computer").empty());
  EXPECT_NE(row.at("Message").find("QueryName: wpad"), std::string::npos) << row.at("Message");
  EXPECT_NE(row.at("Message").find("Image: "), std::string::npos) << row.at("Message");
  // TimeGenerated is Sysmon's UtcTime, which the message also shows.
  std::string time = row.at("TimeGenerated");
  std::smatch utc;
  ASSERT_TRUE(std::regex_search(row.at("Message"), utc, std::regex(R"(UtcTime: (\S+) (\S+))")));
  EXPECT_TRUE(time.starts_with(utc[1].str() + "T" + utc[2].str())) << time << " vs " << utc[0];
}

TEST(EvtxRoutingTest, SysmonNetworkConnectionsKeepEndsAndProcess) {
  SKIP_WITHOUT_SHARED();
  DataErrors errors;
  Routed routed = RouteFile(
      SharedData() + "/real/evtx-attack-samples/exec_persist_rundll32_mshta_scheduledtask_sysmon_1_3_11.evtx",
      errors);
  std::set<std::string> urls;
  for (const Row& row : routed.sink.rows("DeviceNetworkEvents")) {
    if (row.count("RemoteUrl")) urls.insert(row.at("RemoteUrl"));
    EXPECT_EQ(row.at("ActionType"), "ConnectionSuccess");
    EXPECT_FALSE(row.at("RemoteIP").empty());
    EXPECT_FALSE(row.at("InitiatingProcessFileName").empty());
    EXPECT_TRUE(row.at("InitiatingProcessFolderPath").ends_with(row.at("InitiatingProcessFileName")));
    EXPECT_TRUE(row.at("Protocol") == "Tcp" || row.at("Protocol") == "Udp") << row.at("Protocol");
  }
  EXPECT_TRUE(urls.count("aka105.inwitelecom.net")) << ::testing::PrintToString(urls);
  EXPECT_TRUE(urls.count("gator4243.hostgator.com")) << ::testing::PrintToString(urls);
  // Processes: parent fields become the initiating process, hashes lower-case.
  ASSERT_GT(routed.sink.count("DeviceProcessEvents"), 0u);
  for (const Row& row : routed.sink.rows("DeviceProcessEvents")) {
    EXPECT_EQ(row.at("ActionType"), "ProcessCreated");
    EXPECT_TRUE(row.at("FolderPath").ends_with(row.at("FileName"))) << row.at("FolderPath");
    EXPECT_FALSE(row.at("ProcessCommandLine").empty());
    EXPECT_FALSE(row.at("InitiatingProcessFileName").empty());
    EXPECT_FALSE(row.at("AccountName").empty());
    if (row.count("SHA256")) {
      EXPECT_TRUE(std::regex_match(row.at("SHA256"), std::regex("[0-9a-f]{64}"))) << row.at("SHA256");
    }
  }
}

TEST(EvtxRoutingTest, SecurityChannelEventsFillSecurityEventColumns) {
  SKIP_WITHOUT_SHARED();
  // The regression data's Security events: 4648 (explicit credentials) and 4701 (task disabled).
  std::map<std::string, Row> by_id;
  for (const std::string& file : EvtxFiles(SharedData() + "/sigma/regression_data")) {
    DataErrors errors;
    Routed routed = RouteFile(file, errors);
    for (const Row& row : routed.sink.rows("SecurityEvent")) {
      EXPECT_TRUE(row.at("EventData").starts_with("<EventData xmlns=")) << file;
      EXPECT_EQ(row.at("EventSourceName"), "Microsoft-Windows-Security-Auditing") << file;
      by_id[row.at("EventID")] = row;
    }
  }
  ASSERT_TRUE(by_id.count("4648"));
  const Row& logon = by_id["4648"];
  EXPECT_EQ(logon.at("Activity"), "4648 - A logon was attempted using explicit credentials.");
  EXPECT_EQ(logon.at("SubjectAccount"), logon.at("SubjectDomainName") + "\\" + logon.at("SubjectUserName"));
  EXPECT_FALSE(logon.at("TargetServerName").empty());
  EXPECT_TRUE(logon.at("Process").empty() || logon.at("ProcessName").ends_with(logon.at("Process")));
  ASSERT_TRUE(by_id.count("4701"));
  EXPECT_EQ(by_id["4701"].at("Activity"), "4701 - A scheduled task was disabled.");
}

TEST(EvtxRoutingTest, DetectionNeedsTheMagicNotTheName) {
  EXPECT_EQ(DetectTelemetryFormat(FormatProbe{"x.evtx", "not a log"}), nullptr);
  const TelemetryFormat* format =
      DetectTelemetryFormat(FormatProbe{"renamed.bin", std::string_view("ElfFile\0xyz", 11)});
  ASSERT_NE(format, nullptr);
  EXPECT_EQ(format->name, "evtx");
  EXPECT_EQ(FindTelemetryFormat("evtx"), format);
}

// Damaged copies made here: a log cut short, and one with bytes flipped at random, decode what is
// intact (as many rows as the decoder yields events), report the rest, and never crash.
TEST(EvtxRoutingTest, DamagedCopiesYieldTheirIntactEvents) {
  SKIP_WITHOUT_SHARED();
  const std::string original = ReadFileBytes(SharedData() + "/real/evtx-attack-samples/Sysmon_UACME_64.evtx");
  std::mt19937 random(20261128);
  std::vector<std::pair<std::string, std::string>> copies;
  copies.emplace_back("truncated.evtx", original.substr(0, 4096 + 65536 * 3 + 12345));
  for (int i = 0; i < 4; ++i) {
    std::string flipped = original;
    // Past the file header, whose damage is tested by the decoder's own tests.
    for (int k = 0; k < 40; ++k) {
      flipped[4096 + random() % (flipped.size() - 4096)] ^= static_cast<char>(1 << (random() % 8));
    }
    copies.emplace_back("flipped" + std::to_string(i) + ".evtx", flipped);
  }
  for (const auto& [name, bytes] : copies) {
    std::string path = WriteTempFile(name, bytes);
    DataErrors routed_errors(0);
    Routed routed = RouteFile(path, routed_errors);
    DataErrors decoder_errors(0);
    std::vector<uint8_t> data(bytes.begin(), bytes.end());
    evtx::EvtxReader reader(path, data, decoder_errors);
    evtx::EvtxEvent event;
    size_t events = 0;
    while (reader.Next(event)) ++events;
    EXPECT_EQ(routed.sink.count("WindowsEvent"), events) << name;
    EXPECT_GT(events, 0u) << name;
    EXPECT_LT(events, 530u) << name;
    EXPECT_GT(routed_errors.count(), 0u) << name;
    EXPECT_EQ(routed_errors.count(), decoder_errors.count()) << name;
    EXPECT_TRUE(routed.sink.problems().empty()) << name << ": " << routed.sink.problems().front();
  }
}

}  // namespace
}  // namespace iochound
