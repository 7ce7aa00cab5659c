// DNS servers' own logs (Windows DNS Server debug log, BIND query log, dnsmasq) → DnsEvents.
#include <gtest/gtest.h>

#include "decoders/dns_server/syslog_prefix.h"
#include "row_collector.h"

namespace iochound::testing {
namespace {

const std::string kFixtures = std::string(IOCHOUND_SOURCE_DIR) + "/tests/fixtures/network/";

TEST(DnsServerTest, WindowsDebugLogPairsClientQueriesWithResponses) {
  ReadResult result = ReadTelemetry(kFixtures + "windows_dns_debug.log", "windows-dns-debug");
  EXPECT_EQ(result.errors, 0u);
  const std::vector<Row>& rows = result.rows.tables["DnsEvents"];
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].at("Name"), "project1.in.net");
  EXPECT_EQ(rows[0].at("ClientIP"), "10.0.0.5");
  EXPECT_EQ(rows[0].at("QueryType"), "A");
  EXPECT_EQ(rows[0].at("ResultCode"), "0");
  EXPECT_EQ(rows[0].at("TimeGenerated"), "2026-04-18T10:00:00.0000000Z");
  EXPECT_EQ(rows[1].at("Name"), "defence.in.net");
  EXPECT_EQ(rows[1].at("ResultCode"), "3");
  EXPECT_EQ(rows[1].at("TimeGenerated"), "2026-04-18T13:00:05.0000000Z");
  // The header lines and the server's own recursion are kept unmapped.
  EXPECT_EQ(result.rows.unmapped.size(), 4u);
}

TEST(DnsServerTest, BindQueryLogInBothTimeStyles) {
  ReadResult result = ReadTelemetry(kFixtures + "bind_query.log", "bind-query-log");
  const std::vector<Row>& rows = result.rows.tables["DnsEvents"];
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].at("Name"), "project1.in.net");
  EXPECT_EQ(rows[0].at("ClientIP"), "10.0.0.5");
  EXPECT_EQ(rows[0].at("Computer"), "ns1");
  EXPECT_EQ(rows[0].count("ResultCode"), 0u);
  EXPECT_EQ(rows[1].at("QueryType"), "AAAA");
  EXPECT_EQ(rows[1].at("Computer"), "10.0.0.1");
  EXPECT_EQ(rows[1].at("TimeGenerated"), "2026-04-18T10:00:01.2500000Z");
  ASSERT_EQ(result.rows.unmapped.size(), 1u);
  EXPECT_EQ(result.rows.unmapped[0].reason, "BIND log line that is not a query: no table");
}

TEST(DnsServerTest, DnsmasqRepliesBecomeTheQueryAnswers) {
  ReadResult result = ReadTelemetry(kFixtures + "dnsmasq.log", "dnsmasq");
  const std::vector<Row>& rows = result.rows.tables["DnsEvents"];
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].at("Name"), "project1.in.net");
  EXPECT_EQ(rows[0].at("IPAddresses"), "203.0.113.7");
  EXPECT_EQ(rows[0].at("ResultCode"), "0");
  EXPECT_EQ(rows[0].at("Computer"), "gw");
  EXPECT_EQ(rows[1].at("ResultCode"), "3");
  ASSERT_EQ(result.rows.unmapped.size(), 1u);
}

TEST(DnsServerTest, SyslogPrefixes) {
  auto bsd = ParseSyslogPrefix("Apr 18 10:00:00 gw dnsmasq[123]: query[A] x from y", 2026);
  ASSERT_TRUE(bsd.has_value());
  EXPECT_EQ(bsd->program, "dnsmasq");
  EXPECT_EQ(bsd->message, "query[A] x from y");
  auto iso = ParseSyslogPrefix("2026-04-18T10:00:00.5+02:00 gw named[1]: client", 2000);
  ASSERT_TRUE(iso.has_value());
  EXPECT_EQ(iso->host, "gw");
  EXPECT_FALSE(ParseSyslogPrefix("no prefix here", 2026).has_value());
}

}  // namespace
}  // namespace iochound::testing
