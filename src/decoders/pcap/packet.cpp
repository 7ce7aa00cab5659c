#include "decoders/pcap/packet.h"

#include <arpa/inet.h>
#include <fmt/format.h>

namespace iochound {
namespace {

// LINKTYPE_* values (https://www.tcpdump.org/linktypes.html).
constexpr int kNull = 0;
constexpr int kEthernet = 1;
constexpr int kRaw = 101;
constexpr int kRawDlt = 12;  // DLT_RAW as some systems write it
constexpr int kLoop = 108;
constexpr int kLinuxSll = 113;
constexpr int kIpv4 = 228;
constexpr int kIpv6 = 229;
constexpr int kLinuxSll2 = 276;

constexpr uint16_t kEtherIpv4 = 0x0800;
constexpr uint16_t kEtherIpv6 = 0x86DD;

uint16_t U16(std::string_view b, size_t at) {
  return static_cast<uint16_t>(static_cast<uint8_t>(b[at]) << 8 | static_cast<uint8_t>(b[at + 1]));
}

uint32_t U32(std::string_view b, size_t at) {
  return static_cast<uint32_t>(U16(b, at)) << 16 | U16(b, at + 2);
}

std::string Address(std::string_view bytes, int family) {
  char text[INET6_ADDRSTRLEN];
  if (inet_ntop(family, bytes.data(), text, sizeof text) == nullptr) return {};
  return text;
}

}  // namespace

PacketResult DecodeTransport(uint8_t protocol, std::string_view segment, TransportPacket& packet,
                             std::string& error) {
  packet.ip_protocol = protocol;
  if (protocol == 17) {
    if (segment.size() < 8) {
      error = fmt::format("UDP header truncated ({} bytes)", segment.size());
      return PacketResult::kMalformed;
    }
    packet.protocol = TransportPacket::Protocol::kUdp;
    packet.source_port = U16(segment, 0);
    packet.destination_port = U16(segment, 2);
    size_t length = U16(segment, 4);
    // The UDP length bounds the payload (Ethernet pads short frames); a bad length falls back to the frame.
    if (length < 8 || length > segment.size()) length = segment.size();
    packet.payload = segment.substr(8, length - 8);
    return PacketResult::kDecoded;
  }
  if (protocol == 6) {
    if (segment.size() < 20) {
      error = fmt::format("TCP header truncated ({} bytes)", segment.size());
      return PacketResult::kMalformed;
    }
    size_t header = static_cast<size_t>(static_cast<uint8_t>(segment[12]) >> 4) * 4;
    if (header < 20 || header > segment.size()) {
      error =
          fmt::format("TCP header length {} does not fit the segment of {} bytes", header, segment.size());
      return PacketResult::kMalformed;
    }
    packet.protocol = TransportPacket::Protocol::kTcp;
    packet.source_port = U16(segment, 0);
    packet.destination_port = U16(segment, 2);
    packet.tcp_sequence = U32(segment, 4);
    packet.tcp_flags = static_cast<uint8_t>(segment[13]);
    packet.payload = segment.substr(header);
    return PacketResult::kDecoded;
  }
  packet.protocol = TransportPacket::Protocol::kOther;
  packet.payload = segment;
  return PacketResult::kDecoded;
}

namespace {

PacketResult Ipv4(std::string_view ip, TransportPacket& packet, std::string& error) {
  if (ip.size() < 20) {
    error = fmt::format("IPv4 header truncated ({} bytes)", ip.size());
    return PacketResult::kMalformed;
  }
  size_t header = static_cast<size_t>(ip[0] & 0x0F) * 4;
  size_t total = U16(ip, 2);
  // 0 on segments captured before the NIC split them (TCP segmentation offload): the frame is the
  // packet.
  if (total == 0) total = ip.size();
  if (header < 20 || header > ip.size() || total < header) {
    error =
        fmt::format("IPv4 header length {} / total length {} do not fit {} bytes", header, total, ip.size());
    return PacketResult::kMalformed;
  }
  // Captures truncated by the snap length keep what they have; Ethernet padding is cut off.
  if (total < ip.size()) ip = ip.substr(0, total);
  packet.source_ip = Address(ip.substr(12, 4), AF_INET);
  packet.destination_ip = Address(ip.substr(16, 4), AF_INET);
  const uint16_t fragment = U16(ip, 6);
  const uint8_t protocol = static_cast<uint8_t>(ip[9]);
  if ((fragment & 0x3FFF) != 0) {  // an offset or the More Fragments flag (RFC 791 3.1)
    packet.ip_protocol = protocol;
    packet.fragment_id = U16(ip, 4);
    packet.fragment_offset = static_cast<uint32_t>(fragment & 0x1FFF) * 8;
    packet.more_fragments = (fragment & 0x2000) != 0;
    packet.payload = ip.substr(header);
    return PacketResult::kFragment;
  }
  return DecodeTransport(protocol, ip.substr(header), packet, error);
}

PacketResult Ipv6(std::string_view ip, TransportPacket& packet, std::string& error) {
  if (ip.size() < 40) {
    error = fmt::format("IPv6 header truncated ({} bytes)", ip.size());
    return PacketResult::kMalformed;
  }
  size_t payload_length = U16(ip, 4);
  if (40 + payload_length < ip.size()) ip = ip.substr(0, 40 + payload_length);
  packet.source_ip = Address(ip.substr(8, 16), AF_INET6);
  packet.destination_ip = Address(ip.substr(24, 16), AF_INET6);
  uint8_t next = static_cast<uint8_t>(ip[6]);
  size_t offset = 40;
  // Hop-by-hop, routing and destination options headers: length in 8-byte units after the first 8.
  while (next == 0 || next == 43 || next == 60) {
    if (offset + 8 > ip.size()) {
      error = "IPv6 extension header truncated";
      return PacketResult::kMalformed;
    }
    next = static_cast<uint8_t>(ip[offset]);
    offset += (static_cast<size_t>(static_cast<uint8_t>(ip[offset + 1])) + 1) * 8;
  }
  if (offset > ip.size()) {
    error = "IPv6 extension headers run past the packet";
    return PacketResult::kMalformed;
  }
  if (next == 44) {  // Fragment header (RFC 8200 4.5): next header, offset and M flag, identification
    if (offset + 8 > ip.size()) {
      error = "IPv6 fragment header truncated";
      return PacketResult::kMalformed;
    }
    const uint16_t fragment = U16(ip, offset + 2);
    packet.ip_protocol = static_cast<uint8_t>(ip[offset]);
    packet.fragment_id = U32(ip, offset + 4);
    packet.fragment_offset = fragment & 0xFFF8;  // 13 bits of 8-byte units, already shifted by 3
    packet.more_fragments = (fragment & 1) != 0;
    packet.payload = ip.substr(offset + 8);
    return PacketResult::kFragment;
  }
  return DecodeTransport(next, ip.substr(offset), packet, error);
}

PacketResult ByEtherType(uint16_t type, std::string_view payload, TransportPacket& packet,
                         std::string& error) {
  if (type == kEtherIpv4) return Ipv4(payload, packet, error);
  if (type == kEtherIpv6) return Ipv6(payload, packet, error);
  return PacketResult::kNotIp;
}

PacketResult ByVersion(std::string_view ip, TransportPacket& packet, std::string& error) {
  if (ip.empty()) {
    error = "empty raw IP packet";
    return PacketResult::kMalformed;
  }
  int version = static_cast<uint8_t>(ip[0]) >> 4;
  if (version == 4) return Ipv4(ip, packet, error);
  if (version == 6) return Ipv6(ip, packet, error);
  return PacketResult::kNotIp;
}

PacketResult Truncated(std::string_view what, size_t size, std::string& error) {
  error = fmt::format("{} header truncated ({} bytes)", what, size);
  return PacketResult::kMalformed;
}

}  // namespace

bool IsSupportedLinkType(int link_type) {
  switch (link_type) {
    case kNull:
    case kEthernet:
    case kRaw:
    case kRawDlt:
    case kLoop:
    case kLinuxSll:
    case kIpv4:
    case kIpv6:
    case kLinuxSll2:
      return true;
    default:
      return false;
  }
}

PacketResult DecodePacket(int link_type, std::string_view frame, TransportPacket& packet,
                          std::string& error) {
  packet = TransportPacket();
  switch (link_type) {
    case kEthernet: {
      if (frame.size() < 14) return Truncated("Ethernet", frame.size(), error);
      uint16_t type = U16(frame, 12);
      size_t offset = 14;
      while (type == 0x8100 || type == 0x88A8) {  // 802.1Q / 802.1ad tags
        if (frame.size() < offset + 4) return Truncated("VLAN tag", frame.size(), error);
        type = U16(frame, offset + 2);
        offset += 4;
      }
      return ByEtherType(type, frame.substr(offset), packet, error);
    }
    case kLinuxSll:
      if (frame.size() < 16) return Truncated("Linux cooked capture", frame.size(), error);
      return ByEtherType(U16(frame, 14), frame.substr(16), packet, error);
    case kLinuxSll2:
      if (frame.size() < 20) return Truncated("Linux cooked capture v2", frame.size(), error);
      return ByEtherType(U16(frame, 0), frame.substr(20), packet, error);
    case kNull:
    case kLoop:
      // A 4-byte address family in the capturing host's byte order; the IP version nibble is enough.
      if (frame.size() < 4) return Truncated("loopback", frame.size(), error);
      return ByVersion(frame.substr(4), packet, error);
    case kRaw:
    case kRawDlt:
    case kIpv4:
    case kIpv6:
      return ByVersion(frame, packet, error);
    default:
      error = fmt::format("link type {} is not supported", link_type);
      return PacketResult::kMalformed;
  }
}

}  // namespace iochound
