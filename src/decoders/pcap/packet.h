// Link, network and transport headers of one captured frame, down to the transport payload:
// Ethernet (with 802.1Q/802.1ad tags), Linux cooked capture v1/v2, BSD loopback and raw IP link
// types; IPv4 (first fragments only) and IPv6 (skipping extension headers); UDP and TCP.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace iochound {

struct TransportPacket {
  enum class Protocol : uint8_t { kUdp, kTcp, kOther };
  Protocol protocol = Protocol::kOther;
  uint8_t ip_protocol = 0;  // the IP protocol number (6 TCP, 17 UDP, 1 ICMP ...)
  std::string source_ip;
  std::string destination_ip;
  uint16_t source_port = 0;
  uint16_t destination_port = 0;
  uint32_t tcp_sequence = 0;
  uint8_t tcp_flags = 0;
  std::string_view payload;  // into the frame
};

enum class PacketResult {
  kDecoded,    // an IPv4/IPv6 packet with its transport header (protocol kOther for non-TCP/UDP)
  kNotIp,      // a frame that carries no IP packet (ARP, LLDP ...)
  kFragment,   // a non-first IPv4 fragment or an IPv6 fragment: no transport header to read
  kMalformed,  // headers truncated or inconsistent; `error` says which
};

// Decodes `frame` captured with pcap link type `link_type` (LINKTYPE_* numbers).
PacketResult DecodePacket(int link_type, std::string_view frame, TransportPacket& packet, std::string& error);

// The link types DecodePacket understands.
bool IsSupportedLinkType(int link_type);

}  // namespace iochound
