// Link, network and transport headers of one captured frame, down to the transport payload:
// Ethernet (with 802.1Q/802.1ad tags), Linux cooked capture v1/v2, BSD loopback and raw IP link
// types; IPv4 and IPv6 (skipping extension headers), fragments handed out for reassembly
// (ip_fragments.h); UDP and TCP.
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
  std::string_view payload;  // into the frame; a fragment's data for kFragment
  // Set for kFragment: the datagram's identification, where this fragment's data starts in the
  // datagram's payload (bytes), and whether more fragments follow.
  uint32_t fragment_id = 0;
  uint32_t fragment_offset = 0;
  bool more_fragments = false;
};

enum class PacketResult {
  kDecoded,    // an IPv4/IPv6 packet with its transport header (protocol kOther for non-TCP/UDP)
  kNotIp,      // a frame that carries no IP packet (ARP, LLDP ...)
  kFragment,   // an IPv4 or IPv6 fragment: addresses, ip_protocol and the fragment fields are set
  kMalformed,  // headers truncated or inconsistent; `error` says which
};

// Decodes `frame` captured with pcap link type `link_type` (LINKTYPE_* numbers).
PacketResult DecodePacket(int link_type, std::string_view frame, TransportPacket& packet, std::string& error);

// Decodes the transport header of `segment`, an IP payload of protocol `protocol` (a reassembled
// datagram's), into `packet`, keeping its addresses.
PacketResult DecodeTransport(uint8_t protocol, std::string_view segment, TransportPacket& packet,
                             std::string& error);

// The link types DecodePacket understands.
bool IsSupportedLinkType(int link_type);

}  // namespace iochound
