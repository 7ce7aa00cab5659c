// The Windows DNS Server analytic log (wevtutil XML of the Microsoft-Windows-DNSServer/Analytical
// channel): client lookups become DnsEvents rows, answers read from PacketData; the server's
// recursion events stay in WindowsEvent only.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "windows_test_util.h"

namespace iochound {
namespace {

using windows_testing::Routed;
using windows_testing::RouteFile;
using windows_testing::Row;
using windows_testing::WriteTempFile;

std::string AnalyticEvent(int id, const std::string& time, const std::string& data) {
  return fmt::format(
      "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
      "<Provider Name='Microsoft-Windows-DNSServer' Guid='{{EB79061A-A566-4698-9119-3ED2807060E7}}'/>"
      "<EventID>{}</EventID><Version>0</Version><Level>4</Level><Task>1</Task><Opcode>0</Opcode>"
      "<Keywords>0x8000000000000001</Keywords><TimeCreated SystemTime='{}'/>"
      "<EventRecordID>{}</EventRecordID><Correlation/><Execution ProcessID='852' ThreadID='3668'/>"
      "<Channel>Microsoft-Windows-DNSServer/Analytical</Channel><Computer>dns1.corp.example</Computer>"
      "<Security UserID='S-1-5-18'/></System><EventData>{}</EventData></Event>\r\n",
      id, time, id, data);
}

std::string Data(const std::string& name, const std::string& value) {
  return fmt::format("<Data Name='{}'>{}</Data>", name, value);
}

// A response to "evil.example" A: one answer, 192.0.2.10 (RFC 1035 4.1 wire format as hex).
const std::string kResponsePacket =
    "0x123481800001000100000000046576696C076578616D706C650000010001"
    "C00C000100010000012C0004C000020A";

TEST(DnsServerAnalyticTest, ClientLookupsBecomeDnsEventsRows) {
  std::string document =
      AnalyticEvent(256, "2026-11-20T10:00:00.1000000Z",
                    Data("TCP", "0") + Data("InterfaceIP", "10.0.0.1") + Data("Source", "10.0.0.5") +
                        Data("QNAME", "evil.example.") + Data("QTYPE", "1") + Data("XID", "4660")) +
      AnalyticEvent(
          260, "2026-11-20T10:00:00.1100000Z",
          Data("Destination", "198.51.100.53") + Data("QNAME", "evil.example.") + Data("QTYPE", "1")) +
      AnalyticEvent(257, "2026-11-20T10:00:00.2000000Z",
                    Data("Destination", "10.0.0.5") + Data("QNAME", "evil.example.") + Data("QTYPE", "1") +
                        Data("RCODE", "0") + Data("PacketData", kResponsePacket)) +
      AnalyticEvent(258, "2026-11-20T10:00:01Z",
                    Data("Destination", "10.0.0.6") + Data("QNAME", "missing.example.") +
                        Data("QTYPE", "28") + Data("RCODE", "3"));
  DataErrors errors;
  Routed routed = RouteFile(WriteTempFile("analytic.xml", document), errors);
  EXPECT_EQ(routed.format, "windows-xml");
  EXPECT_EQ(errors.count(), 0u);
  EXPECT_TRUE(routed.sink.problems().empty());
  EXPECT_EQ(routed.sink.count("WindowsEvent"), 4u);

  const std::vector<Row>& rows = routed.sink.rows("DnsEvents");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].at("EventId"), "256");
  EXPECT_EQ(rows[0].at("ClientIP"), "10.0.0.5");
  EXPECT_EQ(rows[0].at("Name"), "evil.example");
  EXPECT_EQ(rows[0].at("QueryType"), "A");
  EXPECT_EQ(rows[0].at("Computer"), "dns1.corp.example");
  EXPECT_EQ(rows[0].count("ResultCode"), 0u);

  EXPECT_EQ(rows[1].at("EventId"), "257");
  EXPECT_EQ(rows[1].at("ClientIP"), "10.0.0.5");
  EXPECT_EQ(rows[1].at("IPAddresses"), "192.0.2.10");
  EXPECT_EQ(rows[1].at("Result"), "Success");
  EXPECT_EQ(rows[1].at("ResultCode"), "0");

  EXPECT_EQ(rows[2].at("EventId"), "258");
  EXPECT_EQ(rows[2].at("ClientIP"), "10.0.0.6");
  EXPECT_EQ(rows[2].at("Name"), "missing.example");
  EXPECT_EQ(rows[2].at("QueryType"), "AAAA");
  EXPECT_EQ(rows[2].at("Result"), "Failure");
  EXPECT_EQ(rows[2].at("ResultCode"), "3");
  EXPECT_EQ(rows[2].at("IPAddresses"), "");
}

TEST(DnsServerAnalyticTest, AResponseWhosePacketDataIsCutKeepsItsRow) {
  std::string cut = kResponsePacket.substr(0, 70);  // inside the answer
  DataErrors errors;
  Routed routed = RouteFile(
      WriteTempFile("cut.xml",
                    AnalyticEvent(257, "2026-11-20T10:00:00Z",
                                  Data("Destination", "10.0.0.5") + Data("QNAME", "evil.example.") +
                                      Data("QTYPE", "1") + Data("RCODE", "0") + Data("PacketData", cut))),
      errors);
  const std::vector<Row>& rows = routed.sink.rows("DnsEvents");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("Name"), "evil.example");
  EXPECT_EQ(rows[0].at("IPAddresses"), "");
}

}  // namespace
}  // namespace iochound
