// pcap/pcapng → DnsEvents and DeviceNetworkEvents: real captures from ../shared/data/real and
// captures built by the tests (compression loops, truncation, DNS over TCP split across segments).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "../ingest/ingest_test_util.h"
#include "row_collector.h"

namespace iochound::testing {
namespace {

const std::string kReal = std::string(IOCHOUND_SHARED_DIR) + "/data/real/";

#define SKIP_WITHOUT(path) \
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared data absent: " << (path)

TEST(PcapTest, DnsTunnellingCaptureGivesItsQueries) {
  std::string path = kReal + "evtx-attack-samples/cmds_over_dns_txt_queries_and_reponses.pcap";
  SKIP_WITHOUT(path);
  ReadResult result = ReadTelemetry(path, "pcap");
  EXPECT_EQ(result.errors, 0u);
  EXPECT_EQ(result.records, 301u);
  const std::vector<Row>& rows = result.rows.tables["DnsEvents"];
  EXPECT_EQ(rows.size(), 112u);
  EXPECT_EQ(DistinctCount(rows, "Name"), 22u);
  EXPECT_EQ(result.rows.tables["DeviceNetworkEvents"].size(), rows.size());
  // Every other frame is kept, with its reason: ARP and the like, NetBIOS/DHCPv6 over UDP, and ICMP
  // errors (SOURCES.md's 114 responses count the DNS quoted inside 15 of these, as tshark does).
  std::map<std::string, size_t> reasons;
  for (const UnmappedRecord& record : result.rows.unmapped) ++reasons[record.reason];
  EXPECT_EQ(reasons, (std::map<std::string, size_t>{{"pcap frame without IP: no table", 41},
                                                    {"pcap ICMP frame, not DNS: no table", 15},
                                                    {"pcap UDP frame, not DNS: no table", 34}}));
}

}  // namespace
}  // namespace iochound::testing

namespace iochound::testing {
namespace {

// Large TCP segments captured before segmentation offload split them carry IPv4 total length 0.
TEST(PcapTest, Apt29CaptureWithOffloadedSegmentsReadsCleanly) {
  std::string path = kReal + "otrf-security-datasets/pcap/apt29_day2_NEWYORK.cap";
  SKIP_WITHOUT(path);
  ReadResult result = ReadTelemetry(path, "pcap");
  EXPECT_EQ(result.errors, 0u);
  EXPECT_EQ(result.records, 4336u);
  EXPECT_EQ(result.rows.tables["DnsEvents"].size(), 154u);  // SOURCES.md: 154 DNS queries
}

// A gzipped capture cut short: the frames before the damage are read, the damage is reported.
TEST(PcapTest, TruncatedGzippedCaptureKeepsTheFramesBeforeTheCut) {
  std::string path = kReal + "otrf-security-datasets/pcap/apt29_day2_NEWYORK.cap";
  SKIP_WITHOUT(path);
  std::string packed = ingest_testing::Gzip(ingest_testing::ReadFile(path));
  ReadResult result = ReadTelemetry(WriteTempFile("cut.cap.gz", packed.substr(0, packed.size() / 2)), "pcap");
  EXPECT_GE(result.errors, 1u);  // the truncated gzip data, and the frame it cuts
  EXPECT_GT(result.records, 1000u);
  EXPECT_LT(result.records, 4336u);
  EXPECT_GT(result.rows.tables["DnsEvents"].size(), 10u);
}

}  // namespace
}  // namespace iochound::testing
