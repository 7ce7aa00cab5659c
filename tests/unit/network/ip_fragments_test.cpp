// IP fragment reassembly: fragments in any order make the datagram; gaps, disagreeing overlaps and
// fragments that never arrive are given up with their frames, not lost.
#include "decoders/pcap/ip_fragments.h"

#include <gtest/gtest.h>

namespace iochound {
namespace {

TransportPacket Fragment(uint32_t id, uint32_t offset, bool more, std::string_view data) {
  TransportPacket packet;
  packet.source_ip = "10.0.0.53";
  packet.destination_ip = "10.0.0.5";
  packet.ip_protocol = 17;
  packet.fragment_id = id;
  packet.fragment_offset = offset;
  packet.more_fragments = more;
  packet.payload = data;
  return packet;
}

TEST(IpFragmentsTest, FragmentsInAnyOrderMakeTheDatagram) {
  IpFragments fragments(30);
  std::string datagram;
  EXPECT_FALSE(fragments.Add(Fragment(7, 16, false, "tail"), 3, 300, 0, datagram));
  EXPECT_FALSE(fragments.Add(Fragment(7, 0, true, "01234567"), 1, 100, 0, datagram));
  EXPECT_TRUE(fragments.Add(Fragment(7, 8, true, "89abcdef"), 2, 200, 1, datagram));
  EXPECT_EQ(datagram, "0123456789abcdeftail");
  EXPECT_TRUE(fragments.Flush().empty());
}

TEST(IpFragmentsTest, MissingAndDisagreeingFragmentsAreGivenUpWithTheirFrames) {
  IpFragments fragments(30);
  std::string datagram;
  EXPECT_FALSE(fragments.Add(Fragment(1, 0, true, "aaaaaaaa"), 1, 100, 0, datagram));
  EXPECT_FALSE(fragments.Add(Fragment(2, 0, true, "bbbbbbbb"), 2, 200, 5, datagram));
  EXPECT_FALSE(fragments.Add(Fragment(2, 4, false, "XXXXcccc"), 3, 300, 5, datagram));
  std::vector<IpFragments::Incomplete> expired = fragments.Expire(31);
  ASSERT_EQ(expired.size(), 1u);
  EXPECT_EQ(expired[0].frames, (std::vector<uint64_t>{1}));
  EXPECT_EQ(expired[0].first_offset, 100u);
  std::vector<IpFragments::Incomplete> left = fragments.Flush();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].frames, (std::vector<uint64_t>{2, 3}));
  EXPECT_EQ(left[0].reason, "overlapping fragments disagree at byte 4");
}

}  // namespace
}  // namespace iochound
