// End-to-end: network telemetry (Zeek, Suricata, pcap) read with `query --input`, on the real binary.
#include <gtest/gtest.h>

#include <filesystem>

#include "run_process.h"

namespace iochound::e2e {
namespace {

const std::string kSource = IOCHOUND_SOURCE_DIR;
const std::string kFixtures = kSource + "/tests/fixtures/network/";
const std::string kReal = std::string(IOCHOUND_SHARED_DIR) + "/data/real/";
const std::string kSeedRule = kSource + "/rules/nanocore/dns_hunt.kql";

#define SKIP_WITHOUT(path) \
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared data absent: " << (path)

TEST(NetworkInputTest, BrimdataZeekDnsLogCounts) {
  std::string path = kReal + "brimdata-zed-sample-data/dns.log";
  SKIP_WITHOUT(path);
  ProcessResult r =
      RunIochound({"query", "--input", path, "-q", "DnsEvents | summarize count(), dcount(Name)"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"count_\":53615,\"dcount_Name\":1651}\n");
  EXPECT_NE(r.err.find("zeek-tsv, 53615 records; rows: DnsEvents 53615"), std::string::npos) << r.err;
}

TEST(NetworkInputTest, DnsTunnellingPcapCounts) {
  std::string path = kReal + "evtx-attack-samples/cmds_over_dns_txt_queries_and_reponses.pcap";
  SKIP_WITHOUT(path);
  ProcessResult r = RunIochound(
      {"query", "--input", path, "--no-summary", "-q", "DnsEvents | summarize count(), dcount(Name)"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"count_\":112,\"dcount_Name\":22}\n");
}

TEST(NetworkInputTest, SeedQueryFindsPlantedNanocoreLookupsInZeekAndSuricata) {
  for (const std::string& file : {kFixtures + "zeek_dns.log", kFixtures + "zeek_dns.json"}) {
    ProcessResult r = RunIochound({"query", "-f", kSeedRule, "--input", file, "--no-summary"});
    ASSERT_EQ(r.exit_code, 0) << file << "\n" << r.err;
    EXPECT_EQ(
        r.out,
        "{\"TimeGenerated\":\"2026-04-18T10:00:00.123456Z\",\"Computer\":\"10.0.0.1\","
        "\"Name\":\"project1.in.net\",\"IPAddresses\":\"203.0.113.7, 203.0.113.8\",\"QueryType\":\"A\"}\n")
        << file;
  }
  ProcessResult r = RunIochound({"query", "-f", kSeedRule, "--input", kFixtures + "suricata_eve.json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // the fixture's broken line is a data error, the rest is read
  EXPECT_NE(r.err.find("suricata_eve.json:10: not a Suricata EVE JSON object"), std::string::npos) << r.err;
  EXPECT_EQ(
      r.out,
      "{\"TimeGenerated\":\"2026-04-18T10:00:01Z\",\"Computer\":\"10.0.0.1\",\"Name\":\"defence.in.net\","
      "\"IPAddresses\":\"2001:db8::7\",\"QueryType\":\"AAAA\"}\n"
      "{\"TimeGenerated\":\"2026-04-18T10:00:00.1Z\",\"Computer\":\"10.0.0.1\",\"Name\":\"project1.in.net\","
      "\"IPAddresses\":\"203.0.113.7\",\"QueryType\":\"A\"}\n");
}

}  // namespace
}  // namespace iochound::e2e
