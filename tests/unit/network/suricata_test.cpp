// Suricata EVE → DnsEvents (queries paired with their answers, every layout) and DeviceNetworkEvents.
#include <gtest/gtest.h>

#include <filesystem>

#include "row_collector.h"

namespace iochound::testing {
namespace {

const std::string kFixtures = std::string(IOCHOUND_SOURCE_DIR) + "/tests/fixtures/network/";
const std::string kReal = std::string(IOCHOUND_SHARED_DIR) + "/data/real/";

const Row* FindByName(const std::vector<Row>& rows, const std::string& name) {
  for (const Row& row : rows)
    if (row.at("Name") == name) return &row;
  return nullptr;
}

TEST(SuricataTest, QueriesArePairedWithTheirAnswersOnce) {
  ReadResult result = ReadTelemetry(kFixtures + "suricata_eve.json", "suricata-eve");
  EXPECT_EQ(result.errors, 1u);  // "not json at all"
  EXPECT_EQ(result.records, 11u);
  const std::vector<Row>& rows = result.rows.tables["DnsEvents"];
  ASSERT_EQ(rows.size(), 5u);

  const Row* v1 = FindByName(rows, "project1.in.net");  // query + two per-record answers: one row
  ASSERT_NE(v1, nullptr);
  EXPECT_EQ(v1->at("ClientIP"), "10.0.0.5");
  EXPECT_EQ(v1->at("Computer"), "10.0.0.1");
  EXPECT_EQ(v1->at("QueryType"), "A");
  EXPECT_EQ(v1->at("IPAddresses"), "203.0.113.7");
  EXPECT_EQ(v1->at("ResultCode"), "0");
  EXPECT_EQ(v1->at("TimeGenerated"), "2026-04-18T10:00:00.1000000Z");  // the query's time

  const Row* v3 = FindByName(rows, "defence.in.net");
  ASSERT_NE(v3, nullptr);
  EXPECT_EQ(v3->at("QueryType"), "AAAA");
  EXPECT_EQ(v3->at("IPAddresses"), "2001:db8::7");

  const Row* answer_only = FindByName(rows, "nothing.example");  // its query was not logged
  ASSERT_NE(answer_only, nullptr);
  EXPECT_EQ(answer_only->at("ClientIP"), "10.0.0.7");
  EXPECT_EQ(answer_only->at("ResultCode"), "3");

  const Row* unanswered = FindByName(rows, "lonely.example");  // expired by late.example's time
  ASSERT_NE(unanswered, nullptr);
  EXPECT_EQ(unanswered->count("ResultCode"), 0u);
  EXPECT_NE(FindByName(rows, "late.example"), nullptr);  // flushed at the end

  const std::vector<Row>& flows = result.rows.tables["DeviceNetworkEvents"];
  ASSERT_EQ(flows.size(), 1u);
  EXPECT_EQ(flows[0].at("Timestamp"), "2026-04-18T09:59:58.0000000Z");
  EXPECT_EQ(flows[0].at("ActionType"), "ConnectionSuccess");
  EXPECT_EQ(flows[0].at("RemoteIP"), "198.51.100.9");
  EXPECT_EQ(flows[0].at("RemotePort"), "443");
  EXPECT_EQ(flows[0].at("RemoteIPType"), "Public");
  EXPECT_EQ(flows[0].at("Protocol"), "Tcp");

  ASSERT_EQ(result.rows.unmapped.size(), 1u);
  EXPECT_EQ(result.rows.unmapped[0].reason, "Suricata alert event: no table");
}

TEST(SuricataTest, BeatsSampleMixesV1AndV2Answers) {
  std::string path = kReal + "elastic-beats-suricata/eve-dns-4.1.4.log";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared data absent: " << path;
  ReadResult result = ReadTelemetry(path, "suricata-eve");
  EXPECT_EQ(result.errors, 0u);
  EXPECT_EQ(result.records, 24u);
  const std::vector<Row>& rows = result.rows.tables["DnsEvents"];
  // 8 queries, each answered once (6 v2 answers, 2 v1 responses of 5 records each).
  ASSERT_EQ(rows.size(), 8u);
  EXPECT_EQ(DistinctCount(rows, "Name"), 3u);  // google.com, www.elastic.co, www.yahoo.com
  size_t answered = 0;
  for (const Row& row : rows) answered += row.at("ResultCode") == "0";
  EXPECT_EQ(answered, 8u);
  const Row* yahoo = nullptr;
  for (const Row& row : rows)
    if (row.at("Name") == "www.yahoo.com" && row.at("QueryType") == "A") yahoo = &row;
  ASSERT_NE(yahoo, nullptr);
  EXPECT_EQ(yahoo->at("IPAddresses"), "98.138.219.232, 98.138.219.231, 72.30.35.10, 72.30.35.9");
}

// The client asks again (same flow, id and client) before the response: as in a capture and in
// Zeek, the response answers the first query and the retry is a row without a response.
TEST(SuricataTest, ResponseAnswersTheFirstQueryAndTheRetryStaysUnanswered) {
  std::string query =
      R"({"timestamp":"2026-04-18T10:00:0SECOND.000000+0000","flow_id":7,"event_type":"dns","src_ip":"10.0.0.5",)"
      R"("src_port":50001,"dest_ip":"10.0.0.1","dest_port":53,"proto":"UDP","dns":{"type":"query","id":9,)"
      R"("rrname":"project1.in.net","rrtype":"A","tx_id":0}})";
  std::string first = query;
  first.replace(first.find("SECOND"), 6, "0");
  std::string retry = query;
  retry.replace(retry.find("SECOND"), 6, "1");
  std::string answer =
      R"({"timestamp":"2026-04-18T10:00:02.000000+0000","flow_id":7,"event_type":"dns","src_ip":"10.0.0.1",)"
      R"("src_port":53,"dest_ip":"10.0.0.5","dest_port":50001,"proto":"UDP","dns":{"version":2,"type":"answer",)"
      R"("id":9,"rcode":"NOERROR","rrname":"project1.in.net","rrtype":"A","answers":[{"rrname":"project1.in.net",)"
      R"("rrtype":"A","ttl":60,"rdata":"203.0.113.7"}]}})";
  ReadResult result = ReadTelemetry(
      WriteTempFile("retry_eve.json", first + "\n" + retry + "\n" + answer + "\n"), "suricata-eve");
  EXPECT_EQ(result.errors, 0u);
  const std::vector<Row>& rows = result.rows.tables["DnsEvents"];
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_TRUE(rows[0].at("TimeGenerated").starts_with("2026-04-18T10:00:01.")) << rows[0].at("TimeGenerated");
  EXPECT_EQ(rows[0].count("ResultCode"), 0u);
  EXPECT_TRUE(rows[1].at("TimeGenerated").starts_with("2026-04-18T10:00:00.")) << rows[1].at("TimeGenerated");
  EXPECT_EQ(rows[1].at("IPAddresses"), "203.0.113.7");
}

}  // namespace
}  // namespace iochound::testing
