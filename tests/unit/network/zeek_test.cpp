// Zeek dns.log/conn.log → DnsEvents/DeviceNetworkEvents, over fixtures written for the edge cases
// and over the real logs in ../shared/data/real (counts from its SOURCES.md).
#include <gtest/gtest.h>

#include <filesystem>

#include "normalizers/zeek/zeek_mapping.h"
#include "row_collector.h"
#include "types/datetime.h"

namespace iochound::testing {
namespace {

const std::string kFixtures = std::string(IOCHOUND_SOURCE_DIR) + "/tests/fixtures/network/";
const std::string kReal = std::string(IOCHOUND_SHARED_DIR) + "/data/real/";

#define SKIP_WITHOUT(path) \
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared data absent: " << (path)

TEST(ZeekTest, TsvDnsFieldsBecomeDnsEventsColumns) {
  ReadResult result = ReadTelemetry(kFixtures + "zeek_dns.log", "zeek-tsv");
  EXPECT_EQ(result.errors, 0u);
  EXPECT_EQ(result.records, 4u);
  const std::vector<Row>& rows = result.rows.tables["DnsEvents"];
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].at("TimeGenerated"), "2026-04-18T10:00:00.1234560Z");
  EXPECT_EQ(rows[0].at("Name"), "project1.in.net");
  EXPECT_EQ(rows[0].at("ClientIP"), "10.0.0.5");
  EXPECT_EQ(rows[0].at("Computer"), "10.0.0.1");
  EXPECT_EQ(rows[0].at("QueryType"), "A");
  EXPECT_EQ(rows[0].at("IPAddresses"), "203.0.113.7, 203.0.113.8");  // the CNAME is not an address
  EXPECT_EQ(rows[0].at("ResultCode"), "0");
  EXPECT_EQ(rows[0].at("Result"), "Success");
  EXPECT_EQ(rows[0].at("SubType"), "LookupQuery");
  EXPECT_EQ(rows[0].at("EventId"), "257");
  // Unanswered: no result code, no addresses.
  EXPECT_EQ(rows[1].count("ResultCode"), 0u);
  EXPECT_EQ(rows[1].at("IPAddresses"), "");
  EXPECT_EQ(rows[1].at("EventId"), "256");
  // `\x09` unescaped, (empty) answers, NXDOMAIN.
  EXPECT_EQ(rows[2].at("Name"), "tab\tname.example");
  EXPECT_EQ(rows[2].at("ResultCode"), "3");
  EXPECT_EQ(rows[2].at("Result"), "Failure");
  EXPECT_EQ(rows[2].at("ClientIP"), "2001:db8::5");
  // IPv6 answers in their canonical text.
  EXPECT_EQ(rows[3].at("IPAddresses"), "2001:db8::1");
}

TEST(ZeekTest, JsonInBothKeyStylesGivesTheRowsOfTheTsv) {
  ReadResult tsv = ReadTelemetry(kFixtures + "zeek_dns.log", "zeek-tsv");
  ReadResult json = ReadTelemetry(kFixtures + "zeek_dns.json", "zeek-json");
  EXPECT_EQ(json.errors, 0u);
  ASSERT_EQ(json.rows.tables["DnsEvents"].size(), 4u);
  EXPECT_EQ(json.rows.tables["DnsEvents"], tsv.rows.tables["DnsEvents"]);
}

TEST(ZeekTest, BrokenLinesAreReportedAndTheRestIsRead) {
  std::string log =
      "1.0\tbefore-header\n"
      "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tdns\n"
      "#fields\tts\tid.orig_h\tquery\n#types\ttime\taddr\tstring\n"
      "1776506400.0\t10.0.0.1\tok.example\n"
      "1776506400.0\ttoo-few-fields\n"
      "not-a-time\t10.0.0.1\tbad-ts.example\n"
      "#path\thttp\n"
      "1776506401.0\t10.0.0.2\tnot-dns\n";
  std::string path = WriteTempFile("broken.log", "#separator \\x09\n" + log);
  ReadResult result = ReadTelemetry(path, "zeek-tsv");
  EXPECT_EQ(result.errors, 2u);  // the line before #fields, the short line
  EXPECT_EQ(result.records, 5u);
  ASSERT_EQ(result.rows.tables["DnsEvents"].size(), 1u);
  EXPECT_EQ(result.rows.tables["DnsEvents"][0].at("Name"), "ok.example");
  ASSERT_EQ(result.rows.unmapped.size(), 2u);
  EXPECT_EQ(result.rows.unmapped[0].reason, "Zeek dns record without a valid ts");
  EXPECT_EQ(result.rows.unmapped[1].reason, "Zeek http log: no table");
  EXPECT_EQ(result.rows.unmapped[1].json,
            R"({"ts":"1776506401.0","id.orig_h":"10.0.0.2","query":"not-dns"})");
}

TEST(ZeekTest, TimesKeepEveryDigit) {
  EXPECT_EQ(ParseZeekTime("1521911720.865716"), 1521911720LL * kTicksPerSecond + 8657160);
  EXPECT_EQ(ParseZeekTime("1521911720"), 1521911720LL * kTicksPerSecond);
  EXPECT_EQ(ParseZeekTime("2018-03-24T17:15:20.865716Z"), 1521911720LL * kTicksPerSecond + 8657160);
  EXPECT_EQ(ParseZeekTime("yesterday"), std::nullopt);
}

