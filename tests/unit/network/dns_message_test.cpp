// DNS message parsing on hostile input (compression loops, truncation) and a capture built here
// with a looping name, a truncated frame and DNS over TCP split across segments.
#include "decoders/pcap/dns_message.h"

#include <gtest/gtest.h>

#include <string>

#include "row_collector.h"

namespace iochound::testing {
namespace {

std::string U16(unsigned v) {
  return {static_cast<char>(v >> 8), static_cast<char>(v & 0xFF)};
}

std::string U32Le(uint32_t v) {
  return {static_cast<char>(v), static_cast<char>(v >> 8), static_cast<char>(v >> 16),
          static_cast<char>(v >> 24)};
}

// A response for project1.in.net A with one answer whose name is a pointer to the question.
std::string Response(unsigned id) {
  std::string m = U16(id) + U16(0x8180) + U16(1) + U16(1) + U16(0) + U16(0);
  m += std::string("\x08project1\x02in\x03net\x00", 17) + U16(1) + U16(1);
  m += U16(0xC00C) + U16(1) + U16(1) + U16(0) + U16(60) + U16(4) + std::string("\xCB\x00\x71\x07", 4);
  return m;
}

std::string Query(unsigned id) {
  return U16(id) + U16(0x0100) + U16(1) + U16(0) + U16(0) + U16(0) +
         std::string("\x08project1\x02in\x03net\x00", 17) + U16(1) + U16(1);
}

TEST(DnsMessageTest, DecodesCompressedAnswers) {
  DnsMessage message;
  EXPECT_EQ(ParseDnsMessage(Response(7), message), "");
  EXPECT_EQ(message.question_name, "project1.in.net");
  ASSERT_EQ(message.answers.size(), 1u);
  EXPECT_EQ(message.answers[0].name, "project1.in.net");
  EXPECT_EQ(message.answers[0].data, "203.0.113.7");
}

TEST(DnsMessageTest, CompressionLoopsAndTruncationAreErrors) {
  std::string loop =
      U16(1) + U16(0x0100) + U16(1) + U16(0) + U16(0) + U16(0) + U16(0xC00C);  // points at itself
  DnsMessage message;
  EXPECT_EQ(ParseDnsMessage(loop, message), "question 1: compression pointer loop at offset 12");
  std::string full = Response(7);
  for (size_t size = 0; size < full.size(); ++size) {
    DnsMessage partial;
    EXPECT_NE(ParseDnsMessage(full.substr(0, size), partial), "") << size;
  }
}

// An Ethernet/IPv4 frame around a transport segment, from 10.0.0.5 to 10.0.0.1 (the other way round
// when `reply`).
std::string Frame(const std::string& transport, uint8_t protocol, bool reply = false) {
  std::string client("\x0A\x00\x00\x05", 4);
  std::string server("\x0A\x00\x00\x01", 4);
  std::string ip = std::string("\x45\x00", 2) + U16(20 + transport.size()) + U16(0) + U16(0) + "\x40" +
                   static_cast<char>(protocol) + U16(0) + (reply ? server + client : client + server);
  return std::string(12, '\x01') + U16(0x0800) + ip + transport;
}

std::string Udp(unsigned source, unsigned destination, const std::string& payload) {
  return U16(source) + U16(destination) + U16(8 + payload.size()) + U16(0) + payload;
}

std::string Tcp(unsigned source, unsigned destination, uint32_t sequence, const std::string& payload) {
  return U16(source) + U16(destination) + U16(sequence >> 16) + U16(sequence & 0xFFFF) + U16(0) + U16(0) +
         U16(0x5018) + U16(0xFFFF) + U16(0) + U16(0) + payload;
}

std::string Record(uint32_t seconds, const std::string& frame, size_t captured) {
  return U32Le(seconds) + U32Le(0) + U32Le(static_cast<uint32_t>(captured)) +
         U32Le(static_cast<uint32_t>(frame.size())) + frame.substr(0, captured);
}

TEST(DnsMessageTest, HostileCaptureIsReportedNotFatal) {
  // pcap header: version 2.4, snap length 65535, Ethernet.
  std::string capture =
      U32Le(0xA1B2C3D4) + std::string("\x02\x00\x04\x00", 4) + U32Le(0) + U32Le(0) + U32Le(65535) + U32Le(1);
  std::string loop = U16(1) + U16(0x0100) + U16(1) + U16(0) + U16(0) + U16(0) + U16(0xC00C);
  std::string query = Frame(Udp(50000, 53, Query(9)), 17);
  capture += Record(1776506400, query, query.size());
  capture += Record(1776506400, Frame(Udp(50001, 53, loop), 17), 42 + loop.size());
  std::string truncated = Frame(Udp(50002, 53, Query(10)), 17);
  capture += Record(1776506401, truncated, 30);  // cut inside the IP header
  // DNS over TCP: a length-prefixed response split across two segments.
  std::string tcp_message = U16(Response(11).size()) + Response(11);
  capture += Record(1776506402, Frame(Tcp(53, 50003, 1000, tcp_message.substr(0, 5)), 6), 54 + 5);
  capture +=
      Record(1776506402, Frame(Tcp(53, 50003, 1005, tcp_message.substr(5)), 6), 54 + tcp_message.size() - 5);
  std::string path = WriteTempFile("hostile.pcap", capture);

  ReadResult result = ReadTelemetry(path, "pcap");
  EXPECT_EQ(result.records, 5u);
  EXPECT_EQ(result.errors, 2u);  // the looping name, the truncated frame
  const std::vector<Row>& rows = result.rows.tables["DnsEvents"];
  ASSERT_EQ(rows.size(),
            2u);  // the TCP response (its query not captured), then the unanswered query at the end
  EXPECT_EQ(rows[0].at("Name"), "project1.in.net");
  EXPECT_EQ(rows[0].at("IPAddresses"), "203.0.113.7");
  EXPECT_EQ(rows[0].at("ClientIP"), "10.0.0.1");
  EXPECT_EQ(rows[1].at("Name"), "project1.in.net");
  EXPECT_EQ(rows[1].count("ResultCode"), 0u);
}

// A client that asks again with the same id and port before the response (Windows retries after
// 1 s): the response answers the first query, the retry is a row of its own without a response,
// as Zeek logs them, so a capture and its Zeek dns.log give the same rows.
TEST(DnsMessageTest, ResponseAnswersTheFirstQueryAndTheRetryStaysUnanswered) {
  std::string capture =
      U32Le(0xA1B2C3D4) + std::string("\x02\x00\x04\x00", 4) + U32Le(0) + U32Le(0) + U32Le(65535) + U32Le(1);
  std::string query = Frame(Udp(50000, 53, Query(21)), 17);
  std::string response = Frame(Udp(53, 50000, Response(21)), 17, true);
  capture += Record(1776506400, query, query.size());
  capture += Record(1776506401, query, query.size());
  capture += Record(1776506402, response, response.size());
  std::string path = WriteTempFile("retry.pcap", capture);

  ReadResult result = ReadTelemetry(path, "pcap");
  EXPECT_EQ(result.errors, 0u);
  const std::vector<Row>& rows = result.rows.tables["DnsEvents"];
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_TRUE(rows[0].at("TimeGenerated").starts_with("2026-04-18T10:00:01")) << rows[0].at("TimeGenerated");
  EXPECT_EQ(rows[0].count("ResultCode"), 0u);
  EXPECT_TRUE(rows[1].at("TimeGenerated").starts_with("2026-04-18T10:00:00")) << rows[1].at("TimeGenerated");
  EXPECT_EQ(rows[1].at("ResultCode"), "0");
  EXPECT_EQ(rows[1].at("IPAddresses"), "203.0.113.7");
}

// A dynamic update (opcode 5, the question section naming the zone) is no lookup: its row has the
// DNS Server's update event IDs, which imDns counts as EventType "Update".
TEST(DnsMessageTest, DynamicUpdateIsAnUpdateRow) {
  std::string capture =
      U32Le(0xA1B2C3D4) + std::string("\x02\x00\x04\x00", 4) + U32Le(0) + U32Le(0) + U32Le(65535) + U32Le(1);
  std::string zone = std::string(
                         "\x07"
                         "dmevals"
                         "\x05"
                         "local",
                         14) +
                     std::string(1, '\0') + U16(6) + U16(1);
  std::string update =
      Frame(Udp(50000, 53, U16(5) + U16(0x2800) + U16(1) + U16(0) + U16(0) + U16(0) + zone), 17);
  std::string reply =
      Frame(Udp(53, 50000, U16(5) + U16(0xA800) + U16(1) + U16(0) + U16(0) + U16(0) + zone), 17, true);
  capture += Record(1776506400, update, update.size());
  capture += Record(1776506400, reply, reply.size());
  capture += Record(1776506401, update, update.size());  // another, never answered
  ReadResult result = ReadTelemetry(WriteTempFile("update.pcap", capture), "pcap");
  EXPECT_EQ(result.errors, 0u);
  const std::vector<Row>& rows = result.rows.tables["DnsEvents"];
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].at("Name"), "dmevals.local");
  EXPECT_EQ(rows[0].at("QueryType"), "SOA");
  EXPECT_EQ(rows[0].at("EventId"), "264");
  EXPECT_EQ(rows[0].at("ResultCode"), "0");
  EXPECT_EQ(rows[1].at("EventId"), "263");
}

}  // namespace
}  // namespace iochound::testing
