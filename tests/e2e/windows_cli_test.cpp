// End-to-end tests of Windows events through `query --input`, on the real binary and real files:
// the seed hunting query over planted Sysmon DNS lookups, the OTRF Sysmon DNS counts, every sample
// EVTX, a damaged EVTX, a Sentinel export, and the same events as EVTX and as evtx_dump JSON.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "run_process.h"

namespace iochound::e2e {
namespace {

namespace fs = std::filesystem;

const std::string kSourceDir = IOCHOUND_SOURCE_DIR;
const std::string kReal = std::string(IOCHOUND_SHARED_DIR) + "/data/real";

#define SKIP_WITHOUT_SHARED()                                        \
  if (!fs::is_directory(kReal)) {                                    \
    GTEST_SKIP() << "shared data absent: " << kReal << " not found"; \
  }

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(WindowsCliTest, SeedQueryFindsPlantedLookupsInSysmonXml) {
  ProcessResult result =
      RunIochound({"query", "-f", kSourceDir + "/rules/nanocore/dns_hunt.kql", "--input",
                   kSourceDir + "/tests/fixtures/windows/sysmon_dns_planted.xml", "--format", "csv"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "TimeGenerated,Computer,Name,IPAddresses,QueryType\n"
            "2020-10-20T11:52:12.015Z,DESKTOP-NTSSLJD,updates.defence.in.net,\"192.0.2.11, 192.0.2.12\",\n"
            "2020-10-20T11:52:09.987Z,DESKTOP-NTSSLJD,project1.in.net,192.0.2.10,\n");
  EXPECT_NE(result.err.find("sysmon_dns_planted.xml: windows-xml, 4 records; rows: DnsEvents 4, Event 4, "
                            "WindowsEvent 4"),
            std::string::npos)
      << result.err;
}

TEST(WindowsCliTest, OtrfCmstpSysmonGives205DnsRowsWith203Names) {
  SKIP_WITHOUT_SHARED();
  ProcessResult result = RunIochound(
      {"query", "-q", "DnsEvents | summarize Rows = count(), Names = dcount(Name)", "--input",
       kReal + "/otrf-security-datasets/sysmon-json/psh_cmstp_execution_bypassuac_2020-10-2201543213.json",
       "--format", "csv"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "Rows,Names\n205,203\n");
  EXPECT_NE(result.err.find(": nxlog-windows, 1166 records;"), std::string::npos) << result.err;
}

TEST(WindowsCliTest, EverySampleEvtxIsReadWhole) {
  SKIP_WITHOUT_SHARED();
  // 530 + 565 + 73 + 8 + 8 + 27 + 2 events (EVTX-ATTACK-SAMPLES) and 15 + 7 (hayabusa), SOURCES.md.
  ProcessResult result = RunIochound({"query", "-q", "WindowsEvent | summarize count() by Provider",
                                      "--input", kReal + "/evtx-attack-samples/*.evtx", "--input",
                                      kReal + "/hayabusa-sample-evtx", "--format", "csv"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "Provider,count_\nMicrosoft-Windows-Sysmon,1235\n");
  EXPECT_NE(result.err.find("Sysmon_UACME_64.evtx: evtx, 530 records; rows: DeviceFileEvents 5, "
                            "DeviceImageLoadEvents 511, DeviceProcessEvents 3, DeviceRegistryEvents 7, "
                            "DnsEvents 1, Event 530, WindowsEvent 530\n"),
            std::string::npos)
      << result.err;
}

TEST(WindowsCliTest, DamagedEvtxIsReadUpToTheDamageAndReported) {
  SKIP_WITHOUT_SHARED();
  std::string bytes = ReadAll(kReal + "/evtx-attack-samples/Sysmon_UACME_64.evtx");
  // Three whole chunks and part of the fourth; and a flipped byte inside the second chunk.
  bytes.resize(4096 + 3 * 65536 + 20000);
  bytes[4096 + 65536 + 5000] ^= 0x20;
  std::string path = (fs::temp_directory_path() / "iochound-damaged-uacme.evtx").string();
  std::ofstream(path, std::ios::binary) << bytes;
  ProcessResult result =
      RunIochound({"query", "-q", "WindowsEvent | count", "--input", path, "--format", "csv"});
  fs::remove(path);
  EXPECT_EQ(result.exit_code, 1) << result.err;  // data errors
  ASSERT_TRUE(result.out.starts_with("Count\n")) << result.out;
  int count = std::stoi(result.out.substr(6));
  EXPECT_GT(count, 0);
  EXPECT_LT(count, 530);
  EXPECT_NE(result.err.find("iochound-damaged-uacme.evtx"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("EVTX chunk 1"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("EVTX chunk 3"), std::string::npos) << result.err;
}

TEST(WindowsCliTest, SentinelWindowsEventExportAlsoFeedsDeviceNetworkEvents) {
  SKIP_WITHOUT_SHARED();
  ProcessResult result = RunIochound(
      {"query", "-q",
       "DeviceNetworkEvents | where ActionType == 'InboundConnectionAccepted' | project RemoteIP, LocalPort, "
       "InitiatingProcessFileName",
       "--input",
       kReal + "/otrf-security-datasets/sentinel-log4shell/"
               "sysmon_log4shell_cve2021_44228_java_serialized_object_2022-05-13045800.json",
       "--format", "csv"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("192.168.3.5,8080,tomcat9.exe\n"), std::string::npos) << result.out;
  EXPECT_NE(result.err.find(": sentinel-windows, 487 records;"), std::string::npos) << result.err;
}

TEST(WindowsCliTest, EvtxAndEvtxDumpJsonOfTheSameEventsGiveTheSameRows) {
  SKIP_WITHOUT_SHARED();
  const std::string base =
      std::string(IOCHOUND_SHARED_DIR) +
      "/data/sigma/regression_data/rules/windows/process_creation/"
      "proc_creation_win_susp_right_to_left_override/ad691d92-15f2-4181-9aa4-723c74f9ddc3";
  const std::string query =
      "DeviceProcessEvents | project Timestamp, DeviceName, FileName, FolderPath, ProcessId, SHA256, "
      "AccountName, "
      "InitiatingProcessFileName, InitiatingProcessId";
  ProcessResult evtx = RunIochound({"query", "-q", query, "--input", base + ".evtx", "--format", "csv"});
  ProcessResult json = RunIochound({"query", "-q", query, "--input", base + ".json", "--format", "csv"});
  ASSERT_EQ(evtx.exit_code, 0) << evtx.err;
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(json.out, evtx.out);
  EXPECT_NE(evtx.out.find("explorer.exe,5108"), std::string::npos) << evtx.out;
  EXPECT_NE(json.err.find(": evtx-json, 1 records;"), std::string::npos) << json.err;
}

}  // namespace
}  // namespace iochound::e2e
