// Reassembles fragmented IP datagrams (IPv4, RFC 791 3.2; IPv6, RFC 8200 4.5) so that a DNS
// message split across fragments (a large EDNS response over UDP) is read whole, as the host's
// stack read it. Memory is bounded: a datagram waits at most `wait` of capture time for its missing
// fragments, at most kMaxWaiting datagrams wait at once (the oldest gives way), and none grows past
// the 65,535 bytes an IP length can describe.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "decoders/pcap/packet.h"

namespace iochound {

class IpFragments {
 public:
  // A datagram given up on: the frames of the fragments that did arrive, where and when the first
  // of them was, and why it was given up.
  struct Incomplete {
    std::vector<uint64_t> frames;
    uint64_t first_offset = 0;
    int64_t first_seen = 0;
    std::string reason;
  };

  static constexpr size_t kMaxWaiting = 4096;

  explicit IpFragments(int64_t wait) : wait_(wait) {}

  // Adds fragment `packet` (DecodePacket gave kFragment) of frame number `frame`, whose record is
  // at byte `offset` of the capture, seen at `time`. When it completes its datagram, returns true
  // with the datagram's payload in `datagram`.
  bool Add(const TransportPacket& packet, uint64_t frame, uint64_t offset, int64_t time,
           std::string& datagram);

  // The datagrams that waited longer than `wait` before `now`, removed.
  std::vector<Incomplete> Expire(int64_t now);
  // Every datagram still waiting, removed (at the end of the capture).
  std::vector<Incomplete> Flush();

 private:
  struct Datagram {
    int64_t first_seen = 0;
    uint64_t first_offset = 0;
    std::map<uint32_t, std::string> pieces;  // by offset
    std::vector<uint64_t> frames;
    int64_t total = -1;  // known once the last fragment (no More Fragments flag) arrived
    std::string problem;
  };

  // Joins the pieces when they cover [0, total) without a gap; overlapping bytes must agree (RFC
  // 5722: overlaps are an evasion technique, and which copy a host keeps varies).
  static bool Assemble(Datagram& datagram, std::string& out);
  void GiveUp(int64_t first_seen, const std::string& key, std::vector<Incomplete>& out, std::string reason);

  int64_t wait_;
  std::map<std::string, Datagram> waiting_;  // by "source destination protocol id"
  std::deque<std::pair<int64_t, std::string>> order_;
};

}  // namespace iochound
