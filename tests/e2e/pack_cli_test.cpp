// End-to-end tests of `iochound hunt --pack` and `iochound test`: the Nanocore pack over its
// fixtures reports exactly the true hits, shows each seed scenario suppressed by its exclusion,
// counts hits and suppressions, writes alerts that validate against docs/alert.schema.json, keeps a
// deduplicated SQLite store, and runs its pack tests.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "json_schema_check.h"
#include "run_process.h"
#include "test_files.h"

namespace iochound::e2e {
namespace {

namespace fs = std::filesystem;

const std::string kPack = std::string(IOCHOUND_SOURCE_DIR) + "/rules/nanocore";
const std::string kFixtures = kPack + "/tests/";

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> HuntArgs(std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"hunt",
                                   "--pack",
                                   kPack,
                                   "--table",
                                   "DnsEvents=" + kFixtures + "dns_events.jsonl",
                                   "--table",
                                   "DeviceNetworkEvents=" + kFixtures + "network_events.jsonl",
                                   "--table",
                                   "DeviceProcessEvents=" + kFixtures + "process_events.jsonl",
                                   "--table",
                                   "DeviceFileEvents=" + kFixtures + "file_events.jsonl"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

// "rule|column=value|suppressed_by" for each alert line, `column` being the one that tells the
// fixture events of that rule apart.
std::multiset<std::string> Summarize(const std::string& jsonl) {
  static const std::map<std::string, std::string> key_column = {
      {"nanocore.dns_hunt", "Name"},
      {"nanocore.network_c2", "RemoteUrl"},
      {"nanocore.file_artifacts", "FolderPath"},
      {"nanocore.process_command_line", "FileName"}};
  std::multiset<std::string> alerts;
  simdjson::dom::parser parser;
  for (const auto& line : Lines(jsonl)) {
    simdjson::dom::element alert = parser.parse(line);
    std::string rule{std::string_view(alert["rule"]["id"])};
    std::string column = key_column.at(rule);
    std::string value{std::string_view(alert["evidence"][column])};
    auto suppressed = alert["suppressed_by"];
    std::string by = suppressed.error() ? "" : std::string(std::string_view(suppressed["id"]));
    alerts.insert(rule + "|" + value + "|" + by);
  }
  return alerts;
}

const std::multiset<std::string> kTrueHits = {
    "nanocore.dns_hunt|project1.in.net|",
    "nanocore.dns_hunt|cdn.defence.in.net|",
    "nanocore.network_c2|http://project1.in.net:1604/|",
    "nanocore.network_c2|defence.in.net|",
    "nanocore.process_command_line|NanoCore_client.exe|",
    "nanocore.process_command_line|RegAsm.exe|",
    "nanocore.process_command_line|cmd.exe|",         // git as an argument
    "nanocore.process_command_line|python.exe|",      // tcpdump as an argument
    "nanocore.process_command_line|powershell.exe|",  // svchost not running Schedule
    R"(nanocore.file_artifacts|C:\Users\bob\AppData\Roaming\{4f1a2b3c-5d6e-4f70-8a9b-0c1d2e3f4a5b}\run.dat|)",
    R"(nanocore.file_artifacts|C:\Users\bob\AppData\Roaming\8e2f4a6c-1b3d-4e5f-9a7b-2c4d6e8f0a1b\storage.dat|)",
    R"(nanocore.file_artifacts|C:\Users\bob\AppData\Roaming\8e2f4a6c-1b3d-4e5f-9a7b-2c4d6e8f0a1b\Logs\bob\KB_1.dat|)",
    R"(nanocore.file_artifacts|C:\Users\bob\Downloads\NanoCore_1.2.2.0.exe|)",
    R"(nanocore.file_artifacts|C:\Users\x\System32\LogFiles\nanocore.exe|)",
    R"(nanocore.file_artifacts|C:\Windows\System32\LogFiles\..\..\Temp\nanocore.exe|)",
    "nanocore.file_artifacts|/var/log/../tmp/nanocore|",
    "nanocore.file_artifacts|/var/logs/nanocore.log|",
};

const std::multiset<std::string> kSuppressed = {
    "nanocore.process_command_line|bash|scheduled-job",
    "nanocore.process_command_line|cscript.exe|scheduled-job",
    "nanocore.process_command_line|tcpdump|network-monitoring-tool",
    "nanocore.process_command_line|Wireshark.exe|network-monitoring-tool",
    "nanocore.process_command_line|git|developer-tool",
    "nanocore.process_command_line|logrotate|system-cleanup",
    "nanocore.file_artifacts|/var/log/nanocore.log|admin-log-file",
    R"(nanocore.file_artifacts|c:\windows\SYSTEM32\LogFiles\NanoCore\nanocore.log|admin-log-file)",
    "nanocore.file_artifacts|/tmp/nanocore.pcap|network-monitoring-tool",
    R"(nanocore.file_artifacts|C:\Users\dev\src\nanocore\README.md|developer-tool)",
    "nanocore.file_artifacts|/tmp/nanocore-cache.tmp|system-cleanup",
};

using PackCliTest = ScratchDirTest;

TEST_F(PackCliTest, ReportsExactlyTheTrueHits) {
  ProcessResult result = RunIochound(HuntArgs({"--format", "jsonl"}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(Summarize(result.out), kTrueHits);
  EXPECT_EQ(result.out.find("suppressed_by"), std::string::npos);
}

TEST_F(PackCliTest, ShowSuppressedListsEachScenarioWithItsExclusion) {
  ProcessResult result = RunIochound(HuntArgs({"--format", "jsonl", "--show-suppressed"}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::multiset<std::string> expected = kTrueHits;
  expected.insert(kSuppressed.begin(), kSuppressed.end());
  EXPECT_EQ(Summarize(result.out), expected);
}

TEST_F(PackCliTest, SummaryCountsHitsAndSuppressionsPerRuleAndExclusion) {
  ProcessResult result = RunIochound(HuntArgs({"--format", "jsonl"}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string& err = result.err;
  EXPECT_NE(err.find("4 rules run, 0 skipped"), std::string::npos) << err;
  EXPECT_NE(err.find("28 hits, 17 alerts, 11 suppressed"), std::string::npos) << err;
  EXPECT_NE(err.find("rule nanocore.dns_hunt: 2 hits, 2 alerts, 0 suppressed"), std::string::npos) << err;
  EXPECT_NE(err.find("rule nanocore.process_command_line: 11 hits, 5 alerts, 6 suppressed"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("rule nanocore.file_artifacts: 13 hits, 8 alerts, 5 suppressed"), std::string::npos)
      << err;
  EXPECT_NE(err.find("exclusion scheduled-job (" + kPack + "/pack.yaml:"), std::string::npos) << err;
  EXPECT_NE(err.find("): 2 suppressed"), std::string::npos) << err;
  for (const char* id : {"admin-log-file", "network-monitoring-tool", "developer-tool", "system-cleanup"}) {
    EXPECT_NE(err.find(std::string("exclusion ") + id + " ("), std::string::npos) << id << "\n" << err;
  }
}

TEST_F(PackCliTest, AlertsValidateAgainstTheDocumentedSchema) {
  std::string schema = ReadText(std::string(IOCHOUND_SOURCE_DIR) + "/docs/alert.schema.json");
  ASSERT_FALSE(schema.empty());
  ProcessResult result = RunIochound(HuntArgs({"--format", "jsonl", "--show-suppressed"}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto lines = Lines(result.out);
  ASSERT_EQ(lines.size(), kTrueHits.size() + kSuppressed.size());
  size_t with_ioc = 0;
  for (const auto& line : lines) {
    auto errors = ValidateJson(schema, line);
    EXPECT_TRUE(errors.empty()) << line << "\n" << testing::PrintToString(errors);
    if (line.find("\"ioc\":{") != std::string::npos) ++with_ioc;
  }
  // The DNS and network rules match the pack's IOCs and carry their metadata.
  EXPECT_EQ(with_ioc, 4u);
  EXPECT_NE(
      result.out.find(R"("ioc":{"type":"domain","value":"project1.in.net","column":"Name",)"
                      R"("matched":"project1.in.net","threat_type":"botnet_cc","family":"Nanocore RAT",)"
                      R"("confidence":75,"first_seen":"2026-04-18T00:00:00Z")"),
      std::string::npos)
      << result.out;
  // The validator does reject what the schema forbids.
  std::string broken = lines.front();
  broken.replace(broken.find("\"severity\":\""), 12, "\"severity\":\"x");
  EXPECT_FALSE(ValidateJson(schema, broken).empty());
  EXPECT_FALSE(ValidateJson(schema, R"({"schema":"iochound.alert/1"})").empty());
}

int64_t QueryInt(sqlite3* db, const char* sql) {
  sqlite3_stmt* statement = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &statement, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  int64_t value = -1;
  if (sqlite3_step(statement) == SQLITE_ROW) value = sqlite3_column_int64(statement, 0);
  sqlite3_finalize(statement);
  return value;
}

TEST_F(PackCliTest, AlertStoreKeepsOneRowPerDistinctAlert) {
  std::string db_path = (dir_ / "alerts.db").string();
  for (int run = 0; run < 2; ++run) {
    ProcessResult result = RunIochound(HuntArgs({"--format", "jsonl", "--alerts-db", db_path}));
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find(run == 0 ? "28 new, 0 seen before" : "0 new, 28 seen before"),
              std::string::npos)
        << result.err;
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM alerts"), 28);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM alerts WHERE suppressed_by IS NULL"), 17);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM alerts WHERE count = 2"), 28);
  EXPECT_EQ(QueryInt(db, "SELECT count(DISTINCT dedup_key) FROM alerts"), 28);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM alerts WHERE first_seen <= last_seen"), 28);
  sqlite3_close(db);
}

TEST_F(PackCliTest, LocalExclusionsFileByTableIsAuditedToo) {
  std::string local = (dir_ / "local.yaml").string();
  std::ofstream(local) << "exclusions:\n"
                          "  - id: malware-lab\n"
                          "    rationale: ws01 detonates samples on purpose\n"
                          "    tables: [DeviceProcessEvents]\n"
                          "    match: {column: DeviceName, equals: ws01.corp.contoso.com}\n";
  ProcessResult result =
      RunIochound(HuntArgs({"--format", "jsonl", "--exclusions", local, "--show-suppressed"}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::multiset<std::string> alerts = Summarize(result.out);
  EXPECT_EQ(alerts.count("nanocore.process_command_line|NanoCore_client.exe|malware-lab"), 1u);
  EXPECT_EQ(alerts.count("nanocore.process_command_line|cmd.exe|malware-lab"), 1u);
  // The pack's own exclusions come first.
  EXPECT_EQ(alerts.count("nanocore.process_command_line|cscript.exe|scheduled-job"), 1u);
  EXPECT_NE(result.err.find("exclusion malware-lab (" + local + ":2): 5 suppressed"), std::string::npos)
      << result.err;
}

TEST_F(PackCliTest, OtherFormats) {
  ProcessResult ocsf = RunIochound(HuntArgs({"--format", "ocsf"}));
  ASSERT_EQ(ocsf.exit_code, 0) << ocsf.err;
  auto lines = Lines(ocsf.out);
  ASSERT_EQ(lines.size(), kTrueHits.size());
  simdjson::dom::parser parser;
  for (const auto& line : lines) {
    simdjson::dom::element finding = parser.parse(line);
    EXPECT_EQ(int64_t(finding["class_uid"]), 2004);
    EXPECT_EQ(int64_t(finding["type_uid"]), 200401);
    EXPECT_EQ(int64_t(finding["status_id"]), 1);
    EXPECT_FALSE(finding["finding_info"]["analytic"]["uid"].error());
  }
  ProcessResult csv = RunIochound(HuntArgs({"--format", "csv"}));
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("time,severity,rule_id,rule_title,tactics,techniques,host,entities,ioc,", 0), 0u)
      << csv.out;
  EXPECT_EQ(Lines(csv.out).size(), kTrueHits.size() + 1);
  ProcessResult table = RunIochound(HuntArgs({"--format", "table", "--show-suppressed"}));
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("network-monitoring-tool"), std::string::npos) << table.out;
}

TEST_F(PackCliTest, InputsAreRoutedToTheirTables) {
  // DNS, network and process exports routed by their content; file events bound by name.
  ProcessResult result =
      RunIochound({"hunt", "--pack", kPack, "--format", "jsonl", "--table",
                   "DeviceFileEvents=" + kFixtures + "file_events.jsonl", kFixtures + "dns_events.jsonl",
                   kFixtures + "network_events.jsonl", kFixtures + "process_events.jsonl"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(Summarize(result.out), kTrueHits);
}

// Sysmon as the pack's other source: EID 22 feeds DnsEvents, EID 3's DestinationHostname feeds
// DeviceNetworkEvents.RemoteUrl.
TEST_F(PackCliTest, SysmonEventsFeedTheDnsAndNetworkRules) {
  std::string network = (dir_ / "sysmon_network.xml").string();
  std::ofstream(network)
      << R"(<Events><Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>)"
         R"(<Provider Name="Microsoft-Windows-Sysmon" Guid="{5770385f-c22a-43e0-bf4c-06f5698ffbd9}"/>)"
         R"(<EventID>3</EventID><Version>5</Version><Level>4</Level><Task>3</Task><Opcode>0</Opcode>)"
         R"(<Keywords>0x8000000000000000</Keywords><TimeCreated SystemTime="2026-04-18T10:00:00.0000000Z"/>)"
         R"(<EventRecordID>7</EventRecordID><Execution ProcessID="3000" ThreadID="4000"/>)"
         R"(<Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>ws02</Computer>)"
         R"(<Security UserID="S-1-5-18"/></System><EventData>)"
         R"(<Data Name="UtcTime">2026-04-18 10:00:00.000</Data><Data Name="ProcessId">2428</Data>)"
         R"(<Data Name="Image">C:\Users\bob\AppData\Local\Temp\RegAsm.exe</Data><Data Name="User">CORP\bob</Data>)"
         R"(<Data Name="Protocol">tcp</Data><Data Name="Initiated">true</Data>)"
         R"(<Data Name="SourceIp">10.0.0.21</Data><Data Name="SourcePort">50123</Data>)"
         R"(<Data Name="DestinationIsIpv6">false</Data><Data Name="DestinationIp">185.10.10.10</Data>)"
         R"(<Data Name="DestinationHostname">project1.in.net</Data><Data Name="DestinationPort">1604</Data>)"
         R"(</EventData></Event></Events>)";
  ProcessResult result =
      RunIochound({"hunt", "--pack", kPack, "--format", "jsonl", network,
                   std::string(IOCHOUND_SOURCE_DIR) + "/tests/fixtures/windows/sysmon_dns_planted.xml"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("rule nanocore.network_c2: 1 hits, 1 alerts"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("rule nanocore.dns_hunt: 2 hits, 2 alerts"), std::string::npos) << result.err;
  EXPECT_NE(result.out.find(R"("matched":"project1.in.net")"), std::string::npos) << result.out;
}

TEST_F(PackCliTest, SigmaRulesThatDoNotLoadAreReported) {
  std::ofstream(dir_ / "good.yml") << "title: Nanocore process\n"
                                      "id: 0c9a4b1e-5f3d-4c2a-9b8e-7d6f5a4b3c2d\n"
                                      "level: high\n"
                                      "tags: [attack.execution, attack.t1059]\n"
                                      "logsource: {product: windows, category: process_creation}\n"
                                      "detection:\n"
                                      "  selection: {CommandLine|contains: nanocore}\n"
                                      "  condition: selection\n";
  std::ofstream(dir_ / "bad.yml")
      << "title: Broken\nlogsource: {product: windows, category: process_creation}\n"
         "detection:\n  selection: {CommandLine|nosuchmodifier: x}\n"
         "  condition: selection\n";
  ProcessResult result = RunIochound({"hunt", "--sigma", dir_.string(), "--format", "jsonl", "--table",
                                      "DnsEvents=" + kFixtures + "dns_events.jsonl"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("Sigma: 1 rules and 0 filters loaded, 1 not loaded"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("Sigma rule not loaded: " + (dir_ / "bad.yml").string()), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("skipped rule 0c9a4b1e-5f3d-4c2a-9b8e-7d6f5a4b3c2d: no input for table"),
            std::string::npos)
      << result.err;
}

TEST_F(PackCliTest, BrokenPackIsAnErrorNamingTheLine) {
  fs::copy(kPack, dir_ / "nanocore", fs::copy_options::recursive);
  std::string yaml = ReadText((dir_ / "nanocore/pack.yaml").string());
  yaml.replace(yaml.find("image_in: [cron,"), 16, "image_inn: [cron,");
  std::ofstream((dir_ / "nanocore/pack.yaml").string()) << yaml;
  ProcessResult result = RunIochound({"hunt", "--pack", (dir_ / "nanocore").string(), "--table",
                                      "DnsEvents=" + kFixtures + "dns_events.jsonl"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("pack.yaml:"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("unknown key 'image_inn' in a condition (did you mean 'image_in'?)"),
            std::string::npos)
      << result.err;
  EXPECT_EQ(result.out, "");
}

TEST_F(PackCliTest, PackTestsPass) {
  ProcessResult result = RunIochound({"test", kPack});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("PASS nanocore/processes: 5 alerts, 6 suppressed"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("PASS nanocore/files: 8 alerts, 5 suppressed"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("3 tests: 3 passed, 0 failed"), std::string::npos) << result.out;
}

TEST_F(PackCliTest, BrokenPackTestFails) {
  fs::copy(kPack, dir_ / "nanocore", fs::copy_options::recursive);
  std::string path = (dir_ / "nanocore/pack.yaml").string();
  std::string yaml = ReadText(path);
  // Expect the near miss in a look-alike log directory to be suppressed: it must not be.
  std::string near_miss = R"(evidence: {FolderPath: 'C:\Users\x\System32\LogFiles\nanocore.exe'}})";
  size_t at = yaml.find(near_miss);
  ASSERT_NE(at, std::string::npos);
  yaml.replace(
      at, near_miss.size(),
      R"(evidence: {FolderPath: 'C:\Users\x\System32\LogFiles\nanocore.exe'}, suppressed_by: admin-log-file})");
  std::ofstream(path) << yaml;
  ProcessResult result = RunIochound({"test", (dir_ / "nanocore").string()});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.out.find("FAIL nanocore/files"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("PASS nanocore/processes"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find(
                "expected, not produced: rule nanocore.file_artifacts FolderPath=C:\\Users\\x\\System32\\"
                "LogFiles\\nanocore.exe (suppressed_by admin-log-file)"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("unexpected alert of rule nanocore.file_artifacts"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("3 tests: 2 passed, 1 failed"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace iochound::e2e