TEST(ZeekTest, ConnStatesBecomeDefenderActionTypes) {
  EXPECT_EQ(ConnStateAction("SF"), "ConnectionSuccess");
  EXPECT_EQ(ConnStateAction("RSTO"), "ConnectionSuccess");
  EXPECT_EQ(ConnStateAction("S0"), "ConnectionAttempt");
  EXPECT_EQ(ConnStateAction("REJ"), "ConnectionFailed");
  EXPECT_EQ(ConnStateAction("OTH"), "ConnectionFound");
}

TEST(ZeekTest, BrimdataDnsLogGivesItsDocumentedCounts) {
  std::string path = kReal + "brimdata-zed-sample-data/dns.log";
  SKIP_WITHOUT(path);
  ReadResult result = ReadTelemetry(path, "zeek-tsv");
  EXPECT_EQ(result.errors, 0u);
  const std::vector<Row>& rows = result.rows.tables["DnsEvents"];
  EXPECT_EQ(rows.size(), 53615u);
  EXPECT_EQ(DistinctCount(rows, "Name"), 1651u);
  size_t unanswered = 0;
  for (const Row& row : rows) unanswered += row.count("ResultCode") == 0;
  EXPECT_EQ(unanswered, 9497u);  // rcode '-' in SOURCES.md
  size_t root = 0, no_question = 0;
  for (const Row& row : rows) {
    root += row.at("Name") == ".";
    no_question += row.at("Name").empty();
  }
  EXPECT_EQ(root, 12u);        // query `(empty)`: the root zone
  EXPECT_EQ(no_question, 2u);  // query `-`
}

TEST(ZeekTest, BrimdataJsonGivesTheSameRowsAsItsTsv) {
  std::string tsv_path = kReal + "brimdata-zed-sample-data/dns.log";
  std::string json_path = kReal + "brimdata-zed-sample-data/dns.json.gz";
  SKIP_WITHOUT(json_path);
  ReadResult tsv = ReadTelemetry(tsv_path, "zeek-tsv");
  ReadResult json = ReadTelemetry(json_path, "zeek-json");
  EXPECT_EQ(json.errors, 0u);
  const std::vector<Row>& json_rows = json.rows.tables["DnsEvents"];
  const std::vector<Row>& tsv_rows = tsv.rows.tables["DnsEvents"];
  ASSERT_EQ(json_rows.size(), 53615u);
  ASSERT_EQ(tsv_rows.size(), json_rows.size());
  for (size_t i = 0; i < json_rows.size(); ++i)
    ASSERT_EQ(json_rows[i], tsv_rows[i]) << "first difference at record " << i + 1;
}

TEST(ZeekTest, Apt29JsonWithUnderscoreKeys) {
  std::string dns_path = kReal + "otrf-security-datasets/zeek-apt29-json/day1_NASHUA_dns.log";
  std::string conn_path = kReal + "otrf-security-datasets/zeek-apt29-json/day1_NASHUA_conn.log";
  SKIP_WITHOUT(dns_path);
  ReadResult dns = ReadTelemetry(dns_path, "zeek-json");
  EXPECT_EQ(dns.errors, 0u);
  ASSERT_EQ(dns.rows.tables["DnsEvents"].size(), 21u);
  EXPECT_EQ(DistinctCount(dns.rows.tables["DnsEvents"], "Name"), 11u);
  const Row& first = dns.rows.tables["DnsEvents"][0];
  EXPECT_EQ(first.at("Name"), "newyork.dmevals.local");
  EXPECT_EQ(first.at("ClientIP"), "10.0.1.6");
  EXPECT_EQ(first.at("IPAddresses"), "10.0.0.4");
  EXPECT_EQ(first.at("TimeGenerated"), "2020-04-30T00:06:39.8243700Z");

  ReadResult conn = ReadTelemetry(conn_path, "zeek-json");
  EXPECT_EQ(conn.errors, 0u);
  const std::vector<Row>& rows = conn.rows.tables["DeviceNetworkEvents"];
  ASSERT_EQ(rows.size(), 479u);
  EXPECT_EQ(rows[1].at("LocalIP"), "10.0.1.6");
  EXPECT_EQ(rows[1].at("LocalPort"), "56880");
  EXPECT_EQ(rows[1].at("RemoteIP"), "10.0.0.4");
  EXPECT_EQ(rows[1].at("RemotePort"), "445");
  EXPECT_EQ(rows[1].at("Protocol"), "Tcp");
  EXPECT_EQ(rows[1].at("ActionType"), "ConnectionSuccess");  // RSTO: established, then reset
  EXPECT_EQ(rows[1].at("LocalIPType"), "Private");
  EXPECT_EQ(rows[1].at("DeviceName"), "bobs.bigwheel.local");
  EXPECT_NE(rows[1].at("AdditionalFields").find(R"("service":"gssapi,smb,krb")"), std::string::npos);
}

TEST(ZeekTest, LsassTsvConnLog) {
  std::string path = kReal + "otrf-security-datasets/zeek-lsass-tsv/LSASS_campaign_05_conn.log";
  SKIP_WITHOUT(path);
  ReadResult result = ReadTelemetry(path, "zeek-tsv");
  EXPECT_EQ(result.errors, 0u);
  EXPECT_EQ(result.rows.tables["DeviceNetworkEvents"].size(), 895u);
  EXPECT_TRUE(result.rows.unmapped.empty());
}

}  // namespace
}  // namespace iochound::testing
